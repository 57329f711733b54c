"""Number formatting of cost allocations: whole kroner with Danish thousands separators."""

from decimal import Decimal

from django import template

from smartby.costs.allocation import format_kr
from smartby.costs.exports import percent_text, signed_kr
from smartby.costs.operations import ComparisonRow

register = template.Library()


@register.filter
def kroner(value: int | None) -> str:
    return "–" if value is None else format_kr(int(value))


@register.filter
def signed_kroner(value: int) -> str:
    return signed_kr(int(value))


@register.filter
def change_percent(row: ComparisonRow) -> str:
    return percent_text(row)


@register.filter
def percent(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",") + " %"


@register.filter
def is_allocation(value: object) -> bool:
    return hasattr(value, "members")
