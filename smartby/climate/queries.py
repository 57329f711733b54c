"""Read side of DK2020 tracking: one row per municipality (all 98, with or without a plan), the
GeoJSON of the map layer, and the counts per phase per region. Each runs a constant number of
queries whatever the number of plans."""

import json
from collections import Counter
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from smartby.climate.models import ClimatePlan, Phase, PhaseEvent, PlanStatus
from smartby.geo.models import Municipality, Region
from smartby.geo.reference import BOUNDARIES_ATTRIBUTION

NONE = "ingen"  # the map category of a municipality without a plan or a phase
NONE_COLOUR = "#d9dde3"
# One colour per phase position, light to dark (viridis, colour-blind safe).
PHASE_COLOURS = [
    "#fde725",
    "#a0da39",
    "#4ac16d",
    "#1fa187",
    "#277f8e",
    "#365c8d",
    "#46327e",
    "#440154",
]


@dataclass(frozen=True)
class Category:
    """A class on the map and a column of the overview: a phase, or "no phase"."""

    code: str
    label: str
    colour: str
    position: int


def categories() -> list[Category]:
    phases = list(Phase.objects.order_by("position"))
    cats = [Category(NONE, _("Ikke tilmeldt / ingen fase"), NONE_COLOUR, 0)]
    for i, phase in enumerate(phases):
        cats.append(
            Category(phase.code, phase.name, PHASE_COLOURS[i % len(PHASE_COLOURS)], phase.position)
        )
    return cats


@dataclass
class Row:
    municipality: Municipality
    plan: ClimatePlan | None
    category: str = NONE
    colour: str = NONE_COLOUR

    @property
    def status(self) -> str:
        return self.plan.status if self.plan else PlanStatus.NOT_STARTED

    @property
    def status_label(self) -> str:
        return self.plan.get_status_display() if self.plan else str(PlanStatus.NOT_STARTED.label)

    @property
    def phase(self) -> Phase | None:
        return self.plan.phase if self.plan else None


def municipalities(
    *, region: str | None = None, phase: str | None = None, status: str | None = None
) -> QuerySet[Municipality]:
    """Municipalities with their plan (if any), filtered by region slug, phase code
    (`ingen` = no phase) and status (`ikke_startet` includes municipalities without a plan)."""
    qs = Municipality.objects.select_related("region", "climate_plan__phase").order_by("name")
    if region:
        qs = qs.filter(region__slug=region)
    if phase == NONE:
        qs = qs.filter(climate_plan__phase__isnull=True)
    elif phase:
        qs = qs.filter(climate_plan__phase__code=phase)
    if status == PlanStatus.NOT_STARTED:
        qs = qs.filter(
            Q(climate_plan__isnull=True) | Q(climate_plan__status=PlanStatus.NOT_STARTED)
        )
    elif status:
        qs = qs.filter(climate_plan__status=status)
    return qs


def plan_of(m: Municipality) -> ClimatePlan | None:
    try:
        return m.climate_plan
    except ClimatePlan.DoesNotExist:
        return None


def rows(qs: QuerySet[Municipality] | None = None) -> list[Row]:
    colours = {c.code: c.colour for c in categories()}
    out = []
    for m in qs if qs is not None else municipalities():
        plan = plan_of(m)
        code = plan.phase.code if plan and plan.phase else NONE
        out.append(Row(m, plan, code, colours.get(code, NONE_COLOUR)))
    return out


def geojson() -> str:
    """The 98 municipalities as a FeatureCollection with their DK2020 phase and status.
    Geometries are stored as GeoJSON text and spliced in without re-parsing."""
    qs = Municipality.objects.select_related("region", "climate_plan__phase").order_by("code")
    features = []
    for row in rows(qs):
        m, plan = row.municipality, row.plan
        props = {
            "kode": m.code,
            "navn": m.name,
            "region": m.region.name,
            "fase": row.category,
            "fase_navn": row.phase.name if row.phase else str(_("Ingen fase")),
            "status": row.status,
            "status_navn": str(row.status_label),
            "farve": row.colour,
            "demo": bool(plan and plan.is_demo),
            "url": reverse("climate:municipality", args=[m.code]),
        }
        geometry = m.geometry or "null"
        properties = json.dumps(props, ensure_ascii=False, separators=(",", ":"))
        features.append(f'{{"type":"Feature","geometry":{geometry},"properties":{properties}}}')
    head = json.dumps({"type": "FeatureCollection", "attribution": BOUNDARIES_ATTRIBUTION})
    return head[:-1] + ',"features":[' + ",".join(features) + "]}"


@dataclass
class RegionCounts:
    region: Region
    counts: list[int]  # in the order of `categories()`
    total: int
    adopted: int  # plans with status vedtaget or godkendt


def region_overview() -> tuple[list[Category], list[RegionCounts], list[int]]:
    """Per region, how many municipalities are in each phase (and without one); the totals."""
    cats = categories()
    index = {c.code: i for i, c in enumerate(cats)}
    per_region: dict[int, Counter] = {}
    adopted: Counter = Counter()
    for m in Municipality.objects.select_related("climate_plan__phase").only(
        "id", "region_id", "climate_plan__phase__code", "climate_plan__status"
    ):
        plan = plan_of(m)
        code = plan.phase.code if plan and plan.phase else NONE
        per_region.setdefault(m.region_id, Counter())[code] += 1
        if plan and plan.status in (PlanStatus.ADOPTED, PlanStatus.APPROVED):
            adopted[m.region_id] += 1
    result = []
    for region in Region.objects.order_by("code"):
        counter = per_region.get(region.pk, Counter())
        counts = [0] * len(cats)
        for code, n in counter.items():
            counts[index.get(code, 0)] += n
        result.append(RegionCounts(region, counts, sum(counts), adopted[region.pk]))
    totals = [sum(r.counts[i] for r in result) for i in range(len(cats))]
    return cats, result, totals


def plan_history(plan: ClimatePlan | None) -> list[PhaseEvent]:
    if plan is None or plan.pk is None:
        return []
    return list(plan.events.select_related("phase").order_by("date", "id"))
