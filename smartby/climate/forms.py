"""Validation of a climate-plan update: the one place shared by the UI and the API."""

import datetime as dt
from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartby.climate.models import (
    ADOPTED_STATUSES,
    FIRST_YEAR,
    ClimatePlan,
    Phase,
    PlanStatus,
)
from smartby.lib.forms import CleanTextMixin

MAX_COMMENT = 2000
MAX_NOTES = 5000
FIRST_DATE = dt.date(FIRST_YEAR, 1, 1)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class PlanUpdateForm(CleanTextMixin, forms.ModelForm):
    """The plan's fields plus the date and comment of the history entry the change makes.
    `phase` is given by its code (e.g. `udarbejdelse`), as in the API."""

    phase = forms.ModelChoiceField(
        queryset=Phase.objects.order_by("position"),
        to_field_name="code",
        required=False,
        label=gettext_lazy("Nuværende fase"),
        empty_label=gettext_lazy("Ingen (ikke tilmeldt)"),
    )
    event_date = forms.DateField(
        label=gettext_lazy("Dato for ændringen"),
        widget=DateInput(),
        help_text=gettext_lazy("Hvornår kommunen kom i fasen eller fik statussen."),
    )
    comment = forms.CharField(
        label=gettext_lazy("Kommentar til historikken"),
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = ClimatePlan
        fields = ["phase", "status", "cohort", "joined_year", "adopted_date", "plan_url", "notes"]
        widgets = {
            "adopted_date": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "joined_year": forms.NumberInput(attrs={"min": FIRST_YEAR, "max": 2100}),
        }

    def __init__(self, *args: Any, today: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.fields["cohort"].required = False
        self.fields["notes"].validators.append(MaxLengthValidator(MAX_NOTES))
        self.fields["status"].error_messages["required"] = _("Vælg en status.")
        self.fields["status"].error_messages["invalid_choice"] = _(
            "Ukendt status. Vælg ikke startet, i gang, vedtaget eller godkendt."
        )
        self.fields["phase"].error_messages["invalid_choice"] = _("Ukendt fase.")
        self.fields["cohort"].error_messages["invalid_choice"] = _("Ukendt runde.")
        self.fields["event_date"].error_messages["required"] = _("Skriv datoen for ændringen.")
        self.fields["event_date"].error_messages["invalid"] = _("Skriv datoen som ÅÅÅÅ-MM-DD.")
        self.fields["adopted_date"].error_messages["invalid"] = _("Skriv datoen som ÅÅÅÅ-MM-DD.")
        self.fields["plan_url"].error_messages["invalid"] = _(
            "Skriv en fuld adresse, der begynder med https://."
        )
        if not self.is_bound:
            self.initial.setdefault("event_date", self.today)

    def _check_date(self, value: dt.date | None) -> dt.date | None:
        if value is None:
            return value
        if value < FIRST_DATE:
            raise forms.ValidationError(_("Datoen kan ikke ligge før DK2020 (2019)."))
        if value > self.today:
            raise forms.ValidationError(_("Datoen kan ikke ligge i fremtiden."))
        return value

    def clean_event_date(self) -> dt.date | None:
        return self._check_date(self.cleaned_data.get("event_date"))

    def clean_adopted_date(self) -> dt.date | None:
        return self._check_date(self.cleaned_data.get("adopted_date"))

    def clean_joined_year(self) -> int | None:
        year = self.cleaned_data.get("joined_year")
        if year is not None and not FIRST_YEAR <= year <= self.today.year:
            raise forms.ValidationError(
                _("Året skal ligge mellem %(first)s og %(last)s.")
                % {"first": FIRST_YEAR, "last": self.today.year}
            )
        return year

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        status = data.get("status")
        phase = data.get("phase")
        if (
            status
            and status != PlanStatus.NOT_STARTED
            and phase is None
            and "phase" not in self.errors
        ):
            self.add_error("phase", _("Vælg den fase, kommunen er i."))
        missing_date = not data.get("adopted_date") and "adopted_date" not in self.errors
        if status in ADOPTED_STATUSES and missing_date:
            self.add_error("adopted_date", _("Skriv datoen, hvor klimaplanen blev vedtaget."))
        return data
