"""DK2020-klimaplaner: endpoints of the open API (/api/v1/).

Reads are anonymous: every municipality with its phase and status, one municipality with its
history. Updates need a write token of a coordinator or a member of the municipality's
organisation, and follow the same validation as the UI (`climate.forms.PlanUpdateForm`).
"""

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema

from smartby.api.schemas import ErrorOut
from smartby.api.security import WriteToken
from smartby.climate import operations, queries
from smartby.climate.models import Cohort, Phase, PlanStatus
from smartby.geo.models import Municipality
from smartby.lib.emails import absolute_url
from smartby.lib.text import without_control_characters

router = Router(tags=["DK2020"])

MAX_LIMIT = 100
CODE = r"^[0-9]{3}$"
SLUG = r"^[-a-z0-9]+$"


class PlanQuery(Schema):
    region: str | None = Query(
        None, max_length=100, pattern=SLUG, description="Regionens slug, fx region-midtjylland"
    )
    phase: str | None = Query(
        None,
        max_length=40,
        pattern=SLUG,
        description="Fasens kode (se /dk2020/faser), eller `ingen` for kommuner uden fase",
    )
    status: PlanStatus | None = Query(None, description="Kun kommuner med denne status")
    limit: int = Query(100, ge=1, le=MAX_LIMIT, description="Højst så mange pr. side")
    offset: int = Query(0, ge=0, le=1000, description="Spring så mange over")


class PhaseOut(Schema):
    position: int
    code: str
    name: str
    description: str
    source_quote: str = Field(
        description="Citat fra KD-Net-referatet; tomt, hvis fasen ikke er beskrevet der"
    )
    source: str
    from_seed: bool = Field(description="Fasen er beskrevet i KD-Net-materialet")


class PlanSummaryOut(Schema):
    code: str = Field(description="3-cifret kommunekode")
    municipality: str
    region: str
    region_slug: str
    phase: str | None = Field(description="Fasens kode; null uden fase")
    phase_name: str | None
    phase_position: int | None
    status: str = Field(description=", ".join(PlanStatus.values))
    status_label: str
    cohort: str = Field(description="Runde: " + ", ".join(Cohort.values) + " eller tom")
    joined_year: int | None
    adopted_date: dt.date | None
    plan_url: str
    demo: bool = Field(description="Status er demodata")
    url: str


class EventOut(Schema):
    date: dt.date
    phase: str | None
    phase_name: str | None
    status: str
    comment: str
    actor: str = Field(description="Navnet på den, der registrerede ændringen, eller kilden")


class PlanOut(PlanSummaryOut):
    notes: str
    history: list[EventOut] = Field(description="Ældste først")


class PlanPage(Schema):
    count: int
    limit: int
    offset: int
    results: list[PlanSummaryOut]


class PlanIn(Schema):
    """A new phase/status of a municipality's plan. Fields left out are kept as they are."""

    phase: str | None = Field(
        None, max_length=40, description="Fasens kode; tom streng for ingen fase"
    )
    status: PlanStatus | None = None
    date: dt.date | None = Field(None, description="Dato for ændringen (standard: i dag)")
    comment: str = Field("", max_length=2000, description="Kommentar til historikken")
    cohort: str | None = Field(None, max_length=20, description="Runde")
    joined_year: int | None = Field(None, ge=0, le=9999)
    adopted_date: dt.date | None = None
    plan_url: str | None = Field(None, max_length=500)
    notes: str | None = Field(None, max_length=5000)


def summary(row: queries.Row) -> dict[str, Any]:
    m, plan, phase = row.municipality, row.plan, row.phase
    return {
        "code": m.code,
        "municipality": m.name,
        "region": m.region.name,
        "region_slug": m.region.slug,
        "phase": phase.code if phase else None,
        "phase_name": phase.name if phase else None,
        "phase_position": phase.position if phase else None,
        "status": row.status,
        "status_label": str(row.status_label),
        "cohort": plan.cohort if plan else "",
        "joined_year": plan.joined_year if plan else None,
        "adopted_date": plan.adopted_date if plan else None,
        "plan_url": plan.plan_url if plan else "",
        "demo": bool(plan and plan.is_demo),
        "url": absolute_url(reverse("climate:municipality", args=[m.code])),
    }


def detail(code: str) -> dict[str, Any]:
    qs = queries.municipalities().filter(code=code)
    found = queries.rows(qs)
    if not found:
        raise Http404
    row = found[0]
    return {
        **summary(row),
        "notes": row.plan.notes if row.plan else "",
        "history": [
            {
                "date": e.date,
                "phase": e.phase.code if e.phase else None,
                "phase_name": e.phase.name if e.phase else None,
                "status": e.status,
                "comment": e.comment,
                "actor": e.actor_name,
            }
            for e in queries.plan_history(row.plan)
        ],
    }


@router.get("/dk2020/faser", response={200: list[PhaseOut]}, summary="DK2020-processens faser")
def list_phases(request: HttpRequest):
    return list(Phase.objects.order_by("position"))


@router.get(
    "/dk2020",
    response={200: PlanPage, 422: ErrorOut},
    summary="Alle kommuners DK2020-fase og status",
)
def list_plans(request: HttpRequest, q: Query[PlanQuery]):
    qs = queries.municipalities(region=q.region, phase=q.phase, status=q.status)
    count = qs.count()
    page = queries.rows(qs[q.offset : q.offset + q.limit])
    return {
        "count": count,
        "limit": q.limit,
        "offset": q.offset,
        "results": [summary(r) for r in page],
    }


@router.get(
    "/dk2020/{code}",
    response={200: PlanOut, 404: ErrorOut, 422: ErrorOut},
    summary="En kommunes DK2020-plan med historik",
)
def read_plan(request: HttpRequest, code: str = Path(..., pattern=CODE)):
    return detail(code)


def form_data(body: PlanIn, municipality: Municipality) -> dict[str, Any]:
    """The API body as the form's input: what is left out keeps the plan's current value."""
    plan = operations.plan_for(municipality)
    given = body.model_dump(exclude_unset=True)

    def pick(name: str, current: Any) -> Any:
        value = given.get(name, current)
        if value is None:
            return ""
        if isinstance(value, str):
            return without_control_characters(value)
        return value.isoformat() if isinstance(value, dt.date) else str(value)

    return {
        "phase": pick("phase", plan.phase.code if plan.phase else ""),
        "status": pick("status", plan.status),
        "event_date": pick("date", timezone.localdate().isoformat()),
        "comment": pick("comment", ""),
        "cohort": pick("cohort", plan.cohort),
        "joined_year": pick("joined_year", plan.joined_year),
        "adopted_date": pick("adopted_date", plan.adopted_date),
        "plan_url": pick("plan_url", plan.plan_url),
        "notes": pick("notes", plan.notes),
    }


@router.put(
    "/dk2020/{code}",
    auth=WriteToken(),
    response={
        200: PlanOut,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        413: ErrorOut,
        422: ErrorOut,
    },
    summary="Opdatér en kommunes DK2020-fase og status",
)
def update_plan(request: HttpRequest, body: PlanIn, code: str = Path(..., pattern=CODE)):
    municipality = get_object_or_404(Municipality, code=code)
    operations.update_plan(request.user, municipality, form_data(body, municipality), source="api")
    return detail(code)
