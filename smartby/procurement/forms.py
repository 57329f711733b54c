"""The one place where clause and composer input is validated (UI and API alike)."""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartby.lib.forms import CleanTextMixin
from smartby.lib.text import without_control_characters
from smartby.procurement import placeholders
from smartby.procurement.models import Clause, Topic

MAX_TAGS = 10
MAX_CLAUSES = 40
_TAG = re.compile(r"[\wæøåÆØÅ][\wæøåÆØÅ \-/]{0,48}[\wæøåÆØÅ]|[\wæøåÆØÅ]")


def clean_tags(raw: str) -> list[str]:
    """Comma-separated emneord → a list without duplicates (case-insensitive)."""
    names: list[str] = []
    for part in raw.split(","):
        name = " ".join(part.split())
        if not name:
            continue
        if not _TAG.fullmatch(name):
            raise ValidationError(
                _(
                    "Emneordet „%(tag)s“ er ugyldigt: brug 1–50 bogstaver, tal, mellemrum, "
                    "bindestreg eller skråstreg."
                )
                % {"tag": name[:60]}
            )
        if name.lower() not in {n.lower() for n in names}:
            names.append(name)
    if len(names) > MAX_TAGS:
        raise ValidationError(_("Højst %(n)d emneord.") % {"n": MAX_TAGS})
    return names


class WordingForm(CleanTextMixin, forms.Form):
    """The wording of a version: requirement text with placeholders, reason, guidance."""

    text = forms.CharField(
        label=gettext_lazy("Kravtekst"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=gettext_lazy(
            "Pladsholdere skrives med to krøllede parenteser, fx {{ordregiver}}, {{leverandør}}, "
            "{{frist_arbejdsdage}} eller {{dataformat}}: små bogstaver, tal og _."
        ),
        error_messages={"required": gettext_lazy("Skriv kravteksten.")},
    )
    reason = forms.CharField(
        label=gettext_lazy("Hvorfor"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Begrundelsen bag kravet, som ordregiveren kan genbruge."),
        error_messages={"required": gettext_lazy("Skriv begrundelsen bag kravet.")},
    )
    guidance = forms.CharField(
        label=gettext_lazy("Vejledning"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Råd om brugen: hvornår kravet passer, og hvad man kan tilpasse."),
    )
    change_note = forms.CharField(
        label=gettext_lazy("Ændringsnote"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("Kort om, hvad der er ændret og hvorfor."),
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        errors = placeholders.template_errors(text)
        if errors:
            raise ValidationError(errors)
        return text


class ProposalForm(WordingForm):
    """An editor's proposal for a new version; the change note is required."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["change_note"].required = True
        self.fields["change_note"].error_messages["required"] = _(
            "Skriv kort, hvad du foreslår ændret og hvorfor."
        )


class ClauseForm(WordingForm):
    """A coordinator's form: the clause's title, theme and emneord, and its wording."""

    field_order = ["title", "topic", "tags", "text", "reason", "guidance", "change_note"]

    title = forms.CharField(
        label=gettext_lazy("Titel"),
        max_length=200,
        error_messages={"required": gettext_lazy("Giv klausulen en titel.")},
    )
    topic = forms.ChoiceField(
        label=gettext_lazy("Tema"),
        choices=Topic.choices,
        error_messages={"required": gettext_lazy("Vælg et tema.")},
    )
    tags = forms.CharField(
        label=gettext_lazy("Emneord"),
        max_length=600,
        required=False,
        help_text=gettext_lazy("Adskilt af komma, fx IoT, sensorer, cloud."),
    )

    def clean_tags(self) -> list[str]:
        return clean_tags(without_control_characters(self.cleaned_data.get("tags") or ""))

    @staticmethod
    def initial_for(clause: Clause) -> dict[str, Any]:
        version = clause.current_version
        return {
            "title": clause.title,
            "topic": clause.topic,
            "tags": ", ".join(t.name for t in clause.tags.all()),
            "text": version.text if version else "",
            "reason": version.reason if version else "",
            "guidance": version.guidance if version else "",
        }


class ReviewForm(CleanTextMixin, forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Begrundelse (valgfri)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ClauseFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Søg i klausuler"), max_length=200, required=False)
    tema = forms.ChoiceField(
        label=gettext_lazy("Tema"),
        choices=[("", gettext_lazy("Alle temaer")), *Topic.choices],
        required=False,
    )
    emneord = forms.CharField(label=gettext_lazy("Emneord"), max_length=60, required=False)
    udfasede = forms.BooleanField(label=gettext_lazy("Vis udfasede klausuler"), required=False)

    def clean_q(self) -> str:
        return without_control_characters(self.cleaned_data["q"]).strip()

    def clean_emneord(self) -> str:
        return without_control_characters(self.cleaned_data["emneord"]).strip()


# --- the composer --------------------------------------------------------------------------


class ComposeForm(CleanTextMixin, forms.Form):
    """Step 1 of the composer: the document's title, the buyer and the chosen clauses (slugs of
    clauses in use)."""

    titel = forms.CharField(
        label=gettext_lazy("Dokumentets titel"),
        max_length=200,
        error_messages={"required": gettext_lazy("Giv dokumentet en titel.")},
    )
    ordregiver = forms.CharField(
        label=gettext_lazy("Ordregiver"),
        max_length=placeholders.MAX_VALUE_LENGTH,
        help_text=gettext_lazy("Fx Aarhus Kommune; indsættes, hvor klausulerne nævner ordregiver."),
        error_messages={"required": gettext_lazy("Skriv ordregiverens navn.")},
    )
    indledning = forms.CharField(
        label=gettext_lazy("Indledning (valgfri)"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    bilag = forms.BooleanField(
        label=gettext_lazy("Tilføj et bilag med begrundelserne for kravene"), required=False
    )
    klausul = forms.MultipleChoiceField(
        label=gettext_lazy("Klausuler"),
        choices=[],
        error_messages={
            "required": gettext_lazy("Vælg mindst én klausul."),
            "invalid_choice": gettext_lazy("Klausulen „%(value)s“ findes ikke eller er udfaset."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["klausul"].choices = [
            (slug, title)
            for slug, title in Clause.objects.filter(
                retired=False, current_version__isnull=False
            ).values_list("slug", "title")
        ]

    def clean_klausul(self) -> list[str]:
        chosen = list(dict.fromkeys(self.cleaned_data["klausul"]))
        if len(chosen) > MAX_CLAUSES:
            raise ValidationError(_("Vælg højst %(n)d klausuler.") % {"n": MAX_CLAUSES})
        return chosen


def value_field_name(name: str) -> str:
    """The form/GET parameter of placeholder `name` (prefix keeps it apart from other fields)."""
    return f"v-{name}"


class ValuesForm(forms.Form):
    """Step 2: one field per placeholder of the chosen clauses (the buyer is asked in step 1).
    Every field must be filled; numeric placeholders take whole numbers."""

    def __init__(self, names: list[str], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.names = names
        for name in names:
            self.fields[value_field_name(name)] = forms.CharField(
                label=placeholders.label(name),
                help_text=placeholders.help_text(name),
                max_length=None,
                strip=True,
                error_messages={"required": placeholders.value_error(name, "")},
            )
            bounds = placeholders.numeric_range(name)
            if bounds:
                self.fields[value_field_name(name)].widget.attrs.update(
                    {"inputmode": "numeric", "autocomplete": "off"}
                )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in self.names:
            key = value_field_name(name)
            if key in self.errors:  # required and empty: already said
                continue
            value = without_control_characters(data.get(key) or "").strip()
            error = placeholders.value_error(name, value)
            if error:
                self.add_error(key, error)
            else:
                data[key] = value
        return data

    def values(self) -> dict[str, str]:
        return {name: self.cleaned_data[value_field_name(name)] for name in self.names}
