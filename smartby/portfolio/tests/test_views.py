"""Pages: reading for everyone, forms for coordinators and the responsible organisation,
refusals for everyone else, bad input kept with Danish errors, downloads."""

import pytest
from django.urls import reverse

from smartby.conftest import assert_refused
from smartby.portfolio.models import Initiative, Measurement, StatusReport, Strategy
from smartby.portfolio.tests.helpers import (
    add_status,
    initiative_data,
    make_goal,
    make_initiative,
    reference_strategy,
    smart_city,
    status_data,
    strategy_data,
)

pytestmark = pytest.mark.django_db


def _detail(initiative: Initiative) -> str:
    return initiative.get_absolute_url()


def _url(name: str, initiative: Initiative, *extra) -> str:
    return reverse(
        f"portfolio:{name}", args=[initiative.focus_area.strategy.slug, initiative.number, *extra]
    )


def test_anyone_reads_the_list_strategy_and_initiative(client, coordinator):
    add_status(coordinator, smart_city(), period="2020 K4", time="gul")
    response = client.get(reverse("portfolio:strategy_list"))
    assert response.status_code == 200
    assert "Den fællesoffentlige digitaliseringsstrategi 2016-2020" in response.text
    assert "33 initiativer" in response.text

    response = client.get(reference_strategy().get_absolute_url())
    assert response.status_code == 200
    assert "5.2 Smart City-partnerskab" in response.text
    assert 'class="light light-gul"' in response.text
    assert "Ingen status endnu" in response.text
    assert "Nyt initiativ" not in response.text

    response = client.get(_detail(smart_city()))
    assert response.status_code == 200
    for text in [
        "Tabel 1: Stamdata for initiativ 5.2",
        "Camilla Hjermind",
        "4.000.000 kr.",
        "Effektmål 4: Kommuner udbygger",
        "2020 K4",
        "Ingen målinger endnu.",
    ]:
        assert text in response.text
    assert "Ny status" not in response.text


def test_unknown_pages_are_404(client):
    assert client.get("/portefoelje/findes-ikke/").status_code == 404
    strategy = reference_strategy()
    assert client.get(f"/portefoelje/{strategy.slug}/initiativer/99.9/").status_code == 404
    assert (
        client.get(f"/portefoelje/{strategy.slug}/initiativer/5.2/statusrapport.pdf").status_code
        == 200
    )


def test_goal_chart_and_table(client, coordinator):
    initiative = make_initiative(coordinator)
    goal = make_goal(coordinator, initiative)
    from smartby.portfolio import operations

    operations.add_measurement(coordinator, goal, {"date": "2023-01-01", "value": "20"})
    operations.add_measurement(coordinator, goal, {"date": "2024-01-01", "value": "35.5"})
    response = client.get(_detail(initiative))
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in response.text
    assert "Seneste måling 01.01.2024: 35,50 kommuner. Målet er 50." in response.text
    assert "<caption" in response.text and "Målinger for effektmål 1" in response.text


@pytest.mark.parametrize("persona", ["anonymous", "editor_a", "editor_b"])
def test_non_coordinators_cannot_manage(persona, as_persona, client, coordinator):
    browser = client if persona == "anonymous" else as_persona(persona)
    strategy = reference_strategy()
    initiative = smart_city()
    posts = [
        (reverse("portfolio:strategy_create"), strategy_data()),
        (reverse("portfolio:strategy_edit", args=[strategy.slug]), strategy_data()),
        (reverse("portfolio:focus_area_create", args=[strategy.slug]), {"number": "10"}),
        (reverse("portfolio:initiative_create", args=[strategy.slug]), {}),
        (_url("initiative_edit", initiative), initiative_data(strategy)),
        (_url("goal_create", initiative), {}),
        (_url("status_create", initiative), status_data()),
    ]
    for url, data in posts:
        assert_refused(persona, browser.post(url, data))
    assert Strategy.objects.count() == 1
    assert not StatusReport.objects.exists()


def test_coordinator_creates_strategy_and_initiative(client_coordinator):
    response = client_coordinator.post(reverse("portfolio:strategy_create"), strategy_data())
    strategy = Strategy.objects.get(period="2022-2025")
    assert response.status_code == 302 and response["Location"] == strategy.get_absolute_url()
    response = client_coordinator.get(reverse("portfolio:initiative_create", args=[strategy.slug]))
    assert response["Location"].endswith("/fokusomraader/ny/")
    client_coordinator.post(
        reverse("portfolio:focus_area_create", args=[strategy.slug]),
        {"number": "1", "title": "Data i byen"},
    )
    response = client_coordinator.post(
        reverse("portfolio:initiative_create", args=[strategy.slug]), initiative_data(strategy)
    )
    initiative = Initiative.objects.get(focus_area__strategy=strategy)
    assert response["Location"] == initiative.get_absolute_url()


def test_bad_input_is_kept_with_danish_errors(client_coordinator):
    initiative = smart_city()
    response = client_coordinator.post(
        _url("status_create", initiative),
        status_data(time="lilla", comment="Min kommentar bevares", report_date="i går"),
    )
    assert response.status_code == 400
    assert "Vælg grøn, gul eller rød." in response.text
    assert "Skriv datoen som åååå-mm-dd." in response.text
    assert "Min kommentar bevares" in response.text
    assert 'id="error-summary"' in response.text
    assert not StatusReport.objects.exists()

    response = client_coordinator.post(
        _url("initiative_edit", initiative),
        initiative_data(initiative.focus_area.strategy, number="5.2", budget_dkk="fire mio"),
    )
    assert response.status_code == 400
    assert "Skriv budgettet som et helt antal kroner." in response.text
    assert "fire mio" in response.text


def test_responsible_organisation_member_adds_status_and_measurement(
    client_a, client_b, coordinator, org_a
):
    initiative = make_initiative(coordinator, responsible_organisation=str(org_a.pk))
    goal = make_goal(coordinator, initiative)
    page = client_a.get(_detail(initiative)).text
    assert "Ny status" in page and "Redigér stamdata" not in page
    response = client_a.post(_url("status_create", initiative), status_data())
    assert response.status_code == 302
    response = client_a.post(
        _url("measurement_create", initiative, goal.pk), {"date": "2024-01-01", "value": "12"}
    )
    assert response.status_code == 302
    assert client_b.post(_url("status_create", initiative), status_data()).status_code == 403
    assert (
        client_b.post(
            _url("measurement_create", initiative, goal.pk), {"date": "2024-02-01", "value": "1"}
        ).status_code
        == 403
    )
    assert StatusReport.objects.filter(initiative=initiative).count() == 1
    assert Measurement.objects.filter(goal=goal).count() == 1


def test_downloads(client):
    initiative = smart_city()
    pdf = client.get(_url("initiative_pdf", initiative))
    assert pdf["Content-Type"] == "application/pdf"
    assert 'filename="statusrapport-initiativ-5-2.pdf"' in pdf["Content-Disposition"]
    assert pdf.content.startswith(b"%PDF")
    word = client.get(_url("initiative_docx", initiative))
    assert word.content.startswith(b"PK")
    overview = client.get(reverse("portfolio:overview_pdf", args=[reference_strategy().slug]))
    assert overview.content.startswith(b"%PDF")
