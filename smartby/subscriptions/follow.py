"""The "Følg" box shown on the project list and the municipality profile: which target a page
offers to follow, and whether the visitor already follows it."""

from dataclasses import dataclass, fields
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import urlencode

from smartby.registry.filters import ProjectFilters
from smartby.subscriptions import operations
from smartby.subscriptions.feeds import feed_url
from smartby.subscriptions.models import Kind, description, heading

FOLLOWABLE = tuple(Kind.values)


def followable(f: ProjectFilters) -> tuple[str, str] | None:
    """(kind, value) when the filters select exactly one area, technology, municipality or
    region and nothing else; otherwise None (the list shows more than one topic)."""
    chosen = [(name, value) for name in FOLLOWABLE for value in getattr(f, name)]
    others = [x.name for x in fields(f) if x.name not in (*FOLLOWABLE, "errors")]
    if len(chosen) == 1 and not any(getattr(f, name) for name in others):
        return chosen[0]
    return None


@dataclass
class FollowTarget:
    kind: str
    value: str
    target: Any
    following: bool
    confirmed: bool

    @property
    def description(self) -> str:
        return description(self.kind, self.target)

    @property
    def heading(self) -> str:
        return heading(self.kind, self.target)

    @property
    def subscribe_url(self) -> str:
        return (
            reverse("subscriptions:subscribe")
            + "?"
            + urlencode({"kind": self.kind, "value": self.value})
        )


def follow_target(request: HttpRequest, kind: str, value: str) -> FollowTarget | None:
    try:
        target = operations.resolve_target(kind, value)
    except ValidationError:
        return None
    subscription = operations.subscription_for(request.user, kind, target)
    return FollowTarget(
        kind,
        value,
        target,
        following=subscription is not None,
        confirmed=bool(subscription and subscription.confirmed_at),
    )


def list_box_context(request: HttpRequest, f: ProjectFilters) -> dict[str, Any]:
    """The box on the project list: refreshed by htmx when the filters change."""
    chosen = followable(f)
    query = f.as_query().urlencode()
    return {
        "box": follow_target(request, *chosen) if chosen else None,
        "feed_url": feed_url(f),
        "next": reverse("registry:project_list") + (f"?{query}" if query else ""),
        "refresh_url": reverse("subscriptions:follow_box"),
    }


def target_box_context(request: HttpRequest, kind: str, value: str, next_url: str) -> dict:
    """The box for one target (the municipality profile)."""
    return {
        "box": follow_target(request, kind, value),
        "feed_url": feed_url(ProjectFilters(**{kind: (value,)})),
        "next": next_url,
        "refresh_url": "",
    }
