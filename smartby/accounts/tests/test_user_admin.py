import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from smartby.accounts import operations
from smartby.accounts.models import Membership, Role, User
from smartby.audit.models import AuditEntry
from smartby.conftest import make_user

USERS = reverse("accounts:user_list")


def url(name, user, *args):
    return reverse(f"accounts:{name}", args=[user.pk, *args])


# Who may manage users


@pytest.mark.parametrize("name", ["user_list", "user_detail"])
def test_anonymous_is_sent_to_login(client, editor_a, name):
    target = USERS if name == "user_list" else url(name, editor_a)
    response = client.get(target)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_editor_is_refused_everywhere(client_a, editor_b, org_a):
    assert client_a.get(USERS).status_code == 403
    assert client_a.get(url("user_detail", editor_b)).status_code == 403
    assert client_a.post(url("user_role", editor_b), {"role": "coordinator"}).status_code == 403
    assert client_a.post(url("user_active", editor_b), {"active": "0"}).status_code == 403
    response = client_a.post(url("user_add_membership", editor_b), {"organisation": org_a.pk})
    assert response.status_code == 403
    editor_b.refresh_from_db()
    assert editor_b.role == Role.EDITOR and editor_b.is_active
    assert not editor_b.memberships.filter(organisation=org_a).exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("persona", ["client_coordinator", "client_superuser"])
def test_coordinators_see_the_list(request, persona, editor_a, editor_b):
    html = request.getfixturevalue(persona).get(USERS).content.decode()
    assert "Anna Aarhus" in html and "Bo Odense" in html
    assert "Aarhus Kommune" in html


def test_operations_refuse_editors(editor_a, editor_b, org_a):
    for call in (
        lambda: operations.user_list(editor_a),
        lambda: operations.change_role(editor_a, editor_b, Role.COORDINATOR),
        lambda: operations.set_active(editor_a, editor_b, False),
        lambda: operations.add_membership(editor_a, editor_b, org_a),
        lambda: operations.remove_membership(editor_a, editor_b, org_a),
    ):
        with pytest.raises(PermissionDenied):
            call()


# The list


def test_search_by_name_or_email(client_coordinator, editor_a, editor_b):
    html = client_coordinator.get(USERS, {"q": "odense"}).content.decode()
    assert "Bo Odense" in html and "Anna Aarhus" not in html
    html = client_coordinator.get(USERS, {"q": "ANNA"}).content.decode()
    assert "Anna Aarhus" in html and "Bo Odense" not in html
    assert "1 bruger matcher" in html


def test_list_is_paginated_without_n_plus_one(
    client_coordinator, coordinator, django_assert_max_num_queries
):
    for i in range(30):
        make_user(f"person{i:02d}@example.org", orgs=("751", "461"), name=f"Person {i:02d}")
    with django_assert_max_num_queries(8):
        html = client_coordinator.get(USERS).content.decode()
    assert "Side 1 af 2" in html
    assert len(re.findall(r'href="/konto/brugere/\d+/"', html)) == 25
    html = client_coordinator.get(USERS, {"q": "person", "side": 2}).content.decode()
    assert "Side 2 af 2" in html
    assert "Person 29" in html
    assert 'href="?q=person&amp;side=1"' in html


# Changes


def test_change_role(client_coordinator, coordinator, editor_a):
    response = client_coordinator.post(url("user_role", editor_a), {"role": "coordinator"})
    assert response["Location"] == url("user_detail", editor_a)
    editor_a.refresh_from_db()
    assert editor_a.role == Role.COORDINATOR
    entry = AuditEntry.objects.get(action="user.role")
    assert entry.actor == coordinator
    assert entry.changes == {"role": {"old": "editor", "new": "coordinator"}}


def test_coordinator_cannot_change_own_role_or_deactivate_self(client_coordinator, coordinator):
    response = client_coordinator.post(url("user_role", coordinator), {"role": "editor"})
    assert response.status_code == 200
    assert "Du kan ikke ændre din egen rolle." in response.content.decode()
    response = client_coordinator.post(url("user_active", coordinator), {"active": "0"})
    assert "Du kan ikke deaktivere dig selv." in response.content.decode()
    coordinator.refresh_from_db()
    assert coordinator.role == Role.COORDINATOR and coordinator.is_active


def test_coordinator_cannot_change_a_superuser(client_coordinator, coordinator, superuser):
    assert (
        client_coordinator.post(url("user_active", superuser), {"active": "0"}).status_code == 403
    )
    with pytest.raises(PermissionDenied):
        operations.change_role(coordinator, superuser, Role.EDITOR)
    superuser.refresh_from_db()
    assert superuser.is_active


def test_deactivate_and_reactivate(client_coordinator, coordinator, editor_a):
    client_coordinator.post(url("user_active", editor_a), {"active": "0"})
    editor_a.refresh_from_db()
    assert not editor_a.is_active
    client_coordinator.post(url("user_active", editor_a), {"active": "1"})
    editor_a.refresh_from_db()
    assert editor_a.is_active
    assert list(
        AuditEntry.objects.filter(object_id=str(editor_a.pk))
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["user.deactivate", "user.activate"]


def test_add_and_remove_membership(client_coordinator, editor_a, org_a, org_b):
    response = client_coordinator.post(
        url("user_add_membership", editor_a), {"organisation": org_b.pk}
    )
    assert response["Location"] == url("user_detail", editor_a)
    assert set(editor_a.organisations.all()) == {org_a, org_b}

    response = client_coordinator.post(
        url("user_add_membership", editor_a), {"organisation": org_b.pk}
    )
    assert "Anna Aarhus er allerede medlem af Odense Kommune." in response.content.decode()

    response = client_coordinator.post(url("user_remove_membership", editor_a, org_a.pk))
    assert response["Location"] == url("user_detail", editor_a)
    assert list(editor_a.organisations.all()) == [org_b]
    actions = list(AuditEntry.objects.order_by("id").values_list("action", "changes__organisation"))
    assert actions == [
        ("user.add_membership", {"old": None, "new": "Odense Kommune"}),
        ("user.remove_membership", {"old": "Aarhus Kommune", "new": None}),
    ]


def test_removing_a_missing_membership_is_a_validation_error(coordinator, editor_a, org_b):
    with pytest.raises(ValidationError):
        operations.remove_membership(coordinator, editor_a, org_b)
    assert not AuditEntry.objects.exists()


def test_user_detail_page(client_coordinator, editor_a):
    operations.change_role(User.objects.get(email="kim@kl.example.org"), editor_a, "coordinator")
    html = client_coordinator.get(url("user_detail", editor_a)).content.decode()
    assert "anna@aarhus.example.org" in html
    assert "Fjern fra Aarhus Kommune" in html
    assert "user.role" in html
    assert Membership.objects.filter(user=editor_a).count() == 1
