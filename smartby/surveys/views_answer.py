"""Answering a round through a municipality's personal link, and the coordinator's progress page.

Links in emails are opened with GET, and mail scanners open them too: GET only shows the
questionnaire (or the submitted answers); saving, submitting and handing over are POSTs. The
token in the URL is the only authority, so these pages need no login, are never cached, are not
indexed, and send the Referer only to Smartby itself (a POST needs it for the CSRF origin check).
"""

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from smartby.geo.models import Region
from smartby.lib.errors import ValidationFailed
from smartby.registry.permissions import is_coordinator
from smartby.surveys import answering, links
from smartby.surveys.models import ITEM_TYPES, Question, QuestionType, Round

ACTIONS = ("draft", "submit", "handover")


def _private(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response


def _link_error(request: HttpRequest, error: links.LinkError) -> HttpResponse:
    return _private(
        render(
            request,
            "surveys/answer_error.html",
            {"title": error.title, "message": error.message},
            status=error.status,
        )
    )


# --- the questionnaire -----------------------------------------------------------------------


def _number_text(value: Any) -> str:
    if isinstance(value, float):
        return f"{value}".replace(".", ",")
    return "" if value is None else str(value)


def _option_rows(
    prefix: str, options: list[dict], chosen: Any, labelled_by: str = ""
) -> list[dict[str, Any]]:
    chosen_set = set(chosen) if isinstance(chosen, list) else {chosen}
    return [
        {
            "key": o["key"],
            "label": o["label"],
            "id": f"{prefix}.{o['key']}",
            "checked": o["key"] in chosen_set,
            "labelled_by": f"{labelled_by} col-{prefix}.{o['key']}" if labelled_by else "",
        }
        for o in options
    ]


def _condition_text(question: Question, by_key: dict[str, Question]) -> str:
    condition = question.condition or {}
    parent = by_key.get(condition.get("question", ""))
    if parent is None:
        return ""
    labels = [o["label"] for o in parent.options if o["key"] in (condition.get("in") or [])]
    return _("Besvares kun, hvis du har svaret %(answers)s til „%(question)s“.") % {
        "answers": _(" eller ").join(f"„{label}“" for label in labels),
        "question": parent.text,
    }


def _questionnaire(
    questions: list[Question], answers: dict[str, Any], errors: list[dict]
) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """Sections with their questions prepared for the template, and the error summary."""
    by_key = {q.key: q for q in questions}
    item_texts = {(q.key, i["key"]): i["text"] for q in questions for i in q.items or []}
    errors_by_question: dict[str, list[str]] = {}
    summary = []
    for e in errors:
        key, item = e.get("question") or e["field"].split(".")[0], e.get("item", "")
        message = e["message"]
        if item:
            message = f"{item_texts.get((key, item), item)}: {message}"
        errors_by_question.setdefault(key, []).append(message)
        question = by_key.get(key)
        summary.append(
            {
                "anchor": f"q-{key}",
                "label": question.text[:120] if question else "",
                "message": message,
            }
        )
    sections: list[dict[str, Any]] = []
    for q in questions:
        if not sections or sections[-1]["section"].pk != q.section_id:
            sections.append({"section": q.section, "questions": []})
        value = answers.get(q.key)
        field: dict[str, Any] = {
            "q": q,
            "anchor": f"q-{q.key}",
            "name": f"a.{q.key}",
            "errors": errors_by_question.get(q.key, []),
            "condition": json.dumps(q.condition) if q.condition else "",
            "condition_text": _condition_text(q, by_key) if q.condition else "",
            "is_choice": q.type in (QuestionType.SINGLE, QuestionType.MULTIPLE),
            "is_rows": q.type in ITEM_TYPES,
        }
        if q.type in ITEM_TYPES:
            row_values = value if isinstance(value, dict) else {}
            field["columns"] = [
                {"label": o["label"], "id": f"col-a.{q.key}.{o['key']}"} for o in q.options
            ]
            field["rows"] = [
                {
                    "key": item["key"],
                    "text": item["text"],
                    "id": f"row-a.{q.key}.{item['key']}",
                    "name": f"a.{q.key}.{item['key']}",
                    "options": [
                        {
                            **option,
                            "id": f"a.{q.key}.{item['key']}.{option['key']}",
                            "labelled_by": (
                                f"row-a.{q.key}.{item['key']} col-a.{q.key}.{option['key']}"
                            ),
                        }
                        for option in _option_rows(
                            f"a.{q.key}.{item['key']}", q.options, row_values.get(item["key"])
                        )
                    ],
                }
                for item in q.items
            ]
        elif q.type in (QuestionType.SINGLE, QuestionType.MULTIPLE):
            field["options"] = _option_rows(f"a.{q.key}", q.options, value)
        elif q.type == QuestionType.NUMBER:
            field["input"] = _number_text(value)
        else:
            field["input"] = value if isinstance(value, str) else ""
        sections[-1]["questions"].append(field)
    return sections, summary


def _display(questions: list[Question], answers: dict[str, Any]) -> list[dict[str, Any]]:
    """Sections with the answered questions as readable text (the receipt)."""
    sections: list[dict[str, Any]] = []
    for q in questions:
        if q.key not in answers:
            continue
        value = answers[q.key]
        labels = {o["key"]: o["label"] for o in q.options or []}
        entry: dict[str, Any] = {"q": q}
        if q.type in ITEM_TYPES:
            entry["rows"] = [
                (item["text"], labels.get(value.get(item["key"]), ""))
                for item in q.items
                if item["key"] in value
            ]
        elif q.type == QuestionType.MULTIPLE:
            entry["text"] = ", ".join(labels.get(v, v) for v in value)
        elif q.type == QuestionType.SINGLE:
            entry["text"] = labels.get(value, value)
        else:
            entry["text"] = _number_text(value)
        if not sections or sections[-1]["section"].pk != q.section_id:
            sections.append({"section": q.section, "questions": []})
        sections[-1]["questions"].append(entry)
    return sections


def _render_form(
    request: HttpRequest,
    access: answering.Access,
    questions: list[Question],
    answers: dict[str, Any],
    errors: list[dict],
    status: int = 200,
) -> HttpResponse:
    sections, summary = _questionnaire(questions, answers, errors)
    context = {
        "access": access,
        "round": access.round,
        "survey": access.round.version.survey,
        "municipality": access.municipality,
        "response": access.response,
        "sections": sections,
        "error_summary": summary,
        "token": request.resolver_match.kwargs["token"],
    }
    return _private(render(request, "surveys/answer_form.html", context, status=status))


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The questionnaire (GET), "Gem kladde" / "Indsend" / "Giv videre" (POST); after
    submission the receipt with the municipality's answers, read-only."""
    try:
        access = answering.open_link(token)
    except links.LinkError as error:
        return _link_error(request, error)
    questions = answering.round_questions(access.round)
    if request.method == "GET":
        if access.submitted:
            context = {
                "access": access,
                "round": access.round,
                "survey": access.round.version.survey,
                "municipality": access.municipality,
                "response": access.response,
                "sections": _display(questions, access.response.answers),
            }
            return _private(render(request, "surveys/answer_receipt.html", context))
        answers = access.response.answers if access.response else {}
        return _render_form(request, access, questions, answers, [])
    action = request.POST.get("action", "")
    if action not in ACTIONS:
        return _link_error(
            request,
            links.LinkError(_("Ukendt handling"), _("Vælg Gem kladde, Giv videre eller Indsend.")),
        )
    answers = answering.answers_from_form(questions, request.POST)
    try:
        if action == "submit":
            answering.submit(token, answers, user=request.user)
        else:
            answering.save_draft(token, answers, user=request.user)
    except links.LinkError as error:
        return _link_error(request, error)
    except ValidationFailed as exc:
        return _render_form(request, access, questions, answers, exc.errors, status=400)
    if action == "submit":
        messages.success(request, _("Tak! Besvarelsen er indsendt."))
        return redirect("surveys:answer", token=token)
    messages.success(request, _("Kladden er gemt. Du kan fortsætte senere via samme link."))
    if action == "handover":
        return redirect("surveys:answer_handover", token=token)
    return redirect("surveys:answer", token=token)


@never_cache
@require_http_methods(["GET", "POST"])
def handover(request: HttpRequest, token: str) -> HttpResponse:
    """ "Giv videre til en kollega": the colleague gets a new personal link; this one stops."""
    try:
        access = answering.open_link(token)
    except links.LinkError as error:
        return _link_error(request, error)
    if access.submitted:
        return redirect("surveys:answer", token=token)
    form = answering.HandoverForm(request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            email = answering.hand_over(token, request.POST, user=request.user)
        except links.LinkError as error:
            return _link_error(request, error)
        except ValidationFailed as exc:
            status = 400
            for e in exc.errors:
                if e["field"] in form.fields and e["message"] not in form.errors.get(
                    e["field"], []
                ):
                    form.add_error(e["field"], e["message"])
        else:
            context = {"access": access, "round": access.round, "email": email}
            return _private(render(request, "surveys/answer_handed_over.html", context))
    context = {
        "access": access,
        "round": access.round,
        "survey": access.round.version.survey,
        "municipality": access.municipality,
        "form": form,
        "token": token,
    }
    return _private(render(request, "surveys/answer_handover.html", context, status=status))


# --- coordinator: progress -------------------------------------------------------------------


def _round_for_coordinator(request: HttpRequest, key: str) -> Round:
    if not is_coordinator(request.user):
        raise PermissionDenied(_("Kun koordinatorer kan følge en runde."))
    return get_object_or_404(Round.objects.select_related("version__survey"), key=key[:80])


def _param(request: HttpRequest, name: str) -> str:
    return "".join(ch for ch in request.GET.get(name, "")[:100] if ch >= " ").strip()


@login_required
@require_http_methods(["GET"])
def progress(request: HttpRequest, key: str) -> HttpResponse:
    """Response progress on a map and in a table, with filters and the sending actions."""
    round = _round_for_coordinator(request, key)
    rows = answering.progress(round)
    counts = answering.progress_counts(rows)
    status = _param(request, "status")
    region = _param(request, "region")
    q = _param(request, "q")
    shown = [
        r
        for r in rows
        if (status not in answering.Progress.ORDER or r.status == status)
        and (not region or r.municipality.region.slug == region)
        and (not q or q.casefold() in r.municipality.name.casefold())
    ]
    context = {
        "round": round,
        "survey": round.version.survey,
        "rows": shown,
        "total": len(rows),
        "counts": [
            {"key": k, "label": answering.Progress.LABELS[k], "count": counts[k]}
            for k in answering.Progress.ORDER
        ],
        "statuses": json.dumps({r.municipality.code: r.status for r in rows}),
        "labels": json.dumps({k: str(v) for k, v in answering.Progress.LABELS.items()}),
        "filters": {"status": status, "region": region, "q": q},
        "filtered": bool(status or region or q),
        "regions": Region.objects.all(),
        "status_choices": [(k, answering.Progress.LABELS[k]) for k in answering.Progress.ORDER],
        "can_send": answering.accepts_invitations(round),
        "without_address": sum(1 for r in rows if r.invitation is None),
        "unsent": sum(1 for r in rows if r.invitation and r.invitation.sent_at is None),
    }
    return render(request, "surveys/progress.html", context)


def _progress_action(request: HttpRequest, key: str, action: Any, done: str) -> HttpResponse:
    round = _round_for_coordinator(request, key)
    try:
        action(request.user, round)
    except ValidationFailed as exc:
        for e in exc.errors:
            messages.error(request, e["message"])
    else:
        messages.success(request, done)
    return redirect("surveys:progress", key=round.key)


@login_required
@require_POST
def progress_invite(request: HttpRequest, key: str) -> HttpResponse:
    return _progress_action(
        request,
        key,
        answering.queue_invitations,
        _("Invitationerne sendes nu i baggrunden. Opdatér siden om lidt for at se status."),
    )


@login_required
@require_POST
def progress_remind(request: HttpRequest, key: str) -> HttpResponse:
    return _progress_action(
        request,
        key,
        answering.queue_reminders,
        _("Påmindelserne sendes nu i baggrunden til dem, der ikke har indsendt."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def progress_addresses(request: HttpRequest, key: str) -> HttpResponse:
    """The address each municipality's invitation goes to (one field per municipality)."""
    round = _round_for_coordinator(request, key)
    municipalities = answering.population(round)
    status = 200
    if request.method == "POST":
        try:
            changed = answering.set_addresses(request.user, round, request.POST)
        except ValidationFailed as exc:
            status = 400
            form = answering.AddressesForm(request.POST, municipalities=municipalities)
            form.is_valid()
            for e in exc.errors:
                if e["field"] in form.fields and e["field"] not in form.errors:
                    form.add_error(e["field"], e["message"])
        else:
            messages.success(
                request,
                _("%(n)d adresser er ændret.") % {"n": changed}
                if changed
                else _("Ingen adresser er ændret."),
            )
            return redirect("surveys:progress", key=round.key)
    else:
        initial = answering.suggested_addresses(round)
        form = answering.AddressesForm(initial=initial, municipalities=municipalities)
    sent = set(
        round.invitations.filter(sent_at__isnull=False).values_list("municipality_id", flat=True)
    )
    fields = [
        {"field": form[answering.address_field(m)], "municipality": m, "sent": m.pk in sent}
        for m in municipalities
    ]
    context = {"round": round, "form": form, "fields": fields, "error_count": len(form.errors)}
    return render(request, "surveys/progress_addresses.html", context, status=status)


urlpatterns: list[URLPattern] = [
    path("svar/<str:token>/", answer, name="answer"),
    path("svar/<str:token>/giv-videre/", handover, name="answer_handover"),
    path("runder/<slug:key>/status/", progress, name="progress"),
    path("runder/<slug:key>/status/inviter/", progress_invite, name="progress_invite"),
    path("runder/<slug:key>/status/paamind/", progress_remind, name="progress_remind"),
    path("runder/<slug:key>/status/adresser/", progress_addresses, name="progress_addresses"),
]
