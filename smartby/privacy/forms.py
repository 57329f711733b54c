from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from smartby.accounts.forms import AccessibleFormMixin
from smartby.lib.forms import CleanTextMixin


class EmailForm(AccessibleFormMixin, CleanTextMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("Den adresse, du vil se data for. Vi sender et link til den."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Skriv din e-mailadresse."),
            "invalid": _("Skriv en gyldig e-mailadresse, fx navn@kommune.dk."),
        },
    )


class ConfirmDeleteForm(AccessibleFormMixin, forms.Form):
    confirm = forms.BooleanField(
        label=_("Ja, slet mine oplysninger – det kan ikke fortrydes"),
        error_messages={"required": _("Sæt kryds for at bekræfte sletningen.")},
    )


class PasswordDeleteForm(ConfirmDeleteForm):
    """Deleting one's own account asks for the password again, whatever the session's age."""

    password = forms.CharField(
        label=_("Din adgangskode"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Skriv din adgangskode.")},
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Adgangskoden er forkert."))
        return password
