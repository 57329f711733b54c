from django import template
from django.http import QueryDict
from django.utils.safestring import SafeString, mark_safe

from smartby.lib.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3


@register.simple_tag(takes_context=True)
def query_with(context: template.Context, **changes: object) -> str:
    """The current query string with some parameters replaced (None removes one)."""
    query: QueryDict = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            query.pop(key, None)
        else:
            query[key] = str(value)
    return query.urlencode()


@register.simple_tag(takes_context=True)
def query_toggle(context: template.Context, key: str, value: str) -> str:
    """The current query string with `key=value` added or removed (for facet links)."""
    query: QueryDict = context["request"].GET.copy()
    values = query.getlist(key)
    query.setlist(key, [v for v in values if v != value] if value in values else [*values, value])
    query.pop("side", None)
    return query.urlencode()
