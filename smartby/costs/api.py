"""Fordeling af fælles udgifter: endpoints of the open API (/api/v1/). Everything is a read or
a computation without side effects, so no token is needed."""

from datetime import date

from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Field, Path, Query, Router, Schema

from smartby.api.schemas import ErrorOut
from smartby.costs import allocation, inputs, operations
from smartby.costs.allocation import MAX_CONTRIBUTIONS, MAX_MEMBERS, MAX_NAME, AllocationError
from smartby.costs.models import BudgetYear, Collaboration, Participant, Scenario
from smartby.lib.errors import ValidationFailed

router = Router(tags=["Udgiftsfordeling"])

MAX_LIMIT = 100
SLUG = r"^[-a-z0-9_]+$"


# --- schemas ------------------------------------------------------------------------------------


class ContributionIn(Schema):
    name: str = Field(max_length=MAX_NAME, description="Hvem betaler, fx Region Midtjylland")
    amount: int = Field(description="Hele kroner")


class MemberIn(Schema):
    name: str = Field("", max_length=MAX_NAME, description="Kan udelades med `code`")
    population: int | None = Field(None, description="Udelades med `code` for registrets tal")
    code: str | None = Field(None, max_length=3, description="Kommunekode, fx 751")


class PreviewIn(Schema):
    budget: int = Field(description="Årligt budget i hele kroner")
    contributions: list[ContributionIn] = Field([], max_length=MAX_CONTRIBUTIONS)
    equal_percent: float = Field(description="Procent, der deles ligeligt (0-100)")
    members: list[MemberIn] = Field(max_length=MAX_MEMBERS)


class ContributionOut(Schema):
    name: str
    amount: int


class ShareOut(Schema):
    name: str
    population: int
    equal_share: int
    population_share: int
    total: int


class AllocationOut(Schema):
    budget: int
    contributions: list[ContributionOut]
    to_allocate: int = Field(description="Budget minus de faste bidrag")
    members: list[ShareOut]
    sum: int = Field(description="Summen af medlemmernes total; altid lig to_allocate")


class MemberOut(Schema):
    name: str
    kind: str = Field(description="kommune, region eller anden")
    municipality_code: str | None
    population: int | None = Field(description="Indtastet eller registrets tal")


class BudgetYearSummary(Schema):
    year: int
    budget: int
    equal_percent: float
    url: str
    allocation_url: str


class CollaborationOut(Schema):
    slug: str
    name: str
    description: str
    members: list[MemberOut]
    budget_years: list[BudgetYearSummary]
    url: str


class CollaborationPage(Schema):
    count: int
    limit: int
    offset: int
    results: list[CollaborationOut]


class ScenarioOut(Schema):
    id: int
    name: str
    description: str
    leaving: list[str]
    joining: list[str]
    allocation: AllocationOut | None = Field(description="null, hvis scenariet ikke kan beregnes")
    errors: list[str]


class BudgetYearOut(Schema):
    collaboration: str
    year: int
    equal_percent: float
    population_date: date | None
    allocation: AllocationOut
    scenarios: list[ScenarioOut]
    url: str


class ListQuery(Schema):
    limit: int = Query(20, ge=1, le=MAX_LIMIT)
    offset: int = Query(0, ge=0, le=1_000_000)


# --- helpers ------------------------------------------------------------------------------------


def collaboration_out(request: HttpRequest, c: Collaboration) -> dict:
    return {
        "slug": c.slug,
        "name": c.name,
        "description": c.description,
        "members": [
            {
                "name": m.name,
                "kind": m.kind,
                "municipality_code": m.municipality.code if m.municipality_id else None,
                "population": m.effective_population,
            }
            for m in c.members.all()
        ],
        "budget_years": [
            {
                "year": by.year,
                "budget": by.budget,
                "equal_percent": float(by.equal_percent),
                "url": request.build_absolute_uri(by.get_absolute_url()),
                "allocation_url": request.build_absolute_uri(
                    reverse("api-v1:costs_read_allocation", args=[c.slug, by.year])
                ),
            }
            for by in sorted(c.budget_years.all(), key=lambda by: -by.year)
        ],
        "url": request.build_absolute_uri(c.get_absolute_url()),
    }


def _collaborations():
    return Collaboration.objects.prefetch_related("members__municipality", "budget_years")


# --- endpoints ----------------------------------------------------------------------------------


@router.post(
    "/cost-allocations/preview",
    response={200: AllocationOut, 400: ErrorOut, 413: ErrorOut, 422: ErrorOut},
    summary="Beregn en udgiftsfordeling (gemmer intet)",
    description=(
        "Budget minus faste bidrag fordeles: `equal_percent` % ligeligt, resten efter "
        "indbyggertal, i hele kroner, der summer præcist (største-rest-metoden). Et medlem "
        "angives med `name` og `population` eller med `code` (kommunekode; registrets "
        "befolkningstal). Ugyldigt input giver 422 med fejl pr. felt."
    ),
    url_name="costs_preview",
)
def preview(request: HttpRequest, payload: PreviewIn):
    members = inputs.resolve_members([m.model_dump() for m in payload.members])
    contributions = [(c.name, c.amount) for c in payload.contributions]
    errors = members.errors + [
        e
        for e in allocation.validate(
            payload.budget, contributions, payload.equal_percent, members.pairs
        )
        if not any(e["field"] == known["field"] for known in members.errors)
    ]
    if errors:
        raise ValidationFailed(errors)
    return allocation.allocate(
        payload.budget, contributions, payload.equal_percent, members.pairs
    ).as_dict()


@router.get(
    "/collaborations",
    response={200: CollaborationPage, 422: ErrorOut},
    summary="Samarbejder med udgiftsfordeling",
    url_name="costs_list_collaborations",
)
def list_collaborations(request: HttpRequest, params: Query[ListQuery]):
    qs = _collaborations().order_by("name")
    return {
        "count": qs.count(),
        "limit": params.limit,
        "offset": params.offset,
        "results": [
            collaboration_out(request, c) for c in qs[params.offset : params.offset + params.limit]
        ],
    }


@router.get(
    "/collaborations/{slug}",
    response={200: CollaborationOut, 404: ErrorOut, 422: ErrorOut},
    summary="Et samarbejde med medlemmer og budgetår",
    url_name="costs_read_collaboration",
)
def read_collaboration(request: HttpRequest, slug: str = Path(..., max_length=120, pattern=SLUG)):
    c = _collaborations().filter(slug=slug).first()
    if c is None:
        raise Http404(f"Der findes intet samarbejde med slug {slug}.")
    return collaboration_out(request, c)


@router.get(
    "/collaborations/{slug}/allocations/{year}",
    response={200: BudgetYearOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Et budgetårs fordeling og scenarier",
    url_name="costs_read_allocation",
)
def read_allocation(
    request: HttpRequest,
    slug: str = Path(..., max_length=120, pattern=SLUG),
    year: int = Path(..., ge=2000, le=2100),
):
    by = (
        BudgetYear.objects.select_related("collaboration")
        .prefetch_related(
            "contributions",
            Prefetch("participants", queryset=Participant.objects.select_related("member")),
            Prefetch(
                "scenarios",
                queryset=Scenario.objects.prefetch_related("leaving", "joining__municipality"),
            ),
        )
        .filter(collaboration__slug=slug, year=year)
        .first()
    )
    if by is None:
        raise Http404(f"Samarbejdet {slug} har intet budgetår {year}.")
    try:
        base = operations.budget_year_allocation(by).as_dict()
    except AllocationError as e:
        return 409, {"detail": "Budgetåret kan ikke fordeles.", "errors": e.errors}
    scenarios = []
    for s in by.scenarios.all():
        s.budget_year = by
        try:
            result, errors = operations.scenario_allocation(s).as_dict(), []
        except AllocationError as e:
            result, errors = None, [error["message"] for error in e.errors]
        scenarios.append(
            {
                "id": s.pk,
                "name": s.name,
                "description": s.description,
                "leaving": [m.name for m in s.leaving.all()],
                "joining": [m.name for m in s.joining.all()],
                "allocation": result,
                "errors": errors,
            }
        )
    return {
        "collaboration": by.collaboration.slug,
        "year": by.year,
        "equal_percent": float(by.equal_percent),
        "population_date": by.population_date,
        "allocation": base,
        "scenarios": scenarios,
        "url": request.build_absolute_uri(by.get_absolute_url()),
    }
