"""`smartby personal-data export EMAIL` prints everything Smartby holds about the person with
that address as JSON (smartby-personal-data/1); `smartby personal-data delete EMAIL --yes`
deletes it (see privacy/operations.py). For coordinators acting on a person's request: both are
audited (counts only), as run from the command line."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from smartby.lib.errors import ValidationFailed
from smartby.privacy import operations


class _Operator:
    """The command line acts with the operator's authority (like a coordinator)."""

    is_authenticated = True
    is_coordinator = True
    pk = None
    email = ""


class Command(BaseCommand):
    help = "Udlevér (export) eller slet (delete) personoplysninger for en e-mailadresse."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["export", "delete"])
        parser.add_argument("email")
        parser.add_argument("--yes", action="store_true", help="Bekræft sletningen.")

    def handle(self, *args: Any, action: str, email: str, yes: bool, **options: Any) -> None:
        try:
            address = operations.validate_email(email)
        except ValidationFailed as exc:
            raise CommandError(exc.errors[0]["message"]) from None
        subject = operations.subject_for(address)
        if action == "export":
            data = operations.export_for(_Operator(), subject, via="cli")
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        if not yes:
            raise CommandError("Sletning kræver --yes.")
        result = operations.delete(_Operator(), subject, via="cli")
        total = sum(result.counts.values())
        self.stdout.write(f"Slettet eller anonymiseret: {total} post(er); konto: {result.account}.")
        for key, count in result.counts.items():
            if count:
                self.stdout.write(f"  {key}: {count}")
        for project in result.projects_without_contact:
            self.stdout.write(f"  Projektet har nu ingen kontaktperson: {project.title}")
