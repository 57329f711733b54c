"""Survey answers feed the registry: initiatives a municipality answered "Har" for, with no
matching project in the registry, and the invitation to register them.

Matching (kept simple, on purpose): an initiative counts as registered when one of the
municipality's projects (`Project.municipalities`) is in the same area (the registry's areas are
the report's seven, compared by name) and shares at least one significant word with the
initiative's name — the name before any "(eks. …)", words of five letters or more that are not
in `GENERIC_WORDS`, compared by their first six letters (so "bygningsstyring" matches
"bygningsstyringen") against the project's title, summary and technologies. A false match only
hides a suggestion; a missed match only suggests registering something already there.

The invitation email goes to the municipality's respondent: the colleague the answer was
handed over to, else the invited address, else the user who last saved the answer. Each
invitation is recorded in the audit trail (action "survey_register_invite" on the round), which
the coordinators' page shows as "sendt".
"""

import re
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from smartby.audit.models import AuditEntry
from smartby.audit.operations import record
from smartby.geo.models import Municipality
from smartby.lib.emails import absolute_url, deliver
from smartby.lib.errors import ValidationFailed
from smartby.registry.models import Project
from smartby.surveys.models import Invitation, Response, ResponseStatus, Round
from smartby.surveys.operations import can_manage
from smartby.surveys.reports import HAVE, INITIATIVES, round_specs

ACTION = "survey_register_invite"
MIN_WORD = 5
STEM = 6
GENERIC_WORDS = {
    "offentlige",
    "kommunen",
    "kommunens",
    "kommuner",
    "borgere",
    "borgerne",
    "borgeres",
    "eksempel",
    "initiativer",
    "baseret",
    "byens",
    "andre",
    "mellem",
    "generel",
    "brug",
    "digitale",
}


def significant_stems(text: str) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {
        w[:STEM] for w in words if len(w) >= MIN_WORD and not w.isdigit() and w not in GENERIC_WORDS
    }


def initiative_stems(name: str) -> set[str]:
    """The stems of an initiative's name, without its "(eks. …)" examples."""
    return significant_stems(name.split("(")[0])


def matches(initiative: dict, project: Project) -> bool:
    if (initiative.get("area") or "").casefold() != project.area.name.casefold():
        return False
    text = " ".join([project.title, project.summary, *(t.name for t in project.technologies.all())])
    return bool(initiative_stems(initiative["text"]) & significant_stems(text))


def _last_invites(round_: Round) -> dict[str, Any]:
    """{municipality code: when the last invitation to register was sent}."""
    out: dict[str, Any] = {}
    entries = AuditEntry.objects.filter(
        action=ACTION, object_type="surveys.round", object_id=str(round_.pk)
    ).order_by("at")
    for entry in entries:
        code = entry.changes.get("municipality", {}).get("new")
        if code:
            out[code] = entry.at
    return out


def initiatives_to_register(round_: Round) -> list[dict[str, Any]]:
    """Per municipality with a submitted answer: the initiatives answered "Har" that have no
    matching project, in questionnaire order; municipalities with none are left out."""
    if round_.is_baseline:
        return []
    spec = next((s for s in round_specs(round_) if s["key"] == INITIATIVES), None)
    if spec is None:
        return []
    items = spec.get("items") or []
    responses = (
        Response.objects.filter(round=round_, status=ResponseStatus.SUBMITTED)
        .select_related("municipality")
        .order_by("municipality__name")
    )
    sent = _last_invites(round_)
    out = []
    for response in responses:
        answered = response.answers.get(INITIATIVES) or {}
        have = [i for i in items if isinstance(answered, dict) and answered.get(i["key"]) == HAVE]
        if not have:
            continue
        projects = list(
            Project.objects.filter(municipalities=response.municipality)
            .select_related("area")
            .prefetch_related("technologies")
        )
        missing = [i for i in have if not any(matches(i, p) for p in projects)]
        if missing:
            out.append(
                {
                    "municipality": response.municipality,
                    "initiatives": missing,
                    "have": len(have),
                    "email": respondent_email(round_, response),
                    "sent_at": sent.get(response.municipality.code),
                }
            )
    return out


def respondent_email(round_: Round, response: Response) -> str:
    invitation = Invitation.objects.filter(round=round_, municipality=response.municipality).first()
    if invitation is not None:
        return invitation.handed_over_to or invitation.email
    user = response.updated_by
    return user.email if user is not None and user.email else ""


def send_invitation(actor: Any, round_: Round, municipality: Municipality) -> str:
    """Email the municipality's respondent the initiatives to register and a link to the
    project form, at once (real SMTP, a few retries), and record it; returns the address.
    Coordinators only."""
    if not can_manage(actor):
        raise PermissionDenied(_("Kun koordinatorer kan sende invitationer."))
    row = next(
        (r for r in initiatives_to_register(round_) if r["municipality"].pk == municipality.pk),
        None,
    )
    if row is None:
        raise ValidationFailed(
            errors=[
                {
                    "field": "municipality",
                    "message": _("Kommunen har ingen initiativer at registrere."),
                }
            ]
        )
    if not row["email"]:
        raise ValidationFailed(
            errors=[
                {
                    "field": "email",
                    "message": _("Der er ingen e-mailadresse på kommunens besvarelse."),
                }
            ]
        )
    context = {
        "round": round_,
        "municipality": municipality,
        "initiatives": row["initiatives"],
        "link": absolute_url(reverse("registry:project_create")),
    }
    subject = " ".join(
        render_to_string("surveys/results_email_register-subject.txt", context).split()
    )
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("surveys/results_email_register-body-text.txt", context),
        to=[row["email"]],
    )
    message.attach_alternative(
        render_to_string("surveys/results_email_register-body-html.html", context), "text/html"
    )
    if not deliver(message):
        raise ValidationFailed(
            errors=[
                {"field": "email", "message": _("E-mailen kunne ikke sendes. Prøv igen senere.")}
            ]
        )
    with transaction.atomic():
        record(
            actor=actor,
            action=ACTION,
            obj=round_,
            changes={
                "municipality": {"old": None, "new": municipality.code},
                "initiatives": {"old": None, "new": [i["key"] for i in row["initiatives"]]},
            },
        )
    return row["email"]
