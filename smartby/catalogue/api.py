"""Markedsoverblik: endpoints of the open API (/api/v1/).

Reads are open; proposals need a write token of a member of the supplier's organisation;
creating, changing and deleting solutions needs a coordinator's write token."""

from datetime import date, datetime
from typing import Any

from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Path, Query, Router, Schema

from smartby.api.schemas import ErrorOut
from smartby.api.security import WriteToken
from smartby.catalogue import operations, queries
from smartby.catalogue.models import (
    Hosting,
    PriceModel,
    Solution,
    SolutionCategory,
    Standard,
    Supplier,
)

router = Router(tags=["Markedsoverblik"])

MAX_LIMIT = 200
MAX_ID = 2**31 - 1
READ_ERRORS = {404: ErrorOut, 422: ErrorOut}
WRITE_ERRORS = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    413: ErrorOut,
    422: ErrorOut,
}


# --- schemas --------------------------------------------------------------------------------


class Paging(Schema):
    limit: int = Query(50, ge=1, le=MAX_LIMIT, description=f"Højst så mange (1–{MAX_LIMIT})")
    offset: int = Query(0, ge=0, le=1_000_000, description="Spring så mange over")


class SolutionQuery(Paging):
    q: str = Query("", max_length=200, description="Del af navn, beskrivelse eller leverandør")
    category: list[str] = Query(
        [], description="Kategori: " + ", ".join(SolutionCategory.values) + "; kan gentages"
    )
    technology: list[str] = Query([], description="Teknologi (slug), kan gentages")
    standard: list[str] = Query([], description="Standard (slug), kan gentages")
    area: list[str] = Query([], description="Forvaltningsområde (slug), kan gentages")
    hosting: list[str] = Query(
        [], description="Hosting: " + ", ".join(Hosting.values) + "; kan gentages"
    )


class Ref(Schema):
    name: str
    slug: str


class SupplierRef(Schema):
    id: int
    name: str
    url: str


class SupplierOut(Schema):
    id: int
    name: str
    slug: str
    kind: str = Field(description="virksomhed eller vidensinstitution")
    cvr: str
    size: str = Field(description="mikro, lille, mellemstor eller stor")
    description: str
    contact_email: str = Field(description="Funktionsadresse til salg/support")
    contact_phone: str
    website: str
    solutions: int = Field(description="Antal løsninger")
    url: str


class SolutionBrief(Schema):
    id: int
    name: str
    slug: str
    category: str
    url: str


class SupplierDetailOut(SupplierOut):
    solution_list: list[SolutionBrief]


class SupplierPage(Schema):
    count: int
    limit: int
    offset: int
    next: str | None
    previous: str | None
    results: list[SupplierOut]


class UseOut(Schema):
    municipalities: list[str] = Field(description="Navne på projektets kommuner")
    project_id: str = Field(description="Projektets id (som i /projects/{project_id})")
    project_title: str
    project_url: str
    experience: str = Field(description="Det har vi lært")
    since: date | None


class SolutionOut(Schema):
    id: int
    name: str
    slug: str
    supplier: SupplierRef
    category: str = Field(description=", ".join(SolutionCategory.values))
    description: str
    technologies: list[Ref]
    areas: list[Ref]
    standards: list[Ref]
    open_apis: str
    data_ownership: str = Field(description="Dataejerskab og adgang til rådata")
    hosting: str = Field(description=", ".join(Hosting.values))
    price_model: str = Field(description=", ".join(PriceModel.values))
    price_note: str
    references: str
    municipalities: list[str] = Field(description="Kommuner, hvis projekter bruger løsningen")
    created_at: datetime
    updated_at: datetime
    url: str


class SolutionDetailOut(SolutionOut):
    uses: list[UseOut]


class SolutionPage(Schema):
    count: int
    limit: int
    offset: int
    next: str | None
    previous: str | None
    results: list[SolutionOut]


class StandardOut(Schema):
    id: int
    name: str
    slug: str
    kind: str = Field(description="standard, interoperabilitet, referencearkitektur, protokol")
    body: str = Field(description="Udgiver / ejer")
    link: str = Field(description="Standardens egen side")
    description: str
    solutions: int = Field(description="Antal løsninger, der understøtter standarden")
    url: str


class StandardDetailOut(StandardOut):
    solution_list: list[SolutionBrief]


class StandardPage(Schema):
    count: int
    limit: int
    offset: int
    next: str | None
    previous: str | None
    results: list[StandardOut]


class SolutionFieldsIn(Schema):
    """Values of a solution; absent fields are left as they are (proposals and PATCH)."""

    name: str | None = Field(None, max_length=200)
    category: str | None = Field(None, max_length=30)
    description: str | None = Field(None, max_length=20000)
    technologies: list[str] | None = Field(None, description="Teknologier (slugs)")
    areas: list[str] | None = Field(None, description="Forvaltningsområder (slugs)")
    standards: list[str] | None = Field(None, description="Standarder (slugs)")
    open_apis: str | None = Field(None, max_length=5000)
    data_ownership: str | None = Field(None, max_length=5000)
    hosting: str | None = Field(None, max_length=20)
    price_model: str | None = Field(None, max_length=20)
    price_note: str | None = Field(None, max_length=500)
    references: str | None = Field(None, max_length=5000)


class SolutionIn(SolutionFieldsIn):
    supplier: int = Field(..., ge=1, le=MAX_ID, description="Leverandørens id")


class SolutionPatchIn(SolutionFieldsIn):
    supplier: int | None = Field(None, ge=1, le=MAX_ID, description="Leverandørens id")


class SolutionProposalOut(Schema):
    id: int
    kind: str = Field(description="leverandoer, loesning eller ny-loesning")
    status: str = Field(description="afventer, godkendt eller afvist")
    data: dict[str, Any] = Field(description="De foreslåede værdier (kun ændrede felter)")
    created_at: datetime


# --- helpers --------------------------------------------------------------------------------


def _page(request: HttpRequest, qs: Any, params: Paging, item: Any) -> dict[str, Any]:
    count = qs.count()
    rows = qs[params.offset : params.offset + params.limit]

    def link(offset: int) -> str:
        query = request.GET.copy()
        query["offset"] = str(offset)
        query["limit"] = str(params.limit)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": count,
        "limit": params.limit,
        "offset": params.offset,
        "next": link(params.offset + params.limit)
        if params.offset + params.limit < count
        else None,
        "previous": link(max(0, params.offset - params.limit)) if params.offset > 0 else None,
        "results": [item(request, row) for row in rows],
    }


def _supplier(request: HttpRequest, s: Supplier) -> dict[str, Any]:
    return {
        "id": s.pk,
        "name": s.organisation.name,
        "slug": s.organisation.slug,
        "kind": s.organisation.kind,
        "cvr": s.organisation.cvr,
        "size": s.size,
        "description": s.description,
        "contact_email": s.contact_email,
        "contact_phone": s.contact_phone,
        "website": s.website,
        "solutions": s.n,
        "url": request.build_absolute_uri(s.get_absolute_url()),
    }


def _brief(request: HttpRequest, s: Solution) -> dict[str, Any]:
    return {
        "id": s.pk,
        "name": s.name,
        "slug": s.slug,
        "category": s.category,
        "url": request.build_absolute_uri(s.get_absolute_url()),
    }


def _refs(items: Any) -> list[dict[str, str]]:
    return [{"name": x.name, "slug": x.slug} for x in items]


def _solution(request: HttpRequest, s: Solution) -> dict[str, Any]:
    return {
        "id": s.pk,
        "name": s.name,
        "slug": s.slug,
        "supplier": {
            "id": s.supplier_id,
            "name": s.supplier.name,
            "url": request.build_absolute_uri(s.supplier.get_absolute_url()),
        },
        "category": s.category,
        "description": s.description,
        "technologies": _refs(s.technologies.all()),
        "areas": _refs(s.areas.all()),
        "standards": _refs(s.standards.all()),
        "open_apis": s.open_apis,
        "data_ownership": s.data_ownership,
        "hosting": s.hosting,
        "price_model": s.price_model,
        "price_note": s.price_note,
        "references": s.references,
        "municipalities": queries.municipality_names(s),
        "created_at": s.created_at,
        "updated_at": s.updated_at,
        "url": request.build_absolute_uri(s.get_absolute_url()),
    }


def _solution_detail(request: HttpRequest, s: Solution) -> dict[str, Any]:
    return _solution(request, s) | {
        "uses": [
            {
                "municipalities": sorted(m.name for m in use.project.municipalities.all()),
                "project_id": use.project.uid,
                "project_title": use.project.title,
                "project_url": request.build_absolute_uri(use.project.get_absolute_url()),
                "experience": use.experience,
                "since": use.since,
            }
            for use in s.uses.all()
        ]
    }


def _standard(request: HttpRequest, s: Standard) -> dict[str, Any]:
    return {
        "id": s.pk,
        "name": s.name,
        "slug": s.slug,
        "kind": s.kind,
        "body": s.body,
        "link": s.url,
        "description": s.description,
        "solutions": s.n,
        "url": request.build_absolute_uri(s.get_absolute_url()),
    }


def _get_solution(solution_id: int) -> Solution:
    solution = queries.solution_details().filter(pk=solution_id).first()
    if solution is None:
        raise Http404(f"Der findes ingen løsning med id {solution_id}.")
    return solution


def _fields(payload: Schema) -> dict[str, Any]:
    data = payload.model_dump(exclude_none=True)
    if "supplier" in data:
        data["supplier"] = str(data["supplier"])
    return data


SolutionId = Path(..., ge=1, le=MAX_ID, description="Løsningens id")


# --- suppliers ------------------------------------------------------------------------------


def _suppliers() -> Any:
    return (
        Supplier.objects.select_related("organisation")
        .annotate(n=Count("solutions"))
        .order_by("organisation__name", "id")
    )


@router.get("/suppliers", response={200: SupplierPage, 422: ErrorOut}, summary="Leverandører")
def list_suppliers(request: HttpRequest, params: Query[Paging]):
    return _page(request, _suppliers(), params, _supplier)


@router.get(
    "/suppliers/{supplier_id}",
    response={200: SupplierDetailOut, **READ_ERRORS},
    summary="En leverandør med dens løsninger",
)
def read_supplier(
    request: HttpRequest,
    supplier_id: int = Path(..., ge=1, le=MAX_ID, description="Leverandørens id"),
):
    supplier = _suppliers().filter(pk=supplier_id).first()
    if supplier is None:
        raise Http404(f"Der findes ingen leverandør med id {supplier_id}.")
    return _supplier(request, supplier) | {
        "solution_list": [_brief(request, s) for s in supplier.solutions.order_by("name")]
    }


# --- solutions ------------------------------------------------------------------------------


@router.get(
    "/solutions",
    response={200: SolutionPage, 422: ErrorOut},
    summary="Løsninger (filtrér på kategori, teknologi, standard, område)",
)
def list_solutions(request: HttpRequest, params: Query[SolutionQuery]):
    f = queries.SolutionFilters.from_query(request.GET)
    qs = (
        queries.solution_details()
        .filter(pk__in=queries.filtered_solutions(f).values("pk"))
        .order_by("name", "id")
    )
    return _page(request, qs, params, _solution)


@router.get(
    "/solutions/{solution_id}",
    response={200: SolutionDetailOut, **READ_ERRORS},
    summary="En løsning med de projekter og kommuner, der bruger den",
)
def read_solution(request: HttpRequest, solution_id: int = SolutionId):
    return _solution_detail(request, _get_solution(solution_id))


@router.post(
    "/solutions",
    auth=WriteToken(),
    response={201: SolutionDetailOut, **WRITE_ERRORS},
    summary="Opret en løsning (koordinatorer)",
)
def create_solution(request: HttpRequest, response: HttpResponse, payload: SolutionIn):
    solution = operations.create_solution(request.auth, _fields(payload), source="api")
    response["Location"] = f"{request.path.rstrip('/')}/{solution.pk}"
    return 201, _solution_detail(request, _get_solution(solution.pk))


@router.patch(
    "/solutions/{solution_id}",
    auth=WriteToken(),
    response={200: SolutionDetailOut, **WRITE_ERRORS},
    summary="Ret felter i en løsning (koordinatorer)",
)
def patch_solution(request: HttpRequest, payload: SolutionPatchIn, solution_id: int = SolutionId):
    solution = _get_solution(solution_id)
    operations.patch_solution(request.auth, solution, _fields(payload), source="api")
    return _solution_detail(request, _get_solution(solution_id))


@router.delete(
    "/solutions/{solution_id}",
    auth=WriteToken(),
    response={204: None, **WRITE_ERRORS},
    summary="Slet en løsning (koordinatorer)",
)
def delete_solution(request: HttpRequest, solution_id: int = SolutionId):
    operations.delete_solution(request.auth, _get_solution(solution_id), source="api")
    return 204, None


@router.post(
    "/solutions/{solution_id}/proposals",
    auth=WriteToken(),
    response={201: SolutionProposalOut, **WRITE_ERRORS},
    summary="Foreslå ændringer til en løsning (leverandørens egne medarbejdere)",
)
def propose_solution_change(
    request: HttpRequest, payload: SolutionFieldsIn, solution_id: int = SolutionId
):
    """Felter, der ikke sendes, forbliver uændrede. Forslaget offentliggøres først, når en
    koordinator godkender det."""
    solution = _get_solution(solution_id)
    proposal = operations.propose_solution_change(
        request.auth, solution, _fields(payload), source="api"
    )
    return 201, {
        "id": proposal.pk,
        "kind": proposal.kind,
        "status": proposal.status,
        "data": proposal.data,
        "created_at": proposal.created_at,
    }


# --- standards ------------------------------------------------------------------------------


def _standards() -> Any:
    return Standard.objects.annotate(n=Count("solutions")).order_by("name", "id")


@router.get(
    "/standards",
    response={200: StandardPage, 422: ErrorOut},
    summary="Standarder og interoperabilitetsløsninger",
)
def list_standards(request: HttpRequest, params: Query[Paging]):
    return _page(request, _standards(), params, _standard)


@router.get(
    "/standards/{standard_id}",
    response={200: StandardDetailOut, **READ_ERRORS},
    summary="En standard med de løsninger, der understøtter den",
)
def read_standard(
    request: HttpRequest,
    standard_id: int = Path(..., ge=1, le=MAX_ID, description="Standardens id"),
):
    standard = _standards().filter(pk=standard_id).first()
    if standard is None:
        raise Http404(f"Der findes ingen standard med id {standard_id}.")
    return _standard(request, standard) | {
        "solution_list": [_brief(request, s) for s in standard.solutions.order_by("name")]
    }
