"""Text helpers that know Danish letters."""

from collections.abc import Iterable
from typing import Any

from django.utils.text import slugify

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def danish_slugify(value: str, max_length: int = 100) -> str:
    """`slugify` with æ/ø/å written as ae/oe/aa instead of dropped."""
    return slugify(value.translate(_DANISH))[:max_length].strip("-")


def without_control_characters(value: str) -> str:
    """`value` without control characters other than tab and newline (PostgreSQL refuses NUL
    bytes in text)."""
    return "".join(ch for ch in value if ch >= " " or ch in "\t\n")


def unique_slug(
    queryset: Any,
    text: str,
    *,
    fallback: str,
    max_length: int = 100,
    reserved: Iterable[str] = (),
    exclude_pk: Any = None,
) -> str:
    """A slug for `text` not taken in `queryset` (nor `reserved`, e.g. "ny" where /<slug>/ would
    clash with a create page): the Danish slug, else `fallback`, then -2, -3, …"""
    base = danish_slugify(text, max_length=max_length) or fallback
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    taken = set(queryset.filter(slug__startswith=base).values_list("slug", flat=True))
    taken |= set(reserved)
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug
