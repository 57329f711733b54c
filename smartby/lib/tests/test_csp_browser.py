"""Browser test in Chromium: the main pages load under the enforced Content-Security-Policy
without a single violation, and their scripts still work (the map draws, the radar highlights)."""

import re

import pytest
from playwright.sync_api import Page, expect

from smartby.radar.tests.helpers import make_edition
from smartby.registry.tests.helpers import make_project
from smartby.surveys.tests.test_results_views import make_closed_round, submitted

pytestmark = pytest.mark.browser

WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


def watch(page: Page) -> list[str]:
    """Collect CSP violations (console messages and securitypolicyviolation events) and JS
    errors of every page the test visits."""
    problems: list[str] = []
    page.add_init_script(WATCH)
    page.on(
        "console",
        lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.on("pageerror", lambda exc: problems.append(f"JS error: {exc}"))
    return problems


def violations(page: Page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")


def test_main_pages_have_no_csp_violations(page: Page, live_server, editor_a):
    project = make_project(editor_a, title="Affaldssensorer i Aarhus", status="pilot")
    make_edition(2031, [("IoT-sensorer", "sensorer", "anvend"), ("AI", "anvendelser", "afproev")])
    round_ = make_closed_round(count=30)
    submitted(round_)
    problems = watch(page)
    response = page.goto(live_server.url + "/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy

    page.goto(live_server.url + "/kort/")
    expect(page.locator("#map path.leaflet-interactive")).to_have_count(98, timeout=15000)
    assert violations(page) == []

    page.goto(live_server.url + "/projekter/")
    expect(page.locator("#results")).to_contain_text("Affaldssensorer")
    page.goto(live_server.url + project.get_absolute_url())
    expect(page.locator("h1")).to_contain_text("Affaldssensorer")
    page.goto(live_server.url + "/soeg/?q=affald")
    expect(page.locator("main")).to_contain_text("Affaldssensorer")
    assert violations(page) == []

    page.goto(live_server.url + "/teknologiradar/")
    expect(page.locator("svg.radar-svg a.radar-blip")).to_have_count(2)
    page.locator("#blip-row-1").hover()
    expect(page.locator("#blip-1")).to_have_class(re.compile("is-highlighted"))
    assert violations(page) == []

    page.goto(live_server.url + "/dk2020/")
    expect(page.locator("#dk2020-map")).to_have_attribute("data-loaded", "98", timeout=15000)
    assert violations(page) == []

    for path in ("/udbud/kravdokument/", "/kompetencetjek/"):
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_be_visible()
        assert violations(page) == [], path

    page.goto(f"{live_server.url}/undersoegelser/runder/{round_.key}/resultater/")
    expect(page.locator("#q-smart_city svg[role=img]")).to_have_count(1)
    assert violations(page) == []
    assert problems == []
    # The watch sees a violation when there is one: an inline style attribute is refused.
    page.evaluate("document.body.setAttribute('style', 'color: red')")
    page.wait_for_function("window.__cspViolations.length > 0")
    assert any("style-src" in v for v in violations(page))
    assert any("Content Security Policy" in p for p in problems)


def test_api_docs_work_under_their_own_policy(page: Page, live_server, db):
    problems = watch(page)
    page.goto(live_server.url + "/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Smartby API", timeout=15000)
    expect(page.locator(".opblock").first).to_be_visible()
    assert violations(page) == []
    assert problems == []
