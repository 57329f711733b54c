"""Answering through a personal link: link checks, drafts and resuming, skip logic, submission
once (including two at the same time), handover, and the pages' statuses."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from smartby.audit.models import AuditEntry
from smartby.lib.errors import ValidationFailed
from smartby.surveys import answering, links
from smartby.surveys.models import Invitation, Response, ResponseStatus, Round
from smartby.surveys.tests.answer_helpers import (
    COMPLETE,
    form_data,
    issue_link,
    make_round,
    unreachable_smtp,  # noqa: F401 (fixture)
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def round() -> Round:
    return make_round()


@pytest.fixture
def token(round) -> str:
    return issue_link(round, "751")


def url(token: str) -> str:
    return reverse("surveys:answer", args=[token])


def response_of(round: Round, code: str = "751") -> Response | None:
    return Response.objects.filter(round=round, municipality__code=code).first()


# --- links -----------------------------------------------------------------------------------


def test_only_the_hash_of_the_token_is_stored(round, token):
    invitation = Invitation.objects.get(round=round)
    assert token not in invitation.token_hash
    assert invitation.token_hash == links.hash_token(token)
    assert links.parse_token(token) == invitation.pk


@pytest.mark.parametrize(
    "bad", ["", "abc", "1.short", "0." + "a" * 43, "1." + "a" * 42 + "!", "1." + "a" * 100]
)
def test_malformed_tokens_are_not_found(bad):
    with pytest.raises(links.LinkNotFound):
        links.parse_token(bad)


def test_link_opens_the_questionnaire(client, round, token):
    response = client.get(url(token))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Besvarelse for Aarhus" in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"
    # Accessible structure: fieldsets with legends, the matrix as a table of radio groups.
    assert "<legend>Har din kommune igangsat initiativer" in html
    assert '<th scope="col" id="col-a.initiatives.have">Har</th>' in html
    assert '<th scope="row" id="row-a.initiatives.energy">' in html
    assert 'aria-labelledby="row-a.initiatives.energy col-a.initiatives.have"' in html
    assert 'data-condition="{' in html and "&quot;question&quot;: &quot;smart_city&quot;" in html
    assert "Besvares kun, hvis du har svaret" in html


def test_tampered_link_is_404_and_unknown_id_too(client, round, token):
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    for bad in (tampered, "999999." + token.split(".")[1], "x"):
        response = client.get(url(bad))
        assert response.status_code == 404
        assert "Linket er ugyldigt" in response.content.decode()
        response = client.post(url(bad), {"action": "submit", **form_data(COMPLETE)})
        assert response.status_code == 404
    assert response_of(round) is None


def test_expired_link_is_410(client, round, token):
    Invitation.objects.filter(round=round).update(expires_at=timezone.now())
    response = client.get(url(token))
    assert response.status_code == 410
    assert "Linket er udløbet" in response.content.decode()
    assert client.post(url(token), {"action": "draft"}).status_code == 410
    assert response_of(round) is None


def test_round_not_open_yet_is_403(client, round, token):
    today = timezone.localdate()
    Round.objects.filter(pk=round.pk).update(opens_on=today + dt.timedelta(days=2))
    response = client.get(url(token))
    assert response.status_code == 403
    assert "ikke åbnet endnu" in response.content.decode()
    assert client.post(url(token), {"action": "draft"}).status_code == 403
    assert response_of(round) is None


@pytest.mark.parametrize("how", ["date", "closed_early"])
def test_closed_round_is_410_and_stores_nothing(client, round, token, how):
    today = timezone.localdate()
    if how == "date":
        Round.objects.filter(pk=round.pk).update(
            opens_on=today - dt.timedelta(days=10), closes_on=today - dt.timedelta(days=1)
        )
    else:
        Round.objects.filter(pk=round.pk).update(closed_at=timezone.now())
    response = client.get(url(token))
    assert response.status_code == 410
    assert "Undersøgelsen er lukket" in response.content.decode()
    response = client.post(url(token), {"action": "submit", **form_data(COMPLETE)})
    assert response.status_code == 410
    assert response_of(round) is None


def test_a_baseline_round_has_no_answer_links(client, round, token):
    Round.objects.filter(pk=round.pk).update(is_baseline=True)
    assert client.get(url(token)).status_code == 404


def test_unknown_action_is_400(client, token):
    assert client.post(url(token), {"action": "delete"}).status_code == 400


# --- drafts and resuming ---------------------------------------------------------------------


def test_draft_is_saved_and_resumed_via_the_same_link(client, round, token):
    data = {"action": "draft", **form_data({"smart_city": "activities", "employees": "12,5"})}
    data["a.initiatives.energy"] = "have"
    response = client.post(url(token), data)
    assert response.status_code == 302
    assert response["Location"] == url(token)
    saved = response_of(round)
    assert saved.status == ResponseStatus.DRAFT
    assert saved.answers == {
        "smart_city": "activities",
        "employees": 12.5,
        "initiatives": {"energy": "have"},
    }
    assert saved.submitted_at is None
    # Resume: the same link shows what was saved.
    html = client.get(url(token)).content.decode()
    assert "Kladden er gemt" in html
    assert 'id="a.smart_city.activities" value="activities" checked' in html
    assert 'id="a.initiatives.energy.have" value="have" aria-labelledby' in html
    assert 'value="12,5"' in html
    assert Invitation.objects.get(round=round).last_used_at is not None
    entry = AuditEntry.objects.get(action="survey.draft_saved")
    assert entry.source == "link" and entry.actor is None
    assert entry.changes["smart_city"] == {"old": None, "new": "activities"}


def test_draft_with_an_invalid_value_stores_nothing_and_keeps_the_input(client, round, token):
    answering.save_draft(token, {"smart_city": "none"})
    data = {"action": "draft", **form_data({"smart_city": "planning", "comment": "Godt"})}
    data["a.employees"] = "mange"
    response = client.post(url(token), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Angiv et tal." in html
    assert 'href="#q-employees"' in html
    assert 'value="mange"' in html
    assert 'id="a.smart_city.planning" value="planning" checked' in html
    assert ">Godt</textarea>" in html
    assert response_of(round).answers == {"smart_city": "none"}


def test_unknown_option_from_a_tampered_form_is_refused(client, round, token):
    data = {"action": "draft", "a.smart_city": "hacked", "a.initiatives.energy": "maybe"}
    response = client.post(url(token), data)
    assert response.status_code == 400
    assert "Vælg en af svarmulighederne." in response.content.decode()
    assert response_of(round) is None


def test_logged_in_user_is_recorded_as_updated_by(client_a, editor_a, round, token):
    client_a.post(url(token), {"action": "draft", "a.smart_city": "none"})
    assert response_of(round).updated_by == editor_a
    assert AuditEntry.objects.get(action="survey.draft_saved").actor == editor_a


# --- skip logic ------------------------------------------------------------------------------


def test_skip_logic_drops_answers_to_skipped_questions_on_the_server(round, token):
    answers = {**COMPLETE, "smart_city": "none"}
    response = answering.submit(token, answers)
    assert "motivation" not in response.answers
    assert response.answers["smart_city"] == "none"
    assert response.status == ResponseStatus.SUBMITTED


def test_skipped_required_question_need_not_be_answered(round, token):
    answers = {k: v for k, v in COMPLETE.items() if k != "motivation"}
    answers["smart_city"] = "planning"
    assert answering.submit(token, answers).status == ResponseStatus.SUBMITTED


def test_asked_required_question_must_be_answered(client, round, token):
    answers = {k: v for k, v in COMPLETE.items() if k != "motivation"}
    response = client.post(url(token), {"action": "submit", **form_data(answers)})
    assert response.status_code == 400
    assert "Spørgsmålet skal besvares." in response.content.decode()
    assert response_of(round) is None


# --- submission ------------------------------------------------------------------------------


def test_submit_with_errors_lists_them_per_question_and_keeps_the_rest(client, round, token):
    answering.save_draft(token, {"smart_city": "coordinated"})
    data = {"action": "submit", "a.smart_city": "coordinated", "a.comment": "Udkast"}
    data["a.initiatives.energy"] = "have"
    response = client.post(url(token), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Der er 2 fejl i besvarelsen" in html
    assert "Intelligent parkering: Delspørgsmålet skal besvares." in html
    assert 'href="#q-motivation"' in html
    assert ">Udkast</textarea>" in html
    saved = response_of(round)
    assert saved.status == ResponseStatus.DRAFT
    assert saved.answers == {"smart_city": "coordinated"}


def test_submit_once_then_receipt_then_409(client, round, token):
    response = client.post(url(token), {"action": "submit", **form_data(COMPLETE)})
    assert response.status_code == 302
    saved = response_of(round)
    assert saved.status == ResponseStatus.SUBMITTED
    assert saved.submitted_at is not None
    assert saved.answers == {**COMPLETE}
    receipt = client.get(url(token))
    assert receipt.status_code == 200
    html = receipt.content.decode()
    assert "Kvittering: besvarelsen er indsendt" in html
    assert "Intelligent parkering" in html and "Planlægger inden for 12 måneder" in html
    assert "Nationale netværk, Regionale netværk" in html
    assert "<form" not in html.split('id="main"')[1]
    for action in ("submit", "draft", "handover"):
        again = client.post(url(token), {"action": action, **form_data({"smart_city": "none"})})
        assert again.status_code == 409
        assert "allerede indsendt" in again.content.decode()
    assert response_of(round).answers == {**COMPLETE}
    assert AuditEntry.objects.filter(action="survey.submitted").count() == 1


def test_receipt_is_not_shown_after_the_round_closes(client, round, token):
    answering.submit(token, COMPLETE)
    Round.objects.filter(pk=round.pk).update(closed_at=timezone.now())
    assert client.get(url(token)).status_code == 410


@pytest.mark.django_db(transaction=True)
def test_two_submissions_at_the_same_time_give_one_submission():
    round = make_round()
    token = issue_link(round, "751")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def submit(answers):
        try:
            barrier.wait(timeout=5)
            answering.submit(token, answers)
            outcomes.append("ok")
        except links.AlreadySubmitted:
            outcomes.append("409")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=submit, args=({**COMPLETE, "comment": f"Svar {i}"},))
        for i in range(2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert sorted(outcomes) == ["409", "ok"]
    assert Response.objects.filter(round=round).count() == 1
    assert AuditEntry.objects.filter(action="survey.submitted").count() == 1


# --- handover --------------------------------------------------------------------------------


def test_handover_button_saves_the_draft_first(client, round, token):
    response = client.post(url(token), {"action": "handover", "a.smart_city": "none"})
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:answer_handover", args=[token])
    assert response_of(round).answers == {"smart_city": "none"}
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Kollegaens e-mailadresse" in page.content.decode()


def test_handover_sends_a_new_link_and_the_old_one_stops(client, round, token, smtp_server, caplog):
    answering.save_draft(token, {"smart_city": "activities"})
    response = client.post(
        reverse("surveys:answer_handover", args=[token]),
        {"email": "kollega@aarhus.example.org", "sender_name": "Anna", "note": "Kan du svare?"},
    )
    assert response.status_code == 200
    assert "kollega@aarhus.example.org" in response.content.decode()
    [message] = smtp_server.wait_for(1)
    assert message["To"] == "kollega@aarhus.example.org"
    assert "Aarhus" in message["Subject"]
    text = smtp_server.text(message)
    assert "Anna har givet besvarelsen" in text and "Kan du svare?" in text
    new_link = smtp_server.links(message)[0]
    assert new_link.startswith("http") and "/undersoegelser/svar/" in new_link
    new_path = "/" + new_link.split("/", 3)[3]
    # The colleague resumes the draft; the old link answers 410 "replaced".
    resumed = client.get(new_path)
    assert resumed.status_code == 200
    assert 'id="a.smart_city.activities" value="activities" checked' in resumed.content.decode()
    old = client.get(url(token))
    assert old.status_code == 410
    assert "erstattet af et nyere" in old.content.decode()
    invitation = Invitation.objects.get(round=round)
    assert invitation.handed_over_to == "kollega@aarhus.example.org"
    assert invitation.email == "post@kommune.example.org"
    entry = AuditEntry.objects.get(action="survey.handed_over")
    assert "kollega" not in str(entry.changes)
    assert "kollega@" not in caplog.text


def test_handover_with_invalid_email_changes_nothing(client, round, token):
    response = client.post(
        reverse("surveys:answer_handover", args=[token]), {"email": "ikke-en-adresse"}
    )
    assert response.status_code == 400
    assert "Linket er ikke sendt" in response.content.decode()
    assert client.get(url(token)).status_code == 200
    assert Invitation.objects.get(round=round).handed_over_to == ""


@pytest.mark.usefixtures("unreachable_smtp")
def test_handover_that_cannot_be_sent_keeps_the_old_link(client, round, token):
    response = client.post(
        reverse("surveys:answer_handover", args=[token]), {"email": "kollega@example.org"}
    )
    assert response.status_code == 400
    assert "kunne ikke sendes" in response.content.decode()
    assert client.get(url(token)).status_code == 200
    assert Invitation.objects.get(round=round).handed_over_to == ""
    assert not AuditEntry.objects.filter(action="survey.handed_over").exists()


def test_handovers_are_limited_per_day(round, token, mailoutbox):
    current = token
    for i in range(answering.MAX_HANDOVERS_PER_DAY):
        answering.hand_over(current, {"email": f"k{i}@example.org"})
        current = links.new_token(Invitation.objects.get(round=round).pk)
        Invitation.objects.filter(round=round).update(token_hash=links.hash_token(current))
    with pytest.raises(ValidationFailed):
        answering.hand_over(current, {"email": "endnu-en@example.org"})
    assert len(mailoutbox) == answering.MAX_HANDOVERS_PER_DAY


# --- number parsing --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("12", 12), ("12,5", 12.5), ("1.234,5", 1234.5), ("1 234", 1234), ("12.5", 12.5)],
)
def test_numbers_are_read_the_danish_way(raw, expected):
    assert answering.parse_number(raw) == expected


@pytest.mark.parametrize("raw", ["mange", "nan", "inf", "1,2,3"])
def test_non_numbers_are_kept_for_validation(raw):
    assert answering.parse_number(raw) == raw
