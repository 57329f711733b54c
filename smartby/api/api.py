"""The open JSON API, version 1, at /api/v1/ (django-ninja; OpenAPI at /api/v1/openapi.json).

Reads are open to everybody (CORS allowed, anonymous rate limit); writes need an API token with
write scope (`Authorization: Bearer sb_...`) and follow the same permissions as the UI.
"""

import contextlib
import hashlib
import json
import math
from datetime import date, datetime
from typing import Any, Literal

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotModified,
    StreamingHttpResponse,
)
from django.urls import reverse
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from ninja import NinjaAPI, Query, Router
from ninja.errors import AuthenticationError, HttpError, ValidationError

from smartby.api import schemas
from smartby.api.catalog import catalog_jsonld, catalog_turtle
from smartby.api.errors import error_response, pydantic_errors
from smartby.api.exports import csv_chunks, encode, geojson_chunks, xlsx_file
from smartby.api.security import WriteToken
from smartby.cases import api as cases_api
from smartby.catalogue import api as catalogue_api
from smartby.climate import api as climate_api
from smartby.costs import api as costs_api
from smartby.geo.models import Municipality, Region
from smartby.guides import api as guides_api
from smartby.kits import api as kits_api
from smartby.orgs.models import Organisation
from smartby.portfolio import api as portfolio_api
from smartby.priorities import api as priorities_api
from smartby.procurement import api as procurement_api
from smartby.radar import api as radar_api
from smartby.registry import operations, queries
from smartby.registry.filters import ProjectFilters, filtered_projects, sort_projects
from smartby.registry.interchange import export_queryset, project_to_record
from smartby.registry.models import Area, Project, Status, Technology
from smartby.search.api import router as search_router
from smartby.search.engine import index_scan, index_version
from smartby.surveys import api as surveys_api

MAX_PAGE_SIZE = 200
LIST_CACHE_SECONDS = 60


RATE_LIMITED = {
    "description": "For mange forespørgsler uden API-nøgle; prøv igen efter Retry-After sekunder",
    "headers": {"Retry-After": {"schema": {"type": "integer"}}},
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
}


class SmartbyAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        # The anonymous rate limit (smartby.api.middleware) may answer any operation with 429.
        for path_item in schema["paths"].values():
            for operation in path_item.values():
                operation["responses"].setdefault(429, RATE_LIMITED)
        return schema


api = SmartbyAPI(
    title="Smartby API",
    version="1",
    description=(
        "Åbne data om danske kommuners smart city- og teknologiprojekter. Læsning kræver ingen "
        "nøgle; skrivning kræver en API-nøgle med skriveadgang (opret den under *Min konto*). "
        'Fejl har altid formen `{"detail": ..., "errors": [{"field": ..., "message": ...}]}`.'
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
)

# --- errors ---------------------------------------------------------------------------------


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return error_response(422, "Ugyldige data.", pydantic_errors(exc.errors))


@api.exception_handler(operations.ValidationFailed)
def on_validation_failed(request: HttpRequest, exc: operations.ValidationFailed) -> HttpResponse:
    return error_response(422, "Ugyldige data.", exc.errors)


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(
        401,
        "Skrivning kræver en gyldig API-nøgle: Authorization: Bearer <nøgle>.",
        WWW_Authenticate='Bearer realm="smartby"',
    )


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error_response(403, str(exc) or "Ingen adgang.")


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(404, str(exc) or "Findes ikke.")


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    message = str(exc.message)
    if exc.status_code == 400 and message.startswith("Cannot parse request body"):
        message = "Forespørgslens indhold er ikke gyldig JSON."
    return error_response(exc.status_code, message)


@api.exception_handler(RequestDataTooBig)
def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return error_response(413, "Forespørgslen er for stor.")


# --- caching helpers ------------------------------------------------------------------------


def project_etag(project: Project) -> str:
    raw = f"{project.uid}:{project.updated_at.isoformat()}"
    return quote_etag(hashlib.sha256(raw.encode()).hexdigest()[:20])


def not_modified(request: HttpRequest, etag: str, last_modified: Any) -> bool:
    inm = request.headers.get("If-None-Match")
    if inm is not None:
        return etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
    ims = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return bool(ims and last_modified and int(last_modified.timestamp()) <= ims)


def set_cache_headers(response: HttpResponse, etag: str, last_modified: Any) -> None:
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    response["Cache-Control"] = "public, max-age=0, must-revalidate"


# --- projects -------------------------------------------------------------------------------

projects = Router(tags=["Projekter"])

SortKey = Literal["opdateret", "titel", "start", "bekraeftet", "relevans"]
FreshnessValue = Literal["frisk", "boer-bekraeftes", "foraeldet"]
FRESHNESS_HELP = (
    "Friskhed ud fra senest bekræftet (som standard: frisk under 6 måneder, boer-bekraeftes "
    "6-12 måneder, foraeldet over 12 måneder eller aldrig), kan gentages"
)


class ProjectQuery(schemas.Schema):
    q: str = Query("", max_length=200, description="Fritekst (dansk søgning)")
    area: list[str] = Query([], description="Område (slug), kan gentages")
    technology: list[str] = Query([], description="Teknologi (slug), kan gentages")
    status: list[str] = Query([], description="Status (kode), kan gentages")
    region: list[str] = Query([], description="Region (slug), kan gentages")
    municipality: list[str] = Query([], description="Kommunekode, kan gentages")
    organisation: list[str] = Query([], description="Ledende organisation (slug), kan gentages")
    freshness: list[FreshnessValue] = Query([], description=FRESHNESS_HELP)
    updated_since: date | None = Query(
        None, description="Kun projekter opdateret siden (ÅÅÅÅ-MM-DD)"
    )
    sort: SortKey | None = Query(
        None, description="Sortering; standard er relevans med q, ellers opdateret"
    )
    page: int = Query(1, ge=1, le=100000)
    page_size: int = Query(50, ge=1, le=MAX_PAGE_SIZE)


def page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@projects.get(
    "/projects",
    response={200: schemas.ProjectPage, 422: schemas.ErrorOut},
    summary="Søg og list projekter",
)
def list_projects(request: HttpRequest, response: HttpResponse, params: Query[ProjectQuery]):
    # The response says Cache-Control: max-age=60; the server keeps the same answer as long,
    # keyed by the request and the search index's version (every project operation writes the
    # index), so repeated requests — a portal polling, a popular search — cost one lookup.
    state = f"{index_version()}|{request.get_host()}|{request.GET.urlencode()}"
    key = "smartby:api:projects:" + hashlib.sha256(state.encode()).hexdigest()
    body = cache.get(key)
    if body is None:
        body = project_page_json(request, params)
        cache.set(key, body, LIST_CACHE_SECONDS)
    result = HttpResponse(body, content_type="application/json; charset=utf-8")
    result["Cache-Control"] = f"public, max-age={LIST_CACHE_SECONDS}"
    return result


def project_page_json(request: HttpRequest, params: ProjectQuery) -> bytes:
    f = ProjectFilters.from_query(request.GET)
    qs = filtered_projects(f)
    sort = params.sort or ("relevans" if f.q else "opdateret")
    # With a text query, a broad one would make the planner scan the whole search index;
    # through the GIN index the count and the ranking cost about half (bench/RESULTS.md).
    with index_scan() if f.q else contextlib.nullcontext():
        count = qs.count()
        pages = max(1, math.ceil(count / params.page_size))
        start = (params.page - 1) * params.page_size
        rows = list(export_queryset(sort_projects(qs, sort, f))[start : start + params.page_size])
    results = [as_json_timestamps(project_to_record(p)) for p in rows]
    # The records are plain JSON values in the documented shape (ProjectPage); writing them
    # directly skips ninja's per-field validation of the output, a third of the request's CPU
    # time. The Schemathesis run in `make test` checks the responses against the schema.
    page = {
        "count": count,
        "page": params.page,
        "page_size": params.page_size,
        "pages": pages,
        "next": page_url(request, params.page + 1) if params.page < pages else None,
        "previous": page_url(request, params.page - 1) if 1 < params.page <= pages else None,
        "results": results,
    }
    return json.dumps(page, ensure_ascii=False, separators=(",", ":")).encode()


def as_json_timestamps(record: dict[str, Any]) -> dict[str, Any]:
    """created_at/updated_at written as ninja's encoder writes them in the other responses
    (DjangoJSONEncoder: milliseconds, "Z" for UTC)."""
    for key in ("created_at", "updated_at"):
        if record.get(key):
            record[key] = DjangoJSONEncoder().default(datetime.fromisoformat(record[key]))
    return record


def projects_with_id(project_id: str) -> QuerySet[Project]:
    """PostgreSQL refuses NUL bytes in text: an id with one names no project (404, not 500)."""
    if "\x00" in project_id:
        return Project.objects.none()
    return Project.objects.filter(uid=project_id)


def get_project(project_id: str, *, lock: bool = False) -> Project:
    qs = projects_with_id(project_id)
    project = (qs.select_for_update() if lock else qs).first()
    if project is None:
        raise Http404(f"Der findes intet projekt med id {project_id}.")
    return project


@projects.get(
    "/projects/{project_id}",
    response={200: schemas.ProjectOut, 304: None, 404: schemas.ErrorOut},
    summary="Et projekt",
)
def read_project(request: HttpRequest, response: HttpResponse, project_id: str):
    project = export_queryset(projects_with_id(project_id)).first()
    if project is None:
        raise Http404(f"Der findes intet projekt med id {project_id}.")
    etag = project_etag(project)
    if not_modified(request, etag, project.updated_at):
        result = HttpResponseNotModified()
        set_cache_headers(result, etag, project.updated_at)
        return result
    set_cache_headers(response, etag, project.updated_at)
    return project_to_record(project)


WRITE_RESPONSES = {
    400: schemas.ErrorOut,
    401: schemas.ErrorOut,
    403: schemas.ErrorOut,
    404: schemas.ErrorOut,
    409: schemas.ErrorOut,
    413: schemas.ErrorOut,
    422: schemas.ErrorOut,
}


def check_if_match(request: HttpRequest, project: Project) -> None:
    expected = request.headers.get("If-Match")
    if expected is None or expected.strip() == "*":
        return
    if project_etag(project) not in [t.strip() for t in expected.split(",")]:
        raise HttpError(
            409, "Projektet er ændret, siden du hentede det. Hent det igen, og gentag ændringen."
        )


def written(response: HttpResponse, project: Project) -> dict[str, Any]:
    project = export_queryset(Project.objects.filter(pk=project.pk)).get()
    response["ETag"] = project_etag(project)
    response["Location"] = reverse("api-v1:read_project", args=[project.uid])
    return project_to_record(project)


@projects.post(
    "/projects",
    auth=WriteToken(),
    response={201: schemas.ProjectOut, **WRITE_RESPONSES},
    summary="Opret et projekt",
)
def create_project(request: HttpRequest, response: HttpResponse, payload: schemas.ProjectIn):
    record = payload.model_dump(mode="json")
    if record.get("id") and Project.objects.filter(uid=record["id"]).exists():
        raise HttpError(409, f"Der findes allerede et projekt med id {record['id']}.")
    with transaction.atomic():
        project = operations.save_record(request.auth, record, source="api")
    return 201, written(response, project)


@projects.put(
    "/projects/{project_id}",
    auth=WriteToken(),
    response={200: schemas.ProjectOut, **WRITE_RESPONSES},
    summary="Erstat et projekt",
)
def replace_project(
    request: HttpRequest, response: HttpResponse, project_id: str, payload: schemas.ProjectIn
):
    record = payload.model_dump(mode="json")
    record["id"] = project_id
    with transaction.atomic():
        project = get_project(project_id, lock=True)
        check_if_match(request, project)
        project = operations.save_record(request.auth, record, existing=project, source="api")
    return written(response, project)


@projects.patch(
    "/projects/{project_id}",
    auth=WriteToken(),
    response={200: schemas.ProjectOut, **WRITE_RESPONSES},
    summary="Ret dele af et projekt",
)
def patch_project(
    request: HttpRequest, response: HttpResponse, project_id: str, payload: schemas.ProjectPatch
):
    changes = payload.model_dump(mode="json", exclude_unset=True)
    with transaction.atomic():
        project = get_project(project_id, lock=True)
        check_if_match(request, project)
        record = project_to_record(project, include_private_contacts=True)
        if "location" in changes and "locations" not in changes:
            record.pop("locations", None)
        record.update(changes)
        project = operations.save_record(request.auth, record, existing=project, source="api")
    return written(response, project)


@projects.delete(
    "/projects/{project_id}",
    auth=WriteToken(),
    response={204: None, **WRITE_RESPONSES},
    summary="Slet et projekt",
)
def delete_project(request: HttpRequest, project_id: str):
    with transaction.atomic():
        project = get_project(project_id, lock=True)
        check_if_match(request, project)
        operations.delete_project(request.auth, project, source="api")
    return 204, None


# --- reference data -------------------------------------------------------------------------

reference = Router(tags=["Referencedata"])


def municipality_rows(code: str | None = None) -> list[dict[str, Any]]:
    counts = queries.municipality_counts(ProjectFilters())
    qs = Municipality.objects.select_related("region").order_by("code")
    if code is not None:
        # A code with a NUL byte names nothing (PostgreSQL refuses NUL in text): 404, not 500.
        qs = qs.filter(code=code) if "\x00" not in code else qs.none()
    return [
        {
            "kode": m.code,
            "navn": m.name,
            "slug": m.slug,
            "region": m.region.name,
            "region_kode": m.region.code,
            "kommunetype": m.kind,
            "befolkning": m.population,
            "befolkning_dato": m.population_date,
            "antal_projekter": counts.get(m.id, 0),
        }
        for m in qs.defer("geometry")
    ]


@reference.get("/municipalities", response=list[schemas.MunicipalityOut], summary="De 98 kommuner")
def list_municipalities(request: HttpRequest):
    return municipality_rows()


@reference.get(
    "/municipalities/{kode}",
    response={200: schemas.MunicipalityOut, 404: schemas.ErrorOut},
    summary="En kommune",
)
def read_municipality(request: HttpRequest, kode: str):
    rows = municipality_rows(kode)
    if not rows:
        raise Http404(f"Der findes ingen kommune med kode {kode}.")
    return rows[0]


@reference.get("/regions", response=list[schemas.RegionOut], summary="De 5 regioner")
def list_regions(request: HttpRequest):
    through = Project.municipalities.through
    counts = dict(
        through.objects.values_list("municipality__region_id").annotate(
            n=Count("project_id", distinct=True)
        )
    )
    return [
        {
            "kode": r.code,
            "iso": r.iso_code,
            "navn": r.name,
            "slug": r.slug,
            "antal_kommuner": r.n,
            "antal_projekter": counts.get(r.id, 0),
        }
        for r in Region.objects.annotate(n=Count("municipalities"))
    ]


class OrganisationQuery(schemas.Schema):
    q: str = Query("", max_length=200, description="Del af navnet")
    kind: str = Query("", max_length=20, description="kommune, region, national, virksomhed, ...")
    page: int = Query(1, ge=1, le=100000)
    page_size: int = Query(100, ge=1, le=MAX_PAGE_SIZE)


@reference.get(
    "/organisations",
    response={200: schemas.OrganisationPage, 422: schemas.ErrorOut},
    summary="Organisationer",
)
def list_organisations(request: HttpRequest, params: Query[OrganisationQuery]):
    qs = Organisation.objects.select_related("municipality", "region").annotate(
        n=Count("led_projects")
    )
    if params.q:
        qs = qs.filter(name__icontains=params.q.replace("\x00", ""))
    if params.kind:
        qs = qs.filter(kind=params.kind.replace("\x00", ""))
    count = qs.count()
    start = (params.page - 1) * params.page_size
    rows = qs.order_by("name", "id")[start : start + params.page_size]
    return {
        "count": count,
        "page": params.page,
        "page_size": params.page_size,
        "pages": max(1, math.ceil(count / params.page_size)),
        "results": [
            {
                "name": o.name,
                "slug": o.slug,
                "kind": o.kind,
                "cvr": o.cvr,
                "website": o.website,
                "municipality": o.municipality.code if o.municipality else None,
                "region": o.region.code if o.region else None,
                "projects_led": o.n,
            }
            for o in rows
        ],
    }


@reference.get("/taxonomies", response=schemas.Taxonomies, summary="Områder, teknologier og status")
def taxonomies(request: HttpRequest):
    status_counts = dict(Project.objects.values_list("status").annotate(n=Count("*")).order_by())
    return {
        "areas": [
            {"name": a.name, "slug": a.slug, "projects": a.n}
            for a in Area.objects.annotate(n=Count("projects"))
        ],
        "technologies": [
            {"name": t.name, "slug": t.slug, "projects": t.n}
            for t in Technology.objects.annotate(n=Count("projects"))
        ],
        "statuses": [
            {"code": code, "label": str(label), "projects": status_counts.get(code, 0)}
            for code, label in Status.choices
        ],
    }


# --- exports --------------------------------------------------------------------------------

exports = Router(tags=["Udtræk"])


class ExportQuery(schemas.Schema):
    q: str = Query("", max_length=200, description="Fritekst (dansk søgning)")
    area: list[str] = Query([], description="Område (slug), kan gentages")
    technology: list[str] = Query([], description="Teknologi (slug), kan gentages")
    status: list[str] = Query([], description="Status (kode), kan gentages")
    region: list[str] = Query([], description="Region (slug), kan gentages")
    municipality: list[str] = Query([], description="Kommunekode, kan gentages")
    organisation: list[str] = Query([], description="Ledende organisation (slug), kan gentages")
    freshness: list[FreshnessValue] = Query([], description=FRESHNESS_HELP)
    updated_since: date | None = Query(
        None, description="Kun projekter opdateret siden (ÅÅÅÅ-MM-DD)"
    )


BINARY = {"type": "string", "format": "binary"}
# JSON file formats are described as JSON, so clients (and the schema tests) parse them as such.
GEOJSON = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "features": {"type": "array", "items": {"type": "object"}},
    },
}
JSONLD = {"type": "object", "required": ["@context", "@graph"]}


def file_response(
    media_type: str, description: str, schema: dict[str, Any] = BINARY
) -> dict[str, Any]:
    return {
        "responses": {
            200: {"description": description, "content": {media_type: {"schema": schema}}}
        }
    }


def export_filters(request: HttpRequest) -> tuple[Any, str]:
    f = ProjectFilters.from_query(request.GET)
    return filtered_projects(f).order_by("id"), settings.SITE_URL.rstrip("/")


def download(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=300"
    return response


@exports.get(
    "/projects.csv",
    response={200: None, 422: schemas.ErrorOut},
    summary="Projekter som CSV",
    openapi_extra=file_response("text/csv", "CSV (UTF-8 med BOM), én række pr. projekt"),
)
def projects_csv(request: HttpRequest, params: Query[ExportQuery]):
    qs, site = export_filters(request)
    response = StreamingHttpResponse(
        encode(csv_chunks(qs, site)), content_type="text/csv; charset=utf-8"
    )
    return download(response, "smartby-projekter.csv")


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@exports.get(
    "/projects.xlsx",
    response={200: None, 422: schemas.ErrorOut},
    summary="Projekter som regneark (XLSX)",
    openapi_extra=file_response(XLSX, "Regneark med én række pr. projekt"),
)
def projects_xlsx(request: HttpRequest, params: Query[ExportQuery]):
    qs, site = export_filters(request)
    response = FileResponse(xlsx_file(qs, site), content_type=XLSX)
    return download(response, "smartby-projekter.xlsx")


@exports.get(
    "/projects.geojson",
    response={200: None, 422: schemas.ErrorOut},
    summary="Projekternes placeringer som GeoJSON",
    openapi_extra=file_response("application/geo+json", "FeatureCollection med punkter", GEOJSON),
)
def projects_geojson(request: HttpRequest, params: Query[ExportQuery]):
    qs, site = export_filters(request)
    response = StreamingHttpResponse(
        encode(geojson_chunks(qs, site)), content_type="application/geo+json"
    )
    return download(response, "smartby-projekter.geojson")


@exports.get(
    "/municipalities.geojson",
    response={200: None, 422: schemas.ErrorOut},
    summary="Kommunegrænser med antal projekter (GeoJSON)",
    openapi_extra=file_response(
        "application/geo+json",
        "De 98 kommuner med kode, navn, region og antal_projekter (filtrene gælder optællingen)",
        GEOJSON,
    ),
)
def municipalities_geojson(request: HttpRequest, params: Query[ExportQuery]):
    body = queries.municipalities_geojson(ProjectFilters.from_query(request.GET))
    response = HttpResponse(body, content_type="application/geo+json")
    response["Cache-Control"] = "public, max-age=300"
    return response


# --- catalogue ------------------------------------------------------------------------------

catalogue = Router(tags=["Datakatalog"])


def catalogue_response(request: HttpRequest, body: str, content_type: str) -> HttpResponse:
    etag = quote_etag(hashlib.sha256(body.encode()).hexdigest()[:20])
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=300"
    return response


@catalogue.get(
    "/catalog.ttl",
    response={200: None, 304: None},
    summary="DCAT-AP-DK-datakatalog (Turtle)",
    openapi_extra=file_response("text/turtle", "Datakataloget i Turtle"),
)
def catalog_ttl(request: HttpRequest):
    return catalogue_response(request, catalog_turtle(), "text/turtle; charset=utf-8")


@catalogue.get(
    "/catalog.jsonld",
    response={200: None, 304: None},
    summary="DCAT-AP-DK-datakatalog (JSON-LD)",
    openapi_extra=file_response("application/ld+json", "Datakataloget i JSON-LD", JSONLD),
)
def catalog_jsonld_view(request: HttpRequest):
    return catalogue_response(request, catalog_jsonld(), "application/ld+json; charset=utf-8")


@catalogue.get(
    "/catalog",
    response={303: None},
    summary="Datakataloget i det format, Accept-headeren beder om",
    include_in_schema=False,
)
def catalog_negotiate(request: HttpRequest):
    accept = request.headers.get("Accept", "")
    target = "catalog_jsonld_view" if "json" in accept else "catalog_ttl"
    response = HttpResponse(status=303)
    response["Location"] = reverse(f"api-v1:{target}")
    return response


api.add_router("/", projects)
api.add_router("/", reference)
api.add_router("/", exports)
api.add_router("/", catalogue)
api.add_router("/", search_router)
api.add_router("/", catalogue_api.router)
api.add_router("/", radar_api.router)
api.add_router("/", cases_api.router)
api.add_router("/", procurement_api.router)
api.add_router("/", guides_api.router)
api.add_router("/", kits_api.router)
api.add_router("/", surveys_api.router)
api.add_router("/", portfolio_api.router)
api.add_router("/", priorities_api.router)
api.add_router("/", climate_api.router)
api.add_router("/", costs_api.router)
