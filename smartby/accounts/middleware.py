"""Two-factor enforcement for coordinators and superusers (settings.REQUIRE_2FA_FOR_COORDINATORS).

Runs after django-otp's `OTPMiddleware`. A coordinator or superuser whose session is not verified
by a second factor:
- has no coordinator rights for this request (`User.second_factor_missing`, so every
  `is_coordinator` check refuses), and a coordinator-only page (HTTP 403) sends them to the
  setup page at /konto/totp/ with an explanation;
- cannot write anything (POST etc.) except setting up the second factor, logging in and out
  and choosing the language;
- is logged out if they already have a second factor (a session from before it was set up, or
  from a login that skipped it): they log in again with a code.
The JSON API (/api/) is not affected: its writes use API keys, which are created on /konto/
after this check.
"""

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from smartby.accounts import twofactor

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
OPEN_URL_NAMES = ("login", "login_code", "logout", "twofactor")


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.REQUIRE_2FA_FOR_COORDINATORS or request.path.startswith("/api/"):
            return self.get_response(request)
        user = request.user
        if not twofactor.required(user) or user.is_verified():
            return self.get_response(request)
        if twofactor.is_enabled(user):
            logout(request)
            messages.info(request, _("Log ind igen med din kode fra godkendelsesappen."))
            return redirect_to_login(request.get_full_path())
        user.second_factor_missing = True
        open_path = request.path in _open_paths()
        if request.method not in SAFE_METHODS and not open_path:
            return _to_setup(request)
        response = self.get_response(request)
        if response.status_code == 403 and not open_path:
            return _to_setup(request)
        return response


def _open_paths() -> set[str]:
    return {reverse(f"accounts:{name}") for name in OPEN_URL_NAMES} | {reverse("set_language")}


def _to_setup(request: HttpRequest) -> HttpResponse:
    messages.warning(
        request,
        _(
            "Som koordinator skal du bruge totrinsbekræftelse. Slå den til her, så kan du "
            "bruge koordinatorfunktionerne bagefter."
        ),
    )
    next_url = request.get_full_path() if request.method in SAFE_METHODS else ""
    url = reverse("accounts:twofactor")
    if next_url:
        url += "?" + urlencode({"next": next_url})
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)
