import pytest

pytestmark = pytest.mark.django_db


def test_danish_by_default_even_for_english_browsers(client):
    r = client.get("/projekter/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert r["Content-Language"] == "da"
    assert '<html lang="da"' in r.content.decode()


def test_language_switch_sets_the_cookie(client):
    r = client.post("/i18n/setlang/", {"language": "en", "next": "/projekter/"})
    assert r.status_code == 302 and r.cookies["django_language"].value == "en"
    r = client.get("/projekter/")
    assert r["Content-Language"] == "en" and '<html lang="en"' in r.content.decode()


def test_unknown_language_cookie_falls_back_to_danish(client):
    client.cookies["django_language"] = "xx"
    assert client.get("/")["Content-Language"] == "da"
