import datetime as dt
from typing import Any

from django import template
from django.utils.dateformat import format as date_format
from django.utils.formats import number_format

from smartby.effect.figures import Column

register = template.Library()


@register.filter
def cell(value: Any, column: Column) -> str:
    """A table cell as the dashboard shows it (Danish number and date formats)."""
    if value is None:
        return "–"
    if isinstance(value, dt.date):
        return date_format(value, "F Y" if column.kind == "month" else "j. F Y")
    if column.kind == "pct":
        return f"{number_format(value, 1)} %"
    if isinstance(value, int):
        return number_format(value, force_grouping=True)
    return str(value)


@register.filter
def cells(row: list[Any], columns: list[Column]) -> list[tuple[Any, Column]]:
    return list(zip(row, columns, strict=True))
