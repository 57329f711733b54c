"""Views of the surveys app (views_manage): the surveys and their versions and questions (public
to read), rounds (public to read), and for coordinators round creation, editing and closing and
question editing. URL patterns below, included by surveys/urls.py."""

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from smartby.lib.decorators import allowed_only
from smartby.lib.errors import ValidationFailed
from smartby.surveys import operations
from smartby.surveys.forms import QuestionForm, RoundForm
from smartby.surveys.models import (
    ITEM_TYPES,
    Question,
    ResponseStatus,
    Round,
    Section,
    Survey,
    SurveyVersion,
)
from smartby.surveys.versions import edit_question

ROUNDS_PER_PAGE = 25


coordinator_required = allowed_only(
    operations.can_manage, gettext_lazy("Kun koordinatorer kan administrere undersøgelser.")
)


def _rounds() -> Any:
    return Round.objects.select_related("version__survey").annotate(
        submitted=Count(
            "responses", filter=Q(responses__status=ResponseStatus.SUBMITTED), distinct=True
        ),
        invited=Count("population", distinct=True),
    )


@require_http_methods(["GET"])
def index(request: HttpRequest) -> HttpResponse:
    surveys = Survey.objects.annotate(
        version_count=Count("versions", distinct=True),
        round_count=Count("versions__rounds", distinct=True),
    ).order_by("title")
    page = Paginator(_rounds().order_by("-opens_on", "name"), ROUNDS_PER_PAGE).get_page(
        request.GET.get("side")
    )
    return render(
        request,
        "surveys/manage_index.html",
        {"surveys": surveys, "page": page, "can_manage": operations.can_manage(request.user)},
    )


def _version_context(survey: Survey, version: SurveyVersion) -> dict[str, Any]:
    sections = version.sections.prefetch_related(
        Prefetch("questions", queryset=Question.objects.order_by("order", "pk"))
    ).order_by("order", "pk")
    labels = {q.key: q for s in sections for q in s.questions.all()}
    return {
        "survey": survey,
        "version": version,
        "sections": sections,
        "questions_by_key": labels,
        "item_types": [str(t) for t in ITEM_TYPES],
        "versions": survey.versions.annotate(round_count=Count("rounds")).order_by("-number"),
        "rounds": _rounds().filter(version__survey=survey).order_by("-opens_on"),
        "latest": survey.latest_version(),
    }


@require_http_methods(["GET"])
def survey_detail(request: HttpRequest, key: str) -> HttpResponse:
    survey = get_object_or_404(Survey, key=key)
    version = survey.latest_version()
    if version is None:
        context: dict[str, Any] = {"survey": survey, "version": None, "sections": []}
    else:
        context = _version_context(survey, version)
    context["can_manage"] = operations.can_manage(request.user)
    return render(request, "surveys/manage_survey.html", context)


@require_http_methods(["GET"])
def survey_version(request: HttpRequest, key: str, number: int) -> HttpResponse:
    survey = get_object_or_404(Survey, key=key)
    version = get_object_or_404(SurveyVersion, survey=survey, number=number)
    context = _version_context(survey, version)
    context["can_manage"] = operations.can_manage(request.user)
    return render(request, "surveys/manage_survey.html", context)


@coordinator_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    question = get_object_or_404(
        Question.objects.select_related("version__survey", "section"),
        pk=pk,
        version__survey__key=key,
    )
    status = 200
    error = ""
    if request.method == "POST":
        form = QuestionForm(request.POST)
        if form.is_valid():
            try:
                changed = edit_question(request.user, question, form.to_data())
            except ValidationFailed as exc:
                for e in exc.errors:
                    if e.get("field") in form.fields:
                        form.add_error(e["field"], e["message"])
                    else:
                        error = e["message"]
                status = 400
            else:
                if changed.version_id != question.version_id:
                    messages.success(
                        request,
                        _(
                            "Version %(old)d har besvarelser, så ændringen er gemt i en ny "
                            "version %(new)d. Nye runder bruger den nye version."
                        )
                        % {"old": question.version.number, "new": changed.version.number},
                    )
                else:
                    messages.success(request, _("Spørgsmålet er gemt."))
                return redirect(changed.version)
        else:
            status = 400
    else:
        form = QuestionForm(
            initial={
                "text": question.text,
                "help": question.help,
                "required": question.required,
                "options": QuestionForm.lines(question.options, "label"),
                "items": QuestionForm.lines(question.items, "text", ("area",)),
            }
        )
    return render(
        request,
        "surveys/manage_question_form.html",
        {
            "question": question,
            "survey": question.version.survey,
            "form": form,
            "error": error,
            "has_responses": question.version.has_responses(),
            "has_items": question.type in ITEM_TYPES,
            "has_options": bool(question.options),
        },
        status=status,
    )


@require_http_methods(["GET"])
def round_detail(request: HttpRequest, key: str) -> HttpResponse:
    round_ = get_object_or_404(_rounds(), key=key)
    sections = Section.objects.filter(version=round_.version).order_by("order")
    return render(
        request,
        "surveys/manage_round.html",
        {
            "round": round_,
            "survey": round_.version.survey,
            "sections": sections,
            "can_manage": operations.can_manage(request.user),
            "baseline_figure_count": round_.baseline_figures.count(),
        },
    )


@coordinator_required
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest, key: str) -> HttpResponse:
    survey = get_object_or_404(Survey, key=key)
    if request.method == "POST":
        form = RoundForm(request.POST)
        try:
            round_ = operations.create_round(request.user, survey, request.POST)
        except ValidationFailed:
            form.is_valid()
            return render(
                request,
                "surveys/manage_round_form.html",
                {"form": form, "survey": survey, "round": None},
                status=400,
            )
        messages.success(request, _("Runden er oprettet."))
        return redirect(round_)
    today = timezone.localdate()
    form = RoundForm(
        initial={
            "name": f"{survey.title} {today.year}",
            "opens_on": today,
            "closes_on": today + datetime.timedelta(days=28),
            "population": list(
                RoundForm.base_fields["population"].queryset.values_list("code", flat=True)
            ),
        }
    )
    return render(
        request, "surveys/manage_round_form.html", {"form": form, "survey": survey, "round": None}
    )


@coordinator_required
@require_http_methods(["GET", "POST"])
def round_edit(request: HttpRequest, key: str) -> HttpResponse:
    round_ = get_object_or_404(Round.objects.select_related("version__survey"), key=key)
    if round_.is_baseline:
        raise PermissionDenied(_("En baseline-runde kan ikke ændres."))
    error = ""
    if request.method == "POST":
        form = RoundForm(request.POST)
        try:
            round_ = operations.update_round(request.user, round_, request.POST)
        except ValidationFailed as exc:
            if form.is_valid():
                for e in exc.errors:
                    if e.get("field") in form.fields:
                        form.add_error(e["field"], e["message"])
                    else:
                        error = e["message"]
            return render(
                request,
                "surveys/manage_round_form.html",
                {"form": form, "survey": round_.version.survey, "round": round_, "error": error},
                status=400,
            )
        messages.success(request, _("Runden er gemt."))
        return redirect(round_)
    form = RoundForm(initial=operations.round_initial(round_))
    return render(
        request,
        "surveys/manage_round_form.html",
        {"form": form, "survey": round_.version.survey, "round": round_},
    )


@coordinator_required
@require_http_methods(["GET", "POST"])
def round_close(request: HttpRequest, key: str) -> HttpResponse:
    round_ = get_object_or_404(_rounds(), key=key)
    error = ""
    if request.method == "POST":
        try:
            operations.close_round(request.user, round_)
        except ValidationFailed as exc:
            error = " ".join(e["message"] for e in exc.errors)
        else:
            messages.success(request, _("Runden er lukket."))
            return redirect(round_)
    return render(
        request,
        "surveys/manage_round_close.html",
        {"round": round_, "error": error},
        status=400 if error else 200,
    )


urlpatterns: list[URLPattern] = [
    path("", index, name="index"),
    path("skemaer/<slug:key>/", survey_detail, name="survey"),
    path("skemaer/<slug:key>/version/<int:number>/", survey_version, name="survey_version"),
    path("skemaer/<slug:key>/spoergsmaal/<int:pk>/", question_edit, name="question_edit"),
    path("skemaer/<slug:key>/ny-runde/", round_create, name="round_create"),
    path("runder/<slug:key>/", round_detail, name="round"),
    path("runder/<slug:key>/rediger/", round_edit, name="round_edit"),
    path("runder/<slug:key>/luk/", round_close, name="round_close"),
]
