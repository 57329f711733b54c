"""Validation of project input: the one place shared by the UI, the JSON import and the API.

`ProjectEditor` bundles the main form and the inline formsets (funding, partners, benefits,
contacts, links, locations). `errors()` flattens all errors into `{"field", "message"}` items
with paths such as `partners[1].organisation`.
"""

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartby.geo.models import Municipality, Region
from smartby.lib.errors import form_errors
from smartby.lib.uploads import UploadRejected, read_json_upload, size_text
from smartby.orgs.models import Organisation
from smartby.registry import permissions
from smartby.registry.freshness import Freshness
from smartby.registry.interchange import FORMAT, load_document
from smartby.registry.models import (
    Area,
    Benefit,
    Contact,
    Funding,
    Link,
    Location,
    Partner,
    Project,
    Status,
    Technology,
)

DK_LAT = (54.4, 57.9)
DK_LON = (7.8, 15.3)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProjectFilterForm(forms.Form):
    """The GET filter form of the map and the list (values are slugs/codes)."""

    q = forms.CharField(label=gettext_lazy("Fritekst"), required=False, max_length=200)
    area = forms.ChoiceField(label=gettext_lazy("Område"), required=False)
    technology = forms.ChoiceField(label=gettext_lazy("Teknologi"), required=False)
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    region = forms.ChoiceField(label=gettext_lazy("Region"), required=False)
    freshness = forms.ChoiceField(label=gettext_lazy("Friskhed"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("Alle"))]
        self.fields["area"].choices = everything + list(Area.objects.values_list("slug", "name"))
        self.fields["technology"].choices = everything + list(
            Technology.objects.values_list("slug", "name")
        )
        self.fields["status"].choices = everything + list(Status.choices)
        self.fields["region"].choices = everything + list(
            Region.objects.values_list("slug", "name")
        )
        self.fields["freshness"].choices = everything + list(Freshness.choices)


def project_version(project: Project) -> str:
    """The version an edit starts from: the project's `updated_at`, the same notion as the
    API's ETag. Every save of a project or its rows bumps it."""
    return project.updated_at.isoformat() if project.updated_at else ""


class ProjectForm(forms.ModelForm):
    # The version the form was loaded from; `operations.update_project` refuses the save when
    # the project has changed since (optimistic concurrency, as the guides' `base_version`).
    base_version = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    municipalities = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Kommuner"),
        queryset=Municipality.objects.order_by("name"),
        to_field_name="code",
        help_text=gettext_lazy(
            "Fælles projekter kan have flere kommuner. Hold Ctrl (Cmd på Mac) nede for at vælge flere."
        ),
        error_messages={
            "required": gettext_lazy("Vælg mindst én kommune."),
            "invalid_choice": gettext_lazy("Ukendt kommunekode: %(value)s."),
            "invalid_pk_value": gettext_lazy("Ukendt kommunekode: %(pk)s."),
        },
    )
    technologies = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Teknologier"),
        queryset=Technology.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("Ukendt teknologi: %(value)s.")},
    )

    class Meta:
        model = Project
        fields = [
            "title",
            "summary",
            "description",
            "municipalities",
            "lead_organisation",
            "area",
            "technologies",
            "status",
            "start_date",
            "end_date",
            "budget_dkk",
            "last_verified",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 10}),
            "start_date": DateInput(),
            "end_date": DateInput(),
            "last_verified": DateInput(),
        }
        help_texts = {
            "summary": gettext_lazy("Et par sætninger, der vises i lister og på kortet."),
            "description": gettext_lazy("Markdown er tilladt (overskrifter, lister, links)."),
            "last_verified": gettext_lazy("Hvornår blev oplysningerne senest bekræftet?"),
        }
        error_messages = {
            "title": {"required": gettext_lazy("Projektet skal have en titel.")},
            "summary": {"required": gettext_lazy("Skriv et kort resumé af projektet.")},
            "lead_organisation": {
                "required": gettext_lazy("Vælg den organisation, der leder projektet."),
                "invalid_choice": gettext_lazy("Ukendt organisation."),
            },
            "area": {
                "required": gettext_lazy("Vælg et forvaltningsområde."),
                "invalid_choice": gettext_lazy("Ukendt område."),
            },
            "status": {
                "required": gettext_lazy("Vælg projektets status."),
                "invalid_choice": gettext_lazy("Ukendt status: %(value)s."),
            },
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk:
            self.initial.setdefault("base_version", project_version(self.instance))
        self.fields["description"].max_length = 20000
        lead = self.fields["lead_organisation"]
        if user is not None and not permissions.is_coordinator(user):
            allowed = set(permissions.organisation_ids(user))
            if self.instance.pk:
                allowed.add(self.instance.lead_organisation_id)
            lead.queryset = Organisation.objects.filter(pk__in=allowed)
        if self.instance.pk is None and not self.initial.get("lead_organisation"):
            only = list(lead.queryset.values_list("pk", flat=True)[:2])
            if len(only) == 1:
                self.initial["lead_organisation"] = only[0]
        self.fields["budget_dkk"].min_value = 0
        self.fields["budget_dkk"].widget.attrs["min"] = 0

    def clean_last_verified(self) -> dt.date | None:
        value = self.cleaned_data.get("last_verified")
        if value and value > timezone.localdate():
            raise forms.ValidationError(
                _("Datoen for seneste bekræftelse kan ikke ligge i fremtiden.")
            )
        return value

    def clean_budget_dkk(self) -> int | None:
        value = self.cleaned_data.get("budget_dkk")
        if value is not None and value < 0:
            raise forms.ValidationError(_("Budgettet kan ikke være negativt."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Slutdatoen skal ligge efter startdatoen."))
        return data

    def _post_clean(self) -> None:
        # Model-level CheckConstraints duplicate the checks above; skip their generic messages.
        super()._post_clean()
        for name in ("__all__",):
            if name in self._errors:
                self._errors[name] = self.error_class(
                    [e for e in self._errors[name] if "project_" not in str(e)]
                )
                if not self._errors[name]:
                    del self._errors[name]


class FundingForm(forms.ModelForm):
    class Meta:
        model = Funding
        fields = ["kind", "source", "amount_dkk"]

    def clean_amount_dkk(self) -> int | None:
        value = self.cleaned_data.get("amount_dkk")
        if value is not None and value < 0:
            raise forms.ValidationError(_("Beløbet kan ikke være negativt."))
        return value


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["organisation", "role"]
        error_messages = {
            "organisation": {"invalid_choice": gettext_lazy("Ukendt organisation.")},
        }


class BenefitForm(forms.ModelForm):
    class Meta:
        model = Benefit
        fields = ["kind", "description", "value", "unit"]


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "role", "organisation", "email", "phone", "public"]
        labels = {
            "public": gettext_lazy("Personen har givet samtykke til at blive vist offentligt")
        }

    def clean_phone(self) -> str:
        phone = self.cleaned_data.get("phone", "").strip()
        digits = phone.replace(" ", "").replace("+", "").replace("-", "")
        if phone and not digits.isdigit():
            raise forms.ValidationError(
                _("Telefonnummeret må kun indeholde cifre, mellemrum, + og -.")
            )
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("name") and not (data.get("email") or data.get("phone")):
            self.add_error(
                "email", _("Angiv e-mail eller telefon, så kollegaer kan få fat i personen.")
            )
        return data


class LinkForm(forms.ModelForm):
    class Meta:
        model = Link
        fields = ["kind", "title", "url"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("kind") in ("link", "datasaet")
            and not data.get("url")
            and "url" not in self.errors
        ):
            self.add_error("url", _("Et link eller datasæt skal have en adresse."))
        return data


class LocationForm(forms.ModelForm):
    class Meta:
        model = Location
        fields = ["lat", "lon", "label"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        lat, lon = data.get("lat"), data.get("lon")
        if lat is not None and not DK_LAT[0] <= lat <= DK_LAT[1]:
            self.add_error("lat", _("Breddegraden skal ligge i Danmark (54,4–57,9)."))
        if lon is not None and not DK_LON[0] <= lon <= DK_LON[1]:
            self.add_error("lon", _("Længdegraden skal ligge i Danmark (7,8–15,3)."))
        return data

    def _post_clean(self) -> None:
        super()._post_clean()
        if "__all__" in self._errors:
            self._errors["__all__"] = self.error_class(
                [e for e in self._errors["__all__"] if "location_in_denmark" not in str(e)]
            )
            if not self._errors["__all__"]:
                del self._errors["__all__"]


class UniqueOrganisationFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        seen: set[int] = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            org = form.cleaned_data.get("organisation")
            if org and org.pk in seen:
                form.add_error("organisation", _("Organisationen er allerede partner."))
            elif org:
                seen.add(org.pk)


def _formset(model: type, form: type, formset: type = BaseInlineFormSet, max_num: int = 50):
    return inlineformset_factory(
        Project,
        model,
        form=form,
        formset=formset,
        extra=0,
        can_delete=True,
        max_num=max_num,
        validate_max=True,
        absolute_max=max_num,
    )


FORMSETS: dict[str, Any] = {
    "funding": _formset(Funding, FundingForm),
    "partners": _formset(Partner, PartnerForm, UniqueOrganisationFormSet),
    "benefits": _formset(Benefit, BenefitForm),
    "contacts": _formset(Contact, ContactForm),
    "links": _formset(Link, LinkForm),
    "locations": _formset(Location, LocationForm, max_num=20),
}

FORMSET_TITLES = {
    "funding": gettext_lazy("Finansiering"),
    "partners": gettext_lazy("Partnere"),
    "benefits": gettext_lazy("Gevinster"),
    "contacts": gettext_lazy("Kontaktpersoner"),
    "links": gettext_lazy("Links, datasæt og standarder"),
    "locations": gettext_lazy("Placering på kortet"),
}


class ProjectEditor:
    """The main form and its formsets, validated and saved together."""

    def __init__(
        self, data: dict | None = None, *, instance: Project | None = None, user: Any = None
    ) -> None:
        self.instance = instance or Project()
        self.form = ProjectForm(data, instance=self.instance, user=user)
        self.formsets = {
            name: cls(data, instance=self.instance, prefix=name) for name, cls in FORMSETS.items()
        }

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        for fs in self.formsets.values():
            valid = fs.is_valid() and valid
        return valid

    def errors(self) -> list[dict[str, str]]:
        """All errors as `{"field", "message"}` items, in form order."""
        return form_errors(self.form, self.formsets)

    def error_summary(self) -> list[dict[str, str]]:
        """The errors with a human label and the id of the field's wrapper, for the UI."""
        items = []
        for name, field in self.form.fields.items():
            for message in self.form.errors.get(name, []):
                items.append(
                    {"label": str(field.label), "anchor": f"field-{name}", "message": message}
                )
        items += [{"label": "", "anchor": "", "message": m} for m in self.form.non_field_errors()]
        for name, fs in self.formsets.items():
            title = str(FORMSET_TITLES[name])
            items += [{"label": title, "anchor": "", "message": m} for m in fs.non_form_errors()]
            for i, form in enumerate(fs.forms):
                for field_name, messages in form.errors.items():
                    field = form.fields.get(field_name)
                    label = f"{title} {i + 1}" + (f": {field.label}" if field else "")
                    anchor = f"field-{form.add_prefix(field_name)}" if field else ""
                    items += [{"label": label, "anchor": anchor, "message": m} for m in messages]
        return items

    def save_all(self, slug: str | None = None) -> Project:
        """Save the project and its children. The caller holds the transaction."""
        project = self.form.save(commit=False)
        if slug:
            project.slug = slug
        project.save()
        self.form.save_m2m()
        for fs in self.formsets.values():
            fs.instance = project
            fs.save()
        return project


class ProjectImportForm(forms.Form):
    """The upload of a `smartby-projects/1` file. The file is checked by its content (size,
    UTF-8 text, JSON, the format's envelope), not by its name or declared type; the records
    themselves are checked by `operations.import_projects`. `document` holds the parsed file."""

    file = forms.FileField(
        label=gettext_lazy("Fil"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ".json,application/json"}),
        error_messages={
            "empty": gettext_lazy("Filen er tom."),
            "invalid": gettext_lazy("Vælg en fil."),
        },
    )

    def __init__(self, *args: Any, limit: int, too_big: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit = limit
        self.too_big = too_big
        self.document: Any = None
        self.fields["file"].help_text = _(
            "En JSON-fil i formatet %(format)s (som eksporten laver), højst %(limit)s og "
            "%(most)s projekter."
        ) % {"format": FORMAT, "limit": size_text(limit), "most": settings.IMPORT_MAX_RECORDS}

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if self.too_big:
            raise forms.ValidationError(
                _("Filen er for stor (højst %(limit)s).") % {"limit": size_text(self.limit)}
            )
        if not upload:
            raise forms.ValidationError(_("Vælg en fil."))
        try:
            document = read_json_upload(upload, self.limit)
        except UploadRejected as exc:
            raise forms.ValidationError(str(exc)) from exc
        _organisations, projects, errors = load_document(document)
        if errors:
            raise forms.ValidationError(errors)
        most = settings.IMPORT_MAX_RECORDS
        if len(projects) > most:
            # Each record is validated, audited and indexed on its own (~50 ms): a larger file
            # would outlast the web server's request timeout. The CLI has no such limit.
            raise forms.ValidationError(
                _(
                    "Filen har %(count)s projekter; der kan højst importeres %(most)s ad gangen "
                    "her. Del filen, eller bed en koordinator importere den med smartby "
                    "import-projects."
                )
                % {"count": len(projects), "most": most}
            )
        self.document = document
        return upload
