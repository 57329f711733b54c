import pytest

from smartby.api.models import ApiToken
from smartby.api.operations import hash_token
from smartby.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client):
    r = client.get("/konto/api-noegler/")
    assert r.status_code == 302 and "/konto/" in r["Location"]


def test_create_shows_the_secret_once_and_stores_a_hash(client_a, editor_a):
    r = client_a.post("/konto/api-noegler/", {"name": "Fagsystem", "scope": "write"})
    assert r.status_code == 200
    secret = r.context["secret"]
    assert secret.startswith("sb_") and secret in r.content.decode()
    token = ApiToken.objects.get(user=editor_a)
    assert token.token_hash == hash_token(secret) and secret not in (token.prefix + token.name)
    assert AuditEntry.objects.filter(action="token.create").exists()
    # Shown once: the list afterwards has only the prefix.
    page = client_a.get("/konto/api-noegler/").content.decode()
    assert secret not in page and token.prefix in page


def test_validation(client_a):
    r = client_a.post("/konto/api-noegler/", {"name": "", "scope": "admin"})
    assert r.status_code == 400
    html = r.content.decode()
    assert "Giv nøglen et navn" in html and "Vælg læse- eller skriveadgang" in html
    assert not ApiToken.objects.exists()


def test_revoke_only_own(client_a, client_b, editor_a):
    client_a.post("/konto/api-noegler/", {"name": "X", "scope": "read"})
    token = ApiToken.objects.get()
    assert client_b.post(f"/konto/api-noegler/{token.pk}/tilbagekald/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    client_a.post(f"/konto/api-noegler/{token.pk}/tilbagekald/")
    token.refresh_from_db()
    assert token.revoked_at is not None
