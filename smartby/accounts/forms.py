"""Account forms: Danish labels and messages, accessible errors.

Forms parse input; the rules live in `operations.py`. A view passes cleaned data to an operation
and hands a `ValidationError` back with `form.add_error(None, error)`, which puts each message
beside its field. Django ties field errors to their inputs (aria-invalid, aria-describedby);
`AccessibleFormMixin` adds `autofocus` to the first field with an error, or to the error summary
when only the form as a whole failed (see `accounts/_form.html`).
"""

from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from smartby.accounts import operations, throttle, twofactor
from smartby.accounts.models import Role, User
from smartby.lib import emails
from smartby.orgs.models import Organisation


class AccessibleFormMixin:
    """Focus the first error when the page comes back with errors."""

    focus_error_summary = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        self._set_error_focus()

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)  # type: ignore[misc]
        self._set_error_focus()

    def _set_error_focus(self) -> None:
        errors = getattr(self, "_errors", None) or {}
        first = None
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            field.widget.attrs.pop("autofocus", None)
            if first is None and name in errors and not field.widget.is_hidden:
                first = name
        if first is not None:
            self.fields[first].widget.attrs["autofocus"] = True  # type: ignore[attr-defined]
        self.focus_error_summary = bool(errors) and first is None


class LoginForm(AccessibleFormMixin, auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Adgangskode"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _("E-mail eller adgangskode er forkert. Prøv igen."),
        "inactive": _("Kontoen er deaktiveret. Kontakt en koordinator."),
    }

    def clean_username(self) -> str:
        return operations.normalise_email(self.cleaned_data["username"])

    def clean(self) -> dict[str, Any]:
        """Refuse while the account or the client is locked (accounts/throttle.py); the same
        message whether or not the account exists. Count each failed attempt."""
        email = self.cleaned_data.get("username")
        if not email or not self.cleaned_data.get("password"):
            return super().clean()
        wait = throttle.wait_seconds(email, self.request)
        if wait:
            raise ValidationError(twofactor.lock_message(wait), code="locked")
        try:
            cleaned = super().clean()
        except ValidationError as e:
            if e.code == "invalid_login":
                throttle.failed(email, self.request)
            raise
        # With two-factor authentication the failures are cleared after the code (the second
        # step), so that a known password does not reset the count of wrong codes.
        if not twofactor.is_enabled(self.get_user()):
            throttle.succeeded(email)
        return cleaned


class PasswordResetRequestForm(AccessibleFormMixin, auth_forms.PasswordResetForm):
    """Django's reset form, sending its mail through `smartby.lib.emails`."""

    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        path = reverse(
            "accounts:password_reset_confirm",
            kwargs={"uidb64": context["uid"], "token": context["token"]},
        )
        emails.password_reset(to=to_email, link=emails.absolute_url(path), user=context["user"])


class NewPasswordFieldsMixin(forms.Form):
    """A new password typed twice. Strength is checked by the operation (Django's validators)."""

    password = forms.CharField(
        label=_("Ny adgangskode"),
        strip=False,
        help_text=_("Mindst 12 tegn. Undgå almindelige ord og adgangskoder, der kun er tal."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_confirm = forms.CharField(
        label=_("Gentag adgangskoden"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password, confirm = cleaned.get("password"), cleaned.get("password_confirm")
        if password and confirm and password != confirm:
            self.add_error("password_confirm", _("De to adgangskoder er ikke ens."))
        return cleaned


class SetPasswordForm(AccessibleFormMixin, NewPasswordFieldsMixin):
    """The form behind a password-reset link; Django's view calls `save()`."""

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "password" in cleaned and not self.has_error("password_confirm"):
            try:
                operations.validate_new_password(self.user, cleaned["password"])
            except ValidationError as e:
                self.add_error(None, e)
        return cleaned

    def save(self, commit: bool = True) -> User:
        return operations.change_password(self.user, password=self.cleaned_data["password"])


class ProfileForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Navn"),
        max_length=operations.NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )


class ChangePasswordForm(AccessibleFormMixin, NewPasswordFieldsMixin):
    old_password = forms.CharField(
        label=_("Nuværende adgangskode"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    field_order = ["old_password", "password", "password_confirm"]

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_old_password(self) -> str:
        old = self.cleaned_data["old_password"]
        if not self.user.check_password(old):
            raise ValidationError(_("Den nuværende adgangskode er forkert."), code="wrong")
        return old


class InvitationForm(AccessibleFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("Den, du inviterer, får en mail med et link, der virker i 14 dage."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        empty_label=_("Vælg organisation"),
    )
    role = forms.ChoiceField(label=_("Rolle"), choices=Role.choices, initial=Role.EDITOR)

    def __init__(self, actor: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = operations.invitable_organisations(actor)
        self.fields["role"].choices = operations.invitable_roles(actor)
        if actor.is_coordinator:
            self.fields["organisation"].required = False
            self.fields["organisation"].empty_label = _("Ingen organisation (kun koordinatorer)")
        else:
            self.fields["role"].help_text = _("Som redaktør kan du invitere andre redaktører.")


class AcceptInvitationForm(AccessibleFormMixin, NewPasswordFieldsMixin):
    name = forms.CharField(
        label=_("Dit navn"),
        max_length=operations.NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    field_order = ["name", "password", "password_confirm"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Vælg en adgangskode")


class UserSearchForm(forms.Form):
    q = forms.CharField(label=_("Søg efter navn eller e-mail"), required=False, max_length=200)


class RoleForm(AccessibleFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("Rolle"), choices=Role.choices)


class MembershipForm(AccessibleFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Tilføj til organisation"),
        queryset=Organisation.objects.order_by("name"),
        empty_label=_("Vælg organisation"),
    )


# Two-factor authentication (accounts/twofactor.py)


class TwoFactorCodeForm(AccessibleFormMixin, forms.Form):
    """The code from the authenticator app (setup), or also a recovery code (login)."""

    code = forms.CharField(
        label=_("Kode fra appen"),
        max_length=twofactor.MAX_CODE_LENGTH,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def __init__(self, *args: Any, recovery: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if recovery:
            self.fields["code"].label = _("Kode fra appen eller gendannelseskode")
            self.fields["code"].help_text = _(
                "Seks cifre fra godkendelsesappen, eller en af dine gendannelseskoder "
                "(fx abcd-efgh-jkmn)."
            )
        else:
            self.fields["code"].widget.attrs["inputmode"] = "numeric"
            self.fields["code"].help_text = _("Seks cifre, som appen viser lige nu.")


class TwoFactorProofForm(AccessibleFormMixin, forms.Form):
    """The password or a current code, to change or remove the second factor."""

    proof = forms.CharField(
        label=_("Din adgangskode eller en kode fra appen"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
