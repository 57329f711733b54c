"""Udbudsklausuler: endpoints of the open API (/api/v1/). Reads and composing are anonymous;
writes need a write token and follow the UI's permissions (coordinators curate, members
propose). The DOCX/PDF files are web URLs (`docx_url`/`pdf_url` in the compose answer)."""

from typing import Any, Literal
from urllib.parse import urlencode

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Path, Query, Router, Schema

from smartby.api.schemas import ErrorOut
from smartby.api.security import WriteToken
from smartby.lib.errors import ValidationFailed, form_errors
from smartby.procurement import composer, operations, placeholders
from smartby.procurement.forms import ClauseFilterForm
from smartby.procurement.models import Clause, ClauseVersion, Topic, VersionStatus
from smartby.procurement.queries import filtered_clauses

router = Router(tags=["Udbud"])
# /clauses/compose is declared before /clauses/{slug}: the first matching path wins.

MAX_LIMIT = 100
TopicValue = Literal[
    "dataejerskab", "aabne-standarder", "exit", "informationssikkerhed", "gdpr", "opi"
]
assert set(TopicValue.__args__) == set(Topic.values)  # type: ignore[attr-defined]


class ClauseQuery(Schema):
    q: str = Query("", max_length=200, description="Fritekst i titel, kravtekst, begrundelse")
    topic: TopicValue | None = Query(None, description="Tema")
    tag: str = Query("", max_length=60, description="Emneord (slug)")
    include_retired: bool = Query(False, description="Medtag udfasede klausuler")
    limit: int = Query(20, ge=1, le=MAX_LIMIT)
    offset: int = Query(0, ge=0, le=100000)


class PlaceholderOut(Schema):
    name: str = Field(description="Navnet i teksten, fx leverandør for {{leverandør}}")
    label: str


class VersionOut(Schema):
    number: int
    status: str = Field(description="udgivet, forslag eller afvist")
    text: str = Field(description="Kravtekst med pladsholdere skrevet {{navn}}")
    reason: str
    guidance: str
    change_note: str
    created_at: Any


class ClauseOut(Schema):
    slug: str
    title: str
    topic: str
    topic_label: str
    tags: list[str]
    retired: bool
    version: int = Field(description="Den gældende versions nummer")
    text: str
    reason: str
    guidance: str
    placeholders: list[PlaceholderOut]
    url: str


class ClauseDetailOut(ClauseOut):
    versions: list[VersionOut] = Field(description="Udgivne versioner, nyeste først")


class ClausePage(Schema):
    count: int
    limit: int
    offset: int
    results: list[ClauseOut]


def clause_json(request: HttpRequest, clause: Clause) -> dict[str, Any]:
    version = clause.current_version
    return {
        "slug": clause.slug,
        "title": clause.title,
        "topic": clause.topic,
        "topic_label": str(clause.get_topic_display()),
        "tags": [t.name for t in clause.tags.all()],
        "retired": clause.retired,
        "version": version.number,
        "text": version.text,
        "reason": version.reason,
        "guidance": version.guidance,
        "placeholders": [
            {"name": n, "label": placeholders.label(n)}
            for n in placeholders.placeholders(version.text)
        ],
        "url": request.build_absolute_uri(clause.get_absolute_url()),
    }


@router.get(
    "/clauses", response={200: ClausePage, 422: ErrorOut}, summary="Søg og list udbudsklausuler"
)
def list_clauses(request: HttpRequest, params: Query[ClauseQuery]):
    form = ClauseFilterForm(
        {
            "q": params.q,
            "tema": params.topic or "",
            "emneord": params.tag,
            "udfasede": params.include_retired,
        }
    )
    if not form.is_valid():  # e.g. a NUL byte in q
        raise ValidationFailed(form_errors(form))
    qs = filtered_clauses(form)
    count = qs.count()
    rows = qs[params.offset : params.offset + params.limit]
    return {
        "count": count,
        "limit": params.limit,
        "offset": params.offset,
        "results": [clause_json(request, c) for c in rows],
    }


def get_clause(slug: str) -> Clause:
    clause = None
    if "\x00" not in slug:  # PostgreSQL refuses NUL in text: such a slug names nothing
        clause = (
            Clause.objects.filter(slug=slug, current_version__isnull=False)
            .select_related("current_version")
            .prefetch_related("tags")
            .first()
        )
    if clause is None:
        raise Http404(f"Der findes ingen klausul med id {slug}.")
    return clause


def detail_json(request: HttpRequest, clause: Clause) -> dict[str, Any]:
    versions = clause.versions.filter(status=VersionStatus.PUBLISHED).order_by("-number")
    return clause_json(request, clause) | {
        "versions": [
            {
                "number": v.number,
                "status": v.status,
                "text": v.text,
                "reason": v.reason,
                "guidance": v.guidance,
                "change_note": v.change_note,
                "created_at": v.created_at,
            }
            for v in versions
        ]
    }


# --- compose ---------------------------------------------------------------------------------


class ComposeIn(Schema):
    title: str = Field(max_length=200, description="Dokumentets titel")
    buyer: str = Field(
        max_length=placeholders.MAX_VALUE_LENGTH, description="Ordregiver; udfylder {{ordregiver}}"
    )
    intro: str = Field("", max_length=3000, description="Indledning; udelades: standardtekst")
    include_reasons: bool = Field(False, description="Bilag med begrundelserne i DOCX/PDF")
    clauses: list[str] = Field(max_length=40, description="Klausulernes id (slug)")
    values: dict[str, str] = Field(
        {}, max_length=100, description='Værdi for hver pladsholder, fx {"leverandør": "…"}'
    )


class ComposedClause(Schema):
    number: str = Field(description="Kravets nummer i dokumentet, fx 2.1")
    slug: str
    version: int
    title: str
    text: str = Field(description="Kravteksten med pladsholderne udfyldt")
    reason: str


class ComposedSection(Schema):
    number: int
    topic: str
    label: str
    clauses: list[ComposedClause]


class ComposeOut(Schema):
    title: str
    buyer: str
    intro: str
    sections: list[ComposedSection]
    docx_url: str = Field(description="Dokumentet som DOCX (samme indhold, via web-adressen)")
    pdf_url: str


API_FIELDS = {
    "titel": "title",
    "ordregiver": "buyer",
    "indledning": "intro",
    "bilag": "include_reasons",
    "klausul": "clauses",
}


def _api_errors(errors: list[dict[str, str]]) -> list[dict[str, str]]:
    def name(field: str) -> str:
        if field.startswith("v-"):
            return f"values.{field[2:]}"
        return API_FIELDS.get(field, field)

    return [{"field": name(e["field"]), "message": e["message"]} for e in errors]


@router.post(
    "/clauses/compose",
    response={200: ComposeOut, 400: ErrorOut, 413: ErrorOut, 422: ErrorOut},
    summary="Sammensæt et kravdokument",
)
def compose(request: HttpRequest, payload: ComposeIn):
    """Udfylder de valgte klausulers pladsholdere. Mangler en værdi, svares 422 med en fejl pr.
    pladsholder (`values.<navn>`). Intet gemmes."""
    data: dict[str, Any] = {
        "titel": payload.title,
        "ordregiver": payload.buyer,
        "indledning": payload.intro,
        "bilag": "on" if payload.include_reasons else "",
        "klausul": payload.clauses,
    }
    data |= {f"v-{k}": v for k, v in payload.values.items()}
    try:
        comp = composer.composition(data)
    except ValidationFailed as exc:
        raise ValidationFailed(_api_errors(exc.errors)) from None
    query = urlencode(composer.as_params(comp))
    return {
        "title": comp.title,
        "buyer": comp.buyer,
        "intro": comp.intro_text(),
        "sections": [
            {
                "number": s.number,
                "topic": s.topic,
                "label": s.label,
                "clauses": [
                    {
                        "number": i.number,
                        "slug": i.version.clause.slug,
                        "version": i.version.number,
                        "title": i.version.clause.title,
                        "text": i.text,
                        "reason": i.version.reason,
                    }
                    for i in s.items
                ],
            }
            for s in comp.sections()
        ],
        "docx_url": request.build_absolute_uri(reverse("procurement:compose_docx") + "?" + query),
        "pdf_url": request.build_absolute_uri(reverse("procurement:compose_pdf") + "?" + query),
    }


@router.get(
    "/clauses/{slug}",
    response={200: ClauseDetailOut, 404: ErrorOut},
    summary="En udbudsklausul med versioner",
)
def read_clause(request: HttpRequest, slug: str):
    return detail_json(request, get_clause(slug))


# --- writes ----------------------------------------------------------------------------------

WRITE_RESPONSES = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    413: ErrorOut,
    422: ErrorOut,
}


class WordingIn(Schema):
    text: str = Field(max_length=5000, description="Kravtekst; pladsholdere skrives {{navn}}")
    reason: str = Field(max_length=3000)
    guidance: str = Field("", max_length=3000)
    change_note: str = Field("", max_length=300)


class ClauseIn(WordingIn):
    title: str = Field(max_length=200)
    topic: TopicValue
    tags: list[str] = Field([], max_length=10)


class ReviewIn(Schema):
    note: str = Field("", max_length=500)


def _clause_data(payload: ClauseIn) -> dict[str, Any]:
    data = payload.model_dump()
    data["tags"] = ", ".join(t.replace(",", " ") for t in payload.tags)
    return data


@router.post(
    "/clauses",
    auth=WriteToken(),
    response={201: ClauseDetailOut, **WRITE_RESPONSES},
    summary="Opret en klausul (koordinatorer)",
)
def create_clause(request: HttpRequest, response: HttpResponse, payload: ClauseIn):
    with transaction.atomic():
        clause = operations.create_clause(request.auth, _clause_data(payload), source="api")
    response["Location"] = reverse("api-v1:read_clause", args=[clause.slug])
    return 201, detail_json(request, get_clause(clause.slug))


@router.put(
    "/clauses/{slug}",
    auth=WriteToken(),
    response={200: ClauseDetailOut, **WRITE_RESPONSES},
    summary="Ret en klausul; ny tekst udgives som ny version (koordinatorer)",
)
def update_clause(request: HttpRequest, slug: str, payload: ClauseIn):
    clause = operations.update_clause(
        request.auth, get_clause(slug), _clause_data(payload), source="api"
    )
    return detail_json(request, get_clause(clause.slug))


class ProposalOut(Schema):
    clause: str
    number: int
    status: str
    url: str


def _proposal_json(request: HttpRequest, version: ClauseVersion) -> dict[str, Any]:
    return {
        "clause": version.clause.slug,
        "number": version.number,
        "status": version.status,
        "url": request.build_absolute_uri(version.get_absolute_url()),
    }


@router.post(
    "/clauses/{slug}/proposals",
    auth=WriteToken(),
    response={201: ProposalOut, **WRITE_RESPONSES},
    summary="Foreslå en ny version (medlemmer af en organisation)",
)
def propose(request: HttpRequest, slug: str, payload: WordingIn):
    version = operations.propose_version(
        request.auth, get_clause(slug), payload.model_dump(), source="api"
    )
    return 201, _proposal_json(request, version)


def _version(slug: str, number: int) -> ClauseVersion:
    clause = get_clause(slug)
    version = clause.versions.filter(number=number).select_related("clause").first()
    if version is None:
        raise Http404(f"Klausulen {slug} har ingen version {number}.")
    return version


@router.post(
    "/clauses/{slug}/versions/{number}/accept",
    auth=WriteToken(),
    response={200: ProposalOut, **WRITE_RESPONSES},
    summary="Godkend et forslag (koordinatorer)",
)
def accept(request: HttpRequest, slug: str, number: Path[int], payload: ReviewIn):
    version = operations.accept_proposal(
        request.auth, _version(slug, number), payload.model_dump(), source="api"
    )
    return _proposal_json(request, version)


@router.post(
    "/clauses/{slug}/versions/{number}/reject",
    auth=WriteToken(),
    response={200: ProposalOut, **WRITE_RESPONSES},
    summary="Afvis et forslag (koordinatorer)",
)
def reject(request: HttpRequest, slug: str, number: Path[int], payload: ReviewIn):
    version = operations.reject_proposal(
        request.auth, _version(slug, number), payload.model_dump(), source="api"
    )
    return _proposal_json(request, version)
