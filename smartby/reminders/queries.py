"""Read side of the freshness overview (/friskhed/): what is due, where, and what the reminders
achieved. Coordinators see every project; editors the projects their organisations lead."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from smartby.geo.models import Municipality, Region
from smartby.registry import permissions
from smartby.registry.freshness import Freshness, freshness_q
from smartby.registry.models import Project
from smartby.reminders.models import DeliveryStatus, Kind, Reminder
from smartby.reminders.operations import due_projects


def can_see_answers(user) -> bool:
    """Who did not answer a reminder (and failed sends) is for coordinators only."""
    return permissions.is_coordinator(user)


def visible_due_projects(user) -> QuerySet[Project]:
    qs = due_projects()
    if not permissions.is_coordinator(user):
        qs = qs.filter(lead_organisation_id__in=permissions.organisation_ids(user))
    return qs


@dataclass
class Filters:
    region: str = ""
    municipality: str = ""
    freshness: str = ""

    def apply(self, qs: QuerySet[Project]) -> QuerySet[Project]:
        if self.region:
            qs = qs.filter(municipalities__region__slug=self.region)
        if self.municipality:
            qs = qs.filter(municipalities__code=self.municipality)
        if self.freshness:
            qs = qs.filter(freshness_q([self.freshness]))
        return qs.distinct() if self.region or self.municipality else qs


@dataclass
class CountRow:
    key: str
    name: str
    due: int
    stale: int

    @property
    def total(self) -> int:
        return self.due + self.stale


def counts_by(qs: QuerySet[Project], level: str) -> list[CountRow]:
    """Due and stale projects per region or municipality (a joint project counts in each)."""
    if level == "region":
        key, model, field = "municipalities__region__slug", Region, "slug"
    else:
        key, model, field = "municipalities__code", Municipality, "code"
    rows = (
        qs.order_by()
        .values(key)
        .annotate(
            due=Count("pk", distinct=True, filter=freshness_q([Freshness.DUE])),
            stale=Count("pk", distinct=True, filter=freshness_q([Freshness.STALE])),
        )
    )
    counts = {r[key]: (r["due"], r["stale"]) for r in rows if r[key]}
    names = dict(model.objects.filter(**{f"{field}__in": counts}).values_list(field, "name"))
    result = [CountRow(k, names.get(k, k), *counts[k]) for k in counts]
    return sorted(result, key=lambda r: (-r.total, r.name))


def with_reminder_state(qs: QuerySet[Project]) -> QuerySet[Project]:
    """Annotate each project with its last reminder, how many rounds since its last update got
    no answer, and when its coordinators were told."""
    sent = Reminder.objects.filter(project=OuterRef("pk"), status=DeliveryStatus.SENT)
    last = (
        sent.filter(kind=Kind.REMINDER)
        .order_by()
        .values("project")
        .annotate(at=Max("sent_at"))
        .values("at")
    )
    rounds = (
        sent.filter(kind=Kind.REMINDER, sent_at__gt=OuterRef("updated_at"))
        .order_by()
        .values("project")
        .annotate(n=Count("run_date", distinct=True))
        .values("n")
    )
    escalated = (
        sent.filter(kind=Kind.ESCALATION, sent_at__gt=OuterRef("updated_at"))
        .order_by()
        .values("project")
        .annotate(at=Max("sent_at"))
        .values("at")
    )
    return qs.annotate(
        last_reminder_at=Subquery(last),
        unanswered_rounds=Coalesce(Subquery(rounds), 0),
        escalated_at=Subquery(escalated),
    )


def unanswered_recipients(projects: list[Project]) -> dict[int, list[str]]:
    """Names of the people reminded about each project since its last update (coordinators)."""
    result: dict[int, set[str]] = defaultdict(set)
    if not projects:
        return {}
    condition = Q()
    for p in projects:
        condition |= Q(project_id=p.pk, sent_at__gt=p.updated_at)
    rows = Reminder.objects.filter(
        condition, kind=Kind.REMINDER, status=DeliveryStatus.SENT
    ).values_list("project_id", "recipient_name")
    for project_id, name in rows:
        result[project_id].add(name or "–")
    return {k: sorted(v) for k, v in result.items()}


def delivery_problems(limit: int = 50) -> QuerySet[Reminder]:
    """Reminders that failed for good, and those waiting for a retry after a failed attempt."""
    return (
        Reminder.objects.filter(
            Q(status=DeliveryStatus.FAILED) | Q(status=DeliveryStatus.PENDING, attempts__gt=0)
        )
        .select_related("project")
        .order_by("-created_at", "-pk")[:limit]
    )
