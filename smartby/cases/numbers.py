"""Reading and writing Danish numbers: "1.234,50" and "1234.50" both mean 1234.5."""

import re
from decimal import Decimal, InvalidOperation

THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")


def parse_decimal(text: str) -> Decimal | None:
    """A Danish or plain decimal number; None when the text is not a finite number."""
    value = text.strip().replace(" ", "").replace("\u00a0", "").replace("\u2212", "-")
    if not value:
        return None
    if "," in value:
        value = value.replace(".", "").replace(",", ".")
    elif THOUSANDS.match(value):
        value = value.replace(".", "")
    try:
        number = Decimal(value)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def format_amount(value: Decimal | None) -> str:
    if value is None:
        return "–"
    value = Decimal(value).quantize(Decimal("0.01"))
    sign = "-" if value < 0 else ""
    whole, _, cents = f"{abs(value):.2f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped}" if cents == "00" else f"{sign}{grouped},{cents}"


def format_percent(value: Decimal | None) -> str:
    if value is None:
        return "–"
    text = f"{Decimal(value).normalize():f}".replace(".", ",")
    return f"{text} %"
