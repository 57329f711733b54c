"""Porteføljeopfølgning: endpoints of the open API (/api/v1/). Reads are open; writes (status
reports and measurements) need a write token and follow the same permissions and validation as
the UI (`portfolio.operations`)."""

from datetime import date, datetime
from typing import Any, Literal

from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Path, Query, Router, Schema

from smartby.api.schemas import ErrorOut
from smartby.api.security import WriteToken
from smartby.portfolio import operations, reports
from smartby.portfolio.models import EffectGoal, Initiative, Measurement, StatusReport, Strategy

router = Router(tags=["Portefølje"])

MAX_ID = 2_147_483_647
MAX_LIMIT = 100
READ_RESPONSES = {404: ErrorOut, 422: ErrorOut}
WRITE_RESPONSES = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
LightValue = Literal["groen", "gul", "roed"]


class LightsOut(Schema):
    period: str
    report_date: date
    time: LightValue
    economy: LightValue
    quality: LightValue


class StrategySummary(Schema):
    id: int
    slug: str
    title: str
    short_title: str
    period: str
    owner: str
    focus_areas: int
    initiatives: int
    url: str


class StrategyPage(Schema):
    count: int
    limit: int
    offset: int
    results: list[StrategySummary]


class InitiativeSummary(Schema):
    id: int
    number: str
    title: str
    budget_dkk: int | None
    spend_dkk: int | None
    latest_status: LightsOut | None
    url: str
    api_url: str


class FocusAreaOut(Schema):
    number: str
    title: str
    description: str
    initiatives: list[InitiativeSummary]


class StrategyOut(Schema):
    id: int
    slug: str
    title: str
    short_title: str
    period: str
    owner: str
    description: str
    source: str
    focus_areas: list[FocusAreaOut]
    url: str
    overview_pdf_url: str


class MeasurementOut(Schema):
    id: int
    date: date
    value: float
    note: str


class EffectGoalOut(Schema):
    id: int
    number: int
    kind: str = Field(description="kapabilitet, adfaerd eller andet")
    text: str
    description: str
    indicator: str
    unit: str
    baseline_value: float | None
    baseline_date: date | None
    target_value: float | None
    target_date: date | None
    result: str
    measurements: list[MeasurementOut]


class StatusReportOut(Schema):
    id: int
    period: str
    report_date: date
    time: LightValue
    economy: LightValue
    quality: LightValue
    comment: str
    author: str
    created_at: datetime


class InitiativeProjectRef(Schema):
    id: str
    slug: str
    title: str
    url: str


class StamdataOut(Schema):
    ministry: str
    institution: str
    steering_group: str
    project_owner: str
    project_leader: str
    responsible_organisation: str | None = Field(description="Organisationens slug")
    start_date: date | None
    expected_end: date | None
    actual_end: date | None
    budget_dkk: int | None
    budget_note: str
    spend_dkk: int | None
    spend_note: str
    variance_dkk: int | None = Field(description="Merforbrug (+) eller mindreforbrug (−) i kr.")


class InitiativeOut(Schema):
    id: int
    strategy: str = Field(description="Strategiens slug")
    focus_area: str = Field(description="Fokusområdets nummer")
    number: str
    title: str
    description: str
    stamdata: StamdataOut
    purpose: str
    results: str
    effect_summary: str
    evaluation: str
    future_ownership: str
    economy: str
    more_info_url: str
    projects: list[InitiativeProjectRef]
    effect_goals: list[EffectGoalOut]
    status_reports: list[StatusReportOut] = Field(description="Nyeste først; historikken bevares")
    url: str
    report_pdf_url: str
    report_docx_url: str


class StatusReportIn(Schema):
    period: str = Field(max_length=40)
    report_date: date
    time: LightValue
    economy: LightValue
    quality: LightValue
    comment: str = Field("", max_length=20000)


class MeasurementIn(Schema):
    date: date
    value: float = Field(ge=-999_999_999_999, le=999_999_999_999, allow_inf_nan=False)
    note: str = Field("", max_length=500)


class StrategyListQuery(Schema):
    limit: int = Query(20, ge=1, le=MAX_LIMIT)
    offset: int = Query(0, ge=0, le=1_000_000)


def _abs(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def _lights(report: StatusReport | None) -> dict[str, Any] | None:
    if report is None:
        return None
    return {
        "period": report.period,
        "report_date": report.report_date,
        "time": report.time,
        "economy": report.economy,
        "quality": report.quality,
    }


def _status_out(report: StatusReport) -> dict[str, Any]:
    return {
        "id": report.pk,
        "period": report.period,
        "report_date": report.report_date,
        "time": report.time,
        "economy": report.economy,
        "quality": report.quality,
        "comment": report.comment,
        "author": report.author_name,
        "created_at": report.created_at,
    }


def _measurement_out(m: Measurement) -> dict[str, Any]:
    return {"id": m.pk, "date": m.date, "value": float(m.value), "note": m.note}


def _optional_float(value: Any) -> float | None:
    return None if value is None else float(value)


def initiative_out(request: HttpRequest, initiative: Initiative) -> dict[str, Any]:
    strategy = initiative.focus_area.strategy
    args = [strategy.slug, initiative.number]
    org = initiative.responsible_organisation
    return {
        "id": initiative.pk,
        "strategy": strategy.slug,
        "focus_area": initiative.focus_area.number,
        "number": initiative.number,
        "title": initiative.title,
        "description": initiative.description,
        "stamdata": {
            "ministry": initiative.ministry,
            "institution": initiative.institution,
            "steering_group": initiative.steering_group,
            "project_owner": initiative.project_owner,
            "project_leader": initiative.project_leader,
            "responsible_organisation": org.slug if org else None,
            "start_date": initiative.start_date,
            "expected_end": initiative.expected_end,
            "actual_end": initiative.actual_end,
            "budget_dkk": initiative.budget_dkk,
            "budget_note": initiative.budget_note,
            "spend_dkk": initiative.spend_dkk,
            "spend_note": initiative.spend_note,
            "variance_dkk": initiative.variance_dkk,
        },
        "purpose": initiative.purpose,
        "results": initiative.results,
        "effect_summary": initiative.effect_summary,
        "evaluation": initiative.evaluation,
        "future_ownership": initiative.future_ownership,
        "economy": initiative.economy,
        "more_info_url": initiative.more_info_url,
        "projects": [
            {
                "id": p.uid,
                "slug": p.slug,
                "title": p.title,
                "url": _abs(request, p.get_absolute_url()),
            }
            for p in initiative.projects.all()
        ],
        "effect_goals": [
            {
                "id": g.pk,
                "number": g.number,
                "kind": g.kind,
                "text": g.text,
                "description": g.description,
                "indicator": g.indicator,
                "unit": g.unit,
                "baseline_value": _optional_float(g.baseline_value),
                "baseline_date": g.baseline_date,
                "target_value": _optional_float(g.target_value),
                "target_date": g.target_date,
                "result": g.result,
                "measurements": [_measurement_out(m) for m in g.measurements.all()],
            }
            for g in initiative.effect_goals.all()
        ],
        "status_reports": [_status_out(r) for r in initiative.status_reports.all()],
        "url": _abs(request, initiative.get_absolute_url()),
        "report_pdf_url": _abs(request, reverse("portfolio:initiative_pdf", args=args)),
        "report_docx_url": _abs(request, reverse("portfolio:initiative_docx", args=args)),
    }


def _initiative(initiative_id: int) -> Initiative:
    initiative = (
        Initiative.objects.select_related("focus_area__strategy", "responsible_organisation")
        .prefetch_related("projects", "effect_goals__measurements", "status_reports")
        .filter(pk=initiative_id)
        .first()
    )
    if initiative is None:
        raise Http404(f"Der findes intet initiativ med id {initiative_id}.")
    return initiative


@router.get(
    "/strategies",
    response={200: StrategyPage, 422: ErrorOut},
    summary="List strategier",
    url_name="portfolio_list_strategies",
)
def list_strategies(request: HttpRequest, params: Query[StrategyListQuery]):
    qs = Strategy.objects.annotate(
        n_focus_areas=Count("focus_areas", distinct=True),
        n_initiatives=Count("focus_areas__initiatives", distinct=True),
    ).order_by("-period", "title", "id")
    count = qs.count()
    page = qs[params.offset : params.offset + params.limit]
    return {
        "count": count,
        "limit": params.limit,
        "offset": params.offset,
        "results": [
            {
                "id": s.pk,
                "slug": s.slug,
                "title": s.title,
                "short_title": s.short_title,
                "period": s.period,
                "owner": s.owner,
                "focus_areas": s.n_focus_areas,
                "initiatives": s.n_initiatives,
                "url": _abs(request, s.get_absolute_url()),
            }
            for s in page
        ],
    }


@router.get(
    "/strategies/{slug}",
    response={200: StrategyOut, **READ_RESPONSES},
    summary="En strategi med fokusområder og initiativer (seneste trafiklys)",
    url_name="portfolio_read_strategy",
)
def read_strategy(
    request: HttpRequest, slug: str = Path(..., max_length=120, pattern=r"^[-a-zA-Z0-9_]+$")
):
    strategy = Strategy.objects.filter(slug=slug).first()
    if strategy is None:
        raise Http404("Der findes ingen strategi med det navn.")
    focus_areas = list(strategy.focus_areas.prefetch_related("initiatives"))
    initiatives = [i for fa in focus_areas for i in fa.initiatives.all()]
    latest = reports.latest_reports(initiatives)
    return {
        "id": strategy.pk,
        "slug": strategy.slug,
        "title": strategy.title,
        "short_title": strategy.short_title,
        "period": strategy.period,
        "owner": strategy.owner,
        "description": strategy.description,
        "source": strategy.source,
        "url": _abs(request, strategy.get_absolute_url()),
        "overview_pdf_url": _abs(request, reverse("portfolio:overview_pdf", args=[strategy.slug])),
        "focus_areas": [
            {
                "number": fa.number,
                "title": fa.title,
                "description": fa.description,
                "initiatives": [
                    {
                        "id": i.pk,
                        "number": i.number,
                        "title": i.title,
                        "budget_dkk": i.budget_dkk,
                        "spend_dkk": i.spend_dkk,
                        "latest_status": _lights(latest.get(i.pk)),
                        "url": _abs(
                            request,
                            reverse("portfolio:initiative_detail", args=[strategy.slug, i.number]),
                        ),
                        "api_url": reverse("api-v1:portfolio_read_initiative", args=[i.pk]),
                    }
                    for i in fa.initiatives.all()
                ],
            }
            for fa in focus_areas
        ],
    }


@router.get(
    "/initiatives/{initiative_id}",
    response={200: InitiativeOut, **READ_RESPONSES},
    summary="Et initiativ: stamdata, effektmål med målinger og statushistorik",
    url_name="portfolio_read_initiative",
)
def read_initiative(request: HttpRequest, initiative_id: int = Path(..., ge=1, le=MAX_ID)):
    return initiative_out(request, _initiative(initiative_id))


@router.post(
    "/initiatives/{initiative_id}/status-reports",
    auth=WriteToken(),
    response={201: StatusReportOut, **WRITE_RESPONSES},
    summary="Tilføj en periodisk status med trafiklys (historikken bevares)",
    url_name="portfolio_create_status_report",
)
def create_status_report(
    request: HttpRequest,
    response: HttpResponse,
    payload: StatusReportIn,
    initiative_id: int = Path(..., ge=1, le=MAX_ID),
):
    initiative = _initiative(initiative_id)
    data = payload.model_dump()
    data["report_date"] = data["report_date"].isoformat()
    report = operations.add_status_report(request.auth, initiative, data, source="api")
    response["Location"] = reverse("api-v1:portfolio_read_initiative", args=[initiative.pk])
    return 201, _status_out(report)


@router.post(
    "/effect-goals/{goal_id}/measurements",
    auth=WriteToken(),
    response={201: MeasurementOut, **WRITE_RESPONSES},
    summary="Tilføj en måling til et effektmål",
    url_name="portfolio_create_measurement",
)
def create_measurement(
    request: HttpRequest,
    response: HttpResponse,
    payload: MeasurementIn,
    goal_id: int = Path(..., ge=1, le=MAX_ID),
):
    goal = EffectGoal.objects.select_related("initiative").filter(pk=goal_id).first()
    if goal is None:
        raise Http404(f"Der findes intet effektmål med id {goal_id}.")
    data = payload.model_dump()
    data["date"] = data["date"].isoformat()
    data["value"] = repr(data["value"])
    measurement = operations.add_measurement(request.auth, goal, data, source="api")
    response["Location"] = reverse("api-v1:portfolio_read_initiative", args=[goal.initiative_id])
    return 201, _measurement_out(measurement)
