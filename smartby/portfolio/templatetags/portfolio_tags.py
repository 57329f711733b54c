"""Template filters of the portfolio pages: traffic lights and Danish amounts."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from smartby.portfolio.charts import number
from smartby.portfolio.reports import kroner, light, signed_kroner

register = template.Library()


@register.filter
def traffic_light(value: str) -> SafeString:
    """A coloured dot with the colour's name as text (never colour alone)."""
    if not value:
        return mark_safe('<span class="light light-none">–</span>')
    return format_html(
        '<span class="light light-{}"><span class="dot" aria-hidden="true"></span>{}</span>',
        value,
        light(value),
    )


@register.filter
def kr(value: int | None) -> str:
    return kroner(value)


@register.filter
def signed_kr(value: int | None) -> str:
    return signed_kroner(value)


@register.filter
def num(value: object) -> str:
    return "–" if value is None else number(value)  # type: ignore[arg-type]
