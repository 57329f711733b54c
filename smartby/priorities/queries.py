"""Read-side queries: recommendation lists with counts, the yearly progress report and a
round's aggregated results. Each runs a fixed number of queries."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from smartby.priorities.aggregation import ProposalResult, aggregate, rank
from smartby.priorities.criteria import CRITERION_CODES
from smartby.priorities.models import (
    Evidence,
    Proposal,
    Recommendation,
    Round,
    Score,
    Status,
    StatusEntry,
    Theme,
)

FIRST_YEAR = 2021  # the recommendations were handed over in 2021


def recommendations(theme: Theme | None = None, status: str = "") -> QuerySet[Recommendation]:
    qs = Recommendation.objects.select_related("theme").annotate(
        n_evidence=Count("evidence", distinct=True)
    )
    if theme is not None:
        qs = qs.filter(theme=theme)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("number")


def status_counts(theme: Theme | None = None) -> list[tuple[str, str, int]]:
    """(status code, label, number of recommendations) for every status, in order."""
    qs = Recommendation.objects.all()
    if theme is not None:
        qs = qs.filter(theme=theme)
    counts = dict(qs.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    return [(code, label, counts.get(code, 0)) for code, label in Status.choices]


def theme_counts(status: str = "") -> dict[int, int]:
    qs = Recommendation.objects.all()
    if status:
        qs = qs.filter(status=status)
    return dict(qs.values_list("theme").annotate(n=Count("id")).values_list("theme", "n"))


def report_years() -> list[int]:
    return list(range(timezone.localdate().year, FIRST_YEAR - 1, -1))


@dataclass
class RecommendationYear:
    recommendation: Recommendation
    status_start: str
    status_end: str
    changes: list[StatusEntry] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def status_start_label(self) -> str:
        return Status(self.status_start).label

    @property
    def status_end_label(self) -> str:
        return Status(self.status_end).label

    @property
    def changed(self) -> bool:
        return self.status_start != self.status_end


@dataclass
class YearReport:
    year: int
    rows: list[RecommendationYear]
    distribution: list[tuple[str, str, int, int]]  # code, label, at start, at end
    changes: list[StatusEntry]
    evidence: list[Evidence]

    @property
    def changed_count(self) -> int:
        return sum(1 for r in self.rows if r.changed)


def _status_at(entries: list[StatusEntry], day: datetime.date) -> str:
    """The status in force at the end of `day` (entries sorted by date, then id)."""
    status = Status.NOT_STARTED.value
    for entry in entries:
        if entry.date > day:
            break
        status = entry.status
    return status


def year_report(year: int) -> YearReport:
    """Per recommendation: the status at the start and end of `year`, the status entries dated
    in the year and the evidence added in the year; and the distribution of statuses."""
    start, end = datetime.date(year - 1, 12, 31), datetime.date(year, 12, 31)
    recs = list(Recommendation.objects.select_related("theme").order_by("number"))
    entries: dict[int, list[StatusEntry]] = {r.pk: [] for r in recs}
    for entry in StatusEntry.objects.filter(date__lte=end).select_related("created_by"):
        entries[entry.recommendation_id].append(entry)
    evidence: dict[int, list[Evidence]] = {r.pk: [] for r in recs}
    year_evidence = list(
        Evidence.objects.filter(added_on__year=year)
        .select_related("project", "recommendation")
        .order_by("added_on", "id")
    )
    for item in year_evidence:
        evidence[item.recommendation_id].append(item)
    rows, all_changes = [], []
    for rec in recs:
        mine = sorted(entries[rec.pk], key=lambda e: (e.date, e.id))
        changes = [e for e in mine if e.date.year == year]
        for e in changes:
            e.recommendation = rec
        all_changes += changes
        rows.append(
            RecommendationYear(
                rec, _status_at(mine, start), _status_at(mine, end), changes, evidence[rec.pk]
            )
        )
    at_start = Counter(r.status_start for r in rows)
    at_end = Counter(r.status_end for r in rows)
    distribution = [
        (code, label, at_start.get(code, 0), at_end.get(code, 0)) for code, label in Status.choices
    ]
    all_changes.sort(key=lambda e: (e.date, e.recommendation.number, e.id))
    return YearReport(year, rows, distribution, all_changes, year_evidence)


# --- prioritisation -------------------------------------------------------------------------


def round_results(round: Round) -> list[ProposalResult]:
    """The round's proposals aggregated and ranked (`aggregation` documents the rule)."""
    proposals = list(Proposal.objects.filter(round=round).order_by("title", "id"))
    by_proposal: dict[int, list[dict[str, int]]] = {p.pk: [] for p in proposals}
    for row in Score.objects.filter(proposal__round=round).values(
        "proposal_id", *CRITERION_CODES, "investment"
    ):
        by_proposal[row.pop("proposal_id")].append(row)
    return rank([aggregate(p.pk, p.title, by_proposal[p.pk]) for p in proposals])


def progress(round: Round) -> list[tuple[object, int]]:
    """(assessor, number of proposals they have scored) for the coordinator's overview."""
    return [(a, a.n) for a in round.assessors.select_related("user").annotate(n=Count("scores"))]


def visible_rounds(user) -> QuerySet[Round]:
    from smartby.registry.permissions import is_coordinator

    qs = Round.objects.annotate(n_proposals=Count("proposals", distinct=True))
    if is_coordinator(user):
        return qs
    if user.is_authenticated:
        return qs.filter(Q(published=True) | Q(assessors__user=user)).distinct()
    return qs.filter(published=True)
