"""Use cases of guides and the kompetencetjek. Pages and the API call these; each checks
permission, validates through `guides.forms`, writes in one transaction, audits and re-indexes
the search."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils.translation import gettext as _

from smartby.audit.operations import record as audit
from smartby.guides import permissions, scoring
from smartby.guides.forms import (
    DimensionForm,
    GuideCreateForm,
    GuideEditForm,
    QuestionForm,
    validate_answers,
)
from smartby.guides.models import (
    Assessment,
    Dimension,
    Guide,
    GuideVersion,
    Question,
    Result,
)
from smartby.lib.errors import ValidationFailed, form_errors
from smartby.lib.text import unique_slug as _unique_slug
from smartby.orgs.models import Organisation
from smartby.search.index import index_content

SEARCH_KIND = "guide"


def unique_slug(title: str) -> str:
    return _unique_slug(Guide.objects, title, fallback="vejledning", reserved={"ny"})


def _add_version(
    actor: Any, guide: Guide, *, title: str, summary: str, body: str, note: str
) -> GuideVersion:
    """Append a version and make it current (caller holds the transaction and the row lock)."""
    last = guide.versions.aggregate(n=Max("number"))["n"] or 0
    version = GuideVersion.objects.create(
        guide=guide,
        number=last + 1,
        title=title,
        summary=summary,
        body=body,
        change_note=note,
        author=actor if getattr(actor, "is_authenticated", False) else None,
    )
    guide.title, guide.summary, guide.current_version = title, summary, version
    guide.save(update_fields=["title", "summary", "current_version", "updated_at"])
    return version


def create_guide(actor: Any, data: Mapping[str, Any], *, source: str = "web") -> Guide:
    if not permissions.can_manage_guides(actor):
        raise PermissionDenied(_("Kun koordinatorer kan oprette vejledninger."))
    form = GuideCreateForm(data)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    d = form.cleaned_data
    with transaction.atomic():
        guide = Guide.objects.create(
            slug=unique_slug(d["title"]),
            kind=d["kind"],
            area=d["area"],
            title=d["title"],
            summary=d["summary"],
        )
        version = _add_version(
            actor,
            guide,
            title=d["title"],
            summary=d["summary"],
            body=d["body"],
            note=d["change_note"] or _("Oprettet."),
        )
        audit(
            actor=actor,
            action="create",
            obj=guide,
            changes={
                "title": {"old": None, "new": guide.title},
                "kind": {"old": None, "new": guide.kind},
                "area": {"old": None, "new": guide.area and guide.area.name},
                "version": {"old": None, "new": version.number},
            },
            source=source,
        )
        index_content(SEARCH_KIND, [guide.pk])
    return guide


def update_guide(
    actor: Any, guide: Guide, data: Mapping[str, Any], *, source: str = "web"
) -> GuideVersion:
    """Save an edit as a new version. `base_version` (optional) is the version the editor
    started from: if somebody saved in between, the edit is refused instead of overwriting."""
    if not permissions.can_edit_guide(actor):
        raise PermissionDenied(_("Du skal være medlem af en organisation for at redigere."))
    form = GuideEditForm(data)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    d = form.cleaned_data
    with transaction.atomic():
        guide = (
            Guide.objects.select_for_update(of=("self",))
            .select_related("current_version")
            .get(pk=guide.pk)
        )
        current = guide.current_version
        if d["base_version"] and current and d["base_version"] != current.number:
            raise ValidationFailed(
                [
                    {
                        "field": "base_version",
                        "message": _(
                            "Vejledningen er ændret (version %(n)s), siden du åbnede den. "
                            "Åbn den igen, og gentag din ændring."
                        )
                        % {"n": current.number},
                    }
                ]
            )
        if current and (current.title, current.summary, current.body) == (
            d["title"],
            d["summary"],
            d["body"],
        ):
            raise ValidationFailed([{"field": "body", "message": _("Du har ikke ændret noget.")}])
        version = _add_version(
            actor,
            guide,
            title=d["title"],
            summary=d["summary"],
            body=d["body"],
            note=d["change_note"],
        )
        changes = {"version": {"old": current and current.number, "new": version.number}}
        if current and current.title != version.title:
            changes["title"] = {"old": current.title, "new": version.title}
        if current and current.summary != version.summary:
            changes["summary"] = {"old": current.summary, "new": version.summary}
        audit(actor=actor, action="update", obj=guide, changes=changes, source=source)
        index_content(SEARCH_KIND, [guide.pk])
    return version


def restore_version(actor: Any, guide: Guide, number: int, *, source: str = "web") -> GuideVersion:
    """Make an old version's text current again, as a new version (history is never lost)."""
    if not permissions.can_edit_guide(actor):
        raise PermissionDenied(_("Du skal være medlem af en organisation for at redigere."))
    with transaction.atomic():
        guide = (
            Guide.objects.select_for_update(of=("self",))
            .select_related("current_version")
            .get(pk=guide.pk)
        )
        old = guide.versions.filter(number=number).first()
        if old is None:
            raise ValidationFailed([{"field": "version", "message": _("Versionen findes ikke.")}])
        current = guide.current_version
        if current and current.number == old.number:
            raise ValidationFailed(
                [{"field": "version", "message": _("Versionen er allerede den aktuelle.")}]
            )
        version = _add_version(
            actor,
            guide,
            title=old.title,
            summary=old.summary,
            body=old.body,
            note=_("Gendannet fra version %(n)s.") % {"n": old.number},
        )
        audit(
            actor=actor,
            action="restore",
            obj=guide,
            changes={
                "version": {"old": current and current.number, "new": version.number},
                "restored_from": {"old": None, "new": old.number},
            },
            source=source,
        )
        index_content(SEARCH_KIND, [guide.pk])
    return version


def delete_guide(actor: Any, guide: Guide, *, source: str = "web") -> None:
    if not permissions.can_manage_guides(actor):
        raise PermissionDenied(_("Kun koordinatorer kan slette vejledninger."))
    with transaction.atomic():
        pk = guide.pk
        audit(
            actor=actor,
            action="delete",
            obj=guide,
            changes={"title": {"old": guide.title, "new": None}},
            source=source,
        )
        Guide.objects.filter(pk=pk).update(current_version=None)
        guide.delete()
        index_content(SEARCH_KIND, [pk])


# --- kompetencetjek ---------------------------------------------------------------------------


def published_assessment() -> Assessment | None:
    """The published kompetencetjek with its dimensions and questions prefetched."""
    return (
        Assessment.objects.filter(published=True)
        .prefetch_related(
            Prefetch(
                "dimensions",
                queryset=Dimension.objects.order_by("order", "id").prefetch_related(
                    Prefetch("questions", queryset=Question.objects.order_by("order", "id"))
                ),
            )
        )
        .first()
    )


def questions_of(assessment: Assessment) -> list[Question]:
    return [q for d in assessment.dimensions.all() for q in d.questions.all()]


def specs_of(assessment: Assessment) -> list[scoring.DimensionSpec]:
    return [
        scoring.DimensionSpec(
            slug=d.slug,
            name=d.name,
            questions=[scoring.QuestionSpec(q.id, q.weight) for q in d.questions.all()],
            low_below=d.low_below,
            high_from=d.high_from,
            advice_low=d.advice_low,
            advice_middle=d.advice_middle,
            advice_high=d.advice_high,
        )
        for d in assessment.dimensions.all()
    ]


def score_answers(
    assessment: Assessment, raw: Mapping[Any, Any]
) -> tuple[dict[int, int], scoring.Scores]:
    """Validate answers (question id → 0–4) and score them; nothing is saved."""
    answers = validate_answers(questions_of(assessment), raw)
    return answers, scoring.score(specs_of(assessment), answers)


def save_result(
    actor: Any,
    assessment: Assessment,
    organisation: Organisation | None,
    raw: Mapping[Any, Any],
    *,
    source: str = "web",
) -> Result:
    """Save a kompetencetjek result for one of the actor's organisations."""
    if organisation is None:
        raise ValidationFailed(
            [{"field": "organisation", "message": _("Vælg den organisation, resultatet gælder.")}]
        )
    if not permissions.can_save_result(actor, organisation):
        raise PermissionDenied(_("Du kan kun gemme resultater for dine egne organisationer."))
    answers, scores = score_answers(assessment, raw)
    with transaction.atomic():
        result = Result.objects.create(
            organisation=organisation,
            assessment=assessment,
            answers={str(k): v for k, v in answers.items()},
            scores=scores.as_dict(),
            total=scores.total,
            created_by=actor,
        )
        audit(
            actor=actor,
            action="create",
            obj=result,
            changes={
                "scores": {"old": None, "new": result.scores},
                "total": {"old": None, "new": result.total},
            },
            source=source,
        )
    return result


def _require_manager(actor: Any) -> None:
    if not permissions.can_manage_assessment(actor):
        raise PermissionDenied(_("Kun koordinatorer kan redigere kompetencetjekket."))


def _model_changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    return {
        k: {"old": before.get(k), "new": after.get(k)}
        for k in after
        if before.get(k) != after.get(k)
    }


def update_dimension(
    actor: Any, dimension: Dimension, data: Mapping[str, Any], *, source: str = "web"
) -> Dimension:
    _require_manager(actor)
    fields = DimensionForm.Meta.fields
    before = {f: getattr(dimension, f) for f in fields}
    form = DimensionForm(data, instance=dimension)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    with transaction.atomic():
        dimension = form.save()
        changes = _model_changes(before, {f: getattr(dimension, f) for f in fields})
        if changes:
            audit(actor=actor, action="update", obj=dimension, changes=changes, source=source)
    return dimension


def save_question(
    actor: Any,
    assessment: Assessment,
    data: Mapping[str, Any],
    question: Question | None = None,
    *,
    source: str = "web",
) -> Question:
    """Create (question None) or change a question of `assessment`."""
    _require_manager(actor)
    fields = ["text", "help", "weight", "order"]
    before = {f: getattr(question, f) for f in fields} if question else {}
    if question:
        before["dimension"] = question.dimension.name
    form = QuestionForm(data, instance=question, assessment=assessment)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    with transaction.atomic():
        saved = form.save()
        after = {f: getattr(saved, f) for f in fields} | {"dimension": saved.dimension.name}
        changes = _model_changes(before, after)
        if changes:
            audit(
                actor=actor,
                action="update" if question else "create",
                obj=saved,
                changes=changes,
                source=source,
            )
    return saved


def delete_question(actor: Any, question: Question, *, source: str = "web") -> None:
    """Delete a question. Saved results keep the scores they got."""
    _require_manager(actor)
    if Question.objects.filter(dimension_id=question.dimension_id).count() <= 1:
        raise ValidationFailed(
            [
                {
                    "field": "question",
                    "message": _("En dimension skal have mindst ét spørgsmål."),
                }
            ]
        )
    with transaction.atomic():
        audit(
            actor=actor,
            action="delete",
            obj=question,
            changes={"text": {"old": question.text, "new": None}},
            source=source,
        )
        question.delete()
