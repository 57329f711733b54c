"""Pages of the guides and the kompetencetjek. Thin: parse input, call operations/queries, render."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from smartby.guides import operations, permissions, queries, scoring
from smartby.guides.diff import change_counts, diff_texts
from smartby.guides.forms import DimensionForm, GuideCreateForm, GuideEditForm, QuestionForm
from smartby.guides.models import Assessment, Dimension, Guide, GuideKind, Question, Result
from smartby.lib.errors import ValidationFailed
from smartby.orgs.models import Organisation

HISTORY_PAGE_SIZE = 50
RESULTS_PAGE_SIZE = 25


def _guide_or_404(slug: str) -> Guide:
    qs = Guide.objects.select_related("area", "current_version", "current_version__author")
    return get_object_or_404(qs, slug=slug)


def _error_summary(form: Any) -> list[dict[str, str]]:
    items = []
    for name, errs in form.errors.items():
        field = form.fields.get(name)
        label = str(field.label) if field is not None and field.label else ""
        anchor = f"field-{name}" if field is not None and not field.widget.is_hidden else ""
        items += [{"label": label, "anchor": anchor, "message": e} for e in errs]
    return items


# --- guides -----------------------------------------------------------------------------------


@require_GET
def guide_list(request: HttpRequest) -> HttpResponse:
    guides = list(Guide.objects.select_related("area").order_by("area__sort_order", "title"))
    groups = [
        (kind, label, [g for g in guides if g.kind == kind]) for kind, label in GuideKind.choices
    ]
    return render(
        request,
        "guides/guide_list.html",
        {
            "groups": [g for g in groups if g[2]],
            "empty": not guides,
            "can_create": permissions.can_manage_guides(request.user),
        },
    )


@require_GET
def guide_detail(request: HttpRequest, slug: str) -> HttpResponse:
    guide = _guide_or_404(slug)
    context: dict[str, Any] = {
        "guide": guide,
        "version": guide.current_version,
        "can_edit": permissions.can_edit_guide(request.user),
        "can_delete": permissions.can_manage_guides(request.user),
    }
    if guide.kind == GuideKind.PITCH and guide.area:
        live = queries.live_projects(guide.area)
        context |= {
            "live_projects": live[: queries.LIVE_LIMIT],
            "live_count": live.count(),
            "live_url": queries.live_projects_url(guide.area),
        }
    if guide.kind == GuideKind.STANDARDS:
        context["standards_url"] = queries.standards_list_url()
    return render(request, "guides/guide_detail.html", context)


def _render_guide_form(
    request: HttpRequest, form: Any, guide: Guide | None, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "guides/guide_form.html",
        {"form": form, "guide": guide, "errors": _error_summary(form) if form.is_bound else []},
        status=status,
    )


@login_required
def guide_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_manage_guides(request.user):
        raise PermissionDenied(_("Kun koordinatorer kan oprette vejledninger."))
    if request.method == "POST":
        try:
            guide = operations.create_guide(request.user, request.POST)
        except ValidationFailed:
            form = GuideCreateForm(request.POST)
            form.is_valid()
            return _render_guide_form(request, form, None, status=400)
        messages.success(request, _("Vejledningen er oprettet."))
        return redirect(guide)
    return _render_guide_form(request, GuideCreateForm(), None)


@login_required
def guide_edit(request: HttpRequest, slug: str) -> HttpResponse:
    guide = _guide_or_404(slug)
    if not permissions.can_edit_guide(request.user):
        raise PermissionDenied(_("Du skal være medlem af en organisation for at redigere."))
    if request.method == "POST":
        try:
            version = operations.update_guide(request.user, guide, request.POST)
        except ValidationFailed as exc:
            form = GuideEditForm(request.POST)
            form.is_valid()
            for error in exc.errors:  # errors the form itself cannot know (conflict, no change)
                if error["field"] in form.fields and error["message"] not in form.errors.get(
                    error["field"], []
                ):
                    form.add_error(error["field"], error["message"])
            return _render_guide_form(request, form, guide, status=400)
        messages.success(
            request, _("Ændringerne er gemt som version %(n)s.") % {"n": version.number}
        )
        return redirect(guide)
    version = guide.current_version
    initial = {
        "title": guide.title,
        "summary": guide.summary,
        "body": guide.body,
        "base_version": version.number if version else None,
    }
    return _render_guide_form(request, GuideEditForm(initial=initial), guide)


@login_required
def guide_delete(request: HttpRequest, slug: str) -> HttpResponse:
    guide = _guide_or_404(slug)
    if not permissions.can_manage_guides(request.user):
        raise PermissionDenied(_("Kun koordinatorer kan slette vejledninger."))
    if request.method == "POST":
        operations.delete_guide(request.user, guide)
        messages.success(
            request, _("Vejledningen „%(title)s“ er slettet.") % {"title": guide.title}
        )
        return redirect("guides:guide_list")
    return render(request, "guides/guide_confirm_delete.html", {"guide": guide})


@require_GET
def guide_history(request: HttpRequest, slug: str) -> HttpResponse:
    guide = _guide_or_404(slug)
    versions = guide.versions.select_related("author").order_by("-number")
    page = Paginator(versions, HISTORY_PAGE_SIZE).get_page(request.GET.get("side"))
    return render(
        request,
        "guides/guide_history.html",
        {"guide": guide, "page": page, "can_edit": permissions.can_edit_guide(request.user)},
    )


def _version_or_404(guide: Guide, number: int) -> Any:
    version = guide.versions.select_related("author").filter(number=number).first()
    if version is None:
        raise Http404(_("Versionen findes ikke."))
    return version


def _diff_context(old: Any, new: Any) -> dict[str, Any]:
    hunks = diff_texts(old.body if old else "", new.body)
    removed, added = change_counts(hunks)
    return {
        "old": old,
        "new": new,
        "hunks": hunks,
        "removed": removed,
        "added": added,
        "title_changed": bool(old and old.title != new.title),
        "summary_changed": bool(old and old.summary != new.summary),
    }


@require_GET
def guide_version(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """One version: its text and what changed since the version before."""
    guide = _guide_or_404(slug)
    version = _version_or_404(guide, number)
    previous = guide.versions.filter(number__lt=number).order_by("-number").first()
    return render(
        request,
        "guides/guide_version.html",
        {
            "guide": guide,
            "version": version,
            "is_current": guide.current_version_id == version.pk,
            "can_edit": permissions.can_edit_guide(request.user),
            **_diff_context(previous, version),
        },
    )


@require_GET
def guide_compare(request: HttpRequest, slug: str) -> HttpResponse:
    """The difference between any two versions (?fra=<n>&til=<n>)."""
    guide = _guide_or_404(slug)
    try:
        a, b = int(request.GET.get("fra", "")), int(request.GET.get("til", ""))
    except ValueError:
        messages.error(request, _("Vælg to versioner at sammenligne."))
        return redirect("guides:guide_history", slug=guide.slug)
    old, new = _version_or_404(guide, min(a, b)), _version_or_404(guide, max(a, b))
    return render(request, "guides/guide_compare.html", {"guide": guide, **_diff_context(old, new)})


@login_required
@require_POST
def guide_restore(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    guide = _guide_or_404(slug)
    try:
        version = operations.restore_version(request.user, guide, number)
    except ValidationFailed as exc:
        messages.error(request, exc.errors[0]["message"])
        return redirect("guides:guide_history", slug=guide.slug)
    messages.success(
        request,
        _("Version %(old)s er gendannet som version %(new)s.")
        % {"old": number, "new": version.number},
    )
    return redirect(guide)


# --- kompetencetjek ---------------------------------------------------------------------------


def _assessment_or_404() -> Assessment:
    assessment = operations.published_assessment()
    if assessment is None:
        raise Http404(_("Der er intet offentliggjort kompetencetjek."))
    return assessment


def _posted_answers(request: HttpRequest, assessment: Assessment) -> dict[str, str]:
    return {
        str(q.id): request.POST.get(f"q{q.id}", "") for q in operations.questions_of(assessment)
    }


def _result_rows(assessment: Assessment, scores: dict[str, float]) -> list[dict[str, Any]]:
    """Per dimension: name, score, level and advice, for the chart, the table and the advice."""
    rows = []
    for d in assessment.dimensions.all():
        value = scores.get(d.slug)
        level = scoring.level_of(value, d.low_below, d.high_from) if value is not None else ""
        rows.append(
            {
                "slug": d.slug,
                "name": d.name,
                "score": value,
                "level": level,
                "level_label": scoring.LEVELS[level] if level else "",
                "advice": {
                    "lav": d.advice_low,
                    "middel": d.advice_middle,
                    "hoej": d.advice_high,
                }.get(level, ""),
            }
        )
    return rows


def assessment(request: HttpRequest) -> HttpResponse:
    """The questions (GET); the scores of the answers (POST, nothing saved)."""
    current = _assessment_or_404()
    user_orgs = permissions.result_organisations(request.user)
    context: dict[str, Any] = {
        "assessment": current,
        "scale": scoring.SCALE,
        "user_orgs": user_orgs,
        "can_manage": permissions.can_manage_assessment(request.user),
    }
    if request.method == "POST":
        raw = _posted_answers(request, current)
        try:
            answers, scores = operations.score_answers(current, raw)
        except ValidationFailed as exc:
            errors = {e["field"].split(".", 1)[1]: e["message"] for e in exc.errors}
            context |= {
                "answers": raw,
                "errors": errors,
                "error_list": _answer_errors(current, errors),
            }
            return render(request, "guides/assessment_form.html", context, status=400)
        context |= {
            "rows": _result_rows(current, scores.as_dict()),
            "total": scores.total,
            "answers": answers,
        }
        return render(request, "guides/assessment_result.html", context)
    if request.method != "GET":
        return HttpResponse(status=405, headers={"Allow": "GET, POST"})
    return render(request, "guides/assessment_form.html", context | {"answers": {}, "errors": {}})


def _answer_errors(current: Assessment, errors: dict[str, str]) -> list[dict[str, str]]:
    items = []
    number = 0
    for d in current.dimensions.all():
        for q in d.questions.all():
            number += 1
            if str(q.id) in errors:
                items.append(
                    {
                        "anchor": f"q{q.id}",
                        "label": f"{number}. {q.text}",
                        "message": errors[str(q.id)],
                    }
                )
    return items


@login_required
@require_POST
def result_save(request: HttpRequest) -> HttpResponse:
    current = _assessment_or_404()
    org_id = request.POST.get("organisation", "")
    organisation = Organisation.objects.filter(pk=org_id).first() if org_id.isdigit() else None
    try:
        result = operations.save_result(
            request.user, current, organisation, _posted_answers(request, current)
        )
    except ValidationFailed as exc:
        messages.error(request, " ".join(e["message"] for e in exc.errors[:3]))
        return redirect("guides:assessment")
    messages.success(
        request,
        _("Resultatet er gemt for %(org)s.") % {"org": result.organisation.name},
    )
    return redirect("guides:organisation_results", slug=result.organisation.slug)


@login_required
@require_GET
def result_detail(request: HttpRequest, pk: int) -> HttpResponse:
    result = get_object_or_404(
        Result.objects.select_related("organisation", "assessment", "created_by"), pk=pk
    )
    if not permissions.can_view_results(request.user, result.organisation):
        raise PermissionDenied(_("Kun organisationens medlemmer kan se dens resultater."))
    return render(
        request,
        "guides/result_detail.html",
        {
            "result": result,
            "rows": _result_rows(result.assessment, result.scores),
            "total": result.total,
        },
    )


@login_required
@require_GET
def organisation_results(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not permissions.can_view_results(request.user, organisation):
        raise PermissionDenied(_("Kun organisationens medlemmer kan se dens resultater."))
    current = operations.published_assessment()
    dimensions = list(current.dimensions.all()) if current else []
    history = queries.results_over_time(organisation, [d.slug for d in dimensions])
    page = Paginator(history, RESULTS_PAGE_SIZE).get_page(request.GET.get("side"))
    latest = history[0].result if history else None
    peers = queries.peer_averages(current, exclude=organisation) if current else None
    comparison = []
    latest_rows = _result_rows(current, latest.scores) if latest and current else []
    if latest and peers and peers.shown:
        for row in latest_rows:
            row["peer"] = peers.averages.get(row["slug"])
        for d in dimensions:
            mine, theirs = latest.scores.get(d.slug), peers.averages.get(d.slug)
            diff = round(mine - theirs, 1) if mine is not None and theirs is not None else None
            comparison.append({"name": d.name, "mine": mine, "peers": theirs, "diff": diff})
    return render(
        request,
        "guides/organisation_results.html",
        {
            "organisation": organisation,
            "assessment": current,
            "dimensions": dimensions,
            "page": page,
            "latest": latest,
            "latest_rows": latest_rows,
            "peers": peers,
            "comparison": comparison,
            "min_peers": queries.MIN_PEERS,
            "can_save": permissions.can_save_result(request.user, organisation),
        },
    )


# --- managing the kompetencetjek (coordinators) ------------------------------------------------


def _require_manager(request: HttpRequest) -> None:
    if not permissions.can_manage_assessment(request.user):
        raise PermissionDenied(_("Kun koordinatorer kan redigere kompetencetjekket."))


@login_required
@require_GET
def assessment_admin(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    current = _assessment_or_404()
    organisations = (
        Organisation.objects.filter(competence_results__isnull=False).distinct().order_by("name")
    )
    return render(
        request,
        "guides/assessment_admin.html",
        {"assessment": current, "organisations": organisations},
    )


@login_required
def dimension_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    dimension = get_object_or_404(Dimension, pk=pk)
    if request.method == "POST":
        try:
            operations.update_dimension(request.user, dimension, request.POST)
        except ValidationFailed:
            form = DimensionForm(request.POST, instance=get_object_or_404(Dimension, pk=pk))
            form.is_valid()
            return render(
                request,
                "guides/manage_form.html",
                {"form": form, "title": dimension.name, "errors": _error_summary(form)},
                status=400,
            )
        messages.success(request, _("Dimensionen er gemt."))
        return redirect("guides:assessment_admin")
    return render(
        request,
        "guides/manage_form.html",
        {"form": DimensionForm(instance=dimension), "title": dimension.name, "errors": []},
    )


@login_required
def question_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_manager(request)
    current = _assessment_or_404()
    question = get_object_or_404(Question, pk=pk, dimension__assessment=current) if pk else None
    title = _("Redigér spørgsmål") if question else _("Nyt spørgsmål")
    if request.method == "POST":
        try:
            operations.save_question(request.user, current, request.POST, question)
        except ValidationFailed:
            form = QuestionForm(request.POST, instance=question, assessment=current)
            form.is_valid()
            return render(
                request,
                "guides/manage_form.html",
                {
                    "form": form,
                    "title": title,
                    "errors": _error_summary(form),
                    "question": question,
                },
                status=400,
            )
        messages.success(request, _("Spørgsmålet er gemt."))
        return redirect("guides:assessment_admin")
    form = QuestionForm(instance=question, assessment=current)
    return render(
        request,
        "guides/manage_form.html",
        {"form": form, "title": title, "errors": [], "question": question},
    )


@login_required
@require_POST
def question_delete(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    question = get_object_or_404(Question, pk=pk)
    try:
        operations.delete_question(request.user, question)
    except ValidationFailed as exc:
        messages.error(request, exc.errors[0]["message"])
    else:
        messages.success(request, _("Spørgsmålet er slettet."))
    return redirect("guides:assessment_admin")
