"""Two-factor pages: setup and management under /konto/totp/, the code step of the login, and a
superuser's reset of another user's second factor. Thin: the rules are in `twofactor.py`."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from smartby.accounts import throttle, twofactor
from smartby.accounts.forms import TwoFactorCodeForm, TwoFactorProofForm
from smartby.accounts.models import RecoveryDevice

PENDING_LOGIN_KEY = "twofactor_login"
PENDING_LOGIN_SECONDS = 300


def _safe_next(request: HttpRequest, url: str | None) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


# Setup and management (the user's own account)


@never_cache
@login_required
def setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if twofactor.is_enabled(user):
        return _manage_page(request)
    device = twofactor.start_setup(user)
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = twofactor.enable(user, form.cleaned_data["code"])
        except ValidationError as e:
            form.add_error(None, e)
        else:
            otp_login(request, device)
            messages.success(request, _("Totrinsbekræftelse er slået til."))
            return _codes_page(request, codes, next_url)
    return render(
        request,
        "accounts/twofactor_setup.html",
        {
            "form": form,
            "secret": twofactor.secret_text(device),
            "next": next_url,
            "required": twofactor.required(user),
        },
        status=400 if form.errors else 200,
    )


def _manage_page(
    request: HttpRequest,
    codes_form: TwoFactorProofForm | None = None,
    disable_form: TwoFactorProofForm | None = None,
) -> HttpResponse:
    user = request.user
    return render(
        request,
        "accounts/twofactor_manage.html",
        {
            "device": twofactor.app_device(user),
            "recovery_left": twofactor.remaining_recovery_codes(user),
            "codes_form": codes_form or TwoFactorProofForm(auto_id="codes_%s"),
            "disable_form": disable_form or TwoFactorProofForm(auto_id="disable_%s"),
            "required": twofactor.required(user),
        },
        status=400 if (codes_form or disable_form) else 200,
    )


def _codes_page(request: HttpRequest, codes: list[str], next_url: str = "") -> HttpResponse:
    response = render(
        request,
        "accounts/twofactor_codes.html",
        {"codes": codes, "next": next_url or reverse("accounts:profile")},
    )
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@login_required
def qr_code(request: HttpRequest) -> HttpResponse:
    device = twofactor.app_device(request.user, confirmed=False)
    if device is None or twofactor.is_enabled(request.user):
        raise Http404
    return HttpResponse(twofactor.qr_svg(device), content_type="image/svg+xml")


@login_required
@require_POST
def regenerate_codes(request: HttpRequest) -> HttpResponse:
    form = TwoFactorProofForm(request.POST, auto_id="codes_%s")
    if form.is_valid():
        try:
            codes = twofactor.regenerate_recovery_codes(
                request.user, form.cleaned_data["proof"], request
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            return _codes_page(request, codes)
    return _manage_page(request, codes_form=form)


@login_required
@require_POST
def disable(request: HttpRequest) -> HttpResponse:
    form = TwoFactorProofForm(request.POST, auto_id="disable_%s")
    if form.is_valid():
        try:
            twofactor.disable(request.user, form.cleaned_data["proof"], request)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(
                request,
                _(
                    "Totrinsbekræftelse er slået fra, og dine gendannelseskoder er slettet. "
                    "Du kan sætte en ny app op herunder."
                ),
            )
            return redirect("accounts:twofactor")
    return _manage_page(request, disable_form=form)


# Login, step two


def start_login(request: HttpRequest, user, next_url: str) -> HttpResponse:
    """After a correct password for a user with a second factor: remember who is logging in
    (not logged in yet) and ask for the code."""
    request.session[PENDING_LOGIN_KEY] = {
        "user": user.pk,
        "backend": user.backend,
        "next": next_url,
        "started": int(time.time()),
    }
    return redirect("accounts:login_code")


def _pending_user(request: HttpRequest):
    pending = request.session.get(PENDING_LOGIN_KEY)
    if not isinstance(pending, dict) or time.time() - pending.get("started", 0) > (
        PENDING_LOGIN_SECONDS
    ):
        return None, None
    user = get_user_model().objects.filter(pk=pending.get("user"), is_active=True).first()
    return user, pending


@never_cache
def login_code(request: HttpRequest) -> HttpResponse:
    user, pending = _pending_user(request)
    if user is None:
        request.session.pop(PENDING_LOGIN_KEY, None)
        messages.info(request, _("Log ind med din e-mail og adgangskode først."))
        return redirect("accounts:login")
    form = TwoFactorCodeForm(request.POST or None, recovery=True)
    if request.method == "POST" and form.is_valid():
        wait = throttle.wait_seconds(user.email, request)
        if wait:
            form.add_error(None, twofactor.lock_message(wait))
        elif (device := twofactor.verify_login_code(user, form.cleaned_data["code"])) is None:
            throttle.failed(user.email, request)
            form.add_error(
                "code", _("Koden passer ikke eller er brugt. Skriv den kode, appen viser nu.")
            )
        else:
            throttle.succeeded(user.email)
            del request.session[PENDING_LOGIN_KEY]
            login(request, user, backend=pending["backend"])
            otp_login(request, device)
            if isinstance(device, RecoveryDevice):
                left = twofactor.remaining_recovery_codes(user)
                messages.warning(
                    request,
                    _(
                        "Du har brugt en gendannelseskode. Du har %(left)d tilbage; lav nye "
                        "under Din konto → Totrinsbekræftelse."
                    )
                    % {"left": left},
                )
            return redirect(pending["next"] or settings.LOGIN_REDIRECT_URL)
    return render(
        request, "accounts/login_code.html", {"form": form}, status=400 if form.errors else 200
    )


# A superuser resets another user's second factor


@login_required
@require_POST
def reset(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(get_user_model(), pk=pk)
    if not twofactor.can_reset(request.user):
        raise PermissionDenied(_("Kun en superbruger kan nulstille totrinsbekræftelse."))
    try:
        twofactor.reset(request.user, target)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(
            request,
            _("Totrinsbekræftelse er nulstillet. Brugeren sætter den op igen ved næste login."),
        )
    return redirect("accounts:user_detail", pk=target.pk)
