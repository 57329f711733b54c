"""Municipality use cases. Municipalities are reference data; coordinators may correct the
survey classification (`kind`) and the population figure with its date.

The function checks permission (`PermissionDenied`), validates through `MunicipalityForm`
(`ValidationError` with a field → messages dict), writes in one transaction and audits.
"""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartby.audit.operations import record
from smartby.geo.models import Municipality
from smartby.registry import permissions

EDITABLE_FIELDS = ("kind", "population", "population_date")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class MunicipalityForm(forms.ModelForm):
    """Validation of the editable reference fields of a municipality."""

    class Meta:
        model = Municipality
        fields = list(EDITABLE_FIELDS)
        widgets = {"population_date": DateInput()}
        help_texts = {
            "kind": gettext_lazy("Inddelingen fra den nationale smart city-undersøgelse."),
            "population_date": gettext_lazy("Den dato, befolkningstallet gælder for."),
        }
        error_messages = {
            "kind": {"invalid_choice": gettext_lazy("Vælg en gyldig kommunetype.")},
            "population": {
                "invalid": gettext_lazy("Skriv befolkningstallet som et helt tal."),
                "min_value": gettext_lazy("Befolkningstallet kan ikke være negativt."),
            },
            "population_date": {"invalid": gettext_lazy("Skriv en gyldig dato.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Ikke angivet")), *self.fields["kind"].choices[1:]]

    def clean_population_date(self) -> dt.date | None:
        value = self.cleaned_data.get("population_date")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("Datoen kan ikke ligge i fremtiden."), code="future")
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        population = cleaned.get("population")
        date = cleaned.get("population_date")
        if population is not None and date is None and "population_date" not in self.errors:
            self.add_error("population_date", _("Angiv datoen for befolkningstallet."))
        if population is None and date is not None and "population" not in self.errors:
            self.add_error("population", _("Angiv befolkningstallet for datoen."))
        return cleaned


def can_edit_municipality(user: permissions.AnyUser) -> bool:
    return permissions.is_coordinator(user)


def _snapshot(municipality: Municipality) -> dict[str, Any]:
    return {
        "kind": municipality.kind,
        "population": municipality.population,
        "population_date": municipality.population_date
        and municipality.population_date.isoformat(),
    }


def update_municipality(
    actor: Any, municipality: Municipality, data: Mapping[str, Any], *, source: str = "web"
) -> Municipality:
    """Set a municipality's type and population (with its date)."""
    if not can_edit_municipality(actor):
        raise PermissionDenied(_("Kun koordinatorer kan redigere kommunernes stamdata."))
    before = _snapshot(municipality)
    form = MunicipalityForm(data, instance=municipality)
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    with transaction.atomic():
        municipality = form.save()
        after = _snapshot(municipality)
        changes = {
            key: {"old": before[key], "new": after[key]}
            for key in EDITABLE_FIELDS
            if before[key] != after[key]
        }
        if changes:
            record(actor=actor, action="update", obj=municipality, changes=changes, source=source)
    return municipality
