"""Surveys: endpoints of the open API (/api/v1/). Reads only, anonymous: the surveys and their
rounds, and a round's results — suppressed as on the public page (cells behind fewer than 3
respondents are null with `suppressed: true`), public once the round is closed; the baseline
round serves its published figures (counts null)."""

import datetime as dt
from typing import Any

from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Field, Path, Query, Router, Schema

from smartby.api.schemas import ErrorOut
from smartby.surveys import reports
from smartby.surveys.models import ResponseStatus, Round, Survey

router = Router(tags=["Undersøgelser"])

MAX_LIMIT = 100
KEY_PATTERN = r"^[-a-zA-Z0-9_]+$"


class SurveyPaging(Schema):
    limit: int = Query(20, ge=1, le=MAX_LIMIT, description=f"Højst så mange (1–{MAX_LIMIT})")
    offset: int = Query(0, ge=0, le=1_000_000, description="Spring så mange over")


class SurveyRoundOut(Schema):
    key: str
    name: str
    opens_on: dt.date
    closes_on: dt.date
    status: str = Field(description="baseline, planned, open eller closed")
    is_baseline: bool
    respondents: int | None = Field(description="Indsendte besvarelser (baseline: trykt antal)")
    results_url: str | None = Field(description="Resultatsiden; null før runden er lukket")
    results_api: str | None = Field(description="Resultaterne som JSON; null før runden er lukket")


class SurveyOut(Schema):
    key: str
    title: str
    description: str
    rounds: list[SurveyRoundOut]


class SurveyPage(Schema):
    count: int
    limit: int
    offset: int
    next: str | None
    previous: str | None
    results: list[SurveyOut]


class CellOut(Schema):
    count: int | None = Field(description="Antal; null når skjult eller ikke offentliggjort")
    pct: float | None = Field(description="Procent af dem, der svarede (én decimal)")
    suppressed: bool = Field(False, description="Skjult: færre end 3 besvarelser bag tallet")


class ItemOut(Schema):
    key: str
    n: int | None
    options: dict[str, CellOut]


class BlockOut(Schema):
    n: int | None = Field(description="Antal, der har besvaret spørgsmålet")
    options: dict[str, CellOut] | None = None
    items: list[ItemOut] | None = None
    stats: dict[str, float | None] | None = Field(
        None, description="Talspørgsmål: kun gennemsnittet offentliggøres"
    )


class SurveyQuestionOut(BlockOut):
    key: str
    groups: dict[str, BlockOut] = Field(
        description="smart_city, ovrige, kommunetyper, størrelse (over_/under_<grænse>) og "
        "regionskoder; tomme grupper med n 0"
    )


class ResultsOut(Schema):
    round: str
    respondents: int | None
    questions: list[SurveyQuestionOut]


def _public(round_: Round) -> bool:
    return round_.status in ("baseline", "closed")


def _round_out(request: HttpRequest, round_: Round) -> dict[str, Any]:
    public = _public(round_)
    return {
        "key": round_.key,
        "name": round_.name,
        "opens_on": round_.opens_on,
        "closes_on": round_.closes_on,
        "status": round_.status,
        "is_baseline": round_.is_baseline,
        "respondents": round_.baseline_respondents if round_.is_baseline else round_.submitted,
        "results_url": request.build_absolute_uri(reverse("surveys:results", args=[round_.key]))
        if public
        else None,
        "results_api": request.build_absolute_uri(
            reverse("api-v1:survey_round_results", args=[round_.key])
        )
        if public
        else None,
    }


@router.get(
    "/surveys",
    response={200: SurveyPage, 422: ErrorOut},
    summary="Spørgeskemaer og deres runder",
    url_name="survey_list",
)
def survey_list(request: HttpRequest, params: Query[SurveyPaging]):
    """Kommuneundersøgelserne (fx den nationale Smart City-kortlægning) med deres runder."""
    rounds = Round.objects.annotate(
        submitted=Count("responses", filter=Q(responses__status=ResponseStatus.SUBMITTED))
    ).order_by("-opens_on", "name")
    qs = Survey.objects.order_by("title", "pk").prefetch_related(
        Prefetch("versions__rounds", queryset=rounds)
    )
    count = qs.count()
    page = qs[params.offset : params.offset + params.limit]

    def link(offset: int) -> str:
        query = request.GET.copy()
        query["offset"], query["limit"] = str(offset), str(params.limit)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    results = []
    for survey in page:
        survey_rounds = sorted(
            (r for v in survey.versions.all() for r in v.rounds.all()),
            key=lambda r: (r.opens_on, r.name),
            reverse=True,
        )
        results.append(
            {
                "key": survey.key,
                "title": survey.title,
                "description": survey.description,
                "rounds": [_round_out(request, r) for r in survey_rounds],
            }
        )
    return {
        "count": count,
        "limit": params.limit,
        "offset": params.offset,
        "next": link(params.offset + params.limit)
        if params.offset + params.limit < count
        else None,
        "previous": link(max(0, params.offset - params.limit)) if params.offset > 0 else None,
        "results": results,
    }


@router.get(
    "/surveys/rounds/{key}/results",
    response={200: ResultsOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="En rundes resultater",
    url_name="survey_round_results",
)
def round_results(
    request: HttpRequest,
    key: str = Path(..., max_length=80, pattern=KEY_PATTERN, description="Rundens nøgle"),
):
    """Antal og procent af dem, der svarede, for hvert spørgsmål, samlet og for hver gruppe
    (som `smartby survey-results`, men med små celler skjult)."""
    round_ = Round.objects.select_related("version__survey").filter(key=key).first()
    if round_ is None:
        raise Http404("Runden findes ikke.")
    if not _public(round_):
        return 403, {"detail": "Resultaterne offentliggøres, når runden er lukket.", "errors": []}
    return reports.public_document(reports.round_report(round_, public=True))
