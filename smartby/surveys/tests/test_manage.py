"""Round management (operations.py) and the management pages (views_manage.py), per persona."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from smartby.audit.models import AuditEntry
from smartby.conftest import assert_refused
from smartby.geo.models import Municipality
from smartby.lib.errors import ValidationFailed
from smartby.surveys import operations
from smartby.surveys.models import Question, Response, ResponseStatus, Round, Survey

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)


def round_data(**overrides):
    today = timezone.localdate()
    return {
        "name": "Smart city-undersøgelsen 2027",
        "opens_on": (today - datetime.timedelta(days=1)).isoformat(),
        "closes_on": (today + datetime.timedelta(days=30)).isoformat(),
    } | overrides


@pytest.fixture
def survey() -> Survey:
    return Survey.objects.get(key="cedi-2014")


def test_create_round_defaults_to_all_98_municipalities(coordinator, survey):
    round_ = operations.create_round(coordinator, survey, round_data())
    assert round_.key == "smart-city-undersoegelsen-2027"
    assert round_.population.count() == 98
    assert round_.version == survey.latest_version()
    assert round_.created_by == coordinator and not round_.is_baseline
    assert round_.status == "open"
    entry = AuditEntry.objects.get(object_type="surveys.round", object_id=str(round_.pk))
    assert entry.action == "create" and entry.changes["name"]["new"] == round_.name
    again = operations.create_round(coordinator, survey, round_data())
    assert again.key == "smart-city-undersoegelsen-2027-2"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"opens_on": "2026-13-01"}, "opens_on"),
        ({"opens_on": "2026-05-01", "closes_on": "2026-05-01"}, "closes_on"),
        ({"opens_on": "2026-05-02", "closes_on": "2026-05-01"}, "closes_on"),
        ({"population": []}, "population"),
        ({"population": ["999"]}, "population"),
    ],
)
def test_create_round_validation(coordinator, survey, data, field):
    with pytest.raises(ValidationFailed) as exc:
        operations.create_round(coordinator, survey, round_data(**data))
    assert field in [e["field"] for e in exc.value.errors]
    assert not Round.objects.filter(is_baseline=False).exists()


@pytest.mark.parametrize("persona", ["editor_a", "editor_b"])
def test_editors_cannot_manage_rounds(request, survey, coordinator, persona):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        operations.create_round(user, survey, round_data())
    round_ = operations.create_round(coordinator, survey, round_data())
    with pytest.raises(PermissionDenied):
        operations.update_round(user, round_, {"name": "Andet navn"})
    with pytest.raises(PermissionDenied):
        operations.close_round(user, round_)


def test_update_round_and_population_rules(coordinator, survey):
    round_ = operations.create_round(
        coordinator, survey, round_data(population=["751", "461", "101"])
    )
    Response.objects.create(
        round=round_, municipality=Municipality.objects.get(code="751"), answers={}
    )
    with pytest.raises(ValidationFailed) as exc:
        operations.update_round(coordinator, round_, {"population": ["461"]})
    assert "Aarhus" in exc.value.errors[0]["message"]
    updated = operations.update_round(
        coordinator, round_, {"name": "Nyt navn", "population": ["751", "461"]}
    )
    assert updated.name == "Nyt navn" and updated.key == round_.key
    assert sorted(updated.population.values_list("code", flat=True)) == ["461", "751"]
    entry = AuditEntry.objects.filter(object_type="surveys.round", action="update").get()
    assert set(entry.changes) == {"name", "population"}


def test_close_round(coordinator, survey):
    round_ = operations.create_round(coordinator, survey, round_data())
    closed = operations.close_round(coordinator, round_)
    assert closed.status == "closed" and closed.closed_at is not None
    with pytest.raises(ValidationFailed):
        operations.close_round(coordinator, closed)
    assert AuditEntry.objects.filter(object_type="surveys.round", action="close").count() == 1


def test_baseline_round_cannot_be_changed(coordinator):
    baseline = Round.objects.get(key="cedi-2014-baseline")
    with pytest.raises(ValidationFailed):
        operations.update_round(coordinator, baseline, {"name": "x"})
    with pytest.raises(ValidationFailed):
        operations.close_round(coordinator, baseline)


# --- views ------------------------------------------------------------------------------------


def test_public_pages(client):
    index = client.get("/undersoegelser/")
    assert index.status_code == 200
    assert "Smart City i de danske kommuner 2013–14 (baseline)" in index.text
    survey = client.get("/undersoegelser/skemaer/cedi-2014/")
    assert survey.status_code == 200
    assert "Har din kommune igangsat initiativer i relation til Smart City?" in survey.text
    assert "Bredbåndsinfrastruktur" in survey.text
    assert "Redigér spørgsmålet" not in survey.text and "Ny runde" not in survey.text
    assert client.get("/undersoegelser/skemaer/cedi-2014/version/1/").status_code == 200
    baseline = client.get("/undersoegelser/runder/cedi-2014-baseline/")
    assert baseline.status_code == 200 and "Offentliggjorte tal" in baseline.text
    assert "Redigér runden" not in baseline.text


def test_unknown_pages_are_404(client):
    assert client.get("/undersoegelser/skemaer/findes-ikke/").status_code == 404
    assert client.get("/undersoegelser/skemaer/cedi-2014/version/9/").status_code == 404
    assert client.get("/undersoegelser/runder/findes-ikke/").status_code == 404


def test_coordinator_creates_a_round_on_the_web(client_coordinator):
    page = client_coordinator.get("/undersoegelser/skemaer/cedi-2014/ny-runde/")
    assert page.status_code == 200 and 'name="population"' in page.text
    codes = list(Municipality.objects.values_list("code", flat=True))
    bad = client_coordinator.post(
        "/undersoegelser/skemaer/cedi-2014/ny-runde/",
        {
            "name": "Runde X",
            "opens_on": "2026-05-02",
            "closes_on": "2026-05-01",
            "population": codes,
        },
    )
    assert bad.status_code == 400
    assert "Lukkedatoen skal ligge efter åbningsdatoen." in bad.text
    assert 'value="Runde X"' in bad.text  # the input is kept
    ok = client_coordinator.post(
        "/undersoegelser/skemaer/cedi-2014/ny-runde/",
        {
            "name": "Runde X",
            "opens_on": "2026-05-01",
            "closes_on": "2026-06-01",
            "population": codes,
        },
    )
    assert ok.status_code == 302 and ok["Location"] == "/undersoegelser/runder/runde-x/"
    detail = client_coordinator.get("/undersoegelser/runder/runde-x/")
    assert "Redigér runden" in detail.text and "/runder/runde-x/status/" in detail.text


def test_coordinator_edits_and_closes_a_round(client_coordinator, coordinator, survey):
    round_ = operations.create_round(coordinator, survey, round_data())
    url = f"/undersoegelser/runder/{round_.key}/"
    assert client_coordinator.get(url + "rediger/").status_code == 200
    data = operations.round_initial(round_) | {"name": ""}
    assert client_coordinator.post(url + "rediger/", data).status_code == 400
    data["name"] = "Omdøbt"
    assert client_coordinator.post(url + "rediger/", data).status_code == 302
    assert Round.objects.get(pk=round_.pk).name == "Omdøbt"
    assert client_coordinator.get(url + "luk/").status_code == 200
    assert client_coordinator.post(url + "luk/").status_code == 302
    assert Round.objects.get(pk=round_.pk).status == "closed"
    assert client_coordinator.post(url + "luk/").status_code == 400


def test_coordinator_edits_a_question(client_coordinator):
    question = Question.objects.get(version__survey__key="cedi-2014", key="political_anchoring")
    url = f"/undersoegelser/skemaer/cedi-2014/spoergsmaal/{question.pk}/"
    page = client_coordinator.get(url)
    assert page.status_code == 200 and "very_high | Meget høj politisk forankring" in page.text
    bad = client_coordinator.post(url, {"text": "Ny tekst", "options": "a | A\na | B"})
    assert bad.status_code == 400 and "findes to gange" in bad.text
    ok = client_coordinator.post(
        url, {"text": "Ny tekst", "options": "high | Høj\nlow | Lav", "required": "on"}
    )
    assert ok.status_code == 302
    question.refresh_from_db()
    assert question.text == "Ny tekst" and question.required
    assert [o["key"] for o in question.options] == ["high", "low"]


@pytest.mark.parametrize("persona", ["anonymous", "editor_a", "editor_b"])
def test_management_pages_refuse_others(as_persona, coordinator, survey, persona):
    round_ = operations.create_round(coordinator, survey, round_data())
    question = Question.objects.get(version__survey__key="cedi-2014", key="comments")
    client = as_persona(persona)
    urls = [
        "/undersoegelser/skemaer/cedi-2014/ny-runde/",
        f"/undersoegelser/runder/{round_.key}/rediger/",
        f"/undersoegelser/runder/{round_.key}/luk/",
        f"/undersoegelser/skemaer/cedi-2014/spoergsmaal/{question.pk}/",
    ]
    for url in urls:
        assert_refused(persona, client.get(url))
        assert_refused(persona, client.post(url, round_data()))
    round_.refresh_from_db()
    assert round_.closed_at is None and round_.name == round_data()["name"]
    assert Round.objects.filter(is_baseline=False).count() == 1


def test_baseline_round_has_no_edit_page(client_coordinator):
    assert (
        client_coordinator.get("/undersoegelser/runder/cedi-2014-baseline/rediger/").status_code
        == 403
    )


def test_round_list_counts_submitted_responses(client, coordinator, survey):
    round_ = operations.create_round(coordinator, survey, round_data())
    Response.objects.create(
        round=round_,
        municipality=Municipality.objects.get(code="751"),
        status=ResponseStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    Response.objects.create(round=round_, municipality=Municipality.objects.get(code="461"))
    page = client.get("/undersoegelser/")
    assert "1 / 98" in page.text


def test_moving_the_closing_date_moves_the_links_expiry(coordinator, survey):
    from smartby.surveys.models import Invitation
    from smartby.surveys.tests.answer_helpers import issue_link

    round_ = operations.create_round(coordinator, survey, round_data())
    issue_link(round_)
    later = round_.closes_on + datetime.timedelta(days=14)
    updated = operations.update_round(coordinator, round_, {"closes_on": later.isoformat()})
    invitation = Invitation.objects.get(round=round_)
    assert invitation.expires_at == updated.closes_at()
    assert timezone.localtime(invitation.expires_at).date() >= later
