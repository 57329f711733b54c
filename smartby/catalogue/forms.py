"""Validation of markedsoverblik input: the one place shared by the pages, the API and proposals.

Forms take plain data (a QueryDict from a page or a dict from the API / a stored proposal);
many-to-many fields are given as slugs. `smartby.lib.errors.form_errors(form)` flattens the errors into
`{"field", "message"}` items for `ValidationFailed`.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartby.catalogue.models import (
    Solution,
    SolutionUse,
    Standard,
    Supplier,
)
from smartby.lib.validators import validate_cvr
from smartby.orgs.models import Organisation, OrganisationKind
from smartby.registry.models import Area, Project, Technology

SUPPLIER_KINDS = (OrganisationKind.COMPANY, OrganisationKind.KNOWLEDGE)

# What a supplier may propose; the organisation (name, CVR) is the coordinators' business.
PROPOSABLE_SUPPLIER_FIELDS = ("size", "description", "contact_email", "contact_phone", "website")
PROPOSABLE_SOLUTION_FIELDS = (
    "name",
    "category",
    "description",
    "technologies",
    "areas",
    "standards",
    "open_apis",
    "data_ownership",
    "hosting",
    "price_model",
    "price_note",
    "references",
)
MULTI_FIELDS = ("technologies", "areas", "standards")


class SupplierForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"),
        queryset=Organisation.objects.filter(kind__in=SUPPLIER_KINDS),
        help_text=gettext_lazy("En virksomhed eller vidensinstitution fra organisationslisten."),
        error_messages={
            "required": gettext_lazy("Vælg leverandørens organisation."),
            "invalid_choice": gettext_lazy(
                "Vælg en virksomhed eller vidensinstitution fra listen."
            ),
        },
    )
    cvr = forms.CharField(
        label=gettext_lazy("CVR-nummer"),
        max_length=8,
        validators=[validate_cvr],
        help_text=gettext_lazy("8 cifre; gemmes på organisationen."),
        error_messages={"required": gettext_lazy("En leverandør skal have et CVR-nummer.")},
    )

    class Meta:
        model = Supplier
        fields = ["organisation", "cvr", "size", "description", "contact_email", "contact_phone"]
        fields += ["website"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        error_messages = {"size": {"required": gettext_lazy("Vælg virksomhedens størrelse.")}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["organisation"].disabled = True
            self.fields["organisation"].queryset = Organisation.objects.filter(
                pk=self.instance.organisation_id
            )
            self.fields["cvr"].initial = self.instance.organisation.cvr
        else:
            self.fields["organisation"].queryset = Organisation.objects.filter(
                kind__in=SUPPLIER_KINDS, supplier__isnull=True
            )

    def clean_cvr(self) -> str:
        cvr = self.cleaned_data["cvr"].strip().replace(" ", "")
        validate_cvr(cvr)
        organisation = self.cleaned_data.get("organisation") or (
            self.instance.organisation if self.instance.pk else None
        )
        taken = Organisation.objects.filter(cvr=cvr)
        if organisation is not None:
            taken = taken.exclude(pk=organisation.pk)
        if cvr and taken.exists():
            raise forms.ValidationError(
                _("CVR-nummeret tilhører allerede %(name)s."), params={"name": taken.first()}
            )
        return cvr

    def clean_contact_phone(self) -> str:
        phone = self.cleaned_data["contact_phone"].strip()
        if phone and not all(c.isdigit() or c in "+ -()" for c in phone):
            raise forms.ValidationError(_("Telefonnummeret må kun indeholde cifre, +, - og ()."))
        return phone


class SolutionForm(forms.ModelForm):
    supplier = forms.ModelChoiceField(
        label=gettext_lazy("Leverandør"),
        queryset=Supplier.objects.select_related("organisation"),
        error_messages={
            "required": gettext_lazy("Vælg leverandøren."),
            "invalid_choice": gettext_lazy("Ukendt leverandør."),
        },
    )
    technologies = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Teknologier"),
        queryset=Technology.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("Ukendt teknologi: %(value)s.")},
    )
    areas = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Forvaltningsområder"),
        queryset=Area.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("Ukendt område: %(value)s.")},
    )
    standards = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Standarder og interoperabilitet"),
        queryset=Standard.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("Ukendt standard: %(value)s.")},
    )

    class Meta:
        model = Solution
        fields = ["supplier", *PROPOSABLE_SOLUTION_FIELDS]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "open_apis": forms.Textarea(attrs={"rows": 3}),
            "data_ownership": forms.Textarea(attrs={"rows": 3}),
            "references": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "description": gettext_lazy("Markdown er tilladt."),
            "open_apis": gettext_lazy(
                "Hvilke åbne API'er og formater kan kommunen hente data med?"
            ),
            "data_ownership": gettext_lazy(
                "Hvem ejer data, og får kommunen adgang til rådata – også efter kontraktens ophør?"
            ),
            "references": gettext_lazy("Kunder og projekter, der kan give en reference."),
        }
        error_messages = {
            "name": {"required": gettext_lazy("Løsningen skal have et navn.")},
            "category": {"required": gettext_lazy("Vælg en kategori.")},
            "description": {"required": gettext_lazy("Beskriv løsningen kort.")},
            "hosting": {"required": gettext_lazy("Vælg, hvor løsningen driftes.")},
            "price_model": {"required": gettext_lazy("Vælg en prismodel.")},
        }

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        supplier, name = data.get("supplier"), data.get("name")
        if supplier and name:
            clash = Solution.objects.filter(supplier=supplier, name__iexact=name)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "name", _("Leverandøren har allerede en løsning med navnet „%s“.") % name
                )
        return data

    def validate_constraints(self) -> None:
        """The name clash is checked in clean() with a Danish message."""


class StandardForm(forms.ModelForm):
    class Meta:
        model = Standard
        fields = ["name", "kind", "body", "url", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        error_messages = {
            "name": {
                "required": gettext_lazy("Standarden skal have et navn."),
                "unique": gettext_lazy("Der findes allerede en standard med det navn."),
            },
            "kind": {"required": gettext_lazy("Vælg en type.")},
        }


class SolutionUseForm(forms.ModelForm):
    project = forms.ModelChoiceField(
        label=gettext_lazy("Projekt"),
        queryset=Project.objects.order_by("title"),
        to_field_name="slug",
        error_messages={
            "required": gettext_lazy("Vælg projektet."),
            "invalid_choice": gettext_lazy("Vælg et projekt fra listen."),
        },
    )

    class Meta:
        model = SolutionUse
        fields = ["project", "experience", "since"]
        widgets = {
            "experience": forms.Textarea(attrs={"rows": 4}),
            "since": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "experience": gettext_lazy(
                "Hvad har I lært – om data, drift, pris og samarbejdet med leverandøren?"
            )
        }

    def __init__(self, *args: Any, solution: Solution, **kwargs: Any) -> None:
        self.solution = solution
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["project"].disabled = True
            self.initial["project"] = self.instance.project.slug

    def clean_project(self) -> Project:
        project = self.cleaned_data["project"]
        clash = SolutionUse.objects.filter(solution=self.solution, project=project)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Projektet er allerede registreret som bruger."))
        return project

    def validate_constraints(self) -> None:
        """The (solution, project) clash is checked in clean_project() with a Danish message."""


def supplier_data(supplier: Supplier) -> dict[str, Any]:
    """The supplier's current values in form-data shape."""
    return {
        "organisation": str(supplier.organisation_id),
        "cvr": supplier.organisation.cvr,
        **{name: getattr(supplier, name) for name in PROPOSABLE_SUPPLIER_FIELDS},
    }


def solution_data(solution: Solution) -> dict[str, Any]:
    """The solution's current values in form-data shape (many-to-many as sorted slugs)."""
    data: dict[str, Any] = {"supplier": str(solution.supplier_id)}
    for name in PROPOSABLE_SOLUTION_FIELDS:
        if name in MULTI_FIELDS:
            data[name] = sorted(getattr(solution, name).values_list("slug", flat=True))
        else:
            data[name] = getattr(solution, name)
    return data


def normalised(data: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    """The allowed fields of proposal input (QueryDict or dict) as JSON values: lists of
    strings for many-to-many fields, strings otherwise. Unknown keys are dropped."""
    result: dict[str, Any] = {}
    for name in fields:
        if name not in data:
            continue
        if name in MULTI_FIELDS:
            values = data.getlist(name) if hasattr(data, "getlist") else data[name]
            if isinstance(values, str):
                values = [values]
            result[name] = sorted({str(v) for v in values or []})
        else:
            value = data[name]
            result[name] = "" if value is None else str(value)
    return result
