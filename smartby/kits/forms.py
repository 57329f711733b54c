"""Validation of kit, booking, decision and event input: the one place shared by the UI and the
API. `smartby.lib.errors.form_errors()` flattens a form's (and formset's) errors into
`{"field", "message"}` items."""

import datetime as dt
from typing import Any

from django import forms
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartby.geo.models import Municipality
from smartby.kits.models import BookingStatus, Event, Kit, KitItem
from smartby.orgs.models import Organisation, OrganisationKind
from smartby.registry.permissions import AnyUser, is_coordinator, organisation_ids

MAX_BOOKING_DAYS = 90
MAX_BOOKING_AHEAD_DAYS = 730


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


class KitForm(forms.ModelForm):
    class Meta:
        model = Kit
        fields = [
            "name",
            "description",
            "owner",
            "location",
            "municipality",
            "contact_email",
            "active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, user: AnyUser | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owners = Organisation.objects.exclude(kind=OrganisationKind.COMPANY)
        if user is not None and not is_coordinator(user):
            owners = Organisation.objects.filter(pk__in=organisation_ids(user))
        self.fields["owner"].queryset = owners
        self.fields["municipality"].queryset = Municipality.objects.order_by("name")
        self.fields["name"].error_messages["required"] = _("Giv kittet et navn.")
        self.fields["owner"].error_messages["required"] = _(
            "Vælg den organisation, der ejer kittet."
        )
        self.fields["location"].error_messages["required"] = _("Skriv, hvor kittet afhentes.")
        self.fields["contact_email"].error_messages["required"] = _(
            "Skriv kittets funktionspostkasse."
        )


class KitItemForm(forms.ModelForm):
    class Meta:
        model = KitItem
        fields = ["name", "quantity", "notes"]
        widgets = {"quantity": forms.NumberInput(attrs={"min": 1, "max": 10000})}

    def clean_quantity(self) -> int:
        quantity = self.cleaned_data["quantity"]
        if quantity is None or quantity < 1:
            raise forms.ValidationError(_("Antallet skal være mindst 1."))
        if quantity > 10000:
            raise forms.ValidationError(_("Antallet må højst være 10.000."))
        return quantity


class BaseItemFormSet(BaseInlineFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Fjern")


KitItemFormSet = inlineformset_factory(
    Kit,
    KitItem,
    form=KitItemForm,
    formset=BaseItemFormSet,
    extra=3,
    can_delete=True,
    max_num=100,
    validate_max=True,
)


class BookingForm(forms.Form):
    borrower = forms.ModelChoiceField(
        label=gettext_lazy("Lånende organisation"),
        queryset=Organisation.objects.none(),
        to_field_name="slug",
        error_messages={
            "required": gettext_lazy("Vælg den organisation, der låner kittet."),
            "invalid_choice": gettext_lazy("Organisationen findes ikke."),
        },
    )
    start_date = forms.DateField(
        label=gettext_lazy("Fra og med"),
        widget=DateInput(),
        error_messages={
            "required": gettext_lazy("Vælg den første dag, du vil låne kittet."),
            "invalid": gettext_lazy("Skriv datoen som ÅÅÅÅ-MM-DD."),
        },
    )
    end_date = forms.DateField(
        label=gettext_lazy("Til og med"),
        widget=DateInput(),
        help_text=gettext_lazy("Den sidste dag, kittet er hos jer; det afleveres senest den dag."),
        error_messages={
            "required": gettext_lazy("Vælg den sidste dag, du vil låne kittet."),
            "invalid": gettext_lazy("Skriv datoen som ÅÅÅÅ-MM-DD."),
        },
    )
    purpose = forms.CharField(
        label=gettext_lazy("Formål"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Hvad skal kittet bruges til? Vises kun for ejeren og jer selv."),
        error_messages={"required": gettext_lazy("Beskriv kort, hvad kittet skal bruges til.")},
    )

    def __init__(
        self, *args: Any, user: AnyUser, today: dt.date, own_only: bool = True, **kwargs: Any
    ) -> None:
        """`own_only` offers only the user's organisations (coordinators: all). The operation
        validates with `own_only=False` and refuses other organisations with a 403 itself."""
        super().__init__(*args, **kwargs)
        self.today = today
        borrowers = Organisation.objects.all()
        if own_only and not is_coordinator(user):
            borrowers = borrowers.filter(pk__in=organisation_ids(user))
        self.fields["borrower"].queryset = borrowers.order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and start < self.today:
            self.add_error("start_date", _("Startdatoen kan ikke ligge i fortiden."))
        elif start and start > self.today + dt.timedelta(days=MAX_BOOKING_AHEAD_DAYS):
            self.add_error("start_date", _("Man kan højst reservere to år frem."))
        if start and end:
            if end < start:
                self.add_error(
                    "end_date", _("Slutdatoen skal være samme dag som eller efter startdatoen.")
                )
            elif (end - start).days + 1 > MAX_BOOKING_DAYS:
                self.add_error(
                    "end_date",
                    _("Et lån kan højst vare %(days)d dage.") % {"days": MAX_BOOKING_DAYS},
                )
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Afgørelse"),
        choices=[
            (BookingStatus.APPROVED, gettext_lazy("Godkend")),
            (BookingStatus.REJECTED, gettext_lazy("Afvis")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Vælg godkend eller afvis."),
            "invalid_choice": gettext_lazy("Vælg godkend eller afvis."),
        },
    )
    note = forms.CharField(
        label=gettext_lazy("Besked til låneren"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Skal udfyldes ved afvisning."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == BookingStatus.REJECTED and not data.get("note", "").strip():
            self.add_error("note", _("Skriv en begrundelse, når du afviser."))
        return data


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "start_date",
            "start_time",
            "end_date",
            "end_time",
            "location",
            "url",
            "organiser",
            "description",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "start_time": TimeInput(),
            "end_time": TimeInput(),
            "description": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "start_time": gettext_lazy(
                "Udelad tidspunkter for en deadline eller heldagsbegivenhed."
            ),
            "end_date": gettext_lazy("Kun hvis begivenheden varer flere dage."),
        }

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if not is_coordinator(user):
            self.fields["organiser"].queryset = Organisation.objects.filter(
                pk__in=organisation_ids(user)
            )
            self.fields["organiser"].required = True
        self.fields["title"].error_messages["required"] = _("Giv begivenheden en titel.")
        self.fields["kind"].error_messages["required"] = _("Vælg en type.")
        self.fields["start_date"].error_messages["required"] = _("Vælg en dato.")
        self.fields["organiser"].error_messages["required"] = _(
            "Vælg den organisation, der står bag."
        )
        for name in ("start_date", "end_date"):
            self.fields[name].error_messages["invalid"] = _("Skriv datoen som ÅÅÅÅ-MM-DD.")
        for name in ("start_time", "end_time"):
            self.fields[name].error_messages["invalid"] = _("Skriv tidspunktet som TT:MM.")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        start_time, end_time = data.get("start_time"), data.get("end_time")
        if start and end and end < start:
            self.add_error("end_date", _("Slutdatoen skal være samme dag som eller efter datoen."))
        if end_time and not start_time:
            self.add_error("start_time", _("Angiv et starttidspunkt, når der er et sluttidspunkt."))
        elif start_time and end_time and (end is None or end == start) and end_time < start_time:
            self.add_error("end_time", _("Sluttidspunktet skal ligge efter starttidspunktet."))
        return data
