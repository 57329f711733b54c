"""Search endpoints of the open API (/api/v1/): mixed search, suggestions, similar projects and
"Hvem har gjort det før?" (match)."""

from html import unescape
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.html import strip_tags
from ninja import Field, Query, Router, Schema

from smartby.api.schemas import ErrorOut
from smartby.lib.text import without_control_characters
from smartby.registry.models import Project
from smartby.search import matching, results
from smartby.search.matching import Scored

router = Router(tags=["Søgning"])


class SearchQuery(Schema):
    q: str = Query(..., min_length=1, max_length=200, description="Søgeord (dansk)")
    limit: int = Query(5, ge=1, le=50, description="Højst så mange resultater pr. slags")


class HitOut(Schema):
    title: str
    url: str
    snippet: str = Field(description="Uddrag; de fundne ord står mellem « og »")
    meta: str = ""


class GroupOut(Schema):
    kind: str = Field(
        description="project, organisation, person eller en slags indhold fra vidensbasen "
        "(fx solution, supplier, standard, usecase, clause, guide, radar, kit, event)"
    )
    label: str
    count: int = Field(description="Antal fundne; eksakt op til 1000")
    count_capped: bool = Field(
        False, description="Sand, når der er flere end 1000 (count er da 1000)"
    )
    more_url: str
    results: list[HitOut]


class SearchOut(Schema):
    q: str
    corrections: dict[str, str] = Field(description="Stavede ord og det ord, der blev søgt på")
    relaxed: bool = Field(
        description="Sand, når intet matchede alle ordene, og der søges på et af dem"
    )
    groups: list[GroupOut]


def marked(html: str) -> str:
    """Highlighted HTML as plain text with the matches between « and »."""
    text = str(html).replace("<mark>", "«").replace("</mark>", "»")
    return unescape(strip_tags(text))


@router.get("/search", response={200: SearchOut, 422: ErrorOut}, summary="Søg i alt")
def search(request: HttpRequest, params: Query[SearchQuery]):
    """Projekter, organisationer og fagkolleger, grupperet efter slags og ordnet efter relevans."""
    found = results.search_everything(without_control_characters(params.q), limit=params.limit)
    return {
        "q": found.q,
        "corrections": found.corrections,
        "relaxed": found.relaxed,
        "groups": [
            {
                "kind": g.kind,
                "label": g.label,
                "count": g.count,
                "count_capped": g.capped,
                "more_url": request.build_absolute_uri(g.more_url) if g.more_url else "",
                "results": [
                    {
                        "title": marked(h.title),
                        "url": request.build_absolute_uri(h.url),
                        "snippet": marked(h.snippet),
                        "meta": h.meta,
                    }
                    for h in g.hits
                ],
            }
            for g in found.groups
        ],
    }


class SuggestionOut(Schema):
    text: str
    kind: str = Field(description="term (et ord at søge på) eller project")
    url: str = ""


@router.get(
    "/search/suggestions",
    response={200: list[SuggestionOut], 422: ErrorOut},
    summary="Forslag mens der skrives",
)
def suggest(request: HttpRequest, q: str = Query(..., max_length=200)):
    return [
        {"text": s.text, "kind": s.kind, "url": request.build_absolute_uri(s.url) if s.url else ""}
        for s in results.suggestions(without_control_characters(q))
    ]


class ProjectRef(Schema):
    id: str
    title: str
    url: str
    area: str
    municipalities: list[str] = Field(description="Kommunekoder")


class ScoredOut(Schema):
    project: ProjectRef
    score: float
    reasons: list[str] = Field(description="Hvorfor projektet kom med, på dansk")
    matched_terms: list[str]


def scored_out(request: HttpRequest, s: Scored) -> dict[str, Any]:
    p = s.project
    return {
        "project": {
            "id": p.uid,
            "title": p.title,
            "url": request.build_absolute_uri(p.get_absolute_url()),
            "area": p.area.name,
            "municipalities": [m.code for m in p.municipalities.all()],
        },
        "score": round(s.score, 4),
        "reasons": s.reasons(),
        "matched_terms": s.words,
    }


@router.get(
    "/projects/{project_id}/similar",
    response={200: list[ScoredOut], 404: ErrorOut, 422: ErrorOut},
    summary="Lignende projekter",
)
def similar(request: HttpRequest, project_id: str, limit: int = Query(10, ge=1, le=50)):
    """Projekter med samme udfordring: fælles ord, område og teknologier, helst i andre
    kommuner."""
    project = Project.objects.filter(uid=project_id.replace("\x00", "")).first()
    if project is None:
        raise Http404(f"Der findes intet projekt med id {project_id}.")
    return [scored_out(request, s) for s in matching.similar_projects(project, limit)]


class MatchIn(Schema):
    text: str = Field(
        ..., min_length=3, max_length=5000, description="Udfordringen beskrevet med egne ord"
    )
    limit: int = Field(10, ge=1, le=50)


class MunicipalityMatch(Schema):
    code: str
    name: str
    score: float
    projects: int


class PersonOut(Schema):
    name: str
    role: str
    organisation: str
    project: str
    contact_url: str = Field(description="Kontaktformular: adresser vises ikke")


class MatchOut(Schema):
    terms: list[str]
    projects: list[ScoredOut]
    municipalities: list[MunicipalityMatch]
    people: list[PersonOut]


@router.post(
    "/match",
    response={200: MatchOut, 400: ErrorOut, 413: ErrorOut, 422: ErrorOut},
    summary="Hvem har gjort det før?",
)
def match(request: HttpRequest, payload: MatchIn):
    """Beskriv en udfordring med et par sætninger; svaret er projekter, der ligner, og de
    kommuner og kontaktpersoner, der har arbejdet med det."""
    found = matching.match_challenge(without_control_characters(payload.text), payload.limit)
    return {
        "terms": found.terms,
        "projects": [scored_out(request, s) for s in found.projects],
        "municipalities": [
            {"code": m.code, "name": m.name, "score": round(score, 4), "projects": n}
            for m, score, n in found.municipalities
        ],
        "people": [
            {**person, "contact_url": request.build_absolute_uri(person["contact_url"])}
            for person in matching.people_to_call(found.projects)
        ],
    }
