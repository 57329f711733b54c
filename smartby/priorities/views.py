"""Pages of the follow-up and the prioritisation tool. Views parse input, call operations and
render; every write goes through `priorities.operations`."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from smartby.lib.errors import ValidationFailed
from smartby.priorities import exports, operations, permissions, queries
from smartby.priorities.charts import matrix_svg
from smartby.priorities.criteria import CRITERIA, INVESTMENT_CATEGORIES, SCALE_LABELS
from smartby.priorities.forms import (
    EvidenceForm,
    InviteAssessorForm,
    ProposalForm,
    RecommendationFilterForm,
    RoundForm,
    StatusEntryForm,
)
from smartby.priorities.models import Evidence, Proposal, Recommendation, Round, Theme

PAGE_SIZE = 20


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "priorities/index.html",
        {
            "counts": queries.status_counts(),
            "total": Recommendation.objects.count(),
            "rounds": queries.visible_rounds(request.user)[:5],
            "criteria": CRITERIA,
            "investment_categories": INVESTMENT_CATEGORIES.items(),
            "current_year": timezone.localdate().year,
        },
    )


# --- recommendations ------------------------------------------------------------------------


@require_GET
def recommendation_list(request: HttpRequest) -> HttpResponse:
    form = RecommendationFilterForm(request.GET or None)
    theme: Theme | None = None
    status = ""
    if form.is_bound and form.is_valid():
        theme = form.cleaned_data["theme"]
        status = form.cleaned_data["status"]
    status_code = 400 if form.is_bound and not form.is_valid() else 200
    page = Paginator(queries.recommendations(theme, status), PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    theme_counts = queries.theme_counts(status)
    themes = [(t, theme_counts.get(t.pk, 0)) for t in Theme.objects.all()]
    return render(
        request,
        "priorities/recommendation_list.html",
        {
            "form": form,
            "page": page,
            "theme": theme,
            "status": status,
            "status_counts": queries.status_counts(theme),
            "themes": themes,
            "filtered": bool(theme or status),
        },
        status=status_code,
    )


def _recommendation_or_404(number: int) -> Recommendation:
    return get_object_or_404(Recommendation.objects.select_related("theme"), number=number)


def _render_detail(
    request: HttpRequest,
    recommendation: Recommendation,
    *,
    status_form: StatusEntryForm | None = None,
    evidence_form: EvidenceForm | None = None,
    status: int = 200,
) -> HttpResponse:
    can_edit = permissions.can_follow_up(request.user)
    return render(
        request,
        "priorities/recommendation_detail.html",
        {
            "recommendation": recommendation,
            "entries": recommendation.status_entries.select_related("created_by"),
            "evidence": recommendation.evidence.select_related("project"),
            "proposals": recommendation.proposals.select_related("round").filter(
                round__published=True
            ),
            "can_edit": can_edit,
            "status_form": (status_form or StatusEntryForm()) if can_edit else None,
            "evidence_form": (evidence_form or EvidenceForm(recommendation=recommendation))
            if can_edit
            else None,
        },
        status=status,
    )


@require_GET
def recommendation_detail(request: HttpRequest, number: int) -> HttpResponse:
    return _render_detail(request, _recommendation_or_404(number))


@login_required
@require_POST
def status_add(request: HttpRequest, number: int) -> HttpResponse:
    recommendation = _recommendation_or_404(number)
    try:
        operations.add_status_entry(request.user, recommendation, request.POST)
    except ValidationFailed:
        return _render_detail(
            request, recommendation, status_form=StatusEntryForm(request.POST), status=400
        )
    messages.success(request, _("Statussen er registreret."))
    return redirect(recommendation)


@login_required
@require_POST
def evidence_add(request: HttpRequest, number: int) -> HttpResponse:
    recommendation = _recommendation_or_404(number)
    try:
        operations.add_evidence(request.user, recommendation, request.POST)
    except ValidationFailed:
        form = EvidenceForm(request.POST, recommendation=recommendation)
        return _render_detail(request, recommendation, evidence_form=form, status=400)
    messages.success(request, _("Dokumentationen er tilføjet."))
    return redirect(recommendation)


@login_required
def evidence_delete(request: HttpRequest, number: int, pk: int) -> HttpResponse:
    evidence = get_object_or_404(
        Evidence.objects.select_related("recommendation"), pk=pk, recommendation__number=number
    )
    if not permissions.can_follow_up(request.user):
        raise PermissionDenied(_("Kun koordinatorer kan fjerne dokumentation."))
    if request.method == "POST":
        operations.delete_evidence(request.user, evidence)
        messages.success(request, _("Dokumentationen er fjernet."))
        return redirect(evidence.recommendation)
    return render(
        request,
        "priorities/confirm_delete.html",
        {"object": evidence, "cancel_url": evidence.recommendation.get_absolute_url()},
    )


# --- the yearly progress report -------------------------------------------------------------


def _year(year: int) -> int:
    if year not in queries.report_years():
        raise Http404(_("Der er ingen fremdriftsrapport for dette år."))
    return year


@require_GET
def progress_latest(request: HttpRequest) -> HttpResponse:
    return redirect("priorities:progress", year=timezone.localdate().year)


@require_GET
def progress(request: HttpRequest, year: int) -> HttpResponse:
    report = queries.year_report(_year(year))
    return render(
        request,
        "priorities/progress.html",
        {"report": report, "years": queries.report_years()},
    )


@require_GET
def progress_pdf(request: HttpRequest, year: int) -> HttpResponse:
    report = queries.year_report(_year(year))
    response = HttpResponse(exports.progress_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="anbefalinger-fremdrift-{year}.pdf"'
    return response


@require_GET
def progress_csv(request: HttpRequest, year: int) -> HttpResponse:
    report = queries.year_report(_year(year))
    response = HttpResponse(exports.progress_csv(report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="anbefalinger-fremdrift-{year}.csv"'
    return response


# --- prioritisation rounds ------------------------------------------------------------------


@require_GET
def round_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.visible_rounds(request.user), PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    return render(
        request,
        "priorities/round_list.html",
        {"page": page, "can_create": permissions.can_manage_rounds(request.user)},
    )


def _round_or_404(request: HttpRequest, slug: str) -> Round:
    """The round if the user may see it; 404 otherwise (an unpublished round stays hidden)."""
    round = get_object_or_404(Round, slug=slug)
    if not permissions.can_see_round(request.user, round):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            raise _LoginRequired(redirect_to_login(request.get_full_path()))
        raise Http404(_("Runden findes ikke, eller du har ikke adgang til den."))
    return round


class _LoginRequired(Exception):
    def __init__(self, response: HttpResponse) -> None:
        self.response = response


def _login_redirects(view):
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except _LoginRequired as exc:
            return exc.response

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _render_round_form(
    request: HttpRequest, form: RoundForm, round: Round | None, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "priorities/round_form.html",
        {"form": form, "round": round, "error_count": _count(form)},
        status=status,
    )


def _count(form: Any) -> int:
    return sum(len(v) for v in form.errors.values()) if form.is_bound else 0


@login_required
def round_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_manage_rounds(request.user):
        raise PermissionDenied(_("Kun koordinatorer kan oprette prioriteringsrunder."))
    if request.method == "POST":
        try:
            round = operations.create_round(request.user, request.POST)
        except ValidationFailed:
            return _render_round_form(request, RoundForm(request.POST), None, status=400)
        messages.success(request, _("Runden er oprettet. Tilføj forslag og inviter bedømmere."))
        return redirect(round)
    return _render_round_form(request, RoundForm(), None)


@login_required
def round_edit(request: HttpRequest, slug: str) -> HttpResponse:
    round = get_object_or_404(Round, slug=slug)
    if not permissions.can_manage_rounds(request.user):
        raise PermissionDenied(_("Kun koordinatorer kan redigere runder."))
    if request.method == "POST":
        try:
            round = operations.update_round(request.user, round, request.POST)
        except ValidationFailed:
            fresh = get_object_or_404(Round, pk=round.pk)
            return _render_round_form(
                request, RoundForm(request.POST, instance=fresh), fresh, status=400
            )
        messages.success(request, _("Ændringerne er gemt."))
        return redirect(round)
    return _render_round_form(request, RoundForm(instance=round), round)


def _render_round(
    request: HttpRequest,
    round: Round,
    *,
    proposal_form: ProposalForm | None = None,
    invite_form: InviteAssessorForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    manage = permissions.can_manage_rounds(user)
    assessor = permissions.assessor_for(user, round)
    return render(
        request,
        "priorities/round_detail.html",
        {
            "round": round,
            "proposals": round.proposals.select_related("recommendation", "project"),
            "manage": manage,
            "assessor": assessor,
            "can_score": permissions.can_score(user, round),
            "can_see_results": permissions.can_see_results(user, round),
            "progress": queries.progress(round) if manage else [],
            "my_scored": assessor.scores.count() if assessor else 0,
            "proposal_form": (proposal_form or ProposalForm(round=round))
            if manage and round.is_open
            else None,
            "invite_form": (invite_form or InviteAssessorForm(round=round)) if manage else None,
            "criteria": CRITERIA,
        },
        status=status,
    )


@require_GET
@_login_redirects
def round_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _render_round(request, _round_or_404(request, slug))


@login_required
@require_POST
def round_state(request: HttpRequest, slug: str) -> HttpResponse:
    round = get_object_or_404(Round, slug=slug)
    action = request.POST.get("action", "")[:20]
    try:
        round = operations.change_round_state(request.user, round, action)
    except ValidationFailed as exc:
        for error in exc.errors:
            messages.error(request, error["message"])
        return redirect(round)
    done = {
        "close": _("Runden er lukket for vurderinger."),
        "reopen": _("Runden er genåbnet for vurderinger."),
        "publish": _("Resultaterne er offentliggjort."),
        "unpublish": _("Resultaterne er ikke længere offentlige."),
    }
    messages.success(request, done[action])
    return redirect(round)


@login_required
@require_POST
def proposal_create(request: HttpRequest, slug: str) -> HttpResponse:
    round = get_object_or_404(Round, slug=slug)
    if not permissions.can_manage_rounds(request.user):
        raise PermissionDenied(_("Kun koordinatorer kan tilføje forslag."))
    try:
        operations.create_proposal(request.user, round, request.POST)
    except ValidationFailed as exc:
        if not round.is_open:
            messages.error(request, exc.errors[0]["message"])
            return redirect(round)
        form = ProposalForm(request.POST, round=round)
        return _render_round(request, round, proposal_form=form, status=400)
    messages.success(request, _("Forslaget er tilføjet."))
    return redirect(round)


@login_required
def proposal_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    proposal = get_object_or_404(Proposal.objects.select_related("round"), pk=pk, round__slug=slug)
    if not permissions.can_manage_rounds(request.user):
        raise PermissionDenied(_("Kun koordinatorer kan redigere forslag."))
    form = ProposalForm(instance=proposal, round=proposal.round)
    status = 200
    if request.method == "POST":
        try:
            operations.update_proposal(request.user, proposal, request.POST)
        except ValidationFailed:
            fresh = get_object_or_404(Proposal, pk=proposal.pk)
            form = ProposalForm(request.POST, instance=fresh, round=proposal.round)
            status = 400
        else:
            messages.success(request, _("Forslaget er gemt."))
            return redirect(proposal.round)
    return render(
        request,
        "priorities/proposal_form.html",
        {"form": form, "proposal": proposal, "round": proposal.round, "error_count": _count(form)},
        status=status,
    )


@login_required
def proposal_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    proposal = get_object_or_404(Proposal.objects.select_related("round"), pk=pk, round__slug=slug)
    if not permissions.can_manage_rounds(request.user):
        raise PermissionDenied(_("Kun koordinatorer kan slette forslag."))
    if request.method == "POST":
        operations.delete_proposal(request.user, proposal)
        messages.success(request, _("Forslaget er slettet."))
        return redirect(proposal.round)
    return render(
        request,
        "priorities/confirm_delete.html",
        {"object": proposal, "cancel_url": proposal.round.get_absolute_url()},
    )


@login_required
@require_POST
def assessor_invite(request: HttpRequest, slug: str) -> HttpResponse:
    round = get_object_or_404(Round, slug=slug)
    if not permissions.can_manage_rounds(request.user):
        raise PermissionDenied(_("Kun koordinatorer kan invitere bedømmere."))
    try:
        assessor = operations.invite_assessor(request.user, round, request.POST)
    except ValidationFailed:
        form = InviteAssessorForm(request.POST, round=round)
        return _render_round(request, round, invite_form=form, status=400)
    messages.success(request, _("%(user)s er inviteret som bedømmer.") % {"user": assessor.user})
    return redirect(round)


@login_required
@require_POST
def assessor_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    round = get_object_or_404(Round, slug=slug)
    if not permissions.can_manage_rounds(request.user):
        raise PermissionDenied(_("Kun koordinatorer kan fjerne bedømmere."))
    assessor = get_object_or_404(round.assessors.select_related("user"), pk=pk)
    operations.remove_assessor(request.user, assessor)
    messages.success(request, _("%(user)s er fjernet som bedømmer.") % {"user": assessor.user})
    return redirect(round)


@login_required
def round_score(request: HttpRequest, slug: str) -> HttpResponse:
    round = get_object_or_404(Round, slug=slug)
    assessor = permissions.assessor_for(request.user, round)
    if assessor is None:
        raise PermissionDenied(_("Du er ikke inviteret som bedømmer i denne runde."))
    if not round.is_open:
        messages.info(request, _("Runden er lukket; dine vurderinger kan ikke længere ændres."))
        return redirect(round)
    forms = operations.score_forms(round, assessor)
    status = 200
    if request.method == "POST":
        try:
            scored = operations.save_scores(request.user, round, request.POST)
        except ValidationFailed:
            forms = operations.score_forms(round, assessor, request.POST)
            for form in forms:
                form.is_valid()
            status = 400
        else:
            messages.success(
                request,
                _("Dine vurderinger er gemt (%(n)s af %(total)s forslag).")
                % {"n": scored, "total": len(forms)},
            )
            return redirect(round)
    error_count = sum(_count(f) for f in forms) if status == 400 else 0
    return render(
        request,
        "priorities/score.html",
        {
            "round": round,
            "forms": forms,
            "criteria": CRITERIA,
            "scale": SCALE_LABELS.items(),
            "investment_categories": INVESTMENT_CATEGORIES.items(),
            "error_count": error_count,
        },
        status=status,
    )


def _results_round(request: HttpRequest, slug: str) -> Round:
    round = _round_or_404(request, slug)
    if not permissions.can_see_results(request.user, round):
        raise PermissionDenied(
            _(
                "Resultaterne vises, når runden er lukket. Indtil da ser du kun dine egne vurderinger."
            )
        )
    return round


@require_GET
@_login_redirects
def round_results(request: HttpRequest, slug: str) -> HttpResponse:
    round = _results_round(request, slug)
    results = queries.round_results(round)
    return render(
        request,
        "priorities/results.html",
        {
            "round": round,
            "results": results,
            "scored": [r for r in results if r.n],
            "matrix": matrix_svg(results),
            "criteria": CRITERIA,
            "investment_categories": INVESTMENT_CATEGORIES,
            "manage": permissions.can_manage_rounds(request.user),
        },
    )


@require_GET
@_login_redirects
def results_csv(request: HttpRequest, slug: str) -> HttpResponse:
    round = _results_round(request, slug)
    body = exports.results_csv(queries.round_results(round))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{round.slug}-resultater.csv"'
    return response


@require_GET
@_login_redirects
def results_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    round = _results_round(request, slug)
    body = exports.results_xlsx(round, queries.round_results(round))
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{round.slug}-resultater.xlsx"'
    return response
