"""Freshness overview and the landing pages of the links in reminder emails.

Links in emails are opened with GET, and mail scanners open them too: a GET only shows what the
link will do, and a POST button does it.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from smartby.geo.models import Municipality, Region
from smartby.registry import permissions
from smartby.registry.freshness import DUE_OR_STALE, cutoffs
from smartby.reminders import links, operations, queries
from smartby.reminders.models import Reminder

PAGE_SIZE = 25
LOGIN_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _no_index(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _link_error(request: HttpRequest, error: links.LinkError) -> HttpResponse:
    titles = {
        links.LinkExpired: _("Linket er udløbet"),
        links.LinkUsed: _("Linket er allerede brugt"),
        links.LinkGone: _("Projektet findes ikke længere"),
    }
    return _no_index(
        render(
            request,
            "reminders/link_error.html",
            {"title": titles.get(type(error), _("Linket virker ikke")), "message": error.message},
            status=error.status,
        )
    )


# --- freshness overview ----------------------------------------------------------------------


def _param(request: HttpRequest, name: str) -> str:
    """A short GET parameter without control characters (PostgreSQL refuses NUL bytes)."""
    return "".join(ch for ch in request.GET.get(name, "")[:100] if ch >= " ").strip()


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    user = request.user
    coordinator = queries.can_see_answers(user)
    freshness = _param(request, "freshness")
    f = queries.Filters(
        region=_param(request, "region"),
        municipality=_param(request, "municipality"),
        freshness=freshness if freshness in DUE_OR_STALE else "",
    )
    base = queries.visible_due_projects(user)
    projects = queries.with_reminder_state(
        f.apply(base).select_related("lead_organisation").prefetch_related("municipalities")
    ).order_by("last_verified", "pk")
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("side"))
    rows = list(page.object_list)
    names = queries.unanswered_recipients(rows) if coordinator else {}
    for project in rows:
        project.unanswered_names = names.get(project.pk, [])
    by_municipality = base.filter(municipalities__region__slug=f.region) if f.region else base
    context = {
        "page": page,
        "rows": rows,
        "filters": f,
        "coordinator": coordinator,
        "regions": Region.objects.all(),
        "municipalities": Municipality.objects.select_related("region").order_by("name"),
        "freshness_choices": [(v, v.label) for v in DUE_OR_STALE],
        "region_counts": queries.counts_by(base, "region"),
        "municipality_counts": queries.counts_by(by_municipality, "municipality"),
        "cutoffs": cutoffs(),
        "problems": queries.delivery_problems() if coordinator else [],
    }
    return render(request, "reminders/overview.html", context)


# --- links in reminder emails ----------------------------------------------------------------


def _answer_page(request: HttpRequest, token: str, action: str) -> HttpResponse:
    try:
        reminder = operations.check_link(token, action)
    except links.LinkError as error:
        return _link_error(request, error)
    if request.method == "POST":
        try:
            reminder = operations.answer(token, action)
        except links.LinkError as error:
            return _link_error(request, error)
        if action == links.VERIFY:
            messages.success(request, _("Tak! Projektet er markeret som bekræftet i dag."))
        else:
            messages.success(request, _("Tak! Projektet er markeret som afsluttet."))
        return redirect(reminder.project)
    template = "reminders/verify.html" if action == links.VERIFY else "reminders/complete.html"
    return _no_index(render(request, template, {"reminder": reminder, "project": reminder.project}))


@login_required
@require_http_methods(["POST"])
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    """A coordinator sends a failed reminder again (from the overview's error table)."""
    reminder = get_object_or_404(Reminder, pk=pk)
    try:
        operations.retry_failed(request.user, reminder)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Påmindelsen sendes igen om lidt."))
    return redirect(reverse("reminders:overview") + "#problems-heading")


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, token: str) -> HttpResponse:
    """ "Stadig korrekt": confirm that the project's information is still correct."""
    return _answer_page(request, token, links.VERIFY)


@never_cache
@require_http_methods(["GET", "POST"])
def complete(request: HttpRequest, token: str) -> HttpResponse:
    """ "Projektet er afsluttet": set the project's status to afsluttet."""
    return _answer_page(request, token, links.COMPLETE)


@never_cache
@require_http_methods(["GET", "POST"])
def update(request: HttpRequest, token: str) -> HttpResponse:
    """ "Opdatér": log the recipient in (one time) and open the edit form; a contact person
    without an account is told how to get access."""
    try:
        reminder = operations.check_link(token, links.UPDATE)
    except links.LinkError as error:
        return _link_error(request, error)
    project = reminder.project
    user = operations.link_user(reminder)
    if user is None:
        return _no_index(render(request, "reminders/update_no_account.html", {"project": project}))
    if request.method == "POST":
        try:
            reminder, user = operations.use_login_link(token)
        except links.LinkError as error:
            return _link_error(request, error)
        login(request, user, backend=LOGIN_BACKEND)
        if permissions.can_edit_project(user, project):
            return redirect("registry:project_edit", project.slug)
        messages.warning(
            request,
            _(
                "Du er logget ind, men din konto har ikke adgang til at redigere projektet. "
                "Bed en kollega i den ledende organisation om at give dig adgang."
            ),
        )
        return redirect(project)
    return _no_index(
        render(
            request,
            "reminders/update.html",
            {"project": project, "reminder": reminder, "account": user},
        )
    )


@csrf_exempt  # the signed token is the credential; RFC 8058 one-click POSTs carry no CSRF token
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Stop reminder emails to an address: GET asks, POST (the button or a mail client's
    one-click unsubscribe) does it."""
    try:
        links.read_unsubscribe_token(token)
    except links.LinkError as error:
        return _link_error(request, error)
    if request.method == "POST":
        operations.unsubscribe(token)
        return _no_index(render(request, "reminders/unsubscribed.html"))
    return _no_index(
        render(
            request,
            "reminders/unsubscribe.html",
            {"action": reverse("reminders:unsubscribe", args=[token])},
        )
    )
