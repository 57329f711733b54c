"""Validation of guides and the kompetencetjek, shared by the pages and the API."""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartby.guides.models import Assessment, Dimension, Guide, GuideKind, Question
from smartby.guides.scoring import MAX_ANSWER
from smartby.lib.errors import ValidationFailed
from smartby.lib.forms import CleanTextMixin
from smartby.registry.models import Area

BODY_MAX = 50_000


class GuideEditForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label=gettext_lazy("Titel"), max_length=200)
    summary = forms.CharField(
        label=gettext_lazy("Resumé"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Én eller to sætninger, der vises i oversigten."),
    )
    body = forms.CharField(
        label=gettext_lazy("Tekst"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 24, "class": "markdown"}),
        help_text=gettext_lazy(
            "Markdown: ## for overskrifter, - for punkter, **fed**, [tekst](adresse) for links."
        ),
    )
    change_note = forms.CharField(
        label=gettext_lazy("Hvad har du ændret?"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("Vises i historikken, fx „Opdateret afsnit om datakrav“."),
    )
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    error_messages = {
        "title": gettext_lazy("Skriv en titel."),
        "summary": gettext_lazy("Skriv et kort resumé."),
        "body": gettext_lazy("Skriv vejledningens tekst."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, message in self.error_messages.items():
            self.fields[name].error_messages["required"] = message


class GuideCreateForm(GuideEditForm):
    kind = forms.ChoiceField(label=gettext_lazy("Slags"), choices=GuideKind.choices)
    area = forms.ModelChoiceField(
        label=gettext_lazy("Forvaltningsområde"),
        queryset=Area.objects.all(),
        required=False,
        help_text=gettext_lazy("Kun for elevatortaler: én tale pr. område."),
    )

    field_order = ["kind", "area", "title", "summary", "body", "change_note"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind, area = data.get("kind"), data.get("area")
        if kind == GuideKind.PITCH:
            if area is None:
                self.add_error("area", _("Vælg det område, elevatortalen handler om."))
            elif Guide.objects.filter(area=area).exists():
                self.add_error("area", _("Der findes allerede en elevatortale for dette område."))
        elif area is not None:
            self.add_error("area", _("Kun elevatortaler har et forvaltningsområde."))
        return data


class DimensionForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Dimension
        fields = [
            "name",
            "description",
            "low_below",
            "high_from",
            "advice_low",
            "advice_middle",
            "advice_high",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "advice_low": forms.Textarea(attrs={"rows": 3}),
            "advice_middle": forms.Textarea(attrs={"rows": 3}),
            "advice_high": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        low, high = data.get("low_below"), data.get("high_from")
        if high is not None and high > 100:
            self.add_error("high_from", _("Grænsen skal ligge mellem 0 og 100."))
        elif low is not None and high is not None and low > high:
            self.add_error("high_from", _("„Høj fra“ må ikke være lavere end „lav under“."))
        return data


class QuestionForm(CleanTextMixin, forms.ModelForm):
    weight = forms.IntegerField(
        label=gettext_lazy("Vægt"),
        min_value=1,
        max_value=10,
        initial=1,
        help_text=gettext_lazy("1–10; et spørgsmål med vægt 2 tæller dobbelt."),
    )

    class Meta:
        model = Question
        fields = ["dimension", "text", "help", "weight", "order"]

    def __init__(self, *args: Any, assessment: Assessment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dimension"].queryset = assessment.dimensions.all()
        self.fields["text"].error_messages["required"] = _("Skriv spørgsmålet.")


def validate_answers(
    assessment_questions: list[Question], raw: Mapping[Any, Any]
) -> dict[int, int]:
    """Answers (question id → 0–4, as text or number) for every question, or ValidationFailed
    with one error per missing or invalid answer (field `answers.<id>`) and per unknown id."""
    known = {q.id for q in assessment_questions}
    values = {str(k): v for k, v in raw.items()}
    errors, answers = [], {}
    for question in assessment_questions:
        value = values.get(str(question.id))
        if value is None or value == "":
            errors.append(
                {"field": f"answers.{question.id}", "message": _("Vælg et svar på spørgsmålet.")}
            )
            continue
        try:
            number = int(value) if not isinstance(value, bool) else -1
        except (TypeError, ValueError):
            number = -1
        if not 0 <= number <= MAX_ANSWER or str(number) != str(value).strip():
            errors.append(
                {
                    "field": f"answers.{question.id}",
                    "message": _("Svaret skal være et tal fra 0 til %(max)s.")
                    % {"max": MAX_ANSWER},
                }
            )
            continue
        answers[question.id] = number
    for key in values:
        if not key.isdigit() or int(key) not in known:
            errors.append(
                {"field": f"answers.{key[:20]}", "message": _("Spørgsmålet findes ikke i testen.")}
            )
    if errors:
        raise ValidationFailed(errors)
    return answers
