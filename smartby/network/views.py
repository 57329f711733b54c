"""Network pages: Find en fagkollega, the peer profile and the "Kontakt" forms."""

import math
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from smartby.api.middleware import client_key
from smartby.network import directory, operations
from smartby.network.forms import ContactForm, PeerProfileForm, form_token
from smartby.network.models import PeerProfile
from smartby.registry.models import Project

PAGE_SIZE = 20


@require_GET
def directory_page(request: HttpRequest) -> HttpResponse:
    f = directory.PeerFilters.from_query(request.GET)
    page = Paginator(directory.PeopleResult(f), PAGE_SIZE).get_page(request.GET.get("side"))
    context = {"page": page, "filters": f, "facets": directory.facets(f), "q": f.q}
    template = (
        "network/_peer_results.html"
        if request.headers.get("HX-Request")
        else "network/directory.html"
    )
    return render(request, template, context)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = PeerProfileForm.for_user(request.user, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            saved = operations.update_peer_profile(request.user, form.cleaned_data)
            messages.success(
                request,
                _("Din profil er gemt, og du vises nu i Find en fagkollega.")
                if saved.visible
                else _("Din profil er gemt. Du vises ikke i Find en fagkollega."),
            )
            return redirect("network:profile")
        return render(request, "network/profile_form.html", {"form": form}, status=400)
    return render(request, "network/profile_form.html", {"form": form})


# Kontakt ----------------------------------------------------------------------------------


def _initial(request: HttpRequest) -> dict[str, Any]:
    initial: dict[str, Any] = {"started": form_token()}
    user = request.user
    if user.is_authenticated:
        membership = user.memberships.select_related("organisation").order_by("id").first()
        initial.update(
            name=user.name,
            email=user.email,
            organisation=membership.organisation if membership else None,
        )
    return initial


def wait_text(seconds: int) -> str:
    """ "42 sekunder", "17 minutter", "2 timer og 5 minutter"."""
    if seconds < 60:
        return ngettext("%(n)d sekund", "%(n)d sekunder", seconds) % {"n": seconds}
    minutes = math.ceil(seconds / 60)
    if minutes < 60:
        return ngettext("%(n)d minut", "%(n)d minutter", minutes) % {"n": minutes}
    hours, minutes = divmod(minutes, 60)
    text = ngettext("%(n)d time", "%(n)d timer", hours) % {"n": hours}
    if minutes:
        text += (
            " "
            + _("og")
            + " "
            + ngettext("%(n)d minut", "%(n)d minutter", minutes) % {"n": minutes}
        )
    return text


def _contact(
    request: HttpRequest,
    *,
    target: dict[str, Any],
    recipients: list[tuple[str, str]] | None,
    send: Any,
    sent_url: str,
) -> HttpResponse:
    """The shared GET/POST flow of both contact forms. `send(data, contact_id)` calls the
    operation; `target` goes to the templates (project or peer)."""
    target = {**target, "retention_days": settings.CONTACT_RETENTION_DAYS}
    if request.method != "POST":
        initial = _initial(request)
        if recipients and request.GET.get("til", "") in {value for value, _ in recipients}:
            initial["recipient"] = request.GET["til"]
        form = ContactForm(initial=initial, recipients=recipients)
        return render(request, "network/contact_form.html", {**target, "form": form})

    form = ContactForm(request.POST.copy(), recipients=recipients)
    if form.is_honeypot_filled:
        return render(request, "network/contact_rejected.html", target, status=400)
    if not form.is_valid():
        if form.started_problem:
            form.data["started"] = form_token()
        return render(request, "network/contact_form.html", {**target, "form": form}, status=400)
    recipient = form.cleaned_data.get("recipient")
    try:
        send(operations.ContactInput.from_form(form.cleaned_data), int(recipient or 0) or None)
    except operations.Flooded as flooded:
        response = render(
            request,
            "network/contact_blocked.html",
            {
                **target,
                "wait": wait_text(flooded.wait_seconds),
                "message": form.cleaned_data["message"],
            },
            status=429,
        )
        response["Retry-After"] = str(flooded.wait_seconds)
        return response
    return redirect(sent_url)


def project_contact(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_object_or_404(Project.objects.select_related("lead_organisation"), slug=slug)
    target = {"project": project}
    all_recipients = operations.project_recipients(project)
    if not all_recipients:
        status = 400 if request.method == "POST" else 200
        return render(request, "network/contact_unavailable.html", target, status=status)
    named = operations.named_recipients(all_recipients)
    choices = [(str(c.pk), f"{c.name}, {c.role}" if c.role else c.name) for c in named]
    return _contact(
        request,
        target={**target, "recipient_count": len(all_recipients)},
        recipients=choices if len(all_recipients) > 1 and choices else None,
        send=lambda data, contact_id: operations.send_to_project(
            project=project,
            data=data,
            sender=request.user,
            client_ip=client_key(request),
            contact_id=contact_id,
        ),
        sent_url=reverse("network:project_contact_sent", args=[project.slug]),
    )


@require_GET
def project_contact_sent(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_object_or_404(Project, slug=slug)
    return render(request, "network/contact_sent.html", {"project": project})


def _peer_or_404(pk: int) -> PeerProfile:
    profile = operations.visible_profile(pk)
    if profile is None:
        raise Http404(_("Personen findes ikke eller vises ikke i Find en fagkollega."))
    return profile


def peer_contact(request: HttpRequest, pk: int) -> HttpResponse:
    peer = _peer_or_404(pk)
    return _contact(
        request,
        target={"peer": peer},
        recipients=None,
        send=lambda data, _contact_id: operations.send_to_peer(
            profile=peer, data=data, sender=request.user, client_ip=client_key(request)
        ),
        sent_url=reverse("network:peer_contact_sent", args=[peer.pk]),
    )


@require_GET
def peer_contact_sent(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "network/contact_sent.html", {"peer": _peer_or_404(pk)})
