"""The dashboard's period: `?from=ÅÅÅÅ-MM-DD&to=ÅÅÅÅ-MM-DD`, both optional."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from smartby.effect.period import Period, add_months, month_start

MAX_YEARS = 10
DATE_ERRORS = {"invalid": _("Skriv datoen som ÅÅÅÅ-MM-DD, fx 2025-01-31.")}
# The fields are `date_from`/`date_to` in Python and `from`/`to` in the URL.
PARAMS = {"date_from": "from", "date_to": "to"}


class PeriodForm(forms.Form):
    date_from = forms.DateField(
        label=_("Fra"),
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("Til"),
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def add_prefix(self, field_name: str) -> str:
        return PARAMS.get(field_name, field_name)

    def clean(self) -> dict:
        data = super().clean()
        if self.errors:
            return data
        today = timezone.localdate()
        date_to = data.get("date_to") or today
        date_from = data.get("date_from") or month_start(add_months(date_to, -11))
        if date_from > date_to:
            self.add_error("date_to", _("Til-datoen må ikke ligge før fra-datoen."))
        elif add_months(date_from, 12 * MAX_YEARS) < date_to:
            self.add_error(
                "date_from", _("Perioden kan højst være %(years)s år.") % {"years": MAX_YEARS}
            )
        data["date_from"], data["date_to"] = date_from, date_to
        return data

    def period(self) -> Period:
        """The chosen period (call after `is_valid()`); the last twelve months by default."""
        return Period(self.cleaned_data["date_from"], self.cleaned_data["date_to"])


def period_form(query: dict) -> PeriodForm:
    """A bound form, also when the query has neither date (then the default period)."""
    return PeriodForm({k: v for k, v in query.items() if k in PARAMS.values()})
