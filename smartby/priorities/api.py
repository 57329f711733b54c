"""Anbefalinger og prioritering: endpoints of the open API (/api/v1/). All reads, anonymous:
the recommendations with their status history and evidence, and the results of published
prioritisation rounds (unpublished rounds answer 404)."""

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Field, Path, Query, Router, Schema

from smartby.api.schemas import ErrorOut
from smartby.priorities import queries
from smartby.priorities.aggregation import RANKING_RULE, ProposalResult
from smartby.priorities.criteria import CRITERIA, INVESTMENT_CATEGORIES
from smartby.priorities.models import Recommendation, Round, Status, Theme

router = Router(tags=["Anbefalinger og prioritering"])

MAX_LIMIT = 100


class StatusEntryOut(Schema):
    status: str = Field(
        description="ikke_paabegyndt, i_gang, delvist_gennemfoert, gennemfoert eller opgivet"
    )
    status_label: str
    date: datetime.date
    comment: str
    by: str | None = Field(None, description="Navnet på den, der registrerede statussen")


class EvidenceOut(Schema):
    title: str
    url: str
    added_on: datetime.date
    project: str | None = Field(None, description="Projektets slug i registret")
    project_url: str | None = None


class RecommendationOut(Schema):
    number: int
    title: str
    theme: str
    theme_slug: str
    theme_kind: str = Field(description="eu, indsatsomraade eller fundament")
    proposal: str
    status: str
    status_label: str
    status_date: datetime.date | None
    evidence_count: int
    url: str


class RecommendationDetailOut(RecommendationOut):
    summary: str
    prerequisites: list[str]
    actions: list[str]
    section: str
    page: int | None
    vision: str
    status_history: list[StatusEntryOut] = Field(description="Nyeste først")
    evidence: list[EvidenceOut]


class RecommendationPage(Schema):
    count: int
    limit: int
    offset: int
    results: list[RecommendationOut]


class RecommendationQuery(Schema):
    theme: str = Query("", max_length=120, description="Temaets slug")
    status: str = Query("", max_length=30, description="Status (kode)")
    limit: int = Query(50, ge=1, le=MAX_LIMIT)
    offset: int = Query(0, ge=0, le=1_000)


class SpreadOut(Schema):
    criterion: str
    label: str
    mean: float
    min: int
    max: int
    stdev: float = Field(description="Populationsstandardafvigelse over bedømmerne")


class ProposalResultOut(Schema):
    rank: int | None = Field(description="Placering; null for forslag uden vurderinger")
    title: str
    assessors: int
    total: float | None = Field(description="Gennemsnittet af de tre kriteriers gennemsnit")
    value: float | None = Field(description="Gennemsnittet af de to værdikriterier")
    potential: float | None = Field(description="Digitaliseringspotentiale")
    criteria: list[SpreadOut]
    investment_category: int | None
    investment_category_label: str | None
    recommendation: int | None = Field(None, description="Nummeret på en koblet anbefaling")
    project: str | None = Field(None, description="Slug for et koblet projekt")


class RoundOut(Schema):
    slug: str
    title: str
    description: str
    published_at: datetime.datetime | None
    url: str
    results_url: str


class RoundResultsOut(RoundOut):
    ranking_rule: str
    results: list[ProposalResultOut]


class RoundPage(Schema):
    count: int
    limit: int
    offset: int
    results: list[RoundOut]


class PageQuery(Schema):
    limit: int = Query(20, ge=1, le=MAX_LIMIT)
    offset: int = Query(0, ge=0, le=100_000)


def _recommendation(request: HttpRequest, r: Recommendation) -> dict[str, Any]:
    return {
        "number": r.number,
        "title": r.title,
        "theme": r.theme.title,
        "theme_slug": r.theme.slug,
        "theme_kind": r.theme.kind,
        "proposal": r.proposal,
        "status": r.status,
        "status_label": str(r.get_status_display()),
        "status_date": r.status_date,
        "evidence_count": r.n_evidence,
        "url": request.build_absolute_uri(r.get_absolute_url()),
    }


@router.get(
    "/recommendations",
    response={200: RecommendationPage, 422: ErrorOut},
    summary="Digitaliseringspartnerskabets anbefalinger med status (filtre: tema, status)",
    url_name="priorities_list_recommendations",
)
def list_recommendations(request: HttpRequest, params: Query[RecommendationQuery]):
    theme = None
    if params.theme:
        theme = Theme.objects.filter(slug=params.theme).first()
        if theme is None:
            return 422, {
                "detail": "Ugyldigt filter.",
                "errors": [{"field": "theme", "message": "Temaet findes ikke."}],
            }
    if params.status and params.status not in Status.values:
        return 422, {
            "detail": "Ugyldigt filter.",
            "errors": [{"field": "status", "message": "Ukendt status."}],
        }
    qs = queries.recommendations(theme, params.status)
    page = qs[params.offset : params.offset + params.limit]
    return 200, {
        "count": qs.count(),
        "limit": params.limit,
        "offset": params.offset,
        "results": [_recommendation(request, r) for r in page],
    }


@router.get(
    "/recommendations/{number}",
    response={200: RecommendationDetailOut, 404: ErrorOut, 422: ErrorOut},
    summary="En anbefaling med statushistorik og dokumentation",
    url_name="priorities_read_recommendation",
)
def read_recommendation(request: HttpRequest, number: int = Path(..., ge=1, le=1000)):
    r = queries.recommendations().filter(number=number).first()
    if r is None:
        raise Http404(f"Der findes ingen anbefaling nummer {number}.")
    entries = r.status_entries.select_related("created_by")
    evidence = r.evidence.select_related("project")
    return {
        **_recommendation(request, r),
        "summary": r.summary,
        "prerequisites": r.prerequisites,
        "actions": r.actions,
        "section": r.section,
        "page": r.page,
        "vision": r.theme.vision,
        "status_history": [
            {
                "status": e.status,
                "status_label": str(e.get_status_display()),
                "date": e.date,
                "comment": e.comment,
                "by": str(e.created_by) if e.created_by else None,
            }
            for e in entries
        ],
        "evidence": [
            {
                "title": e.title,
                "url": e.url,
                "added_on": e.added_on,
                "project": e.project.slug if e.project else None,
                "project_url": request.build_absolute_uri(e.project.get_absolute_url())
                if e.project
                else None,
            }
            for e in evidence
        ],
    }


def _round(request: HttpRequest, round: Round) -> dict[str, Any]:
    return {
        "slug": round.slug,
        "title": round.title,
        "description": round.description,
        "published_at": round.published_at,
        "url": request.build_absolute_uri(round.get_absolute_url()),
        "results_url": request.build_absolute_uri(
            reverse("api-v1:priorities_round_results", args=[round.slug])
        ),
    }


def _result(r: ProposalResult, links: dict[int, tuple[int | None, str | None]]) -> dict:
    recommendation, project = links.get(r.key, (None, None))
    return {
        "rank": r.rank,
        "title": r.title,
        "assessors": r.n,
        "total": r.total,
        "value": r.value,
        "potential": r.potential,
        "criteria": [
            {
                "criterion": c.code,
                "label": str(c.label),
                "mean": r.criteria[c.code].mean,
                "min": r.criteria[c.code].minimum,
                "max": r.criteria[c.code].maximum,
                "stdev": r.criteria[c.code].stdev,
            }
            for c in CRITERIA
            if c.code in r.criteria
        ],
        "investment_category": r.investment,
        "investment_category_label": str(INVESTMENT_CATEGORIES[r.investment])
        if r.investment
        else None,
        "recommendation": recommendation,
        "project": project,
    }


@router.get(
    "/prioritisation-rounds",
    response={200: RoundPage, 422: ErrorOut},
    summary="Prioriteringsrunder med offentliggjorte resultater",
    url_name="priorities_list_rounds",
)
def list_rounds(request: HttpRequest, params: Query[PageQuery]):
    qs = Round.objects.filter(published=True).order_by("-published_at", "-id")
    page = qs[params.offset : params.offset + params.limit]
    return {
        "count": qs.count(),
        "limit": params.limit,
        "offset": params.offset,
        "results": [_round(request, r) for r in page],
    }


@router.get(
    "/prioritisation-rounds/{slug}/results",
    response={200: RoundResultsOut, 404: ErrorOut, 422: ErrorOut},
    summary="Samlede resultater for en offentliggjort prioriteringsrunde",
    url_name="priorities_round_results",
)
def round_results(
    request: HttpRequest, slug: str = Path(..., max_length=120, pattern=r"^[-a-zA-Z0-9_]+$")
):
    round = Round.objects.filter(slug=slug, published=True).first()
    if round is None:
        raise Http404("Der findes ingen offentliggjort prioriteringsrunde med dette navn.")
    links = {
        pk: (number, project)
        for pk, number, project in round.proposals.values_list(
            "pk", "recommendation__number", "project__slug"
        )
    }
    return {
        **_round(request, round),
        "ranking_rule": RANKING_RULE,
        "results": [_result(r, links) for r in queries.round_results(round)],
    }
