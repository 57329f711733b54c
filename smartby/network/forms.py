"""Network forms: the peer profile and the "Kontakt" form (Danish labels, accessible errors).

The contact form carries two spam traps: a honeypot field (`website`, hidden from people by CSS
and labelled "leave empty") and a signed timestamp (`started`) that must be at least
CONTACT_MIN_FILL_SECONDS and at most a day old.
"""

import re
import time
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from smartby.accounts.forms import AccessibleFormMixin
from smartby.network.models import ContactTopic, PeerProfile
from smartby.orgs.models import Organisation
from smartby.registry.models import Area, Technology

HONEYPOT = "website"
MESSAGE_MAX_LENGTH = 5000
MESSAGE_MIN_LENGTH = 20
MAX_LINKS = 3
MIN_WORDS_BESIDES_LINKS = 3
FORM_MAX_AGE = 24 * 3600
LINK_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_signer = signing.Signer(salt="smartby.network.contact-form")


def form_token(at: float | None = None) -> str:
    """The signed time the form was shown."""
    return _signer.sign(str(int(time.time() if at is None else at)))


def _one_line(value: str) -> str:
    return " ".join(value.split())


class PeerProfileForm(AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = PeerProfile
        fields = ["visible", "title", "about", "areas", "technologies"]
        labels = {
            "visible": _("Vis mig i Find en fagkollega"),
            "title": _("Stilling eller rolle"),
            "about": _("Det arbejder jeg med"),
            "areas": _("Områder, jeg arbejder med"),
            "technologies": _("Teknologier, jeg arbejder med"),
        }
        help_texts = {
            "visible": _(
                "Andre kan så finde dig og skrive til dig gennem Smartby. Din e-mailadresse "
                "vises aldrig. Projekter, hvor du står som kontaktperson med din e-mail, vises "
                "på dit kort. Fjerner du fluebenet, vises du slet ikke i Find en fagkollega."
            ),
            "title": _("Fx projektleder, digitaliseringskonsulent eller klimakoordinator."),
            "about": _("Et par linjer om de udfordringer, du arbejder med. Højst 1.000 tegn."),
        }
        widgets = {
            "about": forms.Textarea(attrs={"rows": 4, "maxlength": 1000}),
            "areas": forms.CheckboxSelectMultiple,
            "technologies": forms.CheckboxSelectMultiple,
        }

    @classmethod
    def for_user(cls, user: Any, data: Any = None) -> "PeerProfileForm":
        """The form for `user`'s own profile (a new, unsaved one before the first save)."""
        instance = PeerProfile.objects.filter(user=user).first() or PeerProfile(user=user)
        return cls(data, instance=instance)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = Area.objects.all()
        self.fields["technologies"].queryset = Technology.objects.all()

    def clean_title(self) -> str:
        return _one_line(self.cleaned_data["title"])

    def clean_visible(self) -> bool:
        visible = self.cleaned_data["visible"]
        if visible and not self.instance.user.name.strip():
            raise ValidationError(
                _("Skriv dit navn under Din konto, før du kan vises i Find en fagkollega."),
                code="name_missing",
            )
        return visible


class ContactForm(AccessibleFormMixin, forms.Form):
    recipient = forms.ChoiceField(label=_("Modtager"), required=False)
    name = forms.CharField(
        label=_("Dit navn"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Din e-mail"),
        max_length=254,
        help_text=_("Modtagerne ser din adresse, så de kan svare dig direkte."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.ModelChoiceField(
        label=_("Din organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Vælg organisation"),
        help_text=_("Vælg fra listen, eller skriv navnet i feltet herunder."),
    )
    organisation_other = forms.CharField(
        label=_("Organisation, der ikke er på listen"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    topic = forms.ChoiceField(
        label=_("Emne"), choices=[("", _("Vælg emne")), *ContactTopic.choices]
    )
    message = forms.CharField(
        label=_("Besked"),
        min_length=MESSAGE_MIN_LENGTH,
        max_length=MESSAGE_MAX_LENGTH,
        help_text=_("Fortæl kort, hvem du er, og hvad du gerne vil vide. Højst 5.000 tegn."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    website = forms.CharField(
        label=_("Lad dette felt være tomt"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        recipients: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        if recipients:
            self.fields["recipient"].choices = [
                ("", _("Alle projektets kontaktpersoner")),
                *recipients,
            ]
        else:
            del self.fields["recipient"]
        self.started_problem = ""

    @property
    def is_honeypot_filled(self) -> bool:
        return bool(self.data.get(HONEYPOT, "").strip())

    def clean_name(self) -> str:
        return _one_line(self.cleaned_data["name"])

    def clean_organisation_other(self) -> str:
        return _one_line(self.cleaned_data["organisation_other"])

    def clean_message(self) -> str:
        message = self.cleaned_data["message"].strip()
        links = LINK_RE.findall(message)
        if len(links) > MAX_LINKS:
            raise ValidationError(
                _("Beskeden må højst indeholde %(max)d links.") % {"max": MAX_LINKS},
                code="links",
            )
        words = re.findall(r"\w{2,}", LINK_RE.sub(" ", message))
        if len(words) < MIN_WORDS_BESIDES_LINKS:
            raise ValidationError(
                _("Skriv din besked med ord – ikke kun links."), code="links_only"
            )
        return message

    def clean_started(self) -> str:
        token = self.cleaned_data.get("started", "")
        try:
            started = int(_signer.unsign(token))
        except (signing.BadSignature, ValueError):
            self.started_problem = "invalid"
            return token
        elapsed = time.time() - started
        if elapsed > FORM_MAX_AGE:
            self.started_problem = "invalid"
        elif elapsed < settings.CONTACT_MIN_FILL_SECONDS:
            self.started_problem = "too_fast"
        return token

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        missing = not data.get("organisation") and not data.get("organisation_other")
        if missing and not {"organisation", "organisation_other"} & set(self.errors):
            self.add_error("organisation", _("Vælg din organisation, eller skriv navnet på den."))
        if self.started_problem == "too_fast":
            self.add_error(
                None,
                _(
                    "Formularen blev sendt meget hurtigt, efter at siden blev vist. Læs din "
                    "besked igennem, og send den igen."
                ),
            )
        elif self.started_problem == "invalid":
            self.add_error(
                None,
                _("Formularen er for gammel eller ugyldig. Send den igen – din tekst er bevaret."),
            )
        return data
