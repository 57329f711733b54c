import re

from django.urls import reverse

from smartby.audit.models import AuditEntry
from smartby.conftest import PASSWORD

NEW_PASSWORD = "blaa-kaffekop-ved-havnen-7"


def test_password_reset_by_email(
    client, editor_a, smtp_server, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://smartby.example.dk"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:password_reset"), {"email": "Anna@Aarhus.example.org"}
        )
    assert response["Location"] == reverse("accounts:password_reset_done")

    [message] = smtp_server.wait_for(1)
    assert message["To"] == editor_a.email
    assert message["Subject"] == "Ny adgangskode til Smartby"
    text = smtp_server.text(message)
    assert "Hej Anna Aarhus" in text
    html = smtp_server.text(message, "html")
    link = smtp_server.links(message)[0]
    assert link.startswith("https://smartby.example.dk/konto/ny-adgangskode/")
    assert f'href="{link}"' in html

    # Django moves the token from the URL into the session, then shows the form.
    path = link.removeprefix(settings.SITE_URL)
    response = client.get(path)
    assert response.status_code == 302
    form_url = response["Location"]
    response = client.get(form_url)
    assert response.status_code == 200
    assert "Vælg en ny adgangskode" in response.content.decode()

    response = client.post(form_url, {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD})
    assert response["Location"] == reverse("accounts:password_reset_complete")
    editor_a.refresh_from_db()
    assert editor_a.check_password(NEW_PASSWORD)
    assert AuditEntry.objects.filter(action="user.password_change", actor=editor_a).exists()

    # The link is spent.
    response = client.get(path)
    assert "Linket virker ikke" in response.content.decode()
    assert client.login(email=editor_a.email, password=NEW_PASSWORD)


def test_reset_form_checks_the_new_password(
    client, editor_a, smtp_server, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": editor_a.email})
    [message] = smtp_server.wait_for(1)
    path = smtp_server.links(message)[0].removeprefix(settings.SITE_URL.rstrip("/"))
    form_url = client.get(path)["Location"]

    response = client.post(form_url, {"password": "12345678", "password_confirm": "12345678"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Denne adgangskode er for kort" in html
    assert 'aria-describedby="id_password_helptext id_password_error"' in html
    response = client.post(form_url, {"password": NEW_PASSWORD, "password_confirm": "andet-ord-1"})
    assert "De to adgangskoder er ikke ens." in response.content.decode()
    editor_a.refresh_from_db()
    assert editor_a.check_password(PASSWORD)


def test_unknown_email_sends_nothing_but_looks_the_same(
    client, db, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert smtp_server.messages == []


def test_tampered_reset_link_is_refused(client, editor_a):
    url = reverse("accounts:password_reset_confirm", kwargs={"uidb64": "MQ", "token": "abc-123"})
    response = client.get(url)
    assert response.status_code == 200
    assert "Linket virker ikke" in response.content.decode()
    assert re.search(r"<form[^>]*method=\"post\"[^>]*novalidate", response.content.decode()) is None
