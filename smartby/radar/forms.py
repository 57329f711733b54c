"""The one place radar input is validated, by the pages and the API alike."""

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartby.lib.forms import CleanTextMixin
from smartby.radar.models import FIRST_YEAR, LAST_YEAR, Blip, Edition, Quadrant, Ring
from smartby.registry.filters import clean_text
from smartby.registry.models import Technology

RATIONALE_MAX = 4000
INTRODUCTION_MAX = 20000


def _text_field(label: Any, max_length: int, *, required: bool = True, rows: int = 4) -> Any:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": gettext_lazy("Skriv en begrundelse."),
            "max_length": gettext_lazy("Højst %(limit_value)d tegn (der er %(show_value)d)."),
        },
    )


class EditionCreateForm(CleanTextMixin, forms.Form):
    """A new edition; its blips are copied from the latest edition."""

    year = forms.IntegerField(
        label=gettext_lazy("År"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={
            "required": gettext_lazy("Skriv udgavens år."),
            "invalid": gettext_lazy("Skriv året som et tal, fx 2027."),
            "min_value": gettext_lazy("Året skal være %(limit_value)s eller senere."),
            "max_value": gettext_lazy("Året skal være %(limit_value)s eller tidligere."),
        },
    )
    title = forms.CharField(
        label=gettext_lazy("Titel"),
        max_length=200,
        error_messages={
            "required": gettext_lazy("Skriv en titel."),
            "max_length": gettext_lazy("Højst %(limit_value)d tegn (der er %(show_value)d)."),
        },
    )

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if Edition.objects.filter(year=year).exists():
            raise forms.ValidationError(
                _("Der findes allerede en udgave for %(year)s."), params={"year": year}
            )
        return year


class EditionForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Edition
        fields = ["title", "introduction"]
        labels = {
            "title": gettext_lazy("Titel"),
            "introduction": gettext_lazy("Introduktion"),
        }
        help_texts = {
            "introduction": gettext_lazy("Markdown: overskrifter, lister, links og fed skrift."),
        }
        error_messages = {
            "title": {"required": gettext_lazy("Skriv en titel.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        intro = self.fields["introduction"]
        intro.widget.attrs["rows"] = 10
        intro.validators.append(
            MaxLengthValidator(
                INTRODUCTION_MAX,
                message=_("Højst %(limit_value)d tegn (der er %(show_value)d)."),
            )
        )


class PlacementFields(CleanTextMixin, forms.Form):
    quadrant = forms.ChoiceField(
        label=gettext_lazy("Kvadrant"),
        choices=Quadrant.choices,
        error_messages={
            "required": gettext_lazy("Vælg en kvadrant."),
            "invalid_choice": gettext_lazy("Vælg en af de fire kvadranter."),
        },
    )
    ring = forms.ChoiceField(
        label=gettext_lazy("Ring"),
        choices=Ring.choices,
        error_messages={
            "required": gettext_lazy("Vælg en ring."),
            "invalid_choice": gettext_lazy("Vælg en af de fire ringe."),
        },
    )
    rationale = _text_field(gettext_lazy("Begrundelse"), RATIONALE_MAX)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "rationale" in data and not data["rationale"]:
            self.add_error("rationale", _("Skriv en begrundelse."))
        return data


class TechnologyChoiceField(forms.ModelChoiceField):
    """A technology by slug; control characters (PostgreSQL refuses NUL) never reach the
    database lookup."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = clean_text(value)[:100]
        return super().to_python(value)


class BlipAddForm(PlacementFields):
    """Place a technology of the registry taxonomy on an edition."""

    technology = TechnologyChoiceField(
        label=gettext_lazy("Teknologi"),
        queryset=Technology.objects.none(),
        to_field_name="slug",
        help_text=gettext_lazy(
            "Teknologierne kommer fra registrets taksonomi; koordinatorer kan tilføje nye dér."
        ),
        error_messages={
            "required": gettext_lazy("Vælg en teknologi."),
            "invalid_choice": gettext_lazy(
                "Vælg en teknologi fra listen, som ikke allerede er på radaren."
            ),
        },
    )
    field_order = ["technology", "quadrant", "ring", "rationale"]

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.fields["technology"].queryset = Technology.objects.exclude(
            radar_blips__edition=edition
        ).order_by("name")


class BlipEditForm(PlacementFields):
    """Move a blip (quadrant or ring) or reword its rationale. A move needs a new rationale."""

    def __init__(self, *args: Any, blip: Blip, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {"quadrant": blip.quadrant, "ring": blip.ring, "rationale": blip.rationale},
        )
        super().__init__(*args, **kwargs)
        self.blip = blip
        self.fields["rationale"].help_text = _(
            "Flytter du teknologien til en anden ring eller kvadrant, så skriv hvorfor."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        moved = (data.get("ring"), data.get("quadrant")) != (self.blip.ring, self.blip.quadrant)
        if (
            moved
            and data.get("rationale")
            and " ".join(data["rationale"].split()) == " ".join(self.blip.rationale.split())
        ):
            self.add_error(
                "rationale", _("Teknologien flyttes: skriv en ny begrundelse for flytningen.")
            )
        return data


class BlipRemoveForm(CleanTextMixin, forms.Form):
    reason = _text_field(gettext_lazy("Begrundelse for at fjerne den"), RATIONALE_MAX, rows=3)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "reason" in data and not data["reason"]:
            self.add_error("reason", _("Skriv en begrundelse."))
        return data
