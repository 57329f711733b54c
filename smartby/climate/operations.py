"""The use case of DK2020 tracking: update a municipality's plan. Views and the API call it;
it checks permission, validates through `climate.forms`, writes the plan and (when the phase or
status changes, or a comment is given) a history entry in one transaction, and records an
audit entry."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from smartby.audit.operations import changes as audit_changes
from smartby.audit.operations import record as audit
from smartby.climate import permissions
from smartby.climate.forms import PlanUpdateForm
from smartby.climate.models import ClimatePlan, PhaseEvent
from smartby.geo.models import Municipality
from smartby.lib.errors import ValidationFailed, form_errors


def plan_snapshot(plan: ClimatePlan) -> dict[str, Any]:
    return {
        "phase": plan.phase.code if plan.phase else None,
        "status": plan.status,
        "cohort": plan.cohort,
        "joined_year": plan.joined_year,
        "adopted_date": plan.adopted_date.isoformat() if plan.adopted_date else None,
        "plan_url": plan.plan_url,
        "notes": plan.notes,
    }


def actor_label(actor: Any, municipality: Municipality) -> str:
    """Who made a change, as the public history shows it: the person's name, never the email."""
    if actor.name:
        return actor.name[:200]
    if permissions.is_coordinator(actor):
        return _("Koordinator")
    return _("Medarbejder i %(name)s Kommune") % {"name": municipality.name}


def plan_for(municipality: Municipality) -> ClimatePlan:
    """The municipality's plan, or an unsaved one that has not started."""
    try:
        return ClimatePlan.objects.select_related("phase").get(municipality=municipality)
    except ClimatePlan.DoesNotExist:
        return ClimatePlan(municipality=municipality)


def validate_update(
    plan: ClimatePlan, data: dict[str, Any], *, today: dt.date | None = None
) -> PlanUpdateForm:
    """The bound, valid form for `plan` (the form applies its values to `plan`)."""
    form = PlanUpdateForm(data, instance=plan, today=today)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    return form


def update_plan(
    actor: Any,
    municipality: Municipality,
    data: dict[str, Any],
    *,
    source: str = "web",
    today: dt.date | None = None,
) -> ClimatePlan:
    """Set the plan's phase, status and details; add a history entry when the phase or status
    changes or a comment is given."""
    if not permissions.can_update_plan(actor, municipality):
        raise PermissionDenied(
            _("Kun koordinatorer og kommunens egne medarbejdere kan opdatere klimaplanen.")
        )
    with transaction.atomic():
        # Lock the municipality row so two updates of one plan are applied one after the other.
        Municipality.objects.select_for_update().filter(pk=municipality.pk).first()
        plan = plan_for(municipality)
        before = plan_snapshot(plan) if plan.pk else {}
        form = validate_update(plan, data, today=today)
        plan = form.save(commit=False)
        plan.is_demo = False
        plan.save()
        after = plan_snapshot(plan)
        moved = before.get("phase") != after["phase"] or before.get("status") != after["status"]
        comment = form.cleaned_data.get("comment", "")
        if moved or comment:
            PhaseEvent.objects.create(
                plan=plan,
                phase=plan.phase,
                status=plan.status,
                date=form.cleaned_data["event_date"],
                comment=comment,
                actor=actor,
                actor_name=actor_label(actor, municipality),
            )
            after["event"] = {
                "date": form.cleaned_data["event_date"].isoformat(),
                "comment": comment,
            }
        changes = audit_changes(before, after)
        if changes:
            audit(
                actor=actor,
                action="create" if not before else "update",
                obj=plan,
                changes=changes,
                source=source,
            )
    return plan
