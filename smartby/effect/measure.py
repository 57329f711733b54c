"""Privacy-friendly measurement: page views per section per day and search terms per day.

Nothing here sets a cookie or stores an IP address, a user agent, a user id or a session: a
page view adds one to the counter of (day, section), a search adds one to the counter of
(day, normalised term). Counters live in the database, so every app server process adds to the
same rows, and the increment is a single `UPDATE ... SET count = count + 1` (an INSERT for the
day's first hit), so concurrent requests never lose a count.
"""

import re

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from smartby.effect.models import PageView, SearchTerm, Section

# The first URL segment names the section; anything not listed counts as "andet".
SECTIONS_BY_SEGMENT = {
    "": Section.HOME,
    "kort": Section.MAP,
    "projekter": Section.PROJECTS,
    "kommuner": Section.MUNICIPALITIES,
    "organisationer": Section.ORGANISATIONS,
    "fagkolleger": Section.PEERS,
    "api": Section.API,
    "effekt": Section.EFFECT,
    "konto": Section.ACCOUNT,
}

# A deliberately simple check: the usual crawler words, headless browsers and link previews.
# Requests without a user agent are not counted either (real browsers always send one).
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|archiver|headless|lighthouse|pingdom|uptime|monitor|"
    r"facebookexternalhit|embedly|preview|scrapy|httrack|wget",
    re.IGNORECASE,
)

MAX_TERM_LENGTH = 100
MIN_TERM_LENGTH = 2
# Six or more digits, perhaps broken up by spaces, dashes, dots, slashes or brackets: phone
# numbers ("+45 12 34 56 78"), CPR numbers ("010190-1234") and the like.
PHONE_LIKE = re.compile(r"\d(?:[\s\-+/().]*\d){5,}")


def section_for_path(path: str) -> str:
    segment = path.lstrip("/").split("/", 1)[0]
    return SECTIONS_BY_SEGMENT.get(segment, Section.OTHER)


def is_bot(user_agent: str) -> bool:
    return not user_agent.strip() or bool(BOT_PATTERN.search(user_agent))


def is_static(path: str) -> bool:
    """A static file (Smartby has no uploaded media)."""
    return path.startswith("/" + settings.STATIC_URL.lstrip("/"))


def _increment(model: type[models.Model], **key: object) -> None:
    """Add one to the counter row `key`, creating it on the first hit (a race on creation is
    settled by the unique constraint: the loser updates the winner's row)."""
    if model.objects.filter(**key).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            model.objects.create(**key, count=1)
    except IntegrityError:
        model.objects.filter(**key).update(count=F("count") + 1)


def record_page_view(section: str) -> None:
    _increment(PageView, day=timezone.localdate(), section=section)


def normalise_term(term: str) -> str:
    """Lower case, whitespace collapsed, control characters and surrounding quotes removed,
    at most 100 characters."""
    printable = "".join(ch if ch.isprintable() else " " for ch in term)
    words = " ".join(printable.lower().split()).strip("\"'")
    return words[:MAX_TERM_LENGTH].strip()


def looks_personal(term: str) -> bool:
    """E-mail addresses and phone-like numbers are personal data and are never stored."""
    return "@" in term or bool(PHONE_LIKE.search(term))


def _follow_up(request: HttpRequest) -> bool:
    """A bot, or a later page of results for a search already counted on page 1."""
    if is_bot(request.headers.get("User-Agent", "")):
        return True
    return any(request.GET.get(name, "1") not in ("", "1") for name in ("side", "page"))


def record_search(term: str, request: HttpRequest | None = None) -> None:
    """Count one search for `term` today. Empty and personal-looking terms are dropped; with a
    `request`, searches by bots and later result pages (`side`/`page` > 1) are not counted."""
    if request is not None and _follow_up(request):
        return
    term = normalise_term(term or "")
    if len(term) < MIN_TERM_LENGTH or looks_personal(term):
        return
    _increment(SearchTerm, day=timezone.localdate(), term=term)
