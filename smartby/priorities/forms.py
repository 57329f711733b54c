"""Validation of every input of the follow-up and the prioritisation tool, used by the views and
the operations alike (one place, Danish messages tied to a field)."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartby.accounts.models import User
from smartby.lib.forms import CleanTextMixin
from smartby.priorities.criteria import CRITERIA, INVESTMENT_CATEGORIES, SCALE_LABELS
from smartby.priorities.models import (
    Evidence,
    Proposal,
    Recommendation,
    Round,
    Status,
    StatusEntry,
    Theme,
)
from smartby.registry.models import Project

EARLIEST = datetime.date(2021, 1, 1)  # the partnership was set up on 16 March 2021


def _check_date(value: datetime.date | None) -> datetime.date | None:
    if value is None:
        return value
    if value > timezone.localdate():
        raise forms.ValidationError(_("Datoen må ikke ligge i fremtiden."))
    if value < EARLIEST:
        raise forms.ValidationError(_("Datoen må tidligst være 1. januar 2021."))
    return value


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class StatusEntryForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = StatusEntry
        fields = ["status", "date", "comment"]
        widgets = {"date": DateInput(), "comment": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"date": _("Den dag, statussen gælder fra.")}
        error_messages = {
            "status": {"invalid_choice": _("Vælg en af statusserne på listen.")},
            "date": {"invalid": _("Skriv datoen som ÅÅÅÅ-MM-DD.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["comment"].widget.attrs["maxlength"] = 4000
        if not self.is_bound and not self.initial.get("date"):
            self.initial["date"] = timezone.localdate()

    def clean_date(self) -> datetime.date | None:
        return _check_date(self.cleaned_data.get("date"))

    def clean_comment(self) -> str:
        comment = self.cleaned_data.get("comment", "")
        if len(comment) > 4000:
            raise forms.ValidationError(_("Kommentaren må højst være 4000 tegn."))
        return comment


class EvidenceForm(CleanTextMixin, forms.ModelForm):
    project = forms.ModelChoiceField(
        label=_("Projekt i registret"),
        queryset=Project.objects.order_by("title"),
        to_field_name="slug",
        required=False,
        help_text=_("Valgfrit: et projekt i Smartby, der gennemfører anbefalingen."),
        error_messages={"invalid_choice": _("Projektet findes ikke i registret.")},
    )

    class Meta:
        model = Evidence
        fields = ["title", "url", "project", "added_on"]
        widgets = {"added_on": DateInput()}
        error_messages = {
            "url": {"invalid": _("Skriv en fuld webadresse, der begynder med https://")},
            "added_on": {"invalid": _("Skriv datoen som ÅÅÅÅ-MM-DD.")},
        }

    def __init__(self, *args: Any, recommendation: Recommendation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.recommendation = recommendation
        if not self.is_bound and not self.initial.get("added_on"):
            self.initial["added_on"] = timezone.localdate()

    def clean_url(self) -> str:
        url = self.cleaned_data.get("url", "")
        if url and not url.lower().startswith(("https://", "http://")):
            raise forms.ValidationError(_("Skriv en fuld webadresse, der begynder med https://"))
        if url and self.recommendation.evidence.filter(url=url).exists():
            raise forms.ValidationError(_("Linket er allerede tilføjet til anbefalingen."))
        return url

    def clean_added_on(self) -> datetime.date | None:
        return _check_date(self.cleaned_data.get("added_on"))


class RecommendationFilterForm(forms.Form):
    theme = forms.ModelChoiceField(
        label=_("Tema"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle temaer"),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Alle statusser")), *Status.choices], required=False
    )


class RoundForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Round
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def clean_description(self) -> str:
        text = self.cleaned_data.get("description", "")
        if len(text) > 10000:
            raise forms.ValidationError(_("Beskrivelsen må højst være 10.000 tegn."))
        return text


class ProposalForm(CleanTextMixin, forms.ModelForm):
    recommendation = forms.ModelChoiceField(
        label=_("Anbefaling"),
        queryset=Recommendation.objects.all(),
        to_field_name="number",
        required=False,
        empty_label=_("Ingen"),
        help_text=_("Valgfrit: den af partnerskabets anbefalinger, forslaget bygger på."),
        error_messages={"invalid_choice": _("Anbefalingen findes ikke.")},
    )
    project = forms.ModelChoiceField(
        label=_("Projekt i registret"),
        queryset=Project.objects.order_by("title"),
        to_field_name="slug",
        required=False,
        empty_label=_("Intet"),
        error_messages={"invalid_choice": _("Projektet findes ikke i registret.")},
    )

    class Meta:
        model = Proposal
        fields = ["title", "description", "recommendation", "project"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, round: Round, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.round = round
        self.fields["recommendation"].label_from_instance = str

    def clean_title(self) -> str:
        title = self.cleaned_data.get("title", "")
        clash = Proposal.objects.filter(round=self.round, title__iexact=title.strip())
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if title and clash.exists():
            raise forms.ValidationError(_("Runden har allerede et forslag med denne titel."))
        return title

    def clean_description(self) -> str:
        text = self.cleaned_data.get("description", "")
        if len(text) > 10000:
            raise forms.ValidationError(_("Beskrivelsen må højst være 10.000 tegn."))
        return text


class InviteAssessorForm(forms.Form):
    email = forms.EmailField(
        label=_("Brugerens e-mail"),
        max_length=254,
        help_text=_("Bedømmeren skal have en brugerkonto i Smartby."),
        error_messages={"invalid": _("Skriv en gyldig e-mailadresse.")},
    )

    def __init__(self, *args: Any, round: Round, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.round = round
        self.user: User | None = None

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("Der findes ingen aktiv bruger med denne e-mail."))
        if self.round.assessors.filter(user=user).exists():
            raise forms.ValidationError(_("Brugeren er allerede bedømmer i runden."))
        self.user = user
        return email


def _scale_field(label: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[("", _("Vælg")), *SCALE_LABELS.items()],
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("Vælg en værdi fra 1 til 5.")},
    )


class ScoreForm(CleanTextMixin, forms.Form):
    """One proposal's scores by one assessor (prefix: the proposal's pk). Left empty, nothing is
    saved for the proposal; partly filled in, the missing fields are errors."""

    value_citizens = _scale_field(CRITERIA[0].label)
    value_goals = _scale_field(CRITERIA[1].label)
    digital_difference = _scale_field(CRITERIA[2].label)
    investment = forms.TypedChoiceField(
        label=_("Investeringskategori"),
        choices=[("", _("Vælg")), *INVESTMENT_CATEGORIES.items()],
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("Vælg en af de fire kategorier.")},
    )
    comment = forms.CharField(
        label=_("Kommentar"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": _("Kommentaren må højst være 2000 tegn.")},
    )

    SCORE_FIELDS = ("value_citizens", "value_goals", "digital_difference", "investment")

    def __init__(self, *args: Any, proposal: Proposal, **kwargs: Any) -> None:
        super().__init__(*args, prefix=f"p{proposal.pk}", **kwargs)
        self.proposal = proposal

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        given = [f for f in self.SCORE_FIELDS if data.get(f) is not None]
        if given and len(given) < len(self.SCORE_FIELDS):
            for name in self.SCORE_FIELDS:
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, _("Udfyld alle tre kriterier og investeringskategorien."))
        return data

    @property
    def is_empty(self) -> bool:
        return all(self.cleaned_data.get(f) is None for f in self.SCORE_FIELDS)
