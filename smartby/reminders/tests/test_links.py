"""The links in reminder emails: GET asks, POST acts, once; expired, tampered and reused links
give a clear Danish page and change nothing."""

import time

import pytest
from django.core import signing
from django.utils import timezone

from smartby.audit.models import AuditEntry
from smartby.registry.freshness import Freshness
from smartby.registry.models import Project
from smartby.reminders import links, operations
from smartby.reminders.models import Answer, DeliveryStatus, OptOut, Reminder, email_hash

pytestmark = pytest.mark.django_db

PATHS = {
    links.VERIFY: "/paamindelser/stadig-korrekt/{}/",
    links.UPDATE: "/paamindelser/opdater/{}/",
    links.COMPLETE: "/paamindelser/afsluttet/{}/",
}


@pytest.fixture
def reminded(due_project, editor_a, smtp_server):
    """A stale project reminded to Anna (editor), Mette and Jens (contacts without account)."""
    project = due_project()
    operations.run_reminders()
    smtp_server.wait_for(3)
    return project


def row(address: str) -> Reminder:
    return Reminder.objects.get(email_hash=email_hash(address))


def url(action: str, address: str, *, age_days: float = 0) -> str:
    if age_days:
        real = time.time
        past = real() - age_days * 86400
        try:
            signing.time.time = lambda: past
            token = links.make_token(row(address).pk, action)
        finally:
            signing.time.time = real
    else:
        token = links.make_token(row(address).pk, action)
    return PATHS[action].format(token)


def link_from_email(smtp_server, address: str, fragment: str) -> str:
    message = next(m for m in smtp_server.messages if m["To"] == address)
    link = next(link for link in smtp_server.links(message) if fragment in link)
    return link.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def snapshot(project: Project) -> tuple:
    project.refresh_from_db()
    return project.last_verified, project.status, project.updated_at


# --- Stadig korrekt ---------------------------------------------------------------------------


def test_verify_link_from_the_email_asks_then_verifies(client, reminded, smtp_server):
    path = link_from_email(smtp_server, "mette@example.org", "/stadig-korrekt/")
    before = snapshot(reminded)
    page = client.get(path)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ja, oplysningerne er stadig korrekte" in html and reminded.title in html
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    assert snapshot(reminded) == before  # GET changes nothing (mail scanners prefetch)

    response = client.post(path)
    assert response.status_code == 302 and response["Location"] == reminded.get_absolute_url()
    reminded.refresh_from_db()
    assert reminded.last_verified == timezone.localdate()
    assert reminded.freshness == Freshness.FRESH
    r = row("mette@example.org")
    assert r.answer == Answer.VERIFIED and r.answered_at is not None
    entry = AuditEntry.objects.filter(object_id=str(reminded.pk), action="verify").get()
    assert entry.actor is None and entry.source == "email"
    assert entry.changes["verified_by"]["new"] == "Mette Hansen"
    assert "mette@example.org" not in str(entry.changes)
    page = client.get(response["Location"]).content.decode()
    assert "Tak! Projektet er markeret som bekræftet i dag." in page


def test_verify_by_an_editor_is_audited_as_the_editor(client, reminded, editor_a):
    client.post(url(links.VERIFY, editor_a.email))
    entry = AuditEntry.objects.get(object_id=str(reminded.pk), action="verify")
    assert entry.actor == editor_a and "verified_by" not in entry.changes


def test_a_used_verify_link_is_refused_with_410(client, reminded):
    path = url(links.VERIFY, "jens@example.org")
    client.post(path)
    before = snapshot(reminded)
    for method in (client.get, client.post):
        response = method(path)
        assert response.status_code == 410
        html = response.content.decode()
        assert "Linket er allerede brugt" in html and "Intet er ændret." in html
    assert snapshot(reminded) == before
    assert AuditEntry.objects.filter(object_id=str(reminded.pk), action="verify").count() == 1


def test_an_expired_link_is_refused_with_410(client, reminded, settings):
    settings.REMINDER_LINK_MAX_AGE_DAYS = 30
    path = url(links.VERIFY, "jens@example.org", age_days=31)
    before = snapshot(reminded)
    for method in (client.get, client.post):
        response = method(path)
        assert response.status_code == 410
        assert "Linket er udløbet" in response.content.decode()
    assert snapshot(reminded) == before
    assert client.get(url(links.VERIFY, "jens@example.org", age_days=29)).status_code == 200


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),  # signature changed
        lambda t: signing.dumps(999999, salt="smartby.reminders.link.stadig-korrekt")[:-1],
        lambda t: "ikke-et-token",
        lambda t: "x" * 400,
    ],
)
def test_a_tampered_link_is_refused_with_400(client, reminded, mangle):
    token = links.make_token(row("jens@example.org").pk, links.VERIFY)
    before = snapshot(reminded)
    for method in (client.get, client.post):
        response = method(PATHS[links.VERIFY].format(mangle(token)))
        assert response.status_code == 400
        assert "Linket er ugyldigt" in response.content.decode()
    assert snapshot(reminded) == before


def test_a_link_for_another_action_or_another_secret_is_refused(client, reminded, settings):
    token = links.make_token(row("jens@example.org").pk, links.UPDATE)
    assert client.post(PATHS[links.VERIFY].format(token)).status_code == 400
    assert client.post(PATHS[links.COMPLETE].format(token)).status_code == 400
    forged = signing.dumps(
        row("jens@example.org").pk, key="gættet", salt="smartby.reminders.link.stadig-korrekt"
    )
    assert client.post(PATHS[links.VERIFY].format(forged)).status_code == 400
    assert snapshot(reminded)[0] != timezone.localdate()


def test_a_link_to_a_deleted_project_says_so(client, reminded):
    path = url(links.VERIFY, "jens@example.org")
    Project.objects.filter(pk=reminded.pk).delete()
    response = client.get(path)
    assert response.status_code == 410
    assert "Projektet findes ikke længere" in response.content.decode()


# --- Projektet er afsluttet -------------------------------------------------------------------


def test_complete_link_asks_then_sets_status_afsluttet(client, reminded):
    path = url(links.COMPLETE, "mette@example.org")
    assert "Ja, projektet er afsluttet" in client.get(path).content.decode()
    assert Project.objects.get(pk=reminded.pk).status == "pilot"
    response = client.post(path)
    assert response.status_code == 302
    reminded.refresh_from_db()
    assert reminded.status == "afsluttet" and reminded.last_verified == timezone.localdate()
    entry = AuditEntry.objects.get(object_id=str(reminded.pk), action="update", source="email")
    assert entry.changes["status"] == {"old": "pilot", "new": "afsluttet"}
    assert entry.changes["changed_by"]["new"] == "Mette Hansen"
    # Used: neither this link nor the same reminder's verify link works again.
    assert client.post(path).status_code == 410
    assert client.post(url(links.VERIFY, "mette@example.org")).status_code == 410


def test_complete_link_expired_and_tampered(client, reminded):
    before = snapshot(reminded)
    assert client.post(url(links.COMPLETE, "jens@example.org", age_days=40)).status_code == 410
    assert client.post(url(links.COMPLETE, "jens@example.org") + "x/").status_code == 404
    token = links.make_token(row("jens@example.org").pk, links.COMPLETE)
    assert client.post(PATHS[links.COMPLETE].format(token[:-3] + "abc")).status_code == 400
    assert snapshot(reminded) == before


# --- Opdatér ----------------------------------------------------------------------------------


def test_update_link_logs_the_editor_in_once_and_opens_the_edit_form(client, reminded, editor_a):
    path = url(links.UPDATE, editor_a.email)
    page = client.get(path)
    assert page.status_code == 200
    assert "Log ind og opdatér projektet" in page.content.decode()
    assert "_auth_user_id" not in client.session  # GET does not log in
    response = client.post(path)
    assert response["Location"] == f"/projekter/{reminded.slug}/rediger/"
    assert client.session["_auth_user_id"] == str(editor_a.pk)
    assert client.get(response["Location"]).status_code == 200
    assert AuditEntry.objects.filter(action="user.email_login", actor=editor_a).count() == 1

    client.logout()
    again = client.post(path)
    assert again.status_code == 410
    assert "Linket er allerede brugt" in again.content.decode()
    assert "_auth_user_id" not in client.session


def test_update_link_expired_or_tampered_does_not_log_in(client, reminded, editor_a):
    assert client.post(url(links.UPDATE, editor_a.email, age_days=31)).status_code == 410
    token = links.make_token(row(editor_a.email).pk, links.UPDATE)
    assert client.post(PATHS[links.UPDATE].format("A" + token[1:])).status_code == 400
    assert "_auth_user_id" not in client.session
    assert row(editor_a.email).login_used_at is None


def test_update_link_for_a_contact_without_account_explains_how_to_get_access(client, reminded):
    path = url(links.UPDATE, "jens@example.org")
    for method in (client.get, client.post):
        response = method(path)
        assert response.status_code == 200
        html = response.content.decode()
        assert "har ikke en konto på Smartby" in html and "Aarhus Kommune" in html
    assert "_auth_user_id" not in client.session


def test_update_link_of_a_deactivated_user_does_not_log_in(client, reminded, editor_a):
    path = url(links.UPDATE, editor_a.email)
    editor_a.is_active = False
    editor_a.save()
    client.post(path)
    assert "_auth_user_id" not in client.session


# --- Afmeld -----------------------------------------------------------------------------------


def unsubscribe_path(address: str) -> str:
    return f"/paamindelser/afmeld/{links.make_unsubscribe_token(email_hash(address))}/"


def test_unsubscribe_asks_then_stops_reminders(client, reminded, smtp_server):
    path = link_from_email(smtp_server, "jens@example.org", "/paamindelser/afmeld/")
    assert "Ja, afmeld påmindelser" in client.get(path).content.decode()
    assert not OptOut.objects.exists()
    response = client.post(path)
    assert response.status_code == 200
    assert "Du er afmeldt" in response.content.decode()
    assert OptOut.objects.get().email_hash == email_hash("jens@example.org")
    assert client.post(path).status_code == 200  # twice is fine
    assert OptOut.objects.count() == 1
    assert AuditEntry.objects.filter(action="reminders.opt_out").count() == 1


def test_one_click_unsubscribe_needs_no_csrf_token(reminded):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(unsubscribe_path("jens@example.org"), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert OptOut.objects.filter(email_hash=email_hash("jens@example.org")).exists()


def test_unsubscribing_cancels_pending_reminders_and_future_ones(client, due_project):
    due_project(contacts=[{"name": "Jens", "email": "jens@example.org", "phone": ""}])
    operations.plan_reminders()
    client.post(unsubscribe_path("jens@example.org"))
    assert Reminder.objects.get().status == DeliveryStatus.CANCELLED
    due_project(title="Nyt glemt projekt", contacts=[{"name": "Jens", "email": "jens@example.org"}])
    assert operations.plan_reminders().reminders_planned == 0
    assert Reminder.objects.count() == 1


@pytest.mark.parametrize(
    "token",
    [
        "ukendt",
        signing.dumps("a" * 64, salt="forkert"),
        signing.dumps("ikke-en-hash", salt=links.UNSUBSCRIBE_SALT),
    ],
)
def test_unknown_or_tampered_unsubscribe_token_gives_a_clear_page(client, db, token):
    for method in (client.get, client.post):
        response = method(f"/paamindelser/afmeld/{token}/")
        assert response.status_code == 400
        assert "Afmeldingslinket er ugyldigt" in response.content.decode()
    assert not OptOut.objects.exists()
