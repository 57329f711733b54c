"""The weekly digest: per subscriber one email with the projects that are new or updated since
the last digest (or the last 7 days) and match any of the subscriber's confirmed subscriptions.

`send_digests()` is a plain function: the `smartby send-digests` command and the weekly task in
`tasks.py` call it. It is idempotent per subscriber and week: the `Digest` row (unique per
subscriber and period) is written before the email goes out, so a second run, a parallel run or
a restarted worker sends nothing twice. A delivery that fails removes its row again, so the next
run retries it.
"""

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from smartby.lib import emails
from smartby.registry.filters import ProjectFilters, filtered_projects
from smartby.registry.models import Project
from smartby.subscriptions.models import KIND_ORDER, Digest, Kind, Subscriber, Subscription
from smartby.subscriptions.operations import prune_unconfirmed, unsubscribe_token

logger = logging.getLogger(__name__)

MAX_PROJECTS = 50
DEFAULT_WINDOW = dt.timedelta(days=7)


@dataclass
class DigestGroup:
    subscription: Subscription
    projects: list[Project]
    more: int  # matching projects left out by the cap

    @property
    def heading(self) -> str:
        return self.subscription.heading

    def more_url(self, since: dt.datetime) -> str:
        since_date = timezone.localtime(since).date().isoformat()
        return emails.absolute_url(self.subscription.list_url(updated_since=since_date))


@dataclass
class PlannedDigest:
    subscriber: Subscriber
    since: dt.datetime
    until: dt.datetime
    groups: list[DigestGroup]
    project_count: int  # distinct matching projects, including those left out by the cap


@dataclass
class DigestRun:
    period: dt.date
    dry_run: bool = False
    sent: int = 0
    nothing_new: int = 0
    already_sent: int = 0
    failed: int = 0
    planned: list[PlannedDigest] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": self.period.isoformat(),
            "dry_run": self.dry_run,
            "sent": self.sent,
            "nothing_new": self.nothing_new,
            "already_sent": self.already_sent,
            "failed": self.failed,
        }


def period_for(now: dt.datetime) -> dt.date:
    """The Monday (local time) of the week `now` falls in: one digest per subscriber per week."""
    today = timezone.localtime(now).date()
    return today - dt.timedelta(days=today.weekday())


def _sort_key(subscription: Subscription) -> tuple[int, str]:
    return KIND_ORDER.index(Kind(subscription.kind)), subscription.heading.lower()


MatchCache = dict[tuple[str, str, dt.datetime, dt.datetime], list[int]]


def _matching_ids(
    subscription: Subscription, since: dt.datetime, until: dt.datetime, cache: MatchCache
) -> list[int]:
    """Ids of the projects changed in [since, until) that match the subscription, newest first.
    Subscribers share subscriptions and usually windows, so one run caches the answers."""
    key = (subscription.kind, subscription.value, since, until)
    if key not in cache:
        f = ProjectFilters(**{subscription.kind: (subscription.value,)})
        cache[key] = list(
            filtered_projects(f)
            .filter(updated_at__gte=since, updated_at__lt=until)
            .order_by("-updated_at", "-id")
            .values_list("id", flat=True)
        )
    return cache[key]


def plan_digest(
    subscriber: Subscriber,
    since: dt.datetime,
    until: dt.datetime,
    cache: MatchCache | None = None,
) -> PlannedDigest:
    """Group the matching projects by subscription. A project that matches several
    subscriptions is listed once, under the first; at most MAX_PROJECTS are listed in all."""
    cache = {} if cache is None else cache
    subscriptions = sorted(
        subscriber.subscriptions.filter(confirmed_at__isnull=False).select_related(*Kind.values),
        key=_sort_key,
    )
    seen: set[int] = set()
    chosen: list[tuple[Subscription, list[int], int]] = []
    shown = 0
    for subscription in subscriptions:
        fresh = [i for i in _matching_ids(subscription, since, until, cache) if i not in seen]
        if not fresh:
            continue
        seen.update(fresh)
        take = fresh[: max(0, MAX_PROJECTS - shown)]
        shown += len(take)
        chosen.append((subscription, take, len(fresh) - len(take)))
    projects = (
        Project.objects.filter(pk__in=[i for _s, ids, _m in chosen for i in ids])
        .select_related("area")
        .prefetch_related("municipalities")
        .in_bulk()
        if shown
        else {}
    )
    groups = [
        DigestGroup(sub, [projects[i] for i in ids if i in projects], more)
        for sub, ids, more in chosen
    ]
    return PlannedDigest(subscriber, since, until, groups, len(seen))


def window_start(subscriber: Subscriber, now: dt.datetime) -> dt.datetime:
    """Changes since the last digest that went out to this subscriber, or the last 7 days."""
    last = (
        Digest.objects.filter(subscriber=subscriber, sent_at__isnull=False)
        .order_by("-until")
        .values_list("until", flat=True)
        .first()
    )
    return last if last is not None else now - DEFAULT_WINDOW


def render_digest(planned: PlannedDigest) -> Any:
    subscriber = planned.subscriber
    groups = [
        {
            "heading": g.heading,
            "projects": [
                {
                    "title": p.title,
                    "url": emails.absolute_url(p.get_absolute_url()),
                    "is_new": p.created_at >= planned.since,
                    "status": p.get_status_display(),
                    "area": p.area.name,
                    "municipalities": ", ".join(m.name for m in p.municipalities.all()),
                    "summary": p.summary,
                }
                for p in g.projects
            ],
            "more": g.more,
            "more_url": g.more_url(planned.since),
        }
        for g in planned.groups
    ]
    context = {
        "groups": groups,
        "since": planned.since,
        "project_count": planned.project_count,
        "manage_link": (
            emails.absolute_url(reverse("subscriptions:list")) if subscriber.user_id else ""
        ),
    }
    link = emails.absolute_url(
        reverse("subscriptions:unsubscribe", args=[unsubscribe_token(subscriber)])
    )
    return emails.digest(to=subscriber.address, context=context, unsubscribe_link=link)


def recipients() -> Iterable[Subscriber]:
    return (
        Subscriber.objects.filter(subscriptions__confirmed_at__isnull=False)
        .distinct()
        .select_related("user")
        .order_by("pk")
    )


def send_digests(
    *,
    now: dt.datetime | None = None,
    dry_run: bool = False,
    log: Callable[[str], None] | None = None,
) -> DigestRun:
    """Send this week's digest to every subscriber with something new. With `dry_run`,
    compute the digests (in `run.planned`) and send and record nothing."""
    now = now or timezone.now()
    run = DigestRun(period=period_for(now), dry_run=dry_run)
    if not dry_run:
        prune_unconfirmed(now)
    cache: MatchCache = {}
    with translation.override(settings.LANGUAGE_CODE):
        for subscriber in recipients():
            if not subscriber.active:
                continue
            if Digest.objects.filter(subscriber=subscriber, period=run.period).exists():
                run.already_sent += 1
                continue
            planned = plan_digest(subscriber, window_start(subscriber, now), now, cache)
            if not planned.project_count:
                run.nothing_new += 1
                continue
            if log:
                log(f"{subscriber.address}: {planned.project_count}")
            if dry_run:
                run.planned.append(planned)
                continue
            _send(run, planned)
    return run


def _send(run: DigestRun, planned: PlannedDigest) -> None:
    message = render_digest(planned)  # before the claim: a rendering error leaves no row
    try:
        with transaction.atomic():
            digest = Digest.objects.create(
                subscriber=planned.subscriber,
                period=run.period,
                since=planned.since,
                until=planned.until,
                project_count=planned.project_count,
            )
    except IntegrityError:
        # Another run claimed this subscriber's digest for the week in the meantime.
        run.already_sent += 1
        return
    if emails.deliver(message):
        Digest.objects.filter(pk=digest.pk).update(sent_at=timezone.now())
        run.sent += 1
    else:
        digest.delete()
        run.failed += 1
        logger.error("Digest to subscriber %s failed; the next run retries", planned.subscriber)
