"""Read-side queries: live cases beside an elevator pitch, results over time and peer averages."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.urls import NoReverseMatch, reverse

from smartby.guides import scoring
from smartby.guides.models import Assessment, Result
from smartby.guides.reference import STANDARDS_LIST_PATH
from smartby.orgs.models import Organisation
from smartby.registry.models import Area, Project, Status

LIVE_STATUSES = (Status.OPERATION, Status.PILOT)
LIVE_LIMIT = 8
MIN_PEERS = 3


def live_projects(area: Area) -> QuerySet[Project]:
    """The area's projects in operation or pilot, most recently verified first (never a copy:
    the pitch page asks the registry each time)."""
    return (
        Project.objects.filter(area=area, status__in=LIVE_STATUSES)
        .select_related("lead_organisation")
        .prefetch_related("municipalities")
        .order_by(F("last_verified").desc(nulls_last=True), "-updated_at", "-id")
    )


def live_projects_url(area: Area) -> str:
    """The registry's project list filtered to the same projects (registry/filters.py)."""
    query = [("area", area.slug)] + [("status", s.value) for s in LIVE_STATUSES]
    return f"{reverse('registry:project_list')}?{urlencode(query)}"


def standards_list_url() -> str:
    try:
        return reverse("catalogue:standard_list")
    except NoReverseMatch:
        return STANDARDS_LIST_PATH


def latest_results(assessment: Assessment) -> QuerySet[Result]:
    """Each organisation's latest result of `assessment`."""
    newest = (
        Result.objects.filter(assessment=assessment, organisation=OuterRef("organisation"))
        .order_by("-created_at", "-id")
        .values("pk")[:1]
    )
    return Result.objects.filter(assessment=assessment, pk=Subquery(newest))


@dataclass
class Peers:
    count: int
    averages: dict[str, float] = field(default_factory=dict)
    total: float | None = None

    @property
    def shown(self) -> bool:
        return self.count >= MIN_PEERS


def peer_averages(assessment: Assessment, exclude: Organisation | None = None) -> Peers:
    """Averages of the latest results of the organisations (other than `exclude`); empty when
    fewer than MIN_PEERS organisations have results, so no single result can be read off."""
    qs = latest_results(assessment)
    if exclude is not None:
        qs = qs.exclude(organisation=exclude)
    rows = list(qs.values_list("scores", "total"))
    if len(rows) < MIN_PEERS:
        return Peers(count=len(rows))
    slugs = list(assessment.dimensions.values_list("slug", flat=True))
    return Peers(
        count=len(rows),
        averages=scoring.average([s for s, _t in rows], slugs),
        total=round(sum(t for _s, t in rows) / len(rows), 1),
    )


@dataclass
class Cell:
    score: float | None
    change: float | None  # since the organisation's previous result


@dataclass
class HistoryRow:
    result: Result
    cells: list[Cell]
    total: Cell


def _change(now: float | None, before: float | None) -> float | None:
    if now is None or before is None:
        return None
    return round(now - before, 1)


def results_over_time(organisation: Organisation, slugs: list[str]) -> list[HistoryRow]:
    """The organisation's results, newest first, with the change since the one before."""
    results = list(
        Result.objects.filter(organisation=organisation)
        .select_related("created_by", "assessment")
        .order_by("-created_at", "-id")
    )
    rows = []
    for i, result in enumerate(results):
        previous = results[i + 1] if i + 1 < len(results) else None
        cells = [
            Cell(
                result.scores.get(slug),
                _change(result.scores.get(slug), previous.scores.get(slug) if previous else None),
            )
            for slug in slugs
        ]
        total = Cell(result.total, _change(result.total, previous.total if previous else None))
        rows.append(HistoryRow(result, cells, total))
    return rows
