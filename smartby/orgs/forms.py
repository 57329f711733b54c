"""Validation of organisation input: the one place shared by the pages, imports and the API."""

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartby.orgs.models import Organisation, OrganisationKind
from smartby.registry import permissions

# Municipalities and regions are reference data: loaded by migrations, never created, deleted or
# re-typed through the UI.
REFERENCE_KINDS = frozenset({OrganisationKind.MUNICIPALITY, OrganisationKind.REGION})


def is_reference(organisation: Organisation) -> bool:
    return bool(
        organisation.kind in REFERENCE_KINDS
        or organisation.municipality_id
        or organisation.region_id
    )


def creatable_kinds() -> list[tuple[str, str]]:
    return [
        (value, label) for value, label in OrganisationKind.choices if value not in REFERENCE_KINDS
    ]


class OrganisationForm(forms.ModelForm):
    """Create or edit an organisation. For a municipality or region the type is locked, and only
    coordinators may change the name."""

    # Longer than the 8 digits so that "DK-10 15 08 17" reaches `clean_cvr`; the model field
    # checks the cleaned value (length and modulus 11).
    cvr = forms.CharField(
        label=gettext_lazy("CVR-nummer"),
        required=False,
        max_length=20,
        help_text=gettext_lazy("8 cifre. Kan udelades for udenlandske organisationer."),
    )

    class Meta:
        model = Organisation
        fields = ["name", "kind", "cvr", "website"]
        help_texts = {
            "website": gettext_lazy("Fx https://www.example.dk"),
        }
        error_messages = {
            "name": {"required": gettext_lazy("Organisationen skal have et navn.")},
            "kind": {
                "required": gettext_lazy("Vælg organisationens type."),
                "invalid_choice": gettext_lazy("Vælg en gyldig type."),
            },
            "website": {"invalid": gettext_lazy("Indtast en gyldig webadresse.")},
        }

    def __init__(self, *args: Any, actor: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cvr"].widget.attrs.update(inputmode="numeric", autocomplete="off")
        kind = self.fields["kind"]
        if self.instance.pk and is_reference(self.instance):
            kind.disabled = True
            kind.help_text = _("Kommuner og regioner er referencedata; typen kan ikke ændres.")
            if not permissions.is_coordinator(actor):
                self.fields["name"].disabled = True
        else:
            kind.choices = [("", _("Vælg type")), *creatable_kinds()]

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Organisationen skal have et navn."), code="required")
        taken = Organisation.objects.filter(name__iexact=name)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("Der findes allerede en organisation med navnet „%(name)s“."),
                code="unique",
                params={"name": taken.first().name},
            )
        return name

    def clean_cvr(self) -> str:
        # Accept "DK-10 15 08 17" as typed from an invoice; the model validates the digits.
        value = self.cleaned_data.get("cvr", "").upper().replace("DK", "")
        return "".join(ch for ch in value if ch not in " -")


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Søg efter navn"), required=False, max_length=200)
    kind = forms.ChoiceField(label=gettext_lazy("Type"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"
        self.fields["kind"].choices = [("", _("Alle typer")), *OrganisationKind.choices]


class OrganisationMergeForm(forms.Form):
    """Choose the organisation that a duplicate is merged into."""

    keep = forms.ModelChoiceField(
        label=gettext_lazy("Behold denne organisation"),
        queryset=Organisation.objects.none(),
        error_messages={
            "required": gettext_lazy("Vælg den organisation, dubletten skal lægges sammen med."),
            "invalid_choice": gettext_lazy("Ukendt organisation."),
        },
    )

    def __init__(self, *args: Any, duplicate: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = Organisation.objects.exclude(pk=duplicate.pk).order_by(
            "name"
        )
