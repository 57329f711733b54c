"""User Markdown and plain text never become executable markup (issue 10).

Every field that is rendered as Markdown (lib.markdown.render_markdown via the `markdown`
filter), and the plain-text fields shown beside them, are saved with XSS payloads through each
app's real operation (the tests' helpers post the same data as the forms), then the public page
is fetched and parsed: no script outside the app's own static files and JSON blocks, no event
handler or style attribute, no javascript:/vbscript:/data: URL, no frame, object, embed or base
element. Plain-text fields must come back escaped (the payload visible as text)."""

import re
from collections.abc import Callable
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from smartby.lib.markdown import render_markdown

PAYLOADS = [
    '<script>alert("xss")</script>',
    '<img src=x onerror=alert("xss")>',
    '[klik](javascript:alert("xss"))',
    "[klik](JaVaScRiPt:alert(1))",
    '<a href="&#106;avascript:alert(1)">entitet</a>',
    '<a href="jav&#x09;ascript:alert(1)">tab</a>',
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![billede](javascript:alert(1))",
    "[ref][x]\n\n[x]: javascript:alert(1)",
    "<svg><script>alert(1)</script></svg>",
    "<svg onload=alert(1)><circle r=1 /></svg>",
    '<iframe src="https://evil.example/"></iframe>',
    '<p style="background:url(javascript:alert(1))">stil</p>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<a href="https://ok.example/" onclick="alert(1)">ok</a>',
    "<details open ontoggle=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '<base href="//evil.example/">',
    '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">x</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
]
PLAIN = '<script>alert("plain")</script><img src=x onerror=alert(2)>'
# How the plain payload shows as text (HTML escapes " too; the SVG's XML text need not).
PLAIN_ESCAPED = "&lt;script&gt;alert("
FORBIDDEN_ELEMENTS = {"iframe", "frame", "object", "embed", "base", "applet", "math"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}
BAD_SCHEME = re.compile(r"^(?:javascript|vbscript|data):", re.IGNORECASE)


class InertCheck(HTMLParser):
    """Collects everything in a page that could run script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): v or "" for k, v in attrs}
        if tag == "script":
            own = a.get("src", "").startswith("/static/")
            data = a.get("type", "") in ("application/json", "application/ld+json")
            if not (own or data):
                self.problems.append(f"<script {a}>")
        if tag in FORBIDDEN_ELEMENTS:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            self.problems.append("<meta http-equiv=refresh>")
        for name, value in a.items():
            if name.startswith("on") or name == "style":
                self.problems.append(f"<{tag} {name}={value!r}>")
            compact = re.sub(r"[\x00-\x20]", "", value)
            image = tag == "img" and compact.lower().startswith("data:image/")
            if name in URL_ATTRIBUTES and BAD_SCHEME.match(compact) and not image:
                self.problems.append(f"<{tag} {name}={value[:40]!r}>")

    handle_startendtag = handle_starttag


def assert_inert(html: str) -> None:
    check = InertCheck()
    check.feed(html)
    check.close()
    assert check.problems == []


# --- the surfaces: (make the objects with `markdown` in every Markdown field and `plain` in
# the plain-text fields) -> public URLs ------------------------------------------------------


def registry_project(actor, markdown: str, plain: str) -> list[str]:
    from smartby.registry.tests.helpers import make_project

    project = make_project(actor, title=plain, summary=plain, description=markdown)
    # The search page highlights matches in titles and summaries (search.engine marks them).
    # The query is echoed on the page too (reflected input).
    return [project.get_absolute_url(), "/soeg/?q=" + quote(plain)]


def use_case(actor, markdown: str, plain: str) -> list[str]:
    from smartby.cases.tests.helpers import make_business_case, make_use_case

    case = make_use_case(
        actor,
        title=plain[:150],
        target_group=plain,
        problem=markdown,
        data_needed=markdown,
        benefits=markdown,
        risks=markdown,
    )
    business = make_business_case(actor, case, title=plain[:150], notes=markdown)
    return [case.get_absolute_url(), business.get_absolute_url()]


def catalogue(actor, markdown: str, plain: str) -> list[str]:
    from smartby.catalogue.tests.helpers import make_solution, make_supplier

    supplier = make_supplier(actor, name=plain[:150], description=markdown)
    solution = make_solution(
        actor,
        supplier,
        name=plain[:150],
        description=markdown,
        open_apis=plain,
        data_ownership=plain,
        price_note=plain[:150],
        references=plain,
    )
    return [supplier.get_absolute_url(), solution.get_absolute_url()]


def kits(actor, markdown: str, plain: str) -> list[str]:
    from smartby.kits.tests.helpers import make_event, make_kit
    from smartby.orgs.models import Organisation

    owner = Organisation.objects.get(municipality__code="751")
    kit = make_kit(owner, name=plain[:150], description=markdown, location=plain[:150])
    event = make_event(actor, owner, title=plain[:150], description=markdown, location=plain[:150])
    return [kit.get_absolute_url(), event.get_absolute_url()]


def portfolio(actor, markdown: str, plain: str) -> list[str]:
    from smartby.portfolio.tests.helpers import make_initiative, make_strategy

    strategy = make_strategy(actor, title=plain[:150], description=markdown)
    initiative = make_initiative(
        actor,
        strategy,
        title=plain[:150],
        description=markdown,
        purpose=markdown,
        results=markdown,
        effect_summary=markdown,
        evaluation=markdown,
        future_ownership=markdown,
        economy=markdown,
        budget_note=plain[:150],
        project_owner=plain[:150],
    )
    return [strategy.get_absolute_url(), initiative.get_absolute_url()]


def guides(actor, markdown: str, plain: str) -> list[str]:
    from smartby.guides import operations

    guide = operations.create_guide(
        actor,
        {
            "title": plain[:150],
            "summary": plain,
            "body": markdown,
            "change_note": plain[:150],
            "kind": "anden",
            "area": "",
        },
    )
    return [guide.get_absolute_url(), guide.current_version.get_absolute_url()]


def assessment(actor, markdown: str, plain: str) -> list[str]:
    """The published kompetencetjek's introduction (Markdown) and title; no operation edits
    them (they come from a data migration), so they are set directly."""
    from smartby.guides import operations

    published = operations.published_assessment()
    published.intro, published.title = markdown, plain[:150]
    published.save(update_fields=["intro", "title"])
    return [published.get_absolute_url()]


def procurement(actor, markdown: str, plain: str) -> list[str]:
    from smartby.procurement.tests.helpers import make_clause

    clause = make_clause(
        actor, title=plain[:150], text=markdown, reason=markdown, guidance=markdown
    )
    return [clause.get_absolute_url()]


def radar(actor, markdown: str, plain: str) -> list[str]:
    from smartby.radar.tests.helpers import make_edition
    from smartby.registry.models import Technology

    # A technology whose name is the plain payload: it is drawn inside the radar's SVG.
    Technology.objects.create(name=plain[:100], slug="xss-proeve")
    edition = make_edition(
        timezone.localdate().year + 5,
        [("IoT-sensorer", "sensorer", "anvend"), (plain[:100], "data", "afproev")],
        title=plain[:150],
        introduction=markdown,
    )
    return [
        reverse("radar:edition", args=[edition.year]),
        reverse("radar:edition_svg", args=[edition.year]),  # the SVG download
    ]


SURFACES: dict[str, Callable[..., list[str]]] = {
    "registry": registry_project,
    "cases": use_case,
    "catalogue": catalogue,
    "kits": kits,
    "portfolio": portfolio,
    "guides": guides,
    "assessment": assessment,
    "procurement": procurement,
    "radar": radar,
}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_render_markdown_emits_no_executable_markup(payload):
    html = render_markdown(payload)
    assert_inert(html)
    assert "<script" not in html.lower()


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_fields_are_sanitised_on_the_public_pages(db, coordinator, surface, payload):
    urls = SURFACES[surface](coordinator, payload, "Titel")
    for url in urls:
        response = Client().get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode())


@pytest.mark.parametrize("surface", SURFACES)
def test_plain_text_fields_are_escaped_on_the_public_pages(db, coordinator, surface):
    urls = SURFACES[surface](coordinator, "Almindelig **tekst**.", PLAIN)
    for url in urls:
        html = Client().get(url).content.decode()
        assert_inert(html)
        assert PLAIN_ESCAPED in html, url
        assert "<script>alert" not in html


def test_the_check_finds_executable_markup():
    """The checker itself: each of these must be reported."""
    for html in [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href=" java\tscript:alert(1)">x</a>',
        '<a href="data:text/html,x">x</a>',
        '<svg><a xlink:href="javascript:alert(1)">x</a></svg>',
        '<p style="color:red">x</p>',
        "<iframe></iframe>",
        '<meta http-equiv="Refresh" content="0">',
    ]:
        check = InertCheck()
        check.feed(html)
        assert check.problems, html
