"""Counting page views and search terms: what counts, what is ignored, what is stored."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from smartby.effect.measure import (
    is_bot,
    looks_personal,
    normalise_term,
    record_search,
    section_for_path,
)
from smartby.effect.middleware import PageViewMiddleware
from smartby.effect.models import PageView, SearchTerm
from smartby.registry.tests.helpers import make_project

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Firefox/140.0"


def views() -> dict[str, int]:
    return dict(PageView.objects.values_list("section", "count"))


def searches() -> dict[str, int]:
    return dict(SearchTerm.objects.values_list("term", "count"))


@pytest.mark.parametrize(
    ("path", "section"),
    [
        ("/", "forside"),
        ("/kort/", "kort"),
        ("/kort/projekter.json", "kort"),
        ("/projekter/affald/", "projekter"),
        ("/kommuner/751/", "kommuner"),
        ("/organisationer/aarhus-kommune/", "organisationer"),
        ("/fagkolleger/", "fagkolleger"),
        ("/api/v1/projects", "api"),
        ("/effekt/", "effekt"),
        ("/konto/log-ind/", "konto"),
        ("/konto/api-noegler/", "konto"),
        ("/taksonomier/", "andet"),
        ("/projekterne/", "andet"),
    ],
)
def test_section_from_the_first_url_segment(path, section):
    assert section_for_path(path) == section


@pytest.mark.parametrize(
    ("agent", "bot"),
    [
        (BROWSER, False),
        ("python-requests/2.32", False),  # an API client is a user of the API
        ("", True),
        ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", True),
        ("Mozilla/5.0 (compatible; bingbot/2.0)", True),
        ("Mozilla/5.0 HeadlessChrome/130.0", True),
        ("facebookexternalhit/1.1", True),
        ("Wget/1.21", True),
    ],
)
def test_bot_check(agent, bot):
    assert is_bot(agent) is bot


@pytest.mark.parametrize(
    ("raw", "term"),
    [
        ("  Affald  ", "affald"),
        ("Smart   City\tParkering", "smart city parkering"),
        ('"LoRaWAN"', "lorawan"),
        ("gade\x00lys", "gade lys"),
        ("x" * 150, "x" * 100),
    ],
)
def test_terms_are_normalised(raw, term):
    assert normalise_term(raw) == term


@pytest.mark.parametrize(
    ("term", "personal"),
    [
        ("mette@aarhus.dk", True),
        ("12345678", True),
        ("+45 12 34 56 78", True),
        ("ring 2012-3456", True),
        ("010190-1234", True),
        ("co2 2030", False),
        ("affald", False),
        ("5g", False),
    ],
)
def test_personal_looking_terms(term, personal):
    assert looks_personal(term) is personal


def test_record_search_aggregates_per_day_and_term():
    for raw in ["Affald", "affald ", "AFFALD", "droner"]:
        record_search(raw)
    assert searches() == {"affald": 3, "droner": 1}
    assert set(SearchTerm.objects.values_list("day", flat=True)) == {timezone.localdate()}


def test_record_search_drops_empty_short_and_personal_terms():
    for raw in ["", "   ", "a", "jens@example.org", "+45 12 34 56 78", "12345678"]:
        record_search(raw)
    assert not SearchTerm.objects.exists()


def test_record_search_skips_bots_and_later_result_pages():
    rf = RequestFactory()
    record_search("affald", rf.get("/projekter/", {"q": "affald"}, HTTP_USER_AGENT="Googlebot"))
    record_search("affald", rf.get("/projekter/", {"side": "2"}, HTTP_USER_AGENT=BROWSER))
    record_search("affald", rf.get("/api/v1/projects", {"page": "3"}, HTTP_USER_AGENT=BROWSER))
    assert not SearchTerm.objects.exists()
    record_search("affald", rf.get("/projekter/", {"side": "1"}, HTTP_USER_AGENT=BROWSER))
    assert searches() == {"affald": 1}


def test_page_views_are_counted_per_section_and_day(client):
    for url in ["/", "/", "/projekter/", "/kommuner/", "/effekt/", "/konto/log-ind/"]:
        assert client.get(url, HTTP_USER_AGENT=BROWSER).status_code == 200
    assert views() == {"forside": 2, "projekter": 1, "kommuner": 1, "effekt": 1, "konto": 1}
    assert set(PageView.objects.values_list("day", flat=True)) == {timezone.localdate()}


def test_api_calls_count_as_api_views(client):
    assert client.get("/api/v1/projects", HTTP_USER_AGENT="curl/8.5").status_code == 200
    assert views() == {"api": 1}


@pytest.mark.parametrize(
    ("method", "url", "headers"),
    [
        ("get", "/", {}),  # no user agent
        ("get", "/", {"HTTP_USER_AGENT": "Mozilla/5.0 (compatible; Googlebot/2.1)"}),
        ("get", "/findes-ikke/", {"HTTP_USER_AGENT": BROWSER}),  # 404
        ("get", "/projekter/findes-ikke/", {"HTTP_USER_AGENT": BROWSER}),  # 404
        ("get", "/static/smartby/smartby.css", {"HTTP_USER_AGENT": BROWSER}),
        ("get", "/kort/projekter.json", {"HTTP_USER_AGENT": BROWSER}),  # the map's data feed
        ("get", "/projekter/", {"HTTP_USER_AGENT": BROWSER, "HTTP_HX_REQUEST": "true"}),
        ("post", "/konto/log-ind/", {"HTTP_USER_AGENT": BROWSER}),  # 200, but a POST
        ("head", "/", {"HTTP_USER_AGENT": BROWSER}),
        ("get", "/projekter/ny/", {"HTTP_USER_AGENT": BROWSER}),  # 302 to the login page
    ],
)
def test_what_is_not_a_page_view(client, method, url, headers):
    getattr(client, method)(url, **headers)
    assert not PageView.objects.exists()


def test_static_files_are_never_counted_even_when_served_by_django(settings):
    """Static files are normally answered by WhiteNoise before this middleware; should one
    reach it anyway (e.g. served by a view in development), it is still not a page view."""
    middleware = PageViewMiddleware(
        lambda request: HttpResponse("body {}", content_type="text/html")
    )
    request = RequestFactory().get(settings.STATIC_URL + "smartby/x.css", HTTP_USER_AGENT=BROWSER)
    middleware(request)
    assert not PageView.objects.exists()


def test_the_middleware_sets_no_cookie_and_changes_nothing_in_the_response():
    response = HttpResponse("<p>hej</p>", content_type="text/html")
    middleware = PageViewMiddleware(lambda request: response)
    out = middleware(RequestFactory().get("/", HTTP_USER_AGENT=BROWSER))
    assert out is response
    assert not out.cookies
    assert "Set-Cookie" not in out
    assert views() == {"forside": 1}


def test_searches_are_recorded_from_the_list_the_map_and_the_api(client, editor_a):
    make_project(editor_a)
    ua = {"HTTP_USER_AGENT": BROWSER}
    client.get("/projekter/", {"q": "Affald"}, **ua)
    client.get("/projekter/", {"q": "affald", "side": "2"}, **ua)  # a later page: not again
    client.get("/kort/projekter.json", {"q": "  AFFALD"}, **ua)
    client.get("/kort/kommuner.geojson", {"q": "affald"}, **ua)  # same search as the markers
    client.get("/api/v1/projects", {"q": "sensorer"}, **ua)
    client.get("/projekter/", {"q": "mette@example.org"}, **ua)
    client.get("/projekter/", {"q": "affald"}, HTTP_USER_AGENT="Googlebot/2.1")
    assert searches() == {"affald": 2, "sensorer": 1}


def test_no_personal_data_is_stored(client, client_a, editor_a):
    """The rows hold a day, a section or term and a count – nothing about the visitor."""
    ua = {"HTTP_USER_AGENT": BROWSER, "REMOTE_ADDR": "203.0.113.7"}
    client_a.get("/projekter/", {"q": "parkering"}, **ua)
    client.get("/projekter/", {"q": "anna@aarhus.example.org"}, **ua)
    client.get("/projekter/", {"q": "+45 87 65 43 21"}, **ua)
    assert [f.name for f in PageView._meta.get_fields()] == ["id", "day", "section", "count"]
    assert [f.name for f in SearchTerm._meta.get_fields()] == ["id", "day", "term", "count"]
    stored = repr(list(PageView.objects.values())) + repr(list(SearchTerm.objects.values()))
    for personal in ["203.0.113.7", "anna", "aarhus.example.org", "87 65", "87654321", BROWSER]:
        assert personal not in stored
    assert searches() == {"parkering": 1}
    assert views() == {"projekter": 3}
