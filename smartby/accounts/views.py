"""Account pages. Thin: parse a form, call an operation, render or redirect.

Permission errors from operations propagate as `PermissionDenied` (HTTP 403); validation errors
go back into the form beside their fields.
"""

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from smartby.accounts import operations, twofactor, twofactor_views
from smartby.accounts.forms import (
    AcceptInvitationForm,
    ChangePasswordForm,
    InvitationForm,
    LoginForm,
    MembershipForm,
    PasswordResetRequestForm,
    ProfileForm,
    RoleForm,
    SetPasswordForm,
    UserSearchForm,
)
from smartby.accounts.models import User
from smartby.audit.operations import history
from smartby.lib.decorators import allowed_only
from smartby.orgs.models import Organisation

USERS_PER_PAGE = 25


coordinator_required = allowed_only(
    operations.can_manage_users, gettext_lazy("Kun koordinatorer kan administrere brugere.")
)


# Login, logout, password reset (Django's views with Smartby forms and templates)


class LoginView(auth_views.LoginView):
    """Password first. A user with two-factor authentication is not logged in yet: the code
    step (`twofactor_views.login_code`) does that. A coordinator who must use it but has not set
    it up is logged in and sent to the setup page."""

    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: LoginForm) -> HttpResponse:
        user = form.get_user()
        if twofactor.is_enabled(user):
            return twofactor_views.start_login(self.request, user, self.get_success_url())
        response = super().form_valid(form)
        if twofactor.required(user):
            messages.warning(
                self.request,
                _(
                    "Som koordinator skal du bruge totrinsbekræftelse. Slå den til her, så kan "
                    "du bruge koordinatorfunktionerne bagefter."
                ),
            )
            return redirect(
                reverse("accounts:twofactor") + "?" + urlencode({"next": self.get_success_url()})
            )
        return response


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetRequestForm
    template_name = "accounts/password_reset_form.html"
    success_url = reverse_lazy("accounts:password_reset_done")
    title = gettext_lazy("Glemt adgangskode")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"
    title = gettext_lazy("Tjek din mail")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    title = gettext_lazy("Vælg en ny adgangskode")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
    title = gettext_lazy("Din adgangskode er ændret")


# The user's own account


def _profile_page(
    request: HttpRequest,
    profile_form: ProfileForm | None = None,
    password_form: ChangePasswordForm | None = None,
) -> HttpResponse:
    user = request.user
    return render(
        request,
        "accounts/profile.html",
        {
            "profile_form": profile_form or ProfileForm(initial={"name": user.name}),
            "password_form": password_form or ChangePasswordForm(user),
            "organisations": user.organisations.order_by("name"),
            "can_invite": operations.can_invite(user),
            "can_manage_users": operations.can_manage_users(user),
        },
    )


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _profile_page(request)
    form = ProfileForm(request.POST)
    if form.is_valid():
        try:
            operations.update_profile(request.user, name=form.cleaned_data["name"])
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Dit navn er gemt."))
            return redirect("accounts:profile")
    return _profile_page(request, profile_form=form)


@login_required
@require_POST
def change_password(request: HttpRequest) -> HttpResponse:
    form = ChangePasswordForm(request.user, request.POST)
    if form.is_valid():
        try:
            user = operations.change_password(request.user, password=form.cleaned_data["password"])
        except ValidationError as e:
            form.add_error(None, e)
        else:
            update_session_auth_hash(request, user)
            messages.success(request, _("Din adgangskode er ændret."))
            return redirect("accounts:profile")
    return _profile_page(request, password_form=form)


# Invitations


@login_required
def invite(request: HttpRequest) -> HttpResponse:
    actor = request.user
    if not operations.can_invite(actor):
        raise PermissionDenied(
            _("Du kan invitere kolleger, når du er medlem af en organisation på Smartby.")
        )
    organisations = operations.invitable_organisations(actor)
    initial = {}
    if not actor.is_coordinator and len(organisations) == 1:
        initial["organisation"] = organisations[0]
    form = InvitationForm(actor, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = operations.invite_user(actor, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(
                request, _("Invitationen er sendt til %(email)s.") % {"email": invitation.email}
            )
            return redirect("accounts:invite")
    return render(
        request,
        "accounts/invite.html",
        {"form": form, "invitations": operations.recent_invitations(actor)},
    )


@never_cache
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = operations.get_invitation(token)
    except operations.InvitationError as e:
        return _invitation_invalid(request, e)
    existing = operations.invited_user(invitation)
    form = None if existing else AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and (form is None or form.is_valid()):
        data = form.cleaned_data if form else {}
        try:
            user = operations.accept_invitation(
                token, name=data.get("name", ""), password=data.get("password", "")
            )
        except operations.InvitationError as e:
            return _invitation_invalid(request, e)
        except ValidationError as e:
            if form is None:
                raise
            form.add_error(None, e)
        else:
            return _invitation_accepted(request, user, invitation, new_user=existing is None)
    return render(
        request,
        "accounts/accept_invitation.html",
        {"invitation": invitation, "existing": existing, "form": form},
    )


def _invitation_invalid(request: HttpRequest, error: operations.InvitationError) -> HttpResponse:
    return render(
        request, "accounts/invitation_invalid.html", {"message": error.message}, status=error.status
    )


def _invitation_accepted(
    request: HttpRequest, user: User, invitation: Any, *, new_user: bool
) -> HttpResponse:
    if new_user:
        login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
        messages.success(request, _("Velkommen til Smartby, %(name)s.") % {"name": user.name})
        return redirect("accounts:profile")
    if invitation.organisation:
        message = _("%(email)s er nu medlem af %(organisation)s.") % {
            "email": user.email,
            "organisation": invitation.organisation.name,
        }
    else:
        message = _("%(email)s er nu koordinator.") % {"email": user.email}
    messages.success(request, message)
    if request.user.is_authenticated and request.user.pk == user.pk:
        return redirect("accounts:profile")
    return redirect("accounts:login")


# User administration (coordinators)


@coordinator_required
def user_list(request: HttpRequest) -> HttpResponse:
    search = UserSearchForm(request.GET)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    users = operations.user_list(request.user, query)
    page = Paginator(users, USERS_PER_PAGE).get_page(request.GET.get("side"))
    return render(
        request, "accounts/user_list.html", {"search": search, "query": query, "page": page}
    )


def _user_page(
    request: HttpRequest,
    target: User,
    *,
    role_form: RoleForm | None = None,
    membership_form: MembershipForm | None = None,
    active_error: str = "",
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "accounts/user_detail.html",
        {
            "target": target,
            "organisations": target.organisations.order_by("name"),
            "role_form": role_form or RoleForm(initial={"role": target.role}),
            "membership_form": membership_form or MembershipForm(),
            "active_error": active_error,
            "history": history(target)[:20],
            "twofactor_enabled": twofactor.is_enabled(target),
            "can_reset_twofactor": twofactor.can_reset(request.user)
            and target.pk != request.user.pk,
        },
        status=status,
    )


@coordinator_required
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _user_page(request, get_object_or_404(User, pk=pk))


@coordinator_required
@require_POST
def user_role(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(User, pk=pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            operations.change_role(request.user, target, form.cleaned_data["role"])
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Rollen er ændret."))
            return redirect("accounts:user_detail", pk=target.pk)
    return _user_page(request, target, role_form=form)


@coordinator_required
@require_POST
def user_active(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(User, pk=pk)
    active = request.POST.get("active") == "1"
    try:
        operations.set_active(request.user, target, active)
    except ValidationError as e:
        return _user_page(request, target, active_error=" ".join(e.messages))
    if active:
        messages.success(request, _("Brugeren er aktiveret igen."))
    else:
        messages.success(request, _("Brugeren er deaktiveret og kan ikke længere logge ind."))
    return redirect("accounts:user_detail", pk=target.pk)


@coordinator_required
@require_POST
def user_add_membership(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(User, pk=pk)
    form = MembershipForm(request.POST)
    if form.is_valid():
        try:
            operations.add_membership(request.user, target, form.cleaned_data["organisation"])
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(
                request,
                _("Brugeren er nu medlem af %(organisation)s.")
                % {"organisation": form.cleaned_data["organisation"].name},
            )
            return redirect("accounts:user_detail", pk=target.pk)
    return _user_page(request, target, membership_form=form)


@coordinator_required
@require_POST
def user_remove_membership(request: HttpRequest, pk: int, org_pk: int) -> HttpResponse:
    target = get_object_or_404(User, pk=pk)
    organisation = get_object_or_404(Organisation, pk=org_pk)
    try:
        operations.remove_membership(request.user, target, organisation)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(
            request,
            _("Brugeren er ikke længere medlem af %(organisation)s.")
            % {"organisation": organisation.name},
        )
    return redirect("accounts:user_detail", pk=target.pk)
