"""The Atom feed at /feeds/projekter.atom and its autodiscovery links."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from smartby.registry.models import Project
from smartby.subscriptions import feeds
from smartby.subscriptions.tests.helpers import project

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
FEED = "/feeds/projekter.atom"
DAY = dt.timedelta(days=1)


def parse(client, query: str = "") -> ET.Element:
    response = client.get(FEED + query)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert response["Cache-Control"] == "public, max-age=300"
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    assert root.tag == f"{ATOM}feed"
    return root


def titles(root: ET.Element) -> list[str]:
    return [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")]


@pytest.fixture
def projects():
    return {
        "affald": project("Affaldssensorer på havnen", created=3 * DAY, updated=DAY),
        "droner": project(
            "Droner over Odense",
            technologies=("Droner",),
            area_name="Teknik og miljø",
            municipalities=("461",),
            created=2 * DAY,
        ),
        "gammel": project("Gammelt sensorprojekt", created=300 * DAY),
    }


def test_feed_is_valid_atom_newest_first(client, projects):
    root = parse(client)
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "da"
    assert root.findtext(f"{ATOM}title") == "Smartby: nye og opdaterede projekter"
    assert root.findtext(f"{ATOM}id").startswith("tag:127.0.0.1,")
    self_link = root.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href") == "http://testserver/feeds/projekter.atom"
    alternate = root.find(f"{ATOM}link[@rel='alternate']")
    assert alternate.get("href") == "http://testserver/projekter/"
    assert titles(root) == [
        "Affaldssensorer på havnen",
        "Droner over Odense",
        "Gammelt sensorprojekt",
    ]

    affald = projects["affald"]
    [entry] = [
        e for e in root.findall(f"{ATOM}entry") if e.findtext(f"{ATOM}title") == affald.title
    ]
    created = timezone.localtime(affald.created_at).date().isoformat()
    assert entry.findtext(f"{ATOM}id") == f"tag:127.0.0.1,{created}:projekt/{affald.uid}"
    assert entry.find(f"{ATOM}link").get("href") == (
        "http://testserver/projekter/affaldssensorer-paa-havnen/"
    )
    assert entry.findtext(f"{ATOM}summary") == affald.summary
    updated = dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
    assert abs(updated - affald.updated_at) < dt.timedelta(seconds=1)
    published = dt.datetime.fromisoformat(entry.findtext(f"{ATOM}published"))
    assert abs(published - affald.created_at) < dt.timedelta(seconds=1)
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Aarhus Kommune"
    terms = {c.get("term") for c in entry.findall(f"{ATOM}category")}
    assert terms == {"Forsyning", "IoT-sensorer"}
    # The feed's updated is the newest entry's.
    assert root.findtext(f"{ATOM}updated") == entry.findtext(f"{ATOM}updated")


def test_entry_id_is_stable_when_the_slug_changes(client, projects):
    before = parse(client).find(f"{ATOM}entry").findtext(f"{ATOM}id")
    Project.objects.filter(pk=projects["affald"].pk).update(slug="nyt-navn")
    after = parse(client).find(f"{ATOM}entry")
    assert after.findtext(f"{ATOM}id") == before
    assert after.find(f"{ATOM}link").get("href").endswith("/projekter/nyt-navn/")


def test_no_personal_data(client, projects):
    body = client.get(FEED).content.decode()
    for personal in ("Mette", "mette@example.org", "Jens", "jens@example.org", "+45"):
        assert personal not in body


@pytest.mark.parametrize(
    ("query", "expected", "title"),
    [
        ("?technology=droner", ["Droner over Odense"], "Droner"),
        ("?area=forsyning", ["Affaldssensorer på havnen", "Gammelt sensorprojekt"], "Forsyning"),
        ("?municipality=461", ["Droner over Odense"], "Odense"),
        (
            "?region=region-midtjylland",
            ["Affaldssensorer på havnen", "Gammelt sensorprojekt"],
            None,
        ),
        ("?technology=iot-sensorer&municipality=461", [], None),
        ("?technology=findes-ikke", [], None),
        ("?q=droner", ["Droner over Odense"], "“droner”"),
    ],
)
def test_filters_are_honoured(client, projects, query, expected, title):
    root = parse(client, query)
    assert titles(root) == expected
    if title:
        assert root.findtext(f"{ATOM}title").endswith(title)
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver" + FEED + query
    assert root.find(f"{ATOM}link[@rel='alternate']").get("href") == (
        "http://testserver/projekter/" + query
    )


def test_feed_is_capped(client, monkeypatch, projects):
    monkeypatch.setattr(feeds, "FEED_SIZE", 2)
    assert len(titles(parse(client))) == 2


def test_constant_query_count(client, django_assert_num_queries):
    for n in range(3):
        project(f"Sensorprojekt {n}", technologies=("IoT-sensorer", "Droner"))
    # Projects (with area and lead organisation) + their technologies; the title's names.
    with django_assert_num_queries(2):
        parse(client)
    with django_assert_num_queries(4):
        parse(client, "?technology=droner&area=forsyning")
    for n in range(3, 12):
        project(f"Sensorprojekt {n}", technologies=("IoT-sensorer", "Droner"))
    with django_assert_num_queries(4):
        root = parse(client, "?technology=droner&area=forsyning")
    assert len(titles(root)) == 12


def test_autodiscovery_links(client):
    html = client.get("/projekter/?technology=droner").content.decode()
    head = html[: html.index("</head>")]
    assert (
        '<link rel="alternate" type="application/atom+xml" '
        'title="Smartby: nye og opdaterede projekter (Atom)" '
        'href="/feeds/projekter.atom?technology=droner">'
    ) in head
    head = client.get("/kommuner/751/").content.decode().split("</head>")[0]
    assert 'type="application/atom+xml"' in head
    assert 'href="/feeds/projekter.atom?municipality=751"' in head
