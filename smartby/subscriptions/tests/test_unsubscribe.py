"""One-click unsubscribe from a digest's signed link (and the List-Unsubscribe-Post header)."""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from smartby.audit.models import AuditEntry
from smartby.subscriptions import operations
from smartby.subscriptions.digests import send_digests
from smartby.subscriptions.models import Digest, Subscriber, Subscription
from smartby.subscriptions.tests.helpers import follow, project

pytestmark = pytest.mark.django_db


@pytest.fixture
def digest_link(editor_a, mailoutbox) -> str:
    follow(editor_a, "technology", "iot-sensorer")
    follow(editor_a, "area", "forsyning")
    project("Affaldssensorer på havnen")
    send_digests()
    [message] = mailoutbox
    header = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert header in message.body
    return urlsplit(header).path


def test_unsubscribe_page_then_post(client, digest_link, editor_a):
    page = client.get(digest_link)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Teknologi: IoT-sensorer" in html
    assert "Område: Forsyning" in html
    assert "Afmeld alle nyhedsbreve" in html
    assert Subscription.objects.count() == 2  # opening the link changes nothing

    response = client.post(digest_link)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Du er afmeldt" in html
    assert "Teknologi: IoT-sensorer" in html
    assert not Subscription.objects.exists()
    # The account keeps its subscriber row (and the digest history); it can follow again.
    assert Subscriber.objects.filter(user=editor_a).exists()
    assert Digest.objects.count() == 1
    assert AuditEntry.objects.filter(action="subscription.unsubscribe").count() == 2

    # The link again: nothing left to remove, no error.
    assert client.post(digest_link).status_code == 200


def test_one_click_post_without_a_session_or_csrf_token(digest_link):
    """RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" itself."""
    client = Client(enforce_csrf_checks=True)
    response = client.post(digest_link, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.exists()


def test_visitors_address_is_deleted(client, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        operations.subscribe_by_email("sara@example.org", "technology", "droner")
    subscription = Subscription.objects.get()
    operations.confirm_subscription(operations.confirm_token(subscription))
    token = operations.unsubscribe_token(subscription.subscriber)

    response = client.post(reverse("subscriptions:unsubscribe", args=[token]))
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    assert not AuditEntry.objects.filter(object_repr__contains="sara").exists()

    # The same link once more: unknown now, a clear page.
    response = client.post(reverse("subscriptions:unsubscribe", args=[token]))
    assert response.status_code == 404
    assert "Du er sandsynligvis allerede afmeldt" in response.content.decode()


@pytest.mark.parametrize("method", ["get", "post"])
def test_tampered_token_changes_nothing(client, digest_link, method):
    token = digest_link.rstrip("/").rsplit("/", 1)[1]
    rest = token.split(":", 1)[1]
    forged = [
        token[:-3] + "abc",
        "Mg:" + rest,  # another subscriber's pk with this signature
        "ikke-et-token",
        operations.confirm_token(Subscription.objects.first()),  # wrong kind of link
    ]
    for bad in forged:
        response = getattr(client, method)(reverse("subscriptions:unsubscribe", args=[bad]))
        assert response.status_code == 400, bad
        html = response.content.decode()
        assert "Linket kan ikke bruges" in html
        assert "Linket er ugyldigt" in html
        assert "Der er ikke ændret noget." in html
    assert Subscription.objects.count() == 2
