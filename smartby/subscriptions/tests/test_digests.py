"""The weekly digest: content, grouping, the cap, idempotency, failures, the command and the
task."""

import datetime as dt
import io
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.utils import timezone

from smartby.conftest import make_user
from smartby.lib import emails
from smartby.subscriptions import digests
from smartby.subscriptions.models import Digest
from smartby.subscriptions.tasks import send_weekly_digests
from smartby.subscriptions.tests.helpers import follow, project

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


@pytest.fixture
def subscribed(editor_a):
    follow(editor_a, "technology", "iot-sensorer")
    follow(editor_a, "municipality", "751")
    follow(editor_a, "area", "forsyning")
    return editor_a


def test_digest_groups_and_deduplicates(subscribed, smtp_server):
    project("Affaldssensorer på havnen", municipalities=("751",))  # all three match
    project(
        "Smart gadebelysning i Aarhus",
        technologies=("Smart belysning",),
        area_name="Teknik og miljø",
        created=100 * DAY,
        updated=2 * DAY,
    )
    project("Sensorer i Odenses biblioteker", area_name="Kultur og fritid", municipalities=("461",))
    project("Gammelt sensorprojekt", created=60 * DAY, updated=30 * DAY)  # too old
    project(
        "Droner i Odense",
        technologies=("Droner",),
        area_name="Teknik og miljø",
        municipalities=("461",),
    )

    run = digests.send_digests()
    assert run.as_dict() | {"period": None} == {
        "period": None,
        "dry_run": False,
        "sent": 1,
        "nothing_new": 0,
        "already_sent": 0,
        "failed": 0,
    }
    [message] = smtp_server.wait_for(1)
    assert message["To"] == subscribed.email
    assert message["Subject"] == "Smartby: 3 nye og opdaterede projekter"
    text = smtp_server.text(message)
    # Grouped by subscription (areas, technologies, regions, municipalities), each project once.
    forsyning = text.index("== Område: Forsyning ==")
    iot = text.index("== Teknologi: IoT-sensorer ==")
    aarhus = text.index("== Aarhus Kommune ==")
    assert forsyning < iot < aarhus
    assert text.count("Affaldssensorer på havnen") == 1
    assert forsyning < text.index("Affaldssensorer på havnen (nyt)") < iot
    assert iot < text.index("Sensorer i Odenses biblioteker (nyt)") < aarhus
    assert aarhus < text.index("Smart gadebelysning i Aarhus (opdateret)")
    assert "Gammelt sensorprojekt" not in text
    assert "Droner i Odense" not in text
    assert "Pilot · Forsyning · Aarhus" in text
    # Project links, the management page and the unsubscribe link; no contact persons.
    links = smtp_server.links(message)
    assert "http://127.0.0.1:8000/projekter/affaldssensorer-paa-havnen/" in links
    assert "http://127.0.0.1:8000/abonnementer/" in links
    unsubscribe = [u for u in links if "/abonnementer/afmeld/" in u]
    assert len(unsubscribe) == 1
    assert message["List-Unsubscribe"] == f"<{unsubscribe[0]}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Mette" not in text and "mette@example.org" not in text
    html = smtp_server.text(message, "html")
    assert "Affaldssensorer på havnen" in html
    assert unsubscribe[0] in html

    digest = Digest.objects.get()
    assert digest.project_count == 3
    assert digest.sent_at is not None
    assert digest.period == digests.period_for(timezone.now())
    assert digest.period.weekday() == 0


def test_nothing_new_sends_nothing(subscribed, mailoutbox):
    project("Gammelt sensorprojekt", created=60 * DAY)
    run = digests.send_digests()
    assert (run.sent, run.nothing_new) == (0, 1)
    assert mailoutbox == []
    assert not Digest.objects.exists()


def test_running_twice_sends_once(subscribed, mailoutbox):
    project("Affaldssensorer på havnen")
    now = timezone.now()
    assert digests.send_digests(now=now).sent == 1
    project("Endnu et sensorprojekt")
    second = digests.send_digests(now=now + dt.timedelta(hours=1))
    assert (second.sent, second.already_sent) == (0, 1)
    assert len(mailoutbox) == 1
    assert Digest.objects.count() == 1

    # Next week: only what changed since the last digest.
    third = digests.send_digests(now=now + 7 * DAY)
    assert third.sent == 1
    assert len(mailoutbox) == 2
    body = mailoutbox[1].body
    assert "Endnu et sensorprojekt" in body
    assert "Affaldssensorer på havnen" not in body
    first, latest = Digest.objects.order_by("period")
    assert latest.since == first.until


def test_a_claimed_period_is_not_sent_again(subscribed, mailoutbox):
    """A digest row without sent_at (a worker killed after claiming) blocks the week: at most
    once, never twice."""
    project("Affaldssensorer på havnen")
    now = timezone.now()
    Digest.objects.create(
        subscriber=subscribed.subscriber,
        period=digests.period_for(now),
        since=now - 7 * DAY,
        until=now,
        project_count=1,
    )
    assert digests.send_digests(now=now).already_sent == 1
    assert mailoutbox == []


def test_a_failed_delivery_is_retried_by_the_next_run(subscribed, settings, monkeypatch):
    project("Affaldssensorer på havnen")
    monkeypatch.setattr(emails, "RETRY_DELAY_SECONDS", 0)
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 1},  # nothing listens
        }
    }
    run = digests.send_digests()
    assert (run.sent, run.failed) == (0, 1)
    assert not Digest.objects.exists()

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert digests.send_digests().sent == 1
    assert Digest.objects.get().sent_at is not None


def test_the_cap_links_to_the_rest(subscribed, smtp_server, monkeypatch):
    monkeypatch.setattr(digests, "MAX_PROJECTS", 3)
    for n in range(5):
        project(f"Sensorprojekt nummer {n}", area_name="Kultur og fritid", municipalities=("461",))
    digests.send_digests()
    [message] = smtp_server.wait_for(1)
    assert message["Subject"] == "Smartby: 5 nye og opdaterede projekter"
    text = smtp_server.text(message)
    assert text.count("Sensorprojekt nummer") == 3
    # Newest first.
    assert text.index("nummer 4") < text.index("nummer 3") < text.index("nummer 2")
    assert "… og 2 projekter mere:" in text
    [more] = [u for u in smtp_server.links(message) if "updated_since=" in u]
    path = urlsplit(more)
    assert path.path == "/projekter/"
    assert path.query.startswith("technology=iot-sensorer&updated_since=")


def test_window_defaults_to_seven_days(subscribed, mailoutbox):
    project("Otte dage gammelt", created=8 * DAY)
    project("Seks dage gammelt", created=6 * DAY)
    digests.send_digests()
    [message] = mailoutbox
    assert "Seks dage gammelt" in message.body
    assert "Otte dage gammelt" not in message.body
    assert message.subject == "Smartby: 1 nyt eller opdateret projekt"


def test_one_digest_per_recipient(editor_a, editor_b, mailoutbox):
    follow(editor_a, "technology", "iot-sensorer")
    follow(editor_b, "technology", "iot-sensorer")
    follow(editor_b, "region", "region-syddanmark")
    project("Sensorer i Odense", municipalities=("461",))
    project("Droner på Fyn", technologies=("Droner",), municipalities=("461",))
    run = digests.send_digests()
    assert run.sent == 2
    by_recipient = {m.to[0]: m for m in mailoutbox}
    assert "Droner på Fyn" not in by_recipient[editor_a.email].body
    bo = by_recipient[editor_b.email].body
    assert "== Teknologi: IoT-sensorer ==" in bo
    assert "== Region Syddanmark ==" in bo
    assert bo.count("Sensorer i Odense") == 1


def test_inactive_users_get_nothing(subscribed, mailoutbox):
    project("Affaldssensorer på havnen")
    subscribed.is_active = False
    subscribed.save()
    assert digests.send_digests().sent == 0
    assert mailoutbox == []


def test_dry_run_command_sends_and_records_nothing(subscribed, mailoutbox):
    project("Affaldssensorer på havnen")
    out = io.StringIO()
    call_command("send_digests", "--dry-run", stdout=out)
    output = out.getvalue()
    assert f"{subscribed.email}: 1" in output
    assert "1 nyhedsbrev(e) ville blive sendt" in output
    assert mailoutbox == []
    assert not Digest.objects.exists()

    out = io.StringIO()
    call_command("send_digests", stdout=out)
    assert "1 sendt" in out.getvalue()
    assert len(mailoutbox) == 1
    call_command("send_digests", stdout=out)
    assert "1 allerede sendt" in out.getvalue()
    assert len(mailoutbox) == 1


def test_the_task_runs_the_digest(subscribed, mailoutbox, settings):
    project("Affaldssensorer på havnen")
    assert send_weekly_digests.module_path == "smartby.subscriptions.tasks.send_weekly_digests"
    result = send_weekly_digests.call("2026-11-23")
    assert result["sent"] == 1
    assert len(mailoutbox) == 1
    # Enqueued twice (a duplicate schedule, a retry): still one email.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    result = send_weekly_digests.enqueue()
    assert result.return_value["already_sent"] == 1
    assert len(mailoutbox) == 1


def test_query_count_does_not_grow_with_recipients(django_assert_max_num_queries, mailoutbox):
    """Subscribers following the same topic share the project queries of a run."""
    users = [make_user(f"u{n}@example.org") for n in range(6)]
    for user in users:
        follow(user, "technology", "iot-sensorer")
    for n in range(4):
        project(f"Sensorprojekt {n}")
    # Per recipient: this week's digest?, the last digest, subscriptions, projects and their
    # municipalities, savepoint + insert + release, update (9). Once per run: pruning (2), the
    # recipients, and the match query shared by everyone following the topic.
    with django_assert_max_num_queries(4 + 9 * len(users)):
        assert digests.send_digests().sent == len(users)
