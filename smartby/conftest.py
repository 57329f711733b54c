"""Shared test personas and fixtures.

Personas (each a logged-in `Client` fixture exists too):
- `editor_a`: editor, member of Aarhus Kommune (751)
- `editor_b`: editor, member of Odense Kommune (461)
- `coordinator`: network coordinator (edits everything)
- `superuser`
Anonymous readers use the plain `client` fixture.
"""

import pytest
from django.test import Client

from smartby.accounts.models import Role, User
from smartby.orgs.models import Organisation

PASSWORD = "korrekt-hest-batteri-42"


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Tests read static files from the apps (no collectstatic manifest needed)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def make_user(email: str, *, role: str = Role.EDITOR, orgs: tuple[str, ...] = (), **extra) -> User:
    user = User.objects.create_user(email, PASSWORD, role=role, name=extra.pop("name", ""), **extra)
    for code in orgs:
        user.organisations.add(Organisation.objects.get(municipality__code=code))
    return user


@pytest.fixture
def org_a(db) -> Organisation:
    return Organisation.objects.get(municipality__code="751")


@pytest.fixture
def org_b(db) -> Organisation:
    return Organisation.objects.get(municipality__code="461")


@pytest.fixture
def editor_a(db) -> User:
    return make_user("anna@aarhus.example.org", orgs=("751",), name="Anna Aarhus")


@pytest.fixture
def editor_b(db) -> User:
    return make_user("bo@odense.example.org", orgs=("461",), name="Bo Odense")


@pytest.fixture
def coordinator(db) -> User:
    return make_user("kim@kl.example.org", role=Role.COORDINATOR, name="Kim Koordinator")


@pytest.fixture
def superuser(db) -> User:
    return User.objects.create_superuser("root@smartby.example.org", PASSWORD)


def _client_for(user: User) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def client_a(editor_a) -> Client:
    return _client_for(editor_a)


@pytest.fixture
def client_b(editor_b) -> Client:
    return _client_for(editor_b)


@pytest.fixture
def client_coordinator(coordinator) -> Client:
    return _client_for(coordinator)


@pytest.fixture
def client_superuser(superuser) -> Client:
    return _client_for(superuser)
