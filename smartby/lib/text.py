"""Text helpers that know Danish letters."""

from django.utils.text import slugify

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def danish_slugify(value: str, max_length: int = 100) -> str:
    """`slugify` with æ/ø/å written as ae/oe/aa instead of dropped."""
    return slugify(value.translate(_DANISH))[:max_length].strip("-")


def without_control_characters(value: str) -> str:
    """`value` without control characters other than tab and newline (PostgreSQL refuses NUL
    bytes in text)."""
    return "".join(ch for ch in value if ch >= " " or ch in "\t\n")
