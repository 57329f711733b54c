"""Teknologiradar: endpoints of the open API (/api/v1/)."""

from datetime import datetime

from django.db.models import Count
from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Field, Path, Query, Router, Schema

from smartby.api.schemas import ErrorOut
from smartby.api.security import WriteToken
from smartby.radar import operations, queries
from smartby.radar.models import FIRST_YEAR, LAST_YEAR, Blip, Edition
from smartby.radar.queries import Entry, Radar

router = Router(tags=["Teknologiradar"])

MAX_LIMIT = 100
WRITE_RESPONSES = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    413: ErrorOut,
    422: ErrorOut,
}


class EditionSummaryOut(Schema):
    year: int
    title: str
    published_at: datetime | None
    blip_count: int = Field(description="Antal teknologier på radaren")
    url: str = Field(description="Udgavens side")
    api_url: str


class EditionPage(Schema):
    count: int
    limit: int
    offset: int
    results: list[EditionSummaryOut]


class TechnologyRef(Schema):
    name: str
    slug: str = Field(description="Bruges som filter i /api/v1/projects?technology=")


class RadarEvidenceOut(Schema):
    pilot_municipalities: int = Field(
        description="Antal forskellige kommuner med projekter med teknologien i status pilot"
    )
    operation_municipalities: int = Field(
        description="Antal forskellige kommuner med projekter med teknologien i status drift"
    )
    pilot_projects_url: str
    operation_projects_url: str


class BlipOut(Schema):
    number: int = Field(description="Nummeret på radaren (efter kvadrant, ring og navn)")
    technology: TechnologyRef
    quadrant: str = Field(description="sensorer, netvaerk, data eller anvendelser")
    quadrant_label: str
    ring: str = Field(description="anvend, afproev, undersoeg eller afvent")
    ring_label: str
    rationale: str
    move: str = Field(
        description="ny, ind (mod midten), ud (mod kanten) eller uaendret, i forhold til den "
        "forrige udgivne udgave"
    )
    previous_ring: str | None = None
    evidence: RadarEvidenceOut
    url: str = Field(description="Teknologiens historik på radaren")


class LeftOut(Schema):
    technology: TechnologyRef
    quadrant: str
    ring: str = Field(description="Ringen i den forrige udgave")


class EditionOut(Schema):
    year: int
    title: str
    introduction: str = Field(description="Markdown")
    published_at: datetime | None
    previous_year: int | None = Field(description="Udgaven, bevægelserne er målt imod")
    blips: list[BlipOut]
    left: list[LeftOut] = Field(description="Teknologier fra forrige udgave, som ikke er med")
    svg_url: str
    csv_url: str


class BlipIn(Schema):
    technology: str = Field(..., max_length=100, description="Teknologiens slug, fx lorawan")
    quadrant: str = Field(..., max_length=20)
    ring: str = Field(..., max_length=20)
    rationale: str = Field(..., max_length=4000)


class BlipPatch(Schema):
    quadrant: str | None = Field(None, max_length=20)
    ring: str | None = Field(None, max_length=20)
    rationale: str | None = Field(
        None, max_length=4000, description="Påkrævet og ny, når ring eller kvadrant ændres"
    )


YEAR = Path(..., ge=FIRST_YEAR, le=LAST_YEAR, description="Udgavens år")


def _blip_out(request: HttpRequest, entry: Entry) -> dict:
    blip, tech = entry.blip, entry.technology
    return {
        "number": entry.number,
        "technology": {"name": tech.name, "slug": tech.slug},
        "quadrant": blip.quadrant,
        "quadrant_label": blip.get_quadrant_display(),
        "ring": blip.ring,
        "ring_label": blip.get_ring_display(),
        "rationale": blip.rationale,
        "move": entry.move.value,
        "previous_ring": entry.previous_ring,
        "evidence": {
            "pilot_municipalities": entry.evidence.pilot,
            "operation_municipalities": entry.evidence.operation,
            "pilot_projects_url": request.build_absolute_uri(entry.pilot_url),
            "operation_projects_url": request.build_absolute_uri(entry.operation_url),
        },
        "url": request.build_absolute_uri(blip.get_absolute_url()),
    }


def _edition_out(request: HttpRequest, radar: Radar) -> dict:
    edition = radar.edition
    return {
        "year": edition.year,
        "title": edition.title,
        "introduction": edition.introduction,
        "published_at": edition.published_at,
        "previous_year": radar.previous.year if radar.previous else None,
        "blips": [_blip_out(request, e) for e in radar.entries],
        "left": [
            {
                "technology": {"name": b.technology.name, "slug": b.technology.slug},
                "quadrant": b.quadrant,
                "ring": b.ring,
            }
            for b in radar.left
        ],
        "svg_url": request.build_absolute_uri(reverse("radar:edition_svg", args=[edition.year])),
        "csv_url": request.build_absolute_uri(reverse("radar:edition_csv", args=[edition.year])),
    }


@router.get(
    "/radar/editions",
    response={200: EditionPage, 422: ErrorOut},
    summary="Udgivne udgaver af teknologiradaren",
)
def radar_editions(
    request: HttpRequest,
    limit: int = Query(20, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=10000),
):
    """Nyeste først."""
    qs = Edition.objects.filter(published=True).order_by("-year")
    rows = qs.annotate(n=Count("blips"))[offset : offset + limit]
    return {
        "count": qs.count(),
        "limit": limit,
        "offset": offset,
        "results": [
            {
                "year": e.year,
                "title": e.title,
                "published_at": e.published_at,
                "blip_count": e.n,
                "url": request.build_absolute_uri(e.get_absolute_url()),
                "api_url": request.build_absolute_uri(
                    reverse("api-v1:radar_edition", args=[e.year])
                ),
            }
            for e in rows
        ],
    }


def _published(year: int) -> Edition:
    edition = Edition.objects.filter(year=year, published=True).first()
    if edition is None:
        raise Http404(f"Der findes ingen udgivet udgave af teknologiradaren for {year}.")
    return edition


def _any_edition(year: int) -> Edition:
    edition = Edition.objects.filter(year=year).first()
    if edition is None:
        raise Http404(f"Der findes ingen udgave af teknologiradaren for {year}.")
    return edition


@router.get(
    "/radar/editions/{year}",
    response={200: EditionOut, 404: ErrorOut, 422: ErrorOut},
    summary="En udgave med placeringer, bevægelser og erfaringer",
)
def radar_edition(request: HttpRequest, year: int = YEAR):
    """Hver teknologi med ring, kvadrant, begrundelse, bevægelse siden forrige udgivne udgave og
    antal kommuner, der bruger den i pilot og i drift ifølge registret."""
    return _edition_out(request, queries.radar_for(_published(year)))


def _entry(blip: Blip) -> Entry:
    radar = queries.radar_for(blip.edition)
    return next(e for e in radar.entries if e.blip.pk == blip.pk)


@router.post(
    "/radar/editions/{year}/blips",
    auth=WriteToken(),
    response={201: BlipOut, **WRITE_RESPONSES},
    summary="Placér en teknologi (koordinatorer)",
)
def radar_add_blip(request: HttpRequest, payload: BlipIn, year: int = YEAR):
    edition = _any_edition(year)
    blip = operations.add_blip(request.auth, edition, payload.model_dump(), source="api")
    return 201, _blip_out(request, _entry(blip))


@router.patch(
    "/radar/editions/{year}/blips/{technology}",
    auth=WriteToken(),
    response={200: BlipOut, **WRITE_RESPONSES},
    summary="Flyt en teknologi eller ret begrundelsen (koordinatorer)",
)
def radar_update_blip(
    request: HttpRequest,
    payload: BlipPatch,
    year: int = YEAR,
    technology: str = Path(..., max_length=100, description="Teknologiens slug"),
):
    edition = _any_edition(year)
    blip = None
    if "\x00" not in technology:
        blip = (
            Blip.objects.select_related("technology", "edition")
            .filter(edition=edition, technology__slug=technology)
            .first()
        )
    if blip is None:
        raise Http404(f"Teknologien {technology} er ikke på udgaven {year}.")
    changes = payload.model_dump(exclude_unset=True, exclude_none=True)
    blip = operations.update_blip(request.auth, blip, changes, source="api")
    return _blip_out(request, _entry(blip))
