"""Security headers, cookie settings, the CSP helpers and the deploy system checks."""

import pytest
from django.core.checks import run_checks
from django.urls import reverse

from smartby.lib.csp import csp_tile_hosts


@pytest.mark.parametrize("path", ["/", "/kort/", "/api/v1/docs", reverse("accounts:login")])
def test_every_page_has_the_security_headers(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["img-src"] == "'self' data:"
    assert directives["connect-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["base-uri"] == "'self'"
    assert directives["form-action"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "Content-Security-Policy-Report-Only" not in response
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_login_cookies_are_httponly(client, editor_a):
    from smartby.conftest import PASSWORD

    client.get(reverse("accounts:login"))
    assert client.cookies["csrftoken"]["httponly"]
    client.post(reverse("accounts:login"), {"username": editor_a.email, "password": PASSWORD})
    assert client.cookies["sessionid"]["httponly"]


def test_secure_settings_give_secure_cookies_and_hsts(client, editor_a, settings):
    from smartby.conftest import PASSWORD

    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get(reverse("accounts:login"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000"
    assert client.cookies["csrftoken"]["secure"]
    client.post(
        reverse("accounts:login"),
        {"username": editor_a.email, "password": PASSWORD},
        secure=True,
    )
    assert client.cookies["sessionid"]["secure"]


def test_no_hsts_by_default(client, db):
    assert "Strict-Transport-Security" not in client.get("/", secure=True)


@pytest.mark.parametrize(
    ("url", "hosts"),
    [
        ("", []),
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", ["https://tile.openstreetmap.org"]),
        ("https://{s}.tiles.example.dk/{z}/{x}/{y}.png", ["https://*.tiles.example.dk"]),
        ("http://kort.example.dk:8080/wmts/{z}/{x}/{y}", ["http://kort.example.dk:8080"]),
        ("ftp://x/{z}", []),
    ],
)
def test_tile_host_in_img_src(url, hosts):
    assert csp_tile_hosts(url) == hosts


def deploy_ids(settings) -> set[str]:
    return {m.id for m in run_checks(include_deployment_checks=True, tags=["security"])}


def test_deploy_checks_warn_about_a_missing_or_unsafe_policy(settings):
    assert not {"smartby.W002", "smartby.W003"} & deploy_ids(settings)
    settings.SECURE_CSP = {**settings.SECURE_CSP, "style-src": ["'self'", "'unsafe-inline'"]}
    assert "smartby.W003" in deploy_ids(settings)
    settings.SECURE_CSP = {}
    assert "smartby.W002" in deploy_ids(settings)
