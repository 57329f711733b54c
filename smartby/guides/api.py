"""Vejledninger og kompetencetjek: endpoints of the open API (/api/v1/)."""

from datetime import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Path, Query, Router, Schema

from smartby.api.schemas import ErrorOut
from smartby.api.security import WriteToken
from smartby.guides import operations, queries, scoring
from smartby.guides.models import Assessment, Guide, GuideKind
from smartby.lib.markdown import render_markdown
from smartby.lib.text import without_control_characters
from smartby.orgs.models import Organisation

router = Router(tags=["Vejledninger og kompetencetjek"])

MAX_LIMIT = 100


class GuideQuery(Schema):
    kind: GuideKind | None = Query(None, description="Kun vejledninger af denne slags")
    limit: int = Query(50, ge=1, le=MAX_LIMIT)
    offset: int = Query(0, ge=0, le=100_000)


class GuideSummaryOut(Schema):
    slug: str
    title: str
    kind: str = Field(description=", ".join(GuideKind.values))
    kind_label: str
    area: str | None = Field(description="Forvaltningsområdets slug (kun elevatortaler)")
    summary: str
    version: int | None
    updated_at: datetime
    url: str


class GuidePage(Schema):
    count: int
    limit: int
    offset: int
    results: list[GuideSummaryOut]


class LiveProjectOut(Schema):
    id: str
    title: str
    status: str
    municipalities: list[str] = Field(description="Kommunenavne")
    last_verified: str | None
    url: str


class GuideOut(GuideSummaryOut):
    body_markdown: str
    body_html: str = Field(description="Renset HTML")
    change_note: str
    live_projects: list[LiveProjectOut] = Field(
        description="Elevatortaler: områdets projekter i drift eller pilot, senest bekræftede først"
    )
    live_projects_url: str | None = Field(description="Projektlisten filtreret på det samme")


def _summary(request: HttpRequest, guide: Guide) -> dict:
    version = guide.current_version
    return {
        "slug": guide.slug,
        "title": guide.title,
        "kind": guide.kind,
        "kind_label": str(guide.get_kind_display()),
        "area": guide.area.slug if guide.area else None,
        "summary": guide.summary,
        "version": version.number if version else None,
        "updated_at": guide.updated_at,
        "url": request.build_absolute_uri(guide.get_absolute_url()),
    }


@router.get("/guides", response={200: GuidePage, 422: ErrorOut}, summary="List vejledninger")
def list_guides(request: HttpRequest, params: Query[GuideQuery]):
    qs = Guide.objects.select_related("area", "current_version").order_by("kind", "title", "id")
    if params.kind:
        qs = qs.filter(kind=params.kind)
    rows = qs[params.offset : params.offset + params.limit]
    return {
        "count": qs.count(),
        "limit": params.limit,
        "offset": params.offset,
        "results": [_summary(request, g) for g in rows],
    }


@router.get(
    "/guides/{slug}",
    response={200: GuideOut, 404: ErrorOut, 422: ErrorOut},
    summary="En vejledning med tekst",
)
def read_guide(request: HttpRequest, slug: str = Path(..., max_length=120)):
    guide = (
        Guide.objects.select_related("area", "current_version")
        .filter(slug=without_control_characters(slug))
        .first()
    )
    if guide is None:
        raise Http404(f"Der findes ingen vejledning med adressen {slug[:120]}.")
    body = guide.body
    out = _summary(request, guide) | {
        "body_markdown": body,
        "body_html": render_markdown(body),
        "change_note": guide.current_version.change_note if guide.current_version else "",
        "live_projects": [],
        "live_projects_url": None,
    }
    if guide.kind == GuideKind.PITCH and guide.area:
        out["live_projects"] = [
            {
                "id": p.uid,
                "title": p.title,
                "status": p.status,
                "municipalities": [m.name for m in p.municipalities.all()],
                "last_verified": p.last_verified.isoformat() if p.last_verified else None,
                "url": request.build_absolute_uri(p.get_absolute_url()),
            }
            for p in queries.live_projects(guide.area)[: queries.LIVE_LIMIT]
        ]
        out["live_projects_url"] = request.build_absolute_uri(queries.live_projects_url(guide.area))
    return out


# --- kompetencetjek ---------------------------------------------------------------------------


class ScaleStep(Schema):
    value: int
    label: str


class QuestionOut(Schema):
    id: int
    text: str
    help: str
    weight: int


class DimensionOut(Schema):
    slug: str
    name: str
    description: str
    low_below: int = Field(description="En score under denne grænse er lav")
    high_from: int = Field(description="En score fra denne grænse er høj")
    questions: list[QuestionOut]


class AssessmentOut(Schema):
    title: str
    version: int
    intro: str
    scale: list[ScaleStep]
    dimensions: list[DimensionOut]


class AnswersIn(Schema):
    answers: dict[str, int] = Field(
        description="Spørgsmålets id → svar fra 0 (slet ikke) til 4 (i meget høj grad); "
        "alle spørgsmål skal besvares",
        max_length=500,
    )


class ResultIn(AnswersIn):
    organisation: str = Field(
        max_length=200, description="Slug for en organisation, du er medlem af"
    )


class DimensionScoreOut(Schema):
    slug: str
    name: str
    score: float = Field(description="0–100")
    level: str = Field(description="lav, middel eller hoej")
    level_label: str
    advice: str


class ScoreOut(Schema):
    total: float = Field(description="Gennemsnittet af dimensionernes score, 0–100")
    dimensions: list[DimensionScoreOut]


class ResultOut(ScoreOut):
    id: int
    organisation: str
    created_at: datetime
    url: str


class PeerDimensionOut(Schema):
    slug: str
    name: str
    average: float | None


class PeersOut(Schema):
    count: int = Field(description="Antal organisationer med et gemt resultat")
    minimum: int = Field(description="Gennemsnit vises først fra så mange organisationer")
    total: float | None
    dimensions: list[PeerDimensionOut] = Field(description="Tom, når count < minimum")


def _published() -> Assessment:
    assessment = operations.published_assessment()
    if assessment is None:
        raise Http404("Der er intet offentliggjort kompetencetjek.")
    return assessment


def _scores_out(scores: scoring.Scores) -> dict:
    return {
        "total": scores.total,
        "dimensions": [
            {
                "slug": d.slug,
                "name": d.name,
                "score": d.score,
                "level": d.level,
                "level_label": d.level_label,
                "advice": d.advice,
            }
            for d in scores.dimensions
        ],
    }


@router.get(
    "/competence-check",
    response={200: AssessmentOut, 404: ErrorOut},
    summary="Kompetencetjekket: dimensioner, spørgsmål og svarskala",
)
def read_assessment(request: HttpRequest):
    assessment = _published()
    return {
        "title": assessment.title,
        "version": assessment.version,
        "intro": assessment.intro,
        "scale": [{"value": v, "label": str(label)} for v, label in scoring.SCALE],
        "dimensions": [
            {
                "slug": d.slug,
                "name": d.name,
                "description": d.description,
                "low_below": d.low_below,
                "high_from": d.high_from,
                "questions": [
                    {"id": q.id, "text": q.text, "help": q.help, "weight": q.weight}
                    for q in d.questions.all()
                ],
            }
            for d in assessment.dimensions.all()
        ],
    }


@router.post(
    "/competence-check/score",
    response={200: ScoreOut, 400: ErrorOut, 404: ErrorOut, 413: ErrorOut, 422: ErrorOut},
    summary="Beregn score for svar (gemmer intet)",
)
def score(request: HttpRequest, payload: AnswersIn):
    _answers, scores = operations.score_answers(_published(), payload.answers)
    return _scores_out(scores)


@router.post(
    "/competence-check/results",
    auth=WriteToken(),
    response={
        201: ResultOut,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        413: ErrorOut,
        422: ErrorOut,
    },
    summary="Gem et resultat for en af dine organisationer",
)
def save_result(request: HttpRequest, response: HttpResponse, payload: ResultIn):
    assessment = _published()
    organisation = Organisation.objects.filter(
        slug=without_control_characters(payload.organisation)
    ).first()
    result = operations.save_result(
        request.auth, assessment, organisation, payload.answers, source="api"
    )
    _answers, scores = operations.score_answers(assessment, result.answers)
    response["Location"] = reverse("guides:result_detail", args=[result.pk])
    return 201, _scores_out(scores) | {
        "id": result.pk,
        "organisation": result.organisation.slug,
        "created_at": result.created_at,
        "url": request.build_absolute_uri(result.get_absolute_url()),
    }


@router.get(
    "/competence-check/peers",
    response={200: PeersOut, 404: ErrorOut},
    summary="Gennemsnit af organisationernes seneste resultater",
)
def peers(request: HttpRequest):
    """Kun gennemsnit, og kun når mindst tre organisationer har gemt et resultat."""
    assessment = _published()
    found = queries.peer_averages(assessment)
    return {
        "count": found.count,
        "minimum": queries.MIN_PEERS,
        "total": found.total,
        "dimensions": [
            {"slug": d.slug, "name": d.name, "average": found.averages.get(d.slug)}
            for d in assessment.dimensions.all()
        ]
        if found.shown
        else [],
    }
