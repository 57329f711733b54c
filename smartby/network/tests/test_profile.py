"""The peer profile at /fagkolleger/min-profil/: opt in, opt out, consent time, validation."""

import pytest

from smartby.network.models import PeerProfile
from smartby.registry.models import Area, Technology

pytestmark = pytest.mark.django_db

URL = "/fagkolleger/min-profil/"


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/log-ind/?next=")


def test_directory_links_to_the_profile(client, client_a):
    assert (
        "/konto/log-ind/?next=/fagkolleger/min-profil/"
        in client.get("/fagkolleger/").content.decode()
    )
    assert f'href="{URL}"' in client_a.get("/fagkolleger/").content.decode()


def test_nobody_is_listed_before_opting_in(client, client_a, editor_a):
    html = client_a.get(URL).content.decode()
    assert 'name="visible"' in html and "checked" not in html.split('name="visible"')[1][:80]
    assert "Anna Aarhus" not in client.get("/fagkolleger/").content.decode()


def test_opt_in_and_out(client, client_a, editor_a):
    area = Area.objects.get(name="Forsyning")
    tech = Technology.objects.get(name="Droner")
    response = client_a.post(
        URL,
        {
            "visible": "on",
            "title": "  Projektleder \n for  droner ",
            "about": "Droner til inspektion af broer.",
            "areas": [area.pk],
            "technologies": [tech.pk],
        },
    )
    assert response.status_code == 302
    profile = PeerProfile.objects.get(user=editor_a)
    assert profile.visible and profile.consented_at is not None
    assert profile.title == "Projektleder for droner"
    assert list(profile.areas.all()) == [area] and list(profile.technologies.all()) == [tech]
    followed = client_a.get(response["Location"]).content.decode()
    assert "du vises nu i Find en fagkollega" in followed
    listing = client.get("/fagkolleger/").content.decode()
    assert "Anna Aarhus" in listing and "Projektleder for droner" in listing
    assert editor_a.email not in listing

    consented_at = profile.consented_at
    client_a.post(URL, {"visible": "on", "title": "Ny titel"})
    profile.refresh_from_db()
    assert profile.consented_at == consented_at  # unchanged while visible

    client_a.post(URL, {"title": "Ny titel"})
    profile.refresh_from_db()
    assert not profile.visible and profile.consented_at is None
    assert "Anna Aarhus" not in client.get("/fagkolleger/").content.decode()


def test_invalid_profile_is_explained(client_a, editor_a):
    response = client_a.post(URL, {"visible": "on", "about": "x" * 1001, "areas": ["999999"]})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in html
    assert 'href="#id_about"' in html and 'href="#id_areas"' in html
    assert not PeerProfile.objects.filter(user=editor_a).exists()


def test_a_name_is_needed_to_be_visible(client_a, editor_a):
    editor_a.name = ""
    editor_a.save()
    response = client_a.post(URL, {"visible": "on", "title": "Projektleder"})
    assert response.status_code == 400
    assert "Skriv dit navn under Din konto" in response.content.decode()
    assert not PeerProfile.objects.filter(user=editor_a).exists()
    # Hiding needs no name.
    assert client_a.post(URL, {"title": "Projektleder"}).status_code == 302


def test_the_email_address_is_never_the_name(client, editor_a):
    from smartby.network.tests.helpers import opt_in

    profile = opt_in(editor_a, title="Projektleder")
    editor_a.name = ""  # removed after opting in
    editor_a.save()
    for url in ("/fagkolleger/", f"/fagkolleger/{profile.pk}/kontakt/"):
        html = client.get(url).content.decode()
        assert "Fagkollega uden navn" in html
        assert "anna" not in html.lower()
