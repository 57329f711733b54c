import pytest
from django.urls import reverse

from smartby.accounts import operations
from smartby.conftest import PASSWORD

LOGIN = reverse("accounts:login")


def test_login_page_is_danish_and_labelled(client, db):
    response = client.get(LOGIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="id_username">E-mail</label>' in html
    assert '<label for="id_password">Adgangskode</label>' in html
    assert reverse("accounts:password_reset") in html


def test_login_with_right_password(client, editor_a):
    response = client.post(LOGIN, {"username": editor_a.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:home")
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_login_redirects_to_next(client, editor_a):
    profile = reverse("accounts:profile")
    response = client.post(
        LOGIN, {"username": editor_a.email, "password": PASSWORD, "next": profile}
    )
    assert response["Location"] == profile


def test_login_ignores_next_on_other_hosts(client, editor_a):
    response = client.post(
        LOGIN,
        {"username": editor_a.email, "password": PASSWORD, "next": "https://evil.example.com/"},
    )
    assert response["Location"] == reverse("registry:home")


def test_login_with_wrong_password_is_refused(client, editor_a):
    response = client.post(LOGIN, {"username": editor_a.email, "password": "forkert-hest-99"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "E-mail eller adgangskode er forkert." in html
    # Only the form as a whole failed: the error summary takes the focus.
    assert 'id="login-errors" tabindex="-1" aria-labelledby="login-errors-title" autofocus' in html
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("typed", ["ANNA@Aarhus.example.org", "  anna@aarhus.example.org "])
def test_login_email_is_case_insensitive(client, editor_a, typed):
    response = client.post(LOGIN, {"username": typed, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor_a.pk)


def test_missing_fields_are_tied_to_their_inputs(client, db):
    html = client.post(LOGIN, {"username": "", "password": ""}).content.decode()
    assert 'aria-invalid="true" aria-describedby="id_username_error"' in html
    assert (
        '<ul class="errorlist" id="id_username_error"><li>Dette felt er påkrævet.</li></ul>' in html
    )
    assert '<a href="#id_username">E-mail: Dette felt er påkrævet.</a>' in html
    # The first field with an error gets the focus.
    assert "autofocus required aria-invalid" in html


def test_deactivated_user_cannot_log_in(client, coordinator, editor_a):
    operations.set_active(coordinator, editor_a, False)
    response = client.post(LOGIN, {"username": editor_a.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_deactivation_ends_existing_sessions(client_a, coordinator, editor_a):
    assert client_a.get(reverse("accounts:profile")).status_code == 200
    operations.set_active(coordinator, editor_a, False)
    response = client_a.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_logged_in_user_is_sent_on_from_login_page(client_a):
    assert client_a.get(LOGIN).status_code == 302


def test_logout(client_a):
    response = client_a.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:home")
    assert "_auth_user_id" not in client_a.session
    assert client_a.get(reverse("accounts:profile")).status_code == 302


def test_logout_needs_post(client_a):
    assert client_a.get(reverse("accounts:logout")).status_code == 405
    assert "_auth_user_id" in client_a.session
