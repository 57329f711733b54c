"""`smartby reset-twofactor EMAIL`: remove a user's second factor (app and recovery codes).

For when no superuser can do it on the user's page (/konto/brugere/<id>/), e.g. the only
superuser lost both the phone and the recovery codes. The user sets it up again after the next
login. Audited as `twofactor.reset` with source "cli".
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from smartby.accounts import twofactor
from smartby.accounts.models import User


class Command(BaseCommand):
    help = "Nulstil en brugers totrinsbekræftelse (app og gendannelseskoder)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="Brugerens e-mailadresse.")

    def handle(self, *args: Any, email: str, **options: Any) -> None:
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError("Der findes ingen bruger med den e-mailadresse.")
        try:
            twofactor.reset_by_operator(user)
        except ValidationError as e:
            raise CommandError(" ".join(e.messages)) from e
        self.stdout.write(
            "Totrinsbekræftelse er nulstillet; brugeren sætter den op ved næste login."
        )
