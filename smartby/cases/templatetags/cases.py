"""Danish number formatting for business cases (kroner, percent)."""

from decimal import Decimal

from django import template

from smartby.cases.numbers import format_amount, format_percent

register = template.Library()


@register.filter
def kr(value: Decimal | None) -> str:
    """1234567.5 → "1.234.567,50"; whole amounts without decimals; None → "–"."""
    return format_amount(value)


@register.filter
def pct(value: Decimal | None) -> str:
    return format_percent(value)
