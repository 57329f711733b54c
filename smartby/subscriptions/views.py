"""Subscription pages. Views stay thin: they parse input, call `operations` and render.

The "Følg" button is a plain POST form; with htmx the box is swapped in place. Visitors without
an account are sent to a page where they log in or subscribe with an email address.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartby.registry.filters import ProjectFilters
from smartby.subscriptions import follow as follow_ui
from smartby.subscriptions import operations
from smartby.subscriptions.feeds import feed_url
from smartby.subscriptions.models import Digest, Subscription, description, project_list_url


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _safe_next(request: HttpRequest, fallback: str) -> str:
    url = request.POST.get("next", "")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return fallback


@require_GET
def follow_box(request: HttpRequest) -> HttpResponse:
    """The project list's box for the filters in the query (htmx refreshes it)."""
    context = follow_ui.list_box_context(request, ProjectFilters.from_query(request.GET))
    return render(request, "subscriptions/_follow_box.html", context)


@require_POST
def follow(request: HttpRequest) -> HttpResponse:
    """Follow (or with action=unfollow: stop following) `kind`=`value`."""
    kind = request.POST.get("kind", "")
    value = request.POST.get("value", "")
    if not request.user.is_authenticated:
        url = reverse("subscriptions:subscribe") + "?" + urlencode({"kind": kind, "value": value})
        if _is_htmx(request):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return redirect(url)
    try:
        target = operations.resolve_target(kind, value)
        if request.POST.get("action") == "unfollow":
            operations.unfollow(request.user, kind, value)
            notice = _("Du følger ikke længere %(what)s.") % {"what": description(kind, target)}
        else:
            operations.follow(request.user, kind, value)
            notice = _(
                "Du følger nu %(what)s. Du får én e-mail om ugen, når der er nye eller "
                "opdaterede projekter."
            ) % {"what": description(kind, target)}
    except ValidationError as e:
        return render(
            request,
            "subscriptions/error.html",
            {"title": _("Kan ikke følge"), "message": e.messages[0]},
            status=400,
        )
    next_url = _safe_next(request, project_list_url(kind, value))
    if _is_htmx(request):
        context = follow_ui.target_box_context(request, kind, value, next_url)
        if request.POST.get("refresh"):
            context["refresh_url"] = reverse("subscriptions:follow_box")
        return render(request, "subscriptions/_follow_box.html", {**context, "notice": notice})
    messages.success(request, notice)
    return redirect(next_url)


@login_required
@require_GET
def subscription_list(request: HttpRequest) -> HttpResponse:
    subscriptions = operations.user_subscriptions(request.user)
    last_digest = (
        Digest.objects.filter(subscriber__user=request.user, sent_at__isnull=False)
        .order_by("-sent_at")
        .first()
    )
    rows = [
        {
            "subscription": s,
            "list_url": s.list_url(),
            "feed_url": feed_url(ProjectFilters(**{s.kind: (s.value,)})),
        }
        for s in subscriptions
    ]
    return render(
        request,
        "subscriptions/list.html",
        {"rows": rows, "last_digest": last_digest},
    )


@login_required
@require_POST
def subscription_remove(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        subscription = operations.remove_subscription(request.user, pk)
    except Subscription.DoesNotExist:
        raise Http404 from None
    messages.success(
        request, _("Du følger ikke længere %(what)s.") % {"what": subscription.description}
    )
    return redirect("subscriptions:list")


class EmailSubscriptionForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Din e-mailadresse"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": gettext_lazy("Skriv den e-mailadresse, nyhedsbrevet skal sendes til."),
            "invalid": gettext_lazy("Indtast en gyldig e-mailadresse."),
        },
    )
    # A field people do not see (hidden with CSS and from assistive technology): bots fill it.
    website = forms.CharField(required=False, label=gettext_lazy("Lad dette felt være tomt"))


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    """Visitors: log in, or follow with an email address (double opt-in)."""
    data = request.POST if request.method == "POST" else request.GET
    kind, value = data.get("kind", ""), data.get("value", "")
    box = follow_ui.follow_target(request, kind, value)
    if box is None:
        return render(
            request,
            "subscriptions/error.html",
            {
                "title": _("Kan ikke følge"),
                "message": _("Det, du vil følge, findes ikke (længere)."),
            },
            status=404,
        )
    form = EmailSubscriptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not form.cleaned_data["website"]:
            try:
                operations.subscribe_by_email(form.cleaned_data["email"], kind, value)
            except ValidationError as e:
                for message in e.message_dict.get("email", []):
                    form.add_error("email", message)
        if not form.errors:
            return redirect(
                reverse("subscriptions:subscribe_sent")
                + "?"
                + urlencode({"kind": kind, "value": value})
            )
    login_url = reverse("accounts:login") + "?" + urlencode({"next": request.get_full_path()})
    return render(
        request,
        "subscriptions/subscribe.html",
        {
            "box": box,
            "form": form,
            "login_url": login_url,
            "next": project_list_url(box.kind, box.value),
            "feed_url": feed_url(ProjectFilters(**{box.kind: (box.value,)})),
        },
        status=400 if form.errors else 200,
    )


@require_GET
def subscribe_sent(request: HttpRequest) -> HttpResponse:
    box = follow_ui.follow_target(
        request, request.GET.get("kind", ""), request.GET.get("value", "")
    )
    return render(request, "subscriptions/subscribe_sent.html", {"box": box})


def _token_error(request: HttpRequest, error: operations.TokenError) -> HttpResponse:
    return render(
        request,
        "subscriptions/error.html",
        {"title": _("Linket kan ikke bruges"), "message": error.message},
        status=error.status,
    )


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation email: GET shows a button, POST confirms (mail scanners
    that open links must not confirm on anyone's behalf)."""
    try:
        if request.method == "POST":
            subscription, _changed = operations.confirm_subscription(token)
            return render(request, "subscriptions/confirmed.html", {"subscription": subscription})
        subscription = operations.subscription_from_confirm_token(token)
    except operations.TokenError as e:
        return _token_error(request, e)
    template = "confirmed.html" if subscription.confirmed_at else "confirm.html"
    return render(request, f"subscriptions/{template}", {"subscription": subscription})


@csrf_exempt  # RFC 8058 one-click: mail clients POST without a session; the token is the proof.
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The link in every digest: GET shows what will stop and a button, POST unsubscribes.
    Mail clients' own "Afmeld" button posts here directly (List-Unsubscribe-Post)."""
    try:
        if request.method == "POST":
            result = operations.unsubscribe(token)
            return render(request, "subscriptions/unsubscribed.html", {"removed": result.removed})
        subscriber = operations.subscriber_from_unsubscribe_token(token)
    except operations.TokenError as e:
        return _token_error(request, e)
    subscriptions = [
        s.heading
        for s in subscriber.subscriptions.filter(confirmed_at__isnull=False).select_related(
            "area", "technology", "municipality", "region"
        )
    ]
    return render(request, "subscriptions/unsubscribe.html", {"subscriptions": subscriptions})
