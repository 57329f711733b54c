"""Text cells for CSV and XLSX exports that a spreadsheet program will not run as formulas.

Spreadsheet programs take a cell that starts with = + - @ (or a tab or carriage return before
one of them) for a formula, also in a CSV file; openpyxl writes such a string into an XLSX file
as a formula. Every export of user-written text passes its cells through `safe_cell`, which
puts an apostrophe in front (the spreadsheet convention for "this is text"); numbers, dates and
None pass unchanged, so negative amounts stay numbers (OWASP: CSV injection).
"""

from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """`value`, with an apostrophe in front if it is text that starts like a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_row(row: Any) -> list[Any]:
    return [safe_cell(value) for value in row]
