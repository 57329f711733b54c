"""Validation of every portfolio input (UI and API alike), with Danish messages per field."""

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartby.lib.forms import CleanTextMixin
from smartby.portfolio.models import (
    EffectGoal,
    FocusArea,
    Initiative,
    Measurement,
    StatusReport,
    Strategy,
)
from smartby.registry.forms import DateInput
from smartby.registry.models import Project

MAX_PROJECTS = 50
LONG_TEXT = 20000
NUMBER_HELP = gettext_lazy("Tal adskilt af punktum, fx 5 eller 5.2.")
NUMBER_ERROR = gettext_lazy("Skriv nummeret som tal adskilt af punktum, fx 5.2.")


class InitiativeProjectsField(forms.Field):
    """Registry projects that carry out the initiative: one project address or slug a line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value: Any) -> str:
        if isinstance(value, str):
            return value
        items = list(value or [])
        if items and all(isinstance(p, int) for p in items):
            items = list(Project.objects.filter(pk__in=items))
        return "\n".join(p.slug if isinstance(p, Project) else str(p) for p in items)

    def clean(self, value: Any) -> list[Project]:
        if isinstance(value, list | tuple):
            raw = [str(v) for v in value]
        else:
            raw = str(value or "").replace(",", "\n").splitlines()
        tokens: list[str] = []
        for token in raw:
            token = token.replace("\x00", "").strip().strip("/").rsplit("/", 1)[-1]
            if token and token not in tokens:
                tokens.append(token[:200])
        if len(tokens) > MAX_PROJECTS:
            raise forms.ValidationError(
                _("Højst %(n)d projekter kan knyttes til et initiativ.") % {"n": MAX_PROJECTS}
            )
        found = list(Project.objects.filter(Q(slug__in=tokens) | Q(uid__in=tokens)))
        by_key = {p.slug: p for p in found} | {p.uid: p for p in found}
        unknown = [t for t in tokens if t not in by_key]
        if unknown:
            raise forms.ValidationError(
                _("Ukendt projekt: %(names)s.") % {"names": ", ".join(unknown[:5])}
            )
        result: list[Project] = []
        for token in tokens:
            if by_key[token] not in result:
                result.append(by_key[token])
        return result


class StrategyForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Strategy
        fields = ["title", "short_title", "period", "owner", "description", "source"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "title": {"required": gettext_lazy("Strategien skal have en titel.")},
            "period": {"required": gettext_lazy("Angiv strategiens periode, fx 2022-2025.")},
            "owner": {"required": gettext_lazy("Angiv hvem der står bag strategien.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["description"].max_length = LONG_TEXT


class FocusAreaForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = FocusArea
        fields = ["number", "title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"number": NUMBER_HELP}
        error_messages = {
            "number": {"required": gettext_lazy("Angiv fokusområdets nummer.")},
            "title": {"required": gettext_lazy("Fokusområdet skal have en titel.")},
        }

    def __init__(self, *args: Any, strategy: Strategy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.strategy = strategy
        self.fields["description"].max_length = LONG_TEXT

    def clean_number(self) -> str:
        number = self.cleaned_data["number"].strip()
        if not _valid_number(number):
            raise forms.ValidationError(NUMBER_ERROR)
        taken = FocusArea.objects.filter(strategy=self.strategy, number=number)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Strategien har allerede et fokusområde med nummeret."))
        return number


def _valid_number(number: str) -> bool:
    parts = number.split(".")
    return all(p.isascii() and p.isdigit() for p in parts) and len(number) <= 10


STAMDATA_FIELDS = [
    "ministry",
    "institution",
    "steering_group",
    "project_owner",
    "project_leader",
    "responsible_organisation",
    "start_date",
    "expected_end",
    "actual_end",
    "budget_dkk",
    "budget_note",
    "spend_dkk",
    "spend_note",
]
TEXT_FIELDS = [
    "purpose",
    "results",
    "effect_summary",
    "evaluation",
    "future_ownership",
    "economy",
]


class InitiativeForm(CleanTextMixin, forms.ModelForm):
    projects = InitiativeProjectsField(
        label=gettext_lazy("Projekter der gennemfører initiativet"),
        required=False,
        help_text=gettext_lazy(
            "Én projektadresse eller projektets kortnavn pr. linje, fx "
            "https://…/projekter/affaldssensorer-i-aarhus/."
        ),
    )

    class Meta:
        model = Initiative
        fields = [
            "focus_area",
            "number",
            "title",
            "description",
            *STAMDATA_FIELDS,
            *TEXT_FIELDS,
            "more_info_url",
            "projects",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "start_date": DateInput(),
            "expected_end": DateInput(),
            "actual_end": DateInput(),
            **{name: forms.Textarea(attrs={"rows": 5}) for name in TEXT_FIELDS},
        }
        help_texts = {"number": NUMBER_HELP}
        error_messages = {
            "focus_area": {
                "required": gettext_lazy("Vælg et fokusområde."),
                "invalid_choice": gettext_lazy("Ukendt fokusområde."),
            },
            "number": {"required": gettext_lazy("Angiv initiativets nummer.")},
            "title": {"required": gettext_lazy("Initiativet skal have en titel.")},
            "budget_dkk": {"invalid": gettext_lazy("Skriv budgettet som et helt antal kroner.")},
            "spend_dkk": {"invalid": gettext_lazy("Skriv forbruget som et helt antal kroner.")},
            "start_date": {"invalid": gettext_lazy("Skriv datoen som åååå-mm-dd.")},
            "expected_end": {"invalid": gettext_lazy("Skriv datoen som åååå-mm-dd.")},
            "actual_end": {"invalid": gettext_lazy("Skriv datoen som åååå-mm-dd.")},
            "more_info_url": {"invalid": gettext_lazy("Skriv en gyldig webadresse.")},
        }

    def __init__(self, *args: Any, strategy: Strategy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.strategy = strategy
        self.fields["focus_area"].queryset = FocusArea.objects.filter(strategy=strategy)
        self.fields["focus_area"].empty_label = None
        for name in ["description", *TEXT_FIELDS]:
            self.fields[name].max_length = LONG_TEXT
        for name in ("budget_dkk", "spend_dkk"):
            self.fields[name].min_value = 0
            self.fields[name].max_value = 10**15
            self.fields[name].validators = []
            self.fields[name].widget.attrs.update({"min": 0, "inputmode": "numeric"})

    def clean_number(self) -> str:
        number = self.cleaned_data["number"].strip()
        if not _valid_number(number):
            raise forms.ValidationError(NUMBER_ERROR)
        taken = Initiative.objects.filter(focus_area__strategy=self.strategy, number=number)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Strategien har allerede et initiativ med nummeret."))
        return number

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start = data.get("start_date")
        for name in ("expected_end", "actual_end"):
            end = data.get(name)
            if start and end and end < start:
                self.add_error(name, _("Sluttidspunktet ligger før starttidspunktet."))
        for name in ("budget_dkk", "spend_dkk"):
            value = data.get(name)
            if value is not None and value < 0:
                self.add_error(name, _("Beløbet kan ikke være negativt."))
        return data


class EffectGoalForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = EffectGoal
        fields = [
            "number",
            "kind",
            "text",
            "description",
            "indicator",
            "unit",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "result",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "result": forms.Textarea(attrs={"rows": 4}),
            "baseline_date": DateInput(),
            "target_date": DateInput(),
        }
        error_messages = {
            "number": {"required": gettext_lazy("Angiv effektmålets nummer.")},
            "text": {"required": gettext_lazy("Skriv effektmålet.")},
            "kind": {"invalid_choice": gettext_lazy("Vælg kapabiliteter, adfærd eller andet.")},
        }

    def __init__(self, *args: Any, initiative: Initiative, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initiative = initiative
        self.fields["number"].min_value = 1
        self.fields["number"].max_value = 999
        for name in ("description", "result"):
            self.fields[name].max_length = LONG_TEXT

    def clean_number(self) -> int:
        number = self.cleaned_data["number"]
        taken = EffectGoal.objects.filter(initiative=self.initiative, number=number)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Initiativet har allerede et effektmål med nummeret."))
        return number

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        baseline, target = data.get("baseline_date"), data.get("target_date")
        if baseline and target and target < baseline:
            self.add_error("target_date", _("Måldatoen ligger før udgangspunktets dato."))
        return data


class MeasurementForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Measurement
        fields = ["date", "value", "note"]
        widgets = {"date": DateInput()}
        error_messages = {
            "date": {
                "required": gettext_lazy("Angiv målingens dato."),
                "invalid": gettext_lazy("Skriv datoen som åååå-mm-dd."),
            },
            "value": {
                "required": gettext_lazy("Angiv den målte værdi."),
                "invalid": gettext_lazy("Skriv værdien som et tal, fx 42 eller 42.5."),
                "max_digits": gettext_lazy("Værdien er for stor."),
                "max_decimal_places": gettext_lazy("Højst to decimaler."),
                "max_whole_digits": gettext_lazy("Værdien er for stor."),
            },
        }

    def __init__(self, *args: Any, goal: EffectGoal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.goal = goal

    def clean_date(self) -> Any:
        day = self.cleaned_data["date"]
        if Measurement.objects.filter(goal=self.goal, date=day).exists():
            raise forms.ValidationError(_("Der er allerede en måling for effektmålet på datoen."))
        return day


class StatusReportForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = StatusReport
        fields = ["period", "report_date", "time", "economy", "quality", "comment"]
        widgets = {
            "report_date": DateInput(),
            "time": forms.RadioSelect,
            "economy": forms.RadioSelect,
            "quality": forms.RadioSelect,
            "comment": forms.Textarea(attrs={"rows": 5}),
        }
        error_messages = {
            "period": {"required": gettext_lazy("Angiv perioden, fx 2020 K4.")},
            "report_date": {
                "required": gettext_lazy("Angiv statusdatoen."),
                "invalid": gettext_lazy("Skriv datoen som åååå-mm-dd."),
            },
            **{
                name: {
                    "required": gettext_lazy("Vælg grøn, gul eller rød."),
                    "invalid_choice": gettext_lazy("Vælg grøn, gul eller rød."),
                }
                for name in ("time", "economy", "quality")
            },
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["comment"].max_length = LONG_TEXT
        for name in ("time", "economy", "quality"):
            # RadioSelect on a model field with choices adds an empty choice; drop it.
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]
