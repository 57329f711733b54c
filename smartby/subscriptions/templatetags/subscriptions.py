"""`{% load subscriptions %}`: the "Følg" box and the Atom feed's autodiscovery link, for the
project list and the municipality profile (other apps' templates include them in one line)."""

from typing import Any

from django import template

from smartby.registry.filters import ProjectFilters
from smartby.subscriptions import follow
from smartby.subscriptions.feeds import feed_url
from smartby.subscriptions.models import Kind

register = template.Library()


@register.inclusion_tag("subscriptions/_follow_box.html", takes_context=True)
def follow_box(context: template.Context, filters: ProjectFilters) -> dict[str, Any]:
    """The project list's box: a "Følg" button when the filters select exactly one area,
    technology, municipality or region, and the feed link for the filters."""
    request = context["request"]
    return {**follow.list_box_context(request, filters), "request": request}


@register.inclusion_tag("subscriptions/_follow_box.html", takes_context=True)
def follow_box_for(context: template.Context, kind: str, value: str) -> dict[str, Any]:
    """The box for one target, e.g. `{% follow_box_for "municipality" municipality.code %}`."""
    request = context["request"]
    return {
        **follow.target_box_context(request, kind, value, request.get_full_path()),
        "request": request,
    }


@register.inclusion_tag("subscriptions/_feed_autodiscovery.html")
def feed_autodiscovery(filters: ProjectFilters | None = None, **facet: str) -> dict[str, Any]:
    """`<link rel="alternate" type="application/atom+xml">` for the filters, or for one
    facet value: `{% feed_autodiscovery municipality=municipality.code %}`."""
    if filters is None:
        filters = ProjectFilters(**{k: (v,) for k, v in facet.items() if k in Kind.values and v})
    return {"feed_url": feed_url(filters)}
