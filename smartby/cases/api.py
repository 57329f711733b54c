"""Use cases og business cases: endpoints of the open API (/api/v1/). Reads are open; writes
need a write token and follow the same permissions and validation as the UI."""

from typing import Any

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Path, Query, Router, Schema

from smartby.api.schemas import ErrorOut
from smartby.api.security import WriteToken
from smartby.cases import operations, schemas
from smartby.cases.forms import business_case_form_data, use_case_form_data
from smartby.cases.models import BusinessCase, UseCase
from smartby.cases.views import clean_query, filtered_use_cases

router = Router(tags=["Use cases og business cases"])

MAX_ID = 2_147_483_647
MAX_LIMIT = 100
READ_RESPONSES = {404: ErrorOut, 422: ErrorOut}
WRITE_RESPONSES = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    413: ErrorOut,
    422: ErrorOut,
}


class UseCaseQuery(Schema):
    q: str = Query("", max_length=200, description="Ord i titel, problem, målgruppe m.m.")
    area: str = Query("", max_length=100, description="Område (slug)")
    limit: int = Query(20, ge=1, le=MAX_LIMIT)
    offset: int = Query(0, ge=0, le=1_000_000)


def _use_cases():
    return UseCase.objects.select_related("area", "owner_organisation").prefetch_related(
        "projects", "solutions", "standards", "business_cases__lines"
    )


def use_case_out(request: HttpRequest, use_case: UseCase) -> dict[str, Any]:
    business_cases = []
    for bc in use_case.business_cases.all():
        result = operations.calculate(bc)
        business_cases.append(
            {
                "id": bc.pk,
                "title": bc.title,
                "first_year": bc.first_year,
                "horizon_years": bc.horizon_years,
                "discount_rate": float(bc.discount_rate),
                "npv": float(result.npv),
                "payback_year": result.payback_year,
                "url": reverse("api-v1:cases_read_business_case", args=[bc.pk]),
            }
        )
    return {
        "id": use_case.pk,
        "slug": use_case.slug,
        "title": use_case.title,
        "problem": use_case.problem,
        "target_group": use_case.target_group,
        "data_needed": use_case.data_needed,
        "benefits": use_case.benefits,
        "risks": use_case.risks,
        "area": use_case.area.slug,
        "area_name": use_case.area.name,
        "owner_organisation": use_case.owner_organisation.slug,
        "owner_organisation_name": use_case.owner_organisation.name,
        "projects": [
            {"id": p.uid, "slug": p.slug, "title": p.title, "url": p.get_absolute_url()}
            for p in use_case.projects.all()
        ],
        "solutions": [
            {"slug": s.slug, "name": s.name, "url": s.get_absolute_url()}
            for s in use_case.solutions.all()
        ],
        "standards": [
            {"slug": s.slug, "name": s.name, "url": s.get_absolute_url()}
            for s in use_case.standards.all()
        ],
        "business_cases": business_cases,
        "url": request.build_absolute_uri(use_case.get_absolute_url()),
        "created_at": use_case.created_at,
        "updated_at": use_case.updated_at,
    }


def business_case_out(request: HttpRequest, bc: BusinessCase) -> dict[str, Any]:
    result = operations.calculate(bc)
    return {
        "id": bc.pk,
        "use_case": bc.use_case_id,
        "use_case_slug": bc.use_case.slug,
        "title": bc.title,
        "first_year": bc.first_year,
        "horizon_years": bc.horizon_years,
        "discount_rate": float(bc.discount_rate),
        "notes": bc.notes,
        "lines": [
            {
                "id": line.pk,
                "kind": line.kind,
                "label": line.label,
                "year": line.year,
                "amount": None if line.amount is None else float(line.amount),
            }
            for line in bc.lines.all()
        ],
        "figures": {
            "npv": float(result.npv),
            "payback_year": result.payback_year,
            "discounted_payback_year": result.discounted_payback_year,
            "total_investment": float(result.total_investment),
            "total_operating": float(result.total_operating),
            "total_costs": float(result.total_costs),
            "total_benefits": float(result.total_benefits),
            "total_net": float(result.total_net),
            "years": [
                {
                    "year": row.year,
                    "index": row.index,
                    "investment": float(row.investment),
                    "operating": float(row.operating),
                    "costs": float(row.costs),
                    "benefits": float(row.benefits),
                    "net": float(row.net),
                    "discount_factor": float(row.factor),
                    "discounted_net": float(row.discounted_net),
                    "cumulative_net": float(row.cumulative_net),
                    "cumulative_discounted_net": float(row.cumulative_discounted_net),
                }
                for row in result.rows
            ],
            "sensitivity": {
                "benefit_changes": list(result.benefit_steps),
                "rows": [
                    {"discount_rate": float(row.rate), "npvs": [float(v) for v in row.npvs]}
                    for row in result.sensitivity
                ],
            },
        },
        "url": request.build_absolute_uri(bc.get_absolute_url()),
        "pdf_url": request.build_absolute_uri(
            reverse("cases:businesscase_pdf", args=[bc.use_case.slug, bc.pk])
        ),
        "created_at": bc.created_at,
        "updated_at": bc.updated_at,
    }


def _get_use_case(use_case_id: int, *, lock: bool = False) -> UseCase:
    qs = UseCase.objects.select_for_update() if lock else _use_cases()
    use_case = qs.filter(pk=use_case_id).first()
    if use_case is None:
        raise Http404(f"Der findes ingen use case med id {use_case_id}.")
    return use_case


def _get_business_case(business_case_id: int) -> BusinessCase:
    qs = BusinessCase.objects.select_related("use_case").prefetch_related("lines")
    bc = qs.filter(pk=business_case_id).first()
    if bc is None:
        raise Http404(f"Der findes ingen business case med id {business_case_id}.")
    return bc


@router.get(
    "/use-cases",
    response={200: schemas.UseCasePage, 422: ErrorOut},
    summary="Søg og list use cases",
    url_name="cases_list_use_cases",
)
def list_use_cases(request: HttpRequest, params: Query[UseCaseQuery]):
    qs = filtered_use_cases(clean_query(params.q), clean_query(params.area, 100))
    count = qs.count()
    page = qs.prefetch_related("projects", "solutions", "standards", "business_cases__lines")
    page = page[params.offset : params.offset + params.limit]
    return {
        "count": count,
        "limit": params.limit,
        "offset": params.offset,
        "results": [use_case_out(request, u) for u in page],
    }


@router.get(
    "/use-cases/{use_case_id}",
    response={200: schemas.UseCaseOut, **READ_RESPONSES},
    summary="En use case med koblinger og business cases",
    url_name="cases_read_use_case",
)
def read_use_case(request: HttpRequest, use_case_id: int = Path(..., ge=1, le=MAX_ID)):
    return use_case_out(request, _get_use_case(use_case_id))


@router.post(
    "/use-cases",
    auth=WriteToken(),
    response={201: schemas.UseCaseOut, **WRITE_RESPONSES},
    summary="Opret en use case",
    url_name="cases_create_use_case",
)
def create_use_case(request: HttpRequest, response: HttpResponse, payload: schemas.UseCaseIn):
    data = use_case_form_data(payload.model_dump())
    use_case = operations.create_use_case(request.auth, data, source="api")
    response["Location"] = reverse("api-v1:cases_read_use_case", args=[use_case.pk])
    return 201, use_case_out(request, _get_use_case(use_case.pk))


@router.patch(
    "/use-cases/{use_case_id}",
    auth=WriteToken(),
    response={200: schemas.UseCaseOut, **WRITE_RESPONSES},
    summary="Ret dele af en use case",
    url_name="cases_patch_use_case",
)
def patch_use_case(
    request: HttpRequest,
    payload: schemas.UseCasePatch,
    use_case_id: int = Path(..., ge=1, le=MAX_ID),
):
    changes = payload.model_dump(exclude_unset=True)
    with transaction.atomic():
        use_case = _get_use_case(use_case_id, lock=True)
        data = use_case_form_data(changes, use_case)
        operations.update_use_case(request.auth, use_case, data, source="api")
    return use_case_out(request, _get_use_case(use_case_id))


@router.post(
    "/use-cases/{use_case_id}/business-cases",
    auth=WriteToken(),
    response={201: schemas.BusinessCaseOut, **WRITE_RESPONSES},
    summary="Tilføj en business case til en use case",
    url_name="cases_create_business_case",
)
def create_business_case(
    request: HttpRequest,
    response: HttpResponse,
    payload: schemas.BusinessCaseIn,
    use_case_id: int = Path(..., ge=1, le=MAX_ID),
):
    use_case = _get_use_case(use_case_id)
    data = business_case_form_data(payload.model_dump())
    bc = operations.create_business_case(request.auth, use_case, data, source="api")
    response["Location"] = reverse("api-v1:cases_read_business_case", args=[bc.pk])
    return 201, business_case_out(request, _get_business_case(bc.pk))


@router.get(
    "/business-cases/{business_case_id}",
    response={200: schemas.BusinessCaseOut, **READ_RESPONSES},
    summary="En business case med linjer og beregnede nøgletal",
    url_name="cases_read_business_case",
)
def read_business_case(request: HttpRequest, business_case_id: int = Path(..., ge=1, le=MAX_ID)):
    return business_case_out(request, _get_business_case(business_case_id))


@router.put(
    "/business-cases/{business_case_id}",
    auth=WriteToken(),
    response={200: schemas.BusinessCaseOut, **WRITE_RESPONSES},
    summary="Erstat en business case (linjerne erstattes)",
    url_name="cases_replace_business_case",
)
def replace_business_case(
    request: HttpRequest,
    payload: schemas.BusinessCaseIn,
    business_case_id: int = Path(..., ge=1, le=MAX_ID),
):
    with transaction.atomic():
        bc = BusinessCase.objects.select_for_update().filter(pk=business_case_id).first()
        if bc is None:
            raise Http404(f"Der findes ingen business case med id {business_case_id}.")
        data = business_case_form_data(payload.model_dump(), bc)
        operations.update_business_case(request.auth, bc, data, source="api")
    return business_case_out(request, _get_business_case(business_case_id))
