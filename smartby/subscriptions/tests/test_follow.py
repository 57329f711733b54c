"""Follow and unfollow from the project list and the municipality profile, and the
"Mine abonnementer" page."""

import pytest
from django.test import Client
from django.urls import reverse

from smartby.audit.models import AuditEntry
from smartby.conftest import PERSONAS
from smartby.subscriptions.models import Kind, Subscription
from smartby.subscriptions.tests.helpers import follow

pytestmark = pytest.mark.django_db

FOLLOW = reverse("subscriptions:follow")
LIST = reverse("subscriptions:list")


def test_anonymous_follow_goes_to_the_login_or_email_page(client):
    response = client.post(FOLLOW, {"kind": "technology", "value": "iot-sensorer"})
    assert response.status_code == 302
    assert response["Location"] == "/abonnementer/ny/?kind=technology&value=iot-sensorer"
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "Følg teknologien IoT-sensorer" in html
    assert "/konto/log-ind/?next=" in html
    assert 'name="email"' in html
    assert not Subscription.objects.exists()


def test_anonymous_htmx_follow_redirects_the_page(client):
    response = client.post(
        FOLLOW, {"kind": "technology", "value": "iot-sensorer"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith("/abonnementer/ny/")


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"])
def test_every_user_can_follow_and_unfollow(as_persona, persona):
    client = as_persona(persona)
    data = {"kind": "technology", "value": "iot-sensorer", "next": "/projekter/?technology=x"}
    response = client.post(FOLLOW, data)
    assert response.status_code == 302
    assert response["Location"] == "/projekter/?technology=x"
    subscription = Subscription.objects.get()
    assert subscription.kind == Kind.TECHNOLOGY
    assert subscription.technology.name == "IoT-sensorer"
    assert subscription.confirmed_at is not None  # an account's address needs no opt-in
    assert subscription.subscriber.user.email.endswith(".org")

    # Following twice changes nothing.
    client.post(FOLLOW, data)
    assert Subscription.objects.count() == 1

    response = client.post(FOLLOW, {**data, "action": "unfollow"}, follow=True)
    assert not Subscription.objects.exists()
    assert "Du følger ikke længere teknologien IoT-sensorer." in response.content.decode()
    actions = list(AuditEntry.objects.values_list("action", flat=True).order_by("id"))
    assert actions[-2:] == ["subscription.create", "subscription.delete"]


def test_follow_with_htmx_swaps_the_box(client_a):
    response = client_a.post(
        FOLLOW,
        {"kind": "area", "value": "forsyning", "refresh": "1"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="follow-box"')
    assert 'hx-get="/abonnementer/knap/"' in html  # still refreshes with the list's filters
    assert "Du følger nu området Forsyning." in html
    assert "Stop med at følge området Forsyning" in html
    assert Subscription.objects.get().area.slug == "forsyning"


def test_follow_refuses_unknown_targets(client_a):
    for data in (
        {"kind": "technology", "value": "findes-ikke"},
        {"kind": "status", "value": "pilot"},
        {"kind": "", "value": ""},
    ):
        response = client_a.post(FOLLOW, data)
        assert response.status_code == 400
        assert "Kan ikke følge" in response.content.decode()
    assert not Subscription.objects.exists()


def test_follow_ignores_an_offsite_next(client_a):
    response = client_a.post(
        FOLLOW, {"kind": "region", "value": "region-midtjylland", "next": "https://evil.example"}
    )
    assert response["Location"] == "/projekter/?region=region-midtjylland"


def test_follow_is_post_only(client_a):
    assert client_a.get(FOLLOW).status_code == 405


def test_follow_needs_the_csrf_token(editor_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor_a)
    response = client.post(FOLLOW, {"kind": "area", "value": "forsyning"})
    assert response.status_code == 403
    assert not Subscription.objects.exists()


# The box on the pages


def test_list_shows_the_button_only_for_exactly_one_facet_value(client_a):
    def box(query: str) -> str:
        html = client_a.get("/projekter/" + query).content.decode()
        start = html.index('<div id="follow-box"')
        return html[start : html.index('<div class="follow-status"', start)]

    assert "Følg teknologien IoT-sensorer" in box("?technology=iot-sensorer")
    assert "Følg området Forsyning" in box("?area=forsyning")
    assert "Følg Region Midtjylland" in box("?region=region-midtjylland")
    assert "Følg Aarhus Kommune" in box("?municipality=751")
    for query in (
        "",
        "?technology=iot-sensorer&technology=droner",
        "?technology=iot-sensorer&area=forsyning",
        "?technology=iot-sensorer&status=pilot",
        "?technology=iot-sensorer&q=affald",
        "?technology=findes-ikke",
    ):
        assert "<button" not in box(query), query
    # The feed link is always there, with the list's filters.
    assert 'href="/feeds/projekter.atom?technology=droner&amp;technology=iot-sensorer"' in box(
        "?technology=iot-sensorer&technology=droner"
    )


def test_the_box_shows_the_current_state(client_a, editor_a):
    follow(editor_a, "technology", "iot-sensorer")
    html = client_a.get("/projekter/?technology=iot-sensorer").content.decode()
    assert "Du følger teknologien IoT-sensorer" in html
    assert "Stop med at følge teknologien IoT-sensorer" in html
    assert 'name="action" value="unfollow"' in html


def test_follow_box_fragment_for_htmx(client_a):
    response = client_a.get("/abonnementer/knap/?technology=iot-sensorer&sortering=titel")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "Følg teknologien IoT-sensorer" in html
    assert 'name="next" value="/projekter/?technology=iot-sensorer"' in html


def test_anonymous_visitors_see_a_link_not_a_form(client):
    html = client.get("/projekter/?technology=iot-sensorer").content.decode()
    assert 'href="/abonnementer/ny/?kind=technology&amp;value=iot-sensorer"' in html
    assert 'action="/abonnementer/foelg/"' not in html


def test_municipality_profile_has_the_button(client_a, editor_a):
    html = client_a.get("/kommuner/751/").content.decode()
    assert "Følg Aarhus Kommune" in html
    assert 'name="next" value="/kommuner/751/"' in html
    response = client_a.post(
        FOLLOW, {"kind": "municipality", "value": "751", "next": "/kommuner/751/"}
    )
    assert response["Location"] == "/kommuner/751/"
    assert Subscription.objects.get(subscriber__user=editor_a).municipality.code == "751"
    assert "Stop med at følge Aarhus Kommune" in client_a.get("/kommuner/751/").content.decode()


# Mine abonnementer


def test_list_page_needs_login(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/log-ind/?next=")


def test_list_page_shows_and_removes_own_subscriptions(client_a, editor_a, editor_b):
    mine = follow(editor_a, "technology", "droner")
    follow(editor_a, "municipality", "751")
    theirs = follow(editor_b, "area", "forsyning")
    html = client_a.get(LIST).content.decode()
    assert "Teknologi: Droner" in html
    assert "Aarhus Kommune" in html
    assert "Område: Forsyning" not in html
    assert 'href="/projekter/?technology=droner"' in html
    assert 'href="/feeds/projekter.atom?technology=droner"' in html

    # Someone else's subscription: 404, nothing changes.
    assert client_a.post(reverse("subscriptions:remove", args=[theirs.pk])).status_code == 404
    assert Subscription.objects.filter(pk=theirs.pk).exists()
    # GET does not remove.
    assert client_a.get(reverse("subscriptions:remove", args=[mine.pk])).status_code == 405

    response = client_a.post(reverse("subscriptions:remove", args=[mine.pk]), follow=True)
    assert "Du følger ikke længere teknologien Droner." in response.content.decode()
    assert not Subscription.objects.filter(pk=mine.pk).exists()
    assert Subscription.objects.filter(subscriber__user=editor_a).count() == 1


def test_list_page_is_empty_for_a_new_user(client_b):
    html = client_b.get(LIST).content.decode()
    assert "Du følger ikke noget endnu." in html
