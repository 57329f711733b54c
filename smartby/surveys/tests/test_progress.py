"""The coordinator's progress page: statuses, counts, filters, the map's data, permissions."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from smartby.conftest import PERSONAS, assert_refused
from smartby.surveys import answering
from smartby.surveys.models import Invitation, Round
from smartby.surveys.tests.answer_helpers import COMPLETE, issue_link, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def round() -> Round:
    """Aarhus submitted, Odense has a draft, København invited, Vejle has an address only,
    Esbjerg nothing."""
    round = make_round(codes=("751", "461", "101", "630", "561"))
    answering.submit(issue_link(round, "751"), COMPLETE)
    answering.save_draft(issue_link(round, "461"), {"smart_city": "none"})
    issue_link(round, "101")
    issue_link(round, "630")
    Invitation.objects.filter(municipality__code="630").update(sent_at=None)
    return round


def page(round: Round, query: str = "") -> str:
    return reverse("surveys:progress", args=[round.key]) + query


def test_statuses_and_counts(round):
    rows = {r.municipality.code: r.status for r in answering.progress(round)}
    assert rows == {
        "751": "submitted",
        "461": "draft",
        "101": "invited",
        "630": "not_invited",
        "561": "not_invited",
    }
    assert answering.progress_counts(answering.progress(round)) == {
        "not_invited": 2,
        "invited": 1,
        "draft": 1,
        "submitted": 1,
    }


def test_progress_page_shows_map_data_table_and_actions(client_coordinator, round):
    response = client_coordinator.get(page(round))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>1</strong> indsendt" in html
    assert "<strong>2</strong> ikke inviteret" in html
    assert reverse("registry:map_geojson") in html
    statuses = json.loads(
        re.search(r'data-statuses="([^"]*)"', html).group(1).replace("&quot;", '"')
    )
    assert statuses["751"] == "submitted" and statuses["561"] == "not_invited"
    assert "<caption" in html and '<th scope="col">Status</th>' in html
    assert "5 kommuner vist" in html
    assert "Send invitationer" in html and "Send påmindelser nu" in html
    assert "1 kommune mangler en adresse" in html
    assert "1 invitation er klar til at blive sendt" in html


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("?status=draft", ["Odense"]),
        ("?status=not_invited", ["Esbjerg", "Vejle"]),
        ("?region=region-hovedstaden", ["København"]),
        ("?q=aar", ["Aarhus"]),
        ("?status=submitted&region=region-syddanmark", []),
        ("?status=junk", ["Aarhus", "Esbjerg", "København", "Odense", "Vejle"]),
    ],
)
def test_filters(client_coordinator, round, query, shown):
    html = client_coordinator.get(page(round, query)).content.decode()
    names = re.findall(r'<th scope="row">([^<]+)</th>', html)
    assert names == shown
    if not shown:
        assert "Ingen kommuner passer til filtrene." in html


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_coordinators_see_and_act(as_persona, persona, round):
    client = as_persona(persona)
    responses = [
        client.get(page(round)),
        client.post(reverse("surveys:progress_invite", args=[round.key])),
        client.post(reverse("surveys:progress_remind", args=[round.key])),
        client.get(reverse("surveys:progress_addresses", args=[round.key])),
    ]
    if persona in ("coordinator", "superuser"):
        assert [r.status_code for r in responses] == [200, 302, 302, 200]
    else:
        for response in responses:
            assert_refused(persona, response)


def test_unknown_round_is_404(client_coordinator):
    assert client_coordinator.get("/undersoegelser/runder/findes-ikke/status/").status_code == 404


def test_closed_round_offers_no_sending(client_coordinator, round):
    Round.objects.filter(pk=round.pk).update(closed_at=timezone.now())
    html = client_coordinator.get(page(round)).content.decode()
    assert "Send invitationer" not in html
    response = client_coordinator.post(
        reverse("surveys:progress_invite", args=[round.key]), follow=True
    )
    assert "Runden er lukket" in response.content.decode()


def test_progress_runs_a_fixed_number_of_queries(
    client_coordinator, round, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        client_coordinator.get(page(round))


def test_address_form_suggests_earlier_and_registered_addresses(client_coordinator, editor_a):
    """This round's address first, then the one an earlier round's invitation went to, then a
    registered user of the municipality's organisation; nothing is saved by showing them."""
    from smartby.accounts.models import Membership
    from smartby.geo.models import Municipality
    from smartby.orgs.models import Organisation

    earlier = make_round(key="runde-2025", codes=("751", "461", "101"))
    issue_link(earlier, "461", email="digitalisering@odense.example.org")
    issue_link(earlier, "751", email="gammel@aarhus.example.org")
    odense_org = Organisation.objects.get(municipality__code="461")
    Membership.objects.create(user=editor_a, organisation=odense_org)
    vejle_org = Organisation.objects.get(municipality__code="630")
    Membership.objects.create(user=editor_a, organisation=vejle_org)
    current = make_round(earlier.version, key="runde-2026", codes=("751", "461", "630", "561"))
    issue_link(current, "751", email="ny@aarhus.example.org")

    suggested = answering.suggested_addresses(current)
    field = {
        code: answering.address_field(Municipality.objects.get(code=code))
        for code in ("751", "461", "630", "561")
    }
    assert suggested[field["751"]] == "ny@aarhus.example.org"  # this round's own
    assert suggested[field["461"]] == "digitalisering@odense.example.org"  # earlier round
    assert suggested[field["630"]] == editor_a.email  # a registered user
    assert field["561"] not in suggested  # nothing known: left empty
    html = client_coordinator.get(
        reverse("surveys:progress_addresses", args=[current.key])
    ).content.decode()
    assert 'value="digitalisering@odense.example.org"' in html
    assert Invitation.objects.filter(round=current).count() == 1  # nothing saved by showing
