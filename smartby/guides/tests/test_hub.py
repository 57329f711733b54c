"""/viden/: the knowledge base's front door, and the main menu's "Viden" item."""

import re

import pytest

pytestmark = pytest.mark.django_db


def current_items(html: str) -> list[str]:
    """The main menu's items marked as the current page."""
    menu = html.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a href="[^"]*" aria-current="page">([^<]+)</a>', menu)


def test_hub_links_every_part_with_what_it_holds(client):
    response = client.get("/viden/")
    assert response.status_code == 200
    html = response.content.decode()
    for path in (
        "/markedsoverblik/",
        "/markedsoverblik/standarder/",
        "/teknologiradar/",
        "/use-cases/",
        "/udbud/klausuler/",
        "/vejledninger/",
        "/kompetencetjek/",
        "/iot-kits/",
        "/aarshjul/",
        "/undersoegelser/",
        "/undersoegelser/runder/cedi-2014-baseline/resultater/",  # the newest public results
        "/portefoelje/",
        "/prioritering/",
        "/dk2020/",
        "/udgiftsfordeling/",
    ):
        assert f'href="{path}"' in html, path
    # Reference content from the data migrations is counted (clauses, guides, standards).
    assert re.search(r"\d+ kravtekster", html) and re.search(r"\d+ vejledninger", html)
    assert "Udgave 2026" in html
    assert current_items(html) == ["Viden"]


def test_menu_marks_viden_in_every_knowledge_part_and_nowhere_else(client):
    for path in ("/markedsoverblik/", "/teknologiradar/", "/udbud/klausuler/", "/dk2020/"):
        assert current_items(client.get(path).content.decode()) == ["Viden"], path
    assert current_items(client.get("/projekter/").content.decode()) == ["Projekter"]
    assert "Viden" not in current_items(client.get("/findes-ikke/").content.decode())
