"""Pages: everybody reads, only coordinators manage (each write page refused for the other
personas), form errors keep the input, and the exports parse back."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from smartby.conftest import assert_refused
from smartby.costs.models import BudgetYear, Collaboration
from smartby.costs.tests.helpers import make_budget_year, make_scenario, year_data

pytestmark = pytest.mark.django_db


def test_public_pages(client) -> None:
    by = make_budget_year()
    scenario = make_scenario(by)
    c = by.collaboration
    assert "GovTech Midtjylland" in client.get(reverse("costs:collaboration_list")).content.decode()
    page = client.get(c.get_absolute_url()).content.decode()
    assert "Fordeling 2026" in page and "496.020" in page
    page = client.get(by.get_absolute_url()).content.decode()
    assert "<caption" in page and "800.000" in page
    assert "Nyt scenarie" not in page  # readers see no management links
    page = client.get(scenario.get_absolute_url()).content.decode()
    assert 'id="comparison-table"' in page
    assert "−13.832" in page and "−2,8 %" in page  # Aarhus, difference in kroner and percent
    # Unknown or junk scenario: the page without comparison.
    for junk in ("999999", "abc", "1" * 30):
        response = client.get(by.get_absolute_url(), {"scenarie": junk})
        assert response.status_code == 200 and "comparison-table" not in response.content.decode()
    assert (
        client.get(reverse("costs:collaboration_detail", args=["findes-ikke"])).status_code == 404
    )
    assert client.get(reverse("costs:budget_year", args=[c.slug, 1999])).status_code == 404


def test_exports(client) -> None:
    by = make_budget_year()
    scenario = make_scenario(by)
    args = [by.collaboration.slug, by.year]
    response = client.get(reverse("costs:export_csv", args=args), {"scenarie": scenario.pk})
    assert response["Content-Disposition"].endswith('.csv"')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1] == ["Aarhus", "367000", "50000", "446020", "496020"]
    assert rows[5] == ["I alt", "493700", "200000", "600000", "800000"]
    assert rows[7] == ["navn", "grundlag_kr", "scenarie_kr", "forskel_kr", "forskel_pct"]
    assert rows[8] == ["Aarhus", "496020", "482188", "-13832", "-2.8"]

    response = client.get(reverse("costs:export_xlsx", args=args), {"scenarie": scenario.pk})
    wb = load_workbook(io.BytesIO(response.content))
    values = [row for row in wb["Fordeling"].iter_rows(values_only=True)]
    assert ("Aarhus", 367000, 50000, 446020, 496020) in values
    lemvig = next(r for r in wb["Sammenligning"].iter_rows(values_only=True) if r[0] == "Lemvig")
    assert lemvig[1] == 0 and lemvig[2] == lemvig[3] > 0 and lemvig[4] is None

    response = client.get(reverse("costs:export_pdf", args=args))
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Udgiftsfordeling Fælles IoT-sekretariat 2026" in text
    assert "Til fordeling: 800.000 kr." in text and "496.020" in text
    assert "Sammenligning" not in text


WRITE_PAGES = [
    "costs:collaboration_create",
    "costs:collaboration_edit",
    "costs:collaboration_delete",
    "costs:member_create",
    "costs:budget_year_create",
    "costs:budget_year_edit",
    "costs:budget_year_delete",
    "costs:scenario_create",
]


@pytest.mark.parametrize("persona", ["anonymous", "editor_a", "editor_b"])
def test_write_pages_are_refused(as_persona, persona) -> None:
    by = make_budget_year()
    slug, year = by.collaboration.slug, by.year
    client = as_persona(persona)
    for name in WRITE_PAGES:
        args = [] if name == "costs:collaboration_create" else [slug]
        if (
            name.startswith(("costs:budget_year_", "costs:scenario"))
            and name != "costs:budget_year_create"
        ):
            args.append(year)
        url = reverse(name, args=args)
        assert_refused(persona, client.get(url))
        assert_refused(persona, client.post(url, year_data(by.collaboration, name="X")))
    assert BudgetYear.objects.filter(collaboration=by.collaboration).count() == 1
    assert Collaboration.objects.filter(name="X").count() == 0


def test_coordinator_manages(client_coordinator) -> None:
    response = client_coordinator.post(
        reverse("costs:collaboration_create"), {"name": "Klimakoordinator Midt", "description": ""}
    )
    c = Collaboration.objects.get(name="Klimakoordinator Midt")
    assert response["Location"] == c.get_absolute_url()
    member_url = reverse("costs:member_create", args=[c.slug])
    response = client_coordinator.post(
        member_url, {"kind": "anden", "name": "Erhvervshuset", "population": ""}
    )
    assert response.status_code == 302
    member = c.members.get()
    # A bad budget year: errors shown (400) with the input kept.
    url = reverse("costs:budget_year_create", args=[c.slug])
    response = client_coordinator.post(
        url,
        {
            "year": "2026",
            "budget": "2,5 mio",
            "equal_percent": "25",
            "contributions": "Regionen=fem",
            "members": [str(member.pk)],
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Skriv et helt antal kroner" in page and "2,5 mio" in page and "Regionen=fem" in page
    assert "Intet befolkningstal for Erhvervshuset" in page
    response = client_coordinator.post(
        url,
        {
            "year": "2026",
            "budget": "100000",
            "equal_percent": "10",
            "members": [str(member.pk)],
            "populations": "Erhvervshuset=10",
        },
    )
    assert response.status_code == 302
    by = c.budget_years.get()
    assert by.participants.get().population == 10
    page = client_coordinator.get(by.get_absolute_url()).content.decode()
    assert "Nyt scenarie" in page
    # The next year starts as a copy of the latest one.
    page = client_coordinator.get(url).content.decode()
    assert 'value="2027"' in page and 'value="100000"' in page


def test_member_in_use_cannot_be_removed(client_coordinator) -> None:
    by = make_budget_year()
    member = by.participants.first().member
    url = reverse("costs:member_delete", args=[by.collaboration.slug, member.pk])
    response = client_coordinator.post(url, follow=True)
    assert "deltager i et budgetår og kan ikke fjernes" in response.content.decode()
    assert by.collaboration.members.filter(pk=member.pk).exists()


def test_scenario_pages_for_the_coordinator(client_coordinator) -> None:
    by = make_budget_year()
    url = reverse("costs:scenario_create", args=[by.collaboration.slug, by.year])
    page = client_coordinator.get(url).content.decode()
    assert "Udtræder" in page and "Indtræder" in page
    response = client_coordinator.post(
        url,
        {
            "name": "Uden Odder",
            "leaving": [str(by.participants.get(member__name="Odder").member_id)],
        },
    )
    scenario = by.scenarios.get()
    assert response["Location"] == scenario.get_absolute_url()
    edit = reverse("costs:scenario_edit", args=[by.collaboration.slug, by.year, scenario.pk])
    assert 'value="Uden Odder"' in client_coordinator.get(edit).content.decode()
    response = client_coordinator.post(edit, {"name": "Uden Odder", "equal_percent": "200"})
    assert response.status_code == 400
    assert "Den ligelige andel skal være mellem 0 og 100 %." in response.content.decode()
    delete = reverse("costs:scenario_delete", args=[by.collaboration.slug, by.year, scenario.pk])
    assert client_coordinator.post(delete).status_code == 302
    assert not by.scenarios.exists()
