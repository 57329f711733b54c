"""The use cases of the follow-up and the prioritisation tool. Views, the API and the demo call
these; each checks permission, validates through `priorities.forms`, writes in one transaction
and records an audit entry. `actor` None means a trusted caller (the demo loader)."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartby.audit.operations import changes as audit_changes
from smartby.audit.operations import record as audit
from smartby.lib.errors import ValidationFailed, form_errors
from smartby.lib.text import unique_slug
from smartby.priorities import permissions
from smartby.priorities.forms import (
    EvidenceForm,
    InviteAssessorForm,
    ProposalForm,
    RoundForm,
    ScoreForm,
    StatusEntryForm,
)
from smartby.priorities.models import (
    Assessor,
    Evidence,
    Proposal,
    Recommendation,
    Round,
    RoundStatus,
    Score,
    Status,
    StatusEntry,
)

RESERVED_SLUGS = {"ny"}


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _require(actor: Any, check: Callable[[Any], bool], message: str) -> None:
    """Refuse (403) unless `check(actor)`; a None actor is the trusted demo loader."""
    if actor is not None and not check(actor):
        raise PermissionDenied(message)


def _validated(form: Any) -> Any:
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    return form


# --- follow-up of recommendations -----------------------------------------------------------


def refresh_status(recommendation: Recommendation) -> None:
    """Set the recommendation's current status from its newest entry (by date, then entry)."""
    latest = recommendation.status_entries.order_by("-date", "-id").first()
    recommendation.status = latest.status if latest else Status.NOT_STARTED
    recommendation.status_date = latest.date if latest else None
    recommendation.save(update_fields=["status", "status_date"])


def add_status_entry(
    actor: Any, recommendation: Recommendation, data: Any, *, source: str = "web"
) -> StatusEntry:
    _require(actor, permissions.can_follow_up, _("Kun koordinatorer kan registrere status."))
    form = _validated(StatusEntryForm(data))
    with transaction.atomic():
        recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
        before = {"status": recommendation.status}
        entry = form.save(commit=False)
        entry.recommendation = recommendation
        entry.created_by = _user(actor)
        entry.save()
        refresh_status(recommendation)
        audit(
            actor=actor,
            action="status",
            obj=recommendation,
            changes={
                **audit_changes(before, {"status": recommendation.status}),
                "entry": {
                    "old": None,
                    "new": [entry.status, entry.date.isoformat(), entry.comment],
                },
            },
            source=source,
        )
    return entry


def add_evidence(
    actor: Any, recommendation: Recommendation, data: Any, *, source: str = "web"
) -> Evidence:
    _require(actor, permissions.can_follow_up, _("Kun koordinatorer kan tilføje dokumentation."))
    form = _validated(EvidenceForm(data, recommendation=recommendation))
    with transaction.atomic():
        evidence = form.save(commit=False)
        evidence.recommendation = recommendation
        evidence.created_by = _user(actor)
        evidence.save()
        audit(
            actor=actor,
            action="create",
            obj=evidence,
            changes=audit_changes({}, _evidence_snapshot(evidence)),
            source=source,
        )
    return evidence


def _evidence_snapshot(evidence: Evidence) -> dict[str, Any]:
    return {
        "recommendation": evidence.recommendation.number,
        "title": evidence.title,
        "url": evidence.url,
        "project": evidence.project.slug if evidence.project else None,
        "added_on": evidence.added_on.isoformat(),
    }


def delete_evidence(actor: Any, evidence: Evidence, *, source: str = "web") -> None:
    _require(actor, permissions.can_follow_up, _("Kun koordinatorer kan fjerne dokumentation."))
    with transaction.atomic():
        audit(
            actor=actor,
            action="delete",
            obj=evidence,
            changes=audit_changes(_evidence_snapshot(evidence), {}),
            source=source,
        )
        evidence.delete()


# --- prioritisation rounds ------------------------------------------------------------------


def _round_snapshot(round: Round) -> dict[str, Any]:
    return {
        "title": round.title,
        "description": round.description,
        "status": round.status,
        "published": round.published,
    }


def create_round(actor: Any, data: Any, *, source: str = "web") -> Round:
    _require(
        actor,
        permissions.can_manage_rounds,
        _("Kun koordinatorer kan oprette prioriteringsrunder."),
    )
    form = _validated(RoundForm(data))
    with transaction.atomic():
        round = form.save(commit=False)
        round.slug = unique_slug(
            Round.objects, round.title, fallback="runde", reserved=RESERVED_SLUGS
        )
        round.created_by = _user(actor)
        round.save()
        audit(
            actor=actor,
            action="create",
            obj=round,
            changes=audit_changes({}, _round_snapshot(round)),
            source=source,
        )
    return round


def update_round(actor: Any, round: Round, data: Any, *, source: str = "web") -> Round:
    _require(actor, permissions.can_manage_rounds, _("Kun koordinatorer kan redigere runder."))
    before = _round_snapshot(round)
    form = _validated(RoundForm(data, instance=round))
    with transaction.atomic():
        round = form.save()
        changes = audit_changes(before, _round_snapshot(round))
        if changes:
            audit(actor=actor, action="update", obj=round, changes=changes, source=source)
    return round


ROUND_ACTIONS = ("close", "reopen", "publish", "unpublish")


def change_round_state(actor: Any, round: Round, action: str, *, source: str = "web") -> Round:
    """close: no more scoring; reopen: scoring again (unpublishes); publish / unpublish the
    results of a closed round."""
    _require(
        actor,
        permissions.can_manage_rounds,
        _("Kun koordinatorer kan lukke og offentliggøre runder."),
    )
    if action not in ROUND_ACTIONS:
        raise ValidationFailed([{"field": "action", "message": _("Ukendt handling.")}])
    with transaction.atomic():
        round = Round.objects.select_for_update().get(pk=round.pk)
        before = _round_snapshot(round)
        if action == "close":
            round.status = RoundStatus.CLOSED
        elif action == "reopen":
            round.status, round.published, round.published_at = RoundStatus.OPEN, False, None
        elif action == "publish":
            if round.is_open:
                raise ValidationFailed(
                    [
                        {
                            "field": "action",
                            "message": _("Luk runden, før resultaterne offentliggøres."),
                        }
                    ]
                )
            round.published, round.published_at = True, timezone.now()
        else:
            round.published, round.published_at = False, None
        round.save()
        changes = audit_changes(before, _round_snapshot(round))
        if changes:
            audit(actor=actor, action=action, obj=round, changes=changes, source=source)
    return round


def _proposal_snapshot(proposal: Proposal) -> dict[str, Any]:
    return {
        "title": proposal.title,
        "description": proposal.description,
        "recommendation": proposal.recommendation.number if proposal.recommendation else None,
        "project": proposal.project.slug if proposal.project else None,
    }


def create_proposal(actor: Any, round: Round, data: Any, *, source: str = "web") -> Proposal:
    _require(actor, permissions.can_manage_rounds, _("Kun koordinatorer kan tilføje forslag."))
    if not round.is_open:
        raise ValidationFailed(
            [{"field": "", "message": _("Runden er lukket; genåbn den for at tilføje forslag.")}]
        )
    form = _validated(ProposalForm(data, round=round))
    with transaction.atomic():
        proposal = form.save(commit=False)
        proposal.round = round
        proposal.save()
        audit(
            actor=actor,
            action="create",
            obj=proposal,
            changes=audit_changes({}, _proposal_snapshot(proposal)),
            source=source,
        )
    return proposal


def update_proposal(actor: Any, proposal: Proposal, data: Any, *, source: str = "web") -> Proposal:
    _require(actor, permissions.can_manage_rounds, _("Kun koordinatorer kan redigere forslag."))
    before = _proposal_snapshot(proposal)
    form = _validated(ProposalForm(data, instance=proposal, round=proposal.round))
    with transaction.atomic():
        proposal = form.save()
        changes = audit_changes(before, _proposal_snapshot(proposal))
        if changes:
            audit(actor=actor, action="update", obj=proposal, changes=changes, source=source)
    return proposal


def delete_proposal(actor: Any, proposal: Proposal, *, source: str = "web") -> None:
    _require(actor, permissions.can_manage_rounds, _("Kun koordinatorer kan slette forslag."))
    with transaction.atomic():
        audit(
            actor=actor,
            action="delete",
            obj=proposal,
            changes=audit_changes(_proposal_snapshot(proposal), {}),
            source=source,
        )
        proposal.delete()


def invite_assessor(actor: Any, round: Round, data: Any, *, source: str = "web") -> Assessor:
    _require(actor, permissions.can_manage_rounds, _("Kun koordinatorer kan invitere bedømmere."))
    form = _validated(InviteAssessorForm(data, round=round))
    with transaction.atomic():
        assessor = Assessor.objects.create(round=round, user=form.user, invited_by=_user(actor))
        audit(
            actor=actor,
            action="invite",
            obj=round,
            changes={"assessor": {"old": None, "new": form.user.email}},
            source=source,
        )
    return assessor


def remove_assessor(actor: Any, assessor: Assessor, *, source: str = "web") -> None:
    """Remove an assessor with their scores."""
    _require(actor, permissions.can_manage_rounds, _("Kun koordinatorer kan fjerne bedømmere."))
    with transaction.atomic():
        audit(
            actor=actor,
            action="remove_assessor",
            obj=assessor.round,
            changes={"assessor": {"old": assessor.user.email, "new": None}},
            source=source,
        )
        assessor.delete()


def score_forms(round: Round, assessor: Assessor, data: Any = None) -> list[ScoreForm]:
    """One form per proposal, filled with the assessor's saved scores."""
    saved = {s.proposal_id: s for s in Score.objects.filter(assessor=assessor)}
    forms = []
    for proposal in round.proposals.select_related("recommendation", "project"):
        score = saved.get(proposal.pk)
        initial = (
            {f: getattr(score, f) for f in (*ScoreForm.SCORE_FIELDS, "comment")} if score else {}
        )
        forms.append(ScoreForm(data, proposal=proposal, initial=initial))
    return forms


def save_scores(actor: Any, round: Round, data: Any, *, source: str = "web") -> int:
    """Save the assessor's scores of the round's proposals (all or nothing). A proposal left
    empty keeps no score. Returns the number of proposals scored."""
    assessor = permissions.assessor_for(actor, round)
    if assessor is None:
        raise PermissionDenied(_("Du er ikke inviteret som bedømmer i denne runde."))
    if not round.is_open:
        raise PermissionDenied(_("Runden er lukket for vurderinger."))
    forms = score_forms(round, assessor, data)
    errors = []
    for form in forms:
        if not form.is_valid():
            errors += [
                {"field": f"{form.prefix}-{e['field']}", "message": e["message"]}
                for e in form_errors(form)
            ]
    if errors:
        raise ValidationFailed(errors)
    scored = 0
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round.pk)
        if not locked.is_open:
            raise PermissionDenied(_("Runden er lukket for vurderinger."))
        for form in forms:
            if form.is_empty:
                Score.objects.filter(proposal=form.proposal, assessor=assessor).delete()
                continue
            values = {f: form.cleaned_data[f] for f in ScoreForm.SCORE_FIELDS}
            Score.objects.update_or_create(
                proposal=form.proposal,
                assessor=assessor,
                defaults={**values, "comment": form.cleaned_data["comment"]},
            )
            scored += 1
        Round.objects.filter(pk=round.pk).update(updated_at=timezone.now())
        audit(
            actor=actor,
            action="score",
            obj=round,
            changes={"scored": {"old": None, "new": scored}},
            source=source,
        )
    return scored
