"""CSV export of a figure: exactly the rows of its table (and its totals row).

UTF-8 with a byte order mark, semicolon-separated, decimal comma: the format Danish Excel opens
directly with a double click. Dates are ISO 8601 (a month is ÅÅÅÅ-MM), counts plain integers
without thousands separators, shares percentages with one decimal. Text that a spreadsheet would
take for a formula is prefixed with an apostrophe (search terms are typed by visitors).
"""

import csv
import datetime as dt
import io
from typing import Any

from smartby.effect.figures import Column, Figure
from smartby.lib.spreadsheet import FORMULA_START

BOM = "\ufeff"


def csv_value(value: Any, column: Column) -> str:
    if value is None:
        return ""
    if column.kind == "month" and isinstance(value, dt.date):
        return value.strftime("%Y-%m")
    if isinstance(value, dt.date):
        return value.isoformat()
    if column.kind == "pct" and isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    text = str(value)
    if isinstance(value, str) and text.startswith(FORMULA_START):
        return "'" + text
    return text


def figure_rows(figure: Figure) -> list[list[str]]:
    """The header and the rows, as the CSV file has them."""
    rows = [[c.key for c in figure.columns]]
    for row in [*figure.rows, *([figure.footer] if figure.footer else [])]:
        rows.append([csv_value(v, c) for v, c in zip(row, figure.columns, strict=True)])
    return rows


def figure_csv(figure: Figure) -> str:
    out = io.StringIO()
    out.write(BOM)
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(figure_rows(figure))
    return out.getvalue()
