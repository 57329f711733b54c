"""Forms of survey and round management (the one validation of their input: web, API and
commands go through `operations`, which uses these)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from smartby.geo.models import Municipality
from smartby.lib.forms import CleanTextMixin


class RoundForm(CleanTextMixin, forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200)
    description = forms.CharField(
        label=_("Beskrivelse"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    opens_on = forms.DateField(
        label=_("Åbner"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    closes_on = forms.DateField(
        label=_("Lukker"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    population = forms.ModelMultipleChoiceField(
        label=_("Kommuner"),
        queryset=Municipality.objects.order_by("name"),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Som udgangspunkt spørges alle 98 kommuner."),
        error_messages={
            "required": _("Vælg mindst én kommune."),
            "invalid_choice": _("Ukendt kommune: %(value)s."),
        },
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and closes_on and closes_on <= opens_on:
            self.add_error("closes_on", _("Lukkedatoen skal ligge efter åbningsdatoen."))
        return data


class QuestionForm(CleanTextMixin, forms.Form):
    """Editing a question on the web: options and items one per line as `key | text`
    (items: `key | text | area`)."""

    text = forms.CharField(
        label=_("Spørgsmål"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    help = forms.CharField(
        label=_("Hjælpetekst"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    required = forms.BooleanField(label=_("Skal besvares"), required=False)
    options = forms.CharField(
        label=_("Svarmuligheder"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Én pr. linje: nøgle | tekst"),
    )
    items = forms.CharField(
        label=_("Delspørgsmål"),
        required=False,
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Én pr. linje: nøgle | tekst | hovedområde (valgfrit)"),
    )

    @staticmethod
    def lines(rows: list[dict[str, str]], label_key: str, extra: tuple[str, ...] = ()) -> str:
        return "\n".join(
            " | ".join([r["key"], r.get(label_key, ""), *[r.get(e, "") for e in extra if r.get(e)]])
            for r in rows
        )

    @staticmethod
    def _parse(text: str, label_key: str, extra: tuple[str, ...] = ()) -> list[dict[str, str]]:
        rows = []
        for line in text.splitlines():
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            row = {"key": parts[0], label_key: parts[1] if len(parts) > 1 else ""}
            for index, name in enumerate(extra, start=2):
                row[name] = parts[index] if len(parts) > index else ""
            rows.append(row)
        return rows

    def to_data(self) -> dict[str, Any]:
        """The cleaned input in the shape `versions.edit_question` takes."""
        data = self.cleaned_data
        return {
            "text": data["text"],
            "help": data["help"],
            "required": data["required"],
            "options": self._parse(data["options"], "label"),
            "items": self._parse(data["items"], "text", ("area",)),
        }
