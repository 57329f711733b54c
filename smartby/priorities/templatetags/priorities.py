"""Template filters of the prioritisation pages."""

from typing import Any

from django import template

register = template.Library()


@register.filter
def dec(value: float | None) -> str:
    """Two decimals with a decimal comma."""
    return "–" if value is None else f"{value:.2f}".replace(".", ",")


@register.filter
def get(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if mapping else None
