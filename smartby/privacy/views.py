""" "Mine data": see, export and delete one's personal data.

Three entrances to the same pages: a link sent by e-mail (/privatliv/mine-data/), the logged-in
user's own account (/konto/mine-data/, deletion asks for the password) and a coordinator acting
on a person's request (/privatliv/mine-data/koordinator/). The work is in operations.py.
"""

import json
from typing import Any

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from smartby.accounts import throttle
from smartby.api.middleware import client_key
from smartby.lib.decorators import allowed_only
from smartby.lib.errors import ValidationFailed
from smartby.network.operations import Flooded
from smartby.network.views import wait_text
from smartby.privacy import operations
from smartby.privacy.forms import ConfirmDeleteForm, EmailForm, PasswordDeleteForm
from smartby.privacy.models import AccessLink

FIELD_LABELS = {
    "project": gettext_lazy("Projekt"),
    "name": gettext_lazy("Navn"),
    "role": gettext_lazy("Rolle"),
    "organisation": gettext_lazy("Organisation"),
    "organisations": gettext_lazy("Organisationer"),
    "email": gettext_lazy("E-mail"),
    "phone": gettext_lazy("Telefon"),
    "public": gettext_lazy("Vises offentligt"),
    "is_active": gettext_lazy("Aktiv"),
    "date_joined": gettext_lazy("Oprettet"),
    "last_login": gettext_lazy("Sidst logget ind"),
    "visible": gettext_lazy("Vises i Find en fagkollega"),
    "title": gettext_lazy("Stilling"),
    "about": gettext_lazy("Det arbejder jeg med"),
    "areas": gettext_lazy("Områder"),
    "technologies": gettext_lazy("Teknologier"),
    "consented_at": gettext_lazy("Samtykke givet"),
    "prefix": gettext_lazy("Nøglens begyndelse"),
    "confirmed": gettext_lazy("Taget i brug"),
    "scope": gettext_lazy("Adgang"),
    "created_at": gettext_lazy("Oprettet"),
    "last_used_at": gettext_lazy("Sidst brugt"),
    "revoked_at": gettext_lazy("Tilbagekaldt"),
    "subscription": gettext_lazy("Abonnement"),
    "confirmed_at": gettext_lazy("Bekræftet"),
    "topic": gettext_lazy("Emne"),
    "sender_name": gettext_lazy("Afsenderens navn"),
    "sender_email": gettext_lazy("Afsenderens e-mail"),
    "message": gettext_lazy("Besked"),
    "round": gettext_lazy("Runde"),
    "municipality": gettext_lazy("Kommune"),
    "handed_over_to": gettext_lazy("Givet videre til"),
    "sent_at": gettext_lazy("Sendt"),
    "kit": gettext_lazy("Kit"),
    "start_date": gettext_lazy("Fra"),
    "end_date": gettext_lazy("Til"),
    "status": gettext_lazy("Status"),
    "requested_by_you": gettext_lazy("Anmodet af dig"),
    "purpose": gettext_lazy("Formål"),
    "kind": gettext_lazy("Type"),
    "run_date": gettext_lazy("Dato"),
    "answer": gettext_lazy("Svar"),
    "expires_at": gettext_lazy("Udløber"),
    "accepted_at": gettext_lazy("Accepteret"),
    "invited_at": gettext_lazy("Inviteret"),
    "scores": gettext_lazy("Antal bedømmelser"),
    "at": gettext_lazy("Tidspunkt"),
    "action": gettext_lazy("Handling"),
    "object": gettext_lazy("Gælder"),
    "by_you": gettext_lazy("Udført af dig"),
}
#: Shown in the export only (too technical or too long for the page).
HIDDEN_ON_PAGE = {"project_url", "changes"}


def _display(value: Any) -> str:
    if value is True:
        return _("Ja")
    if value is False:
        return _("Nej")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "–"
    return str(value) if value not in (None, "") else "–"


def _groups(inventory: operations.Inventory) -> list[dict[str, Any]]:
    return [
        {
            "key": group.key,
            "title": group.title,
            "published": group.published,
            "items": [
                [
                    (FIELD_LABELS.get(k, k), _display(v))
                    for k, v in item.items()
                    if k not in HIDDEN_ON_PAGE
                ]
                for item in group.items
            ],
        }
        for group in inventory.groups
    ]


def _overview(
    request: HttpRequest, inventory: operations.Inventory, urls: dict[str, str]
) -> HttpResponse:
    context = {
        "email": inventory.subject.email,
        "groups": [g for g in _groups(inventory) if g["items"]],
        "empty": [g.title for g in inventory.groups if not g.items],
        "has_data": inventory.has_data,
        **urls,
    }
    return render(request, "privacy/overview.html", context)


def _json_download(data: dict[str, Any]) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="smartby-mine-data.json"'
    return response


def _deleted(request: HttpRequest, result: operations.DeletionResult) -> HttpResponse:
    return render(
        request,
        "privacy/deleted.html",
        {"result": result, "total": sum(result.counts.values())},
    )


# By e-mail link ---------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def request_link(request: HttpRequest) -> HttpResponse:
    form = EmailForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            operations.request_link(form.cleaned_data["email"], client_key(request))
        except Flooded as flooded:
            form.add_error(
                "email",
                _("Der er bestilt mange links på kort tid. Prøv igen om %(wait)s.")
                % {"wait": wait_text(flooded.wait_seconds)},
            )
            response = render(request, "privacy/request.html", {"form": form}, status=429)
            response["Retry-After"] = str(flooded.wait_seconds)
            return response
        except ValidationFailed as failed:
            for error in failed.errors:
                form.add_error("email", error["message"])
        else:
            return redirect("privacy:sent")
    status = 400 if request.method == "POST" else 200
    return render(request, "privacy/request.html", {"form": form}, status=status)


@require_GET
def sent(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/sent.html")


def _open(request: HttpRequest, token: str) -> AccessLink | HttpResponse:
    try:
        return operations.open_link(token)
    except operations.LinkError as error:
        return render(request, "privacy/link_error.html", {"message": error.message}, status=410)


@never_cache
@require_GET
def link(request: HttpRequest, token: str) -> HttpResponse:
    access = _open(request, token)
    if isinstance(access, HttpResponse):
        return access
    subject = operations.subject_for(access.email)
    operations.authorise(None, subject, access)
    return _overview(
        request,
        operations.collect(subject),
        {
            "export_url": reverse("privacy:link_export", args=[token]),
            "delete_url": reverse("privacy:link_delete", args=[token]),
        },
    )


@never_cache
@require_GET
def link_export(request: HttpRequest, token: str) -> HttpResponse:
    access = _open(request, token)
    if isinstance(access, HttpResponse):
        return access
    subject = operations.subject_for(access.email)
    return _json_download(operations.export_for(None, subject, link=access, via="link"))


@never_cache
@require_http_methods(["GET", "POST"])
def link_delete(request: HttpRequest, token: str) -> HttpResponse:
    access = _open(request, token)
    if isinstance(access, HttpResponse):
        return access
    subject = operations.subject_for(access.email)
    form = ConfirmDeleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        own = subject.user is not None and request.user.pk == subject.user.pk
        result = operations.delete(None, subject, link=access, via="link")
        if own:
            logout(request)
        return _deleted(request, result)
    return render(
        request,
        "privacy/confirm_delete.html",
        {
            "form": form,
            "email": subject.email,
            "back_url": reverse("privacy:link", args=[token]),
            "has_account": subject.user is not None,
        },
        status=400 if request.method == "POST" else 200,
    )


# The logged-in user's own data ----------------------------------------------------------------


@never_cache
@login_required
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    subject = operations.subject_for(request.user.email)
    operations.authorise(request.user, subject)
    return _overview(
        request,
        operations.collect(subject),
        {
            "export_url": reverse("privacy:account_export"),
            "delete_url": reverse("privacy:account_delete"),
        },
    )


@never_cache
@login_required
@require_GET
def account_export(request: HttpRequest) -> HttpResponse:
    subject = operations.subject_for(request.user.email)
    return _json_download(operations.export_for(request.user, subject, via="account"))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    user = request.user
    subject = operations.subject_for(user.email)
    form = PasswordDeleteForm(request.POST if request.method == "POST" else None, user=user)
    if request.method == "POST":
        if throttle.wait_seconds(user.email, request):
            form.add_error(None, _("For mange forkerte adgangskoder. Prøv igen senere."))
        elif form.is_valid():
            result = operations.delete(user, subject, via="account")
            logout(request)
            return _deleted(request, result)
        elif "password" in form.errors and request.POST.get("password"):
            throttle.failed(user.email, request)
    return render(
        request,
        "privacy/confirm_delete.html",
        {
            "form": form,
            "email": subject.email,
            "back_url": reverse("privacy:account"),
            "has_account": True,
        },
        status=400 if request.method == "POST" else 200,
    )


# A coordinator on a person's request ----------------------------------------------------------

coordinator_only = allowed_only(
    lambda user: user.is_coordinator,
    gettext_lazy("Kun koordinatorer kan behandle anmodninger om personoplysninger."),
)


@never_cache
@coordinator_only
@require_http_methods(["GET", "POST"])
def coordinator(request: HttpRequest) -> HttpResponse:
    """POST email and action=find|export|delete (delete needs the checkbox). The address is
    never in the URL, so it stays out of access logs."""
    form = EmailForm(request.POST if request.method == "POST" else None)
    if not form.is_bound or not form.is_valid():
        return render(
            request,
            "privacy/coordinator.html",
            {"form": form},
            status=400 if form.is_bound else 200,
        )
    subject = operations.subject_for(form.cleaned_data["email"])
    action = request.POST.get("action")
    confirm = ConfirmDeleteForm(request.POST if action == "delete" else None)
    confirm.fields["confirm"].label = _("Ja, slet personens oplysninger – det kan ikke fortrydes")
    if action == "export":
        return _json_download(operations.export_for(request.user, subject, via="coordinator"))
    if action == "delete" and confirm.is_valid():
        result = operations.delete(request.user, subject, via="coordinator")
        return _deleted(request, result)
    inventory = operations.collect(subject)
    return render(
        request,
        "privacy/coordinator.html",
        {
            "form": form,
            "confirm": confirm,
            "email": subject.email,
            "groups": [g for g in _groups(inventory) if g["items"]],
            "has_data": inventory.has_data,
        },
        status=400 if action == "delete" else 200,
    )
