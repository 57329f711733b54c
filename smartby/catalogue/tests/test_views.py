"""Pages: lists, facets, detail with the municipalities that use a solution, comparison."""

import re

import pytest
from django.urls import reverse

from smartby.catalogue.tests.helpers import make_solution

pytestmark = pytest.mark.django_db


def test_solution_list_facets_and_empty_state(client, catalogue):
    page = client.get("/markedsoverblik/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "3 løsninger" in html
    assert "Sammenlign valgte" in html
    assert 'name="l" value="fyldningssensor"' in html
    response = client.get("/markedsoverblik/", {"hosting": "uden-for-eu"})
    html = response.content.decode()
    assert "1 løsning" in html and "Lysstyring" in html and "Indeklimasensor" not in html
    response = client.get("/markedsoverblik/", {"standard": "ngsi-ld", "category": "sensorer"})
    assert "Indeklimasensor" in response.content.decode()
    assert "1 løsning" in response.content.decode()
    response = client.get("/markedsoverblik/", {"technology": "droner"})
    assert "Ingen løsninger matcher" in response.content.decode()
    # Junk in the query string is harmless.
    assert client.get("/markedsoverblik/", {"q": "x\x00y", "side": "zz"}).status_code == 200


def test_solution_list_is_paginated(client, coordinator, catalogue):
    for i in range(20):
        make_solution(coordinator, catalogue["other"], name=f"Løsning {i:02d}")
    first = client.get("/markedsoverblik/").content.decode()
    assert "Side 1 af 2" in first
    second = client.get("/markedsoverblik/", {"side": 2}).content.decode()
    assert "Side 2 af 2" in second


def test_solution_detail_shows_municipalities_and_experience(client, catalogue):
    response = client.get(catalogue["sensor"].get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bruges af 2 kommuner:" in html
    assert "Aarhus, Odense" in html
    assert "Husk rådata i kontrakten." in html and "Batterierne holdt kortere" in html
    assert catalogue["aarhus"].get_absolute_url() in html
    assert "<caption>" in html and 'scope="row"' in html
    assert "Redigér" not in html  # anonymous
    empty = client.get(catalogue["light"].get_absolute_url()).content.decode()
    assert "Ingen projekter har endnu registreret" in empty
    assert client.get("/markedsoverblik/loesninger/findes-ikke/").status_code == 404


def test_compare_two_to_four(client, catalogue):
    url = reverse("catalogue:compare")
    response = client.get(url, {"l": ["fyldningssensor", "indeklimasensor", "lysstyring"]})
    assert response.status_code == 200
    html = response.content.decode()
    table = re.search(r'<table id="comparison">.*?</table>', html, re.S).group(0)
    assert table.count('<th scope="col">') == 4
    assert "3 løsninger side om side" in table
    hosting_row = re.search(r'<th scope="row">Hosting</th>(.*?)</tr>', table, re.S).group(1)
    assert re.findall(r"<td>(.*?)</td>", hosting_row) == [
        "Dansk datacenter",
        "EU/EØS-cloud",
        "Uden for EU/EØS",
    ]
    assert "Aarhus, Odense" in table


@pytest.mark.parametrize(
    ("slugs", "message"),
    [
        ([], "Vælg mindst 2 løsninger"),
        (["fyldningssensor"], "Vælg mindst 2 løsninger"),
        (["fyldningssensor", "fyldningssensor"], "Vælg mindst 2 løsninger"),
        (["fyldningssensor", "findes-ikke"], "Vælg mindst 2 løsninger"),
        (["a", "b", "c", "d", "e"], "Vælg mindst 2 løsninger"),
    ],
)
def test_compare_refuses_too_few(client, catalogue, slugs, message):
    response = client.get("/markedsoverblik/sammenlign/", {"l": slugs})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_compare_refuses_more_than_four(client, coordinator, catalogue):
    make_solution(coordinator, catalogue["other"], name="Femte")
    make_solution(coordinator, catalogue["other"], name="Sjette")
    slugs = ["fyldningssensor", "indeklimasensor", "lysstyring", "femte", "sjette"]
    response = client.get("/markedsoverblik/sammenlign/", {"l": slugs})
    assert response.status_code == 400
    assert "højst sammenligne 4 løsninger" in response.content.decode()


def test_supplier_pages(client, catalogue):
    html = client.get("/markedsoverblik/leverandoerer/").content.decode()
    assert "2 leverandører" in html and "Lysværket A/S (test)" in html
    detail = client.get(catalogue["supplier"].get_absolute_url()).content.decode()
    assert "Fyldningssensor" in detail and "Indeklimasensor" in detail
    assert "salg@sensorvaerket.example.org" in detail
    assert "Foreslå" not in detail


def test_standard_pages(client, catalogue):
    assert reverse("catalogue:standard_list") == "/markedsoverblik/standarder/"
    html = client.get("/markedsoverblik/standarder/").content.decode()
    assert "OS2iot" in html and "DS/ISO 37122" in html and "OASC MIM1" in html
    detail = client.get("/markedsoverblik/standarder/ngsi-ld/").content.decode()
    assert "Indeklimasensor" in detail and "Fyldningssensor" not in detail
    empty = client.get("/markedsoverblik/standarder/oasc-mim6/").content.decode()
    assert "Ingen løsninger i markedsoverblikket angiver" in empty


def test_project_solutions_include(catalogue):
    from django.template import engines

    template = engines["django"].from_string('{% include "catalogue/_project_solutions.html" %}')
    html = template.render({"project": catalogue["aarhus"]})
    assert "Fyldningssensor" in html and "Husk rådata i kontrakten." in html
    html = template.render({"project": catalogue["odense"]})
    assert "Batterierne holdt kortere" in html


def test_coordinator_forms_keep_input_on_errors(client_coordinator, catalogue):
    response = client_coordinator.post(
        "/markedsoverblik/loesninger/ny/",
        {"supplier": catalogue["supplier"].pk, "name": "Ny ting", "category": "rumfart"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Der er 4 fejl i formularen" in html
    assert 'value="Ny ting"' in html
    response = client_coordinator.post(
        "/markedsoverblik/loesninger/ny/",
        {
            "supplier": catalogue["supplier"].pk,
            "name": "Ny ting",
            "category": "andet",
            "description": "Noget nyt.",
            "hosting": "egen-drift",
            "price_model": "andet",
            "standards": ["os2iot"],
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/markedsoverblik/loesninger/ny-ting/"


def test_proposal_queue_shows_current_against_proposed(client, client_coordinator, catalogue):
    client.force_login(catalogue["member"])
    response = client.post(
        catalogue["sensor"].get_absolute_url() + "foreslaa/",
        {
            **{
                k: v
                for k, v in {
                    "name": "Fyldningssensor",
                    "category": "sensorer",
                    "description": "Måler fyldningsgraden i affaldscontainere.",
                    "technologies": ["iot-sensorer", "lorawan"],
                    "areas": ["forsyning"],
                    "standards": ["lorawan", "mqtt", "os2iot"],
                    "open_apis": "REST-API med JSON.",
                    "data_ownership": "Kommunen ejer data og kan hente rådata.",
                    "hosting": "dansk-datacenter",
                    "price_model": "pr-enhed",
                    "price_note": "Nu 700 kr.",
                    "references": "Aarhus Kommune",
                }.items()
            }
        },
    )
    assert response.status_code == 302
    queue = client_coordinator.get("/markedsoverblik/forslag/").content.decode()
    assert "Ændring af løsning: Fyldningssensor" in queue
    proposal = catalogue["sensor"].proposals.get()
    detail = client_coordinator.get(proposal.get_absolute_url()).content.decode()
    assert "ca. 1.000 kr. pr. sensor" in detail and "Nu 700 kr." in detail
    assert "LoRaWAN, MQTT, OS2iot" in detail
    # Rejecting without a reason keeps the proposal pending and says why.
    response = client_coordinator.post(
        f"/markedsoverblik/forslag/{proposal.pk}/behandl/", {"decision": "afvis", "note": ""}
    )
    assert response.status_code == 400
    assert "Skriv en begrundelse" in response.content.decode()
    response = client_coordinator.post(
        f"/markedsoverblik/forslag/{proposal.pk}/behandl/", {"decision": "godkend"}
    )
    assert response.status_code == 302
    catalogue["sensor"].refresh_from_db()
    assert catalogue["sensor"].price_note == "Nu 700 kr."
    # The proposer sees the outcome; outsiders do not see the proposal.
    assert client.get(proposal.get_absolute_url()).status_code == 200
    assert (
        "Ingen forslag afventer"
        in client_coordinator.get("/markedsoverblik/forslag/").content.decode()
    )
