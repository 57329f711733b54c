"""Visitors without an account subscribe with an email address: double opt-in."""

import datetime as dt
import time
from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.urls import reverse

from smartby.conftest import make_user
from smartby.subscriptions import operations
from smartby.subscriptions.digests import send_digests
from smartby.subscriptions.models import Subscriber, Subscription
from smartby.subscriptions.tests.helpers import project

pytestmark = pytest.mark.django_db

SUBSCRIBE = reverse("subscriptions:subscribe")
DATA = {"kind": "technology", "value": "droner", "email": "Sara@Example.ORG"}


def _subscribe(client, capture, data=DATA):
    with capture(execute=True):
        return client.post(SUBSCRIBE, data)


def test_subscribe_sends_a_confirmation_and_nothing_else(
    client, smtp_server, django_capture_on_commit_callbacks
):
    response = _subscribe(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"].startswith("/abonnementer/ny/sendt/")
    assert "Tjek din e-mail" in client.get(response["Location"]).content.decode()

    [message] = smtp_server.wait_for(1)
    assert message["To"] == "sara@example.org"
    assert message["Subject"] == "Bekræft dit abonnement på Smartby: Teknologi: Droner"
    text = smtp_server.text(message)
    assert "følge teknologien Droner" in text
    assert "Vi sender intet til dig, før du har bekræftet." in text
    link = smtp_server.links(message)[0]
    assert link.startswith("http://127.0.0.1:8000/abonnementer/bekraeft/")
    assert link in smtp_server.text(message, "html")

    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None
    assert subscription.subscriber.email == "sara@example.org"
    assert subscription.subscriber.user is None

    # Unconfirmed: the digest skips it, even with a matching project.
    project("Droner over havnen", technologies=("Droner",))
    run = send_digests()
    assert run.sent == 0
    assert len(smtp_server.messages) == 1


def test_confirm_link_shows_a_button_and_post_confirms(
    client, smtp_server, django_capture_on_commit_callbacks
):
    _subscribe(client, django_capture_on_commit_callbacks)
    [message] = smtp_server.wait_for(1)
    path = urlsplit(smtp_server.links(message)[0]).path

    # Opening the link (as a mail scanner would) confirms nothing.
    page = client.get(path)
    assert page.status_code == 200
    assert "Ja, bekræft abonnementet" in page.content.decode()
    assert Subscription.objects.get().confirmed_at is None

    response = client.post(path)
    assert response.status_code == 200
    assert "Abonnementet er bekræftet" in response.content.decode()
    assert Subscription.objects.get().confirmed_at is not None

    # Again: still confirmed, no error.
    assert "Abonnementet er bekræftet" in client.get(path).content.decode()
    assert client.post(path).status_code == 200

    # Now the digest goes out.
    project("Droner over havnen", technologies=("Droner",))
    assert send_digests().sent == 1
    digest = smtp_server.wait_for(2)[1]
    assert digest["To"] == "sara@example.org"
    assert "Droner over havnen" in smtp_server.text(digest)


def test_confirm_link_tampered_or_expired(
    client, smtp_server, django_capture_on_commit_callbacks, monkeypatch
):
    _subscribe(client, django_capture_on_commit_callbacks)
    eight_days_ago = int(time.time()) - 8 * 24 * 3600
    with monkeypatch.context() as m:
        m.setattr(
            signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(eight_days_ago)
        )
        expired_token = operations.confirm_token(Subscription.objects.get())
    path = urlsplit(smtp_server.links(smtp_server.wait_for(1)[0])[0]).path
    token = path.rstrip("/").rsplit("/", 1)[1]

    for bad in (token[:-2] + "xx", "abc", "x" * 300):
        response = client.post(reverse("subscriptions:confirm", args=[bad]))
        assert response.status_code == 400
        html = response.content.decode()
        assert "Linket er ugyldigt" in html
        assert "Der er ikke ændret noget." in html
    # An unsubscribe token is not a confirmation token (different salt).
    subscriber = Subscriber.objects.get()
    other = operations.unsubscribe_token(subscriber)
    assert client.post(reverse("subscriptions:confirm", args=[other])).status_code == 400

    response = client.post(reverse("subscriptions:confirm", args=[expired_token]))
    assert response.status_code == 410
    assert "Linket er udløbet" in response.content.decode()
    assert Subscription.objects.get().confirmed_at is None


def test_confirm_link_for_a_deleted_subscription(
    client, smtp_server, django_capture_on_commit_callbacks
):
    _subscribe(client, django_capture_on_commit_callbacks)
    path = urlsplit(smtp_server.links(smtp_server.wait_for(1)[0])[0]).path
    Subscription.objects.all().delete()
    response = client.post(path)
    assert response.status_code == 404
    assert "Abonnementet findes ikke længere" in response.content.decode()


def test_form_errors_are_shown_in_danish(client):
    response = client.post(SUBSCRIBE, {**DATA, "email": "ikke-en-adresse"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Indtast en gyldig e-mailadresse." in html
    assert 'class="error-summary"' in html
    assert not Subscription.objects.exists()

    response = client.post(SUBSCRIBE, {**DATA, "value": "findes-ikke"})
    assert response.status_code == 404
    assert "findes ikke" in response.content.decode()


def test_the_honeypot_pretends_success_and_sends_nothing(client, mailoutbox):
    response = client.post(SUBSCRIBE, {**DATA, "website": "http://spam.example"})
    assert response.status_code == 302
    assert not Subscription.objects.exists()
    assert mailoutbox == []


def test_repeated_requests_do_not_flood_the_inbox(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    for _ in range(3):
        response = _subscribe(client, django_capture_on_commit_callbacks)
        assert response.status_code == 302  # the same answer every time
    assert len(mailoutbox) == 1
    assert Subscription.objects.count() == 1

    # After the resend interval a new link may go out.
    Subscription.objects.update(
        confirmation_sent_at=dt.datetime.now(tz=dt.UTC) - operations.RESEND_INTERVAL
    )
    _subscribe(client, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2

    # At most MAX_PENDING unconfirmed subscriptions per address.
    techs = ["iot-sensorer", "lorawan", "ai", "robotter", "abne-data", "digital-tvilling"]
    techs += ["velfaerdsteknologi", "smart-belysning", "trafikstyring", "telemedicin"]
    for slug in techs:
        _subscribe(client, django_capture_on_commit_callbacks, {**DATA, "value": slug})
    assert Subscription.objects.count() == operations.MAX_PENDING
    assert len(mailoutbox) == 2 + operations.MAX_PENDING - 1


def test_a_confirmed_address_gets_no_new_confirmation(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    _subscribe(client, django_capture_on_commit_callbacks)
    Subscription.objects.update(confirmed_at=dt.datetime.now(tz=dt.UTC))
    response = _subscribe(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert len(mailoutbox) == 1


def test_an_account_address_subscribes_on_the_account(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    user = make_user("sara@example.org")
    _subscribe(client, django_capture_on_commit_callbacks)
    subscription = Subscription.objects.get()
    assert subscription.subscriber.user == user
    assert subscription.confirmed_at is None
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["sara@example.org"]


def test_logged_in_users_see_the_follow_button_instead_of_the_form(client_a):
    html = client_a.get(SUBSCRIBE + "?kind=technology&value=droner").content.decode()
    assert "Følg teknologien Droner" in html
    assert 'name="email"' not in html
    assert 'action="/abonnementer/foelg/"' in html


def test_expired_unconfirmed_subscriptions_are_pruned(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    _subscribe(client, django_capture_on_commit_callbacks)
    later = dt.datetime.now(tz=dt.UTC) + operations.CONFIRM_VALIDITY + dt.timedelta(hours=1)
    send_digests(now=later)
    assert not Subscription.objects.exists()
    assert not Subscriber.objects.exists()  # the address is gone too
