"""Validation of the coordinators' synonym groups (the one place for it)."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartby.search.models import SynonymGroup

MAX_TERMS = 30
MAX_TERM_LENGTH = 60


class SynonymGroupForm(forms.ModelForm):
    class Meta:
        model = SynonymGroup
        fields = ["terms", "note"]
        widgets = {"terms": forms.Textarea(attrs={"rows": 2})}
        labels = {"terms": gettext_lazy("Ord og udtryk, der betyder det samme")}

    def clean_terms(self) -> str:
        raw = self.cleaned_data["terms"]
        terms: list[str] = []
        for part in raw.replace("\n", ",").split(","):
            term = " ".join(part.split()).lower()
            if not term:
                continue
            if len(term) > MAX_TERM_LENGTH:
                raise forms.ValidationError(
                    _("„%(term)s…“ er for langt: højst %(max)d tegn pr. ord eller udtryk.")
                    % {"term": term[:20], "max": MAX_TERM_LENGTH}
                )
            if not any(ch.isalnum() for ch in term):
                raise forms.ValidationError(
                    _("„%(term)s“ indeholder hverken bogstaver eller tal.") % {"term": term}
                )
            if term not in terms:
                terms.append(term)
        if len(terms) < 2:
            raise forms.ValidationError(
                _("Skriv mindst to forskellige ord eller udtryk, adskilt med komma.")
            )
        if len(terms) > MAX_TERMS:
            raise forms.ValidationError(
                _("Højst %(max)d ord eller udtryk i en gruppe.") % {"max": MAX_TERMS}
            )
        return ", ".join(terms)
