"""The portfolio's use cases. Views and the API call these; each checks permission, validates
through `portfolio.forms`, writes in one transaction and records an audit entry. `actor` None
means a trusted caller (the demo loader). Status reports and measurements are only ever added:
the history is never overwritten."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from smartby.audit.operations import changes as audit_changes
from smartby.audit.operations import record as audit
from smartby.lib.errors import ValidationFailed, form_errors
from smartby.lib.text import unique_slug
from smartby.portfolio import permissions
from smartby.portfolio.forms import (
    STAMDATA_FIELDS,
    TEXT_FIELDS,
    EffectGoalForm,
    FocusAreaForm,
    InitiativeForm,
    MeasurementForm,
    StatusReportForm,
    StrategyForm,
)
from smartby.portfolio.models import (
    EffectGoal,
    FocusArea,
    Initiative,
    Measurement,
    StatusReport,
    Strategy,
)

RESERVED_SLUGS = {"ny"}  # /portefoelje/ny/ is the create page

__all__ = ["ValidationFailed"]


def _check_manage(actor: Any) -> None:
    if actor is not None and not permissions.can_manage_portfolio(actor):
        raise PermissionDenied(_("Kun koordinatorer kan redigere strategier og initiativer."))


def _check_report(actor: Any, initiative: Initiative) -> None:
    if actor is not None and not permissions.can_report_on(actor, initiative):
        raise PermissionDenied(
            _("Du har ikke adgang til at tilføje statusrapporter og målinger til initiativet.")
        )


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _fields(obj: Any, names: list[str]) -> dict[str, Any]:
    result = {}
    for name in names:
        value = getattr(obj, name)
        if hasattr(value, "pk") or (value is not None and not isinstance(value, str | int)):
            value = str(value)
        result[name] = value
    return result


def strategy_snapshot(strategy: Strategy) -> dict[str, Any]:
    return _fields(strategy, ["title", "short_title", "period", "owner", "description", "source"])


def initiative_snapshot(initiative: Initiative) -> dict[str, Any]:
    data = _fields(
        initiative,
        [
            "focus_area",
            "number",
            "title",
            "description",
            *STAMDATA_FIELDS,
            *TEXT_FIELDS,
            "more_info_url",
        ],
    )
    data["projects"] = sorted(initiative.projects.values_list("slug", flat=True))
    return data


def create_strategy(actor: Any, data: Any, *, source: str = "web") -> Strategy:
    _check_manage(actor)
    form = StrategyForm(data)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    with transaction.atomic():
        strategy = form.save(commit=False)
        strategy.slug = unique_slug(
            Strategy.objects,
            f"{strategy.short_title or strategy.title} {strategy.period}",
            fallback="strategi",
            reserved=RESERVED_SLUGS,
        )
        strategy.created_by = _user(actor)
        strategy.save()
        audit(
            actor=actor,
            action="create",
            obj=strategy,
            changes=audit_changes({}, strategy_snapshot(strategy)),
            source=source,
        )
    return strategy


def update_strategy(actor: Any, strategy: Strategy, data: Any, *, source: str = "web") -> Strategy:
    _check_manage(actor)
    before = strategy_snapshot(strategy)
    form = StrategyForm(data, instance=strategy)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    with transaction.atomic():
        strategy = form.save()
        changes = audit_changes(before, strategy_snapshot(strategy))
        if changes:
            audit(actor=actor, action="update", obj=strategy, changes=changes, source=source)
    return strategy


def create_focus_area(
    actor: Any, strategy: Strategy, data: Any, *, source: str = "web"
) -> FocusArea:
    _check_manage(actor)
    form = FocusAreaForm(data, strategy=strategy)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    with transaction.atomic():
        focus_area = form.save(commit=False)
        focus_area.strategy = strategy
        focus_area.sort_order = strategy.focus_areas.count() + 1
        focus_area.save()
        audit(
            actor=actor,
            action="create",
            obj=focus_area,
            changes=audit_changes(
                {}, _fields(focus_area, ["strategy", "number", "title", "description"])
            ),
            source=source,
        )
    return focus_area


def create_initiative(
    actor: Any, strategy: Strategy, data: Any, *, source: str = "web"
) -> Initiative:
    _check_manage(actor)
    form = InitiativeForm(data, strategy=strategy)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    with transaction.atomic():
        initiative = form.save(commit=False)
        initiative.sort_order = initiative.focus_area.initiatives.count() + 1
        initiative.save()
        form.save_m2m()
        audit(
            actor=actor,
            action="create",
            obj=initiative,
            changes=audit_changes({}, initiative_snapshot(initiative)),
            source=source,
        )
    return initiative


def update_initiative(
    actor: Any, initiative: Initiative, data: Any, *, source: str = "web"
) -> Initiative:
    _check_manage(actor)
    before = initiative_snapshot(initiative)
    form = InitiativeForm(data, instance=initiative, strategy=initiative.focus_area.strategy)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    with transaction.atomic():
        initiative = form.save()
        changes = audit_changes(before, initiative_snapshot(initiative))
        if changes:
            audit(actor=actor, action="update", obj=initiative, changes=changes, source=source)
    return initiative


def create_effect_goal(
    actor: Any, initiative: Initiative, data: Any, *, source: str = "web"
) -> EffectGoal:
    _check_manage(actor)
    form = EffectGoalForm(data, initiative=initiative)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    with transaction.atomic():
        goal = form.save(commit=False)
        goal.initiative = initiative
        goal.save()
        audit(
            actor=actor,
            action="create",
            obj=goal,
            changes=audit_changes({}, _fields(goal, list(EffectGoalForm.Meta.fields))),
            source=source,
        )
    return goal


def add_measurement(actor: Any, goal: EffectGoal, data: Any, *, source: str = "web") -> Measurement:
    _check_report(actor, goal.initiative)
    form = MeasurementForm(data, goal=goal)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    with transaction.atomic():
        measurement = form.save(commit=False)
        measurement.goal = goal
        measurement.created_by = _user(actor)
        measurement.save()
        audit(
            actor=actor,
            action="create",
            obj=measurement,
            changes=audit_changes({}, _fields(measurement, ["goal", "date", "value", "note"])),
            source=source,
        )
    return measurement


def add_status_report(
    actor: Any, initiative: Initiative, data: Any, *, source: str = "web"
) -> StatusReport:
    _check_report(actor, initiative)
    form = StatusReportForm(data)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    with transaction.atomic():
        report = form.save(commit=False)
        report.initiative = initiative
        user = _user(actor)
        report.author = user
        report.author_name = (user.name or user.email) if user else ""
        report.save()
        audit(
            actor=actor,
            action="create",
            obj=report,
            changes=audit_changes(
                {},
                _fields(
                    report,
                    [
                        "initiative",
                        "period",
                        "report_date",
                        "time",
                        "economy",
                        "quality",
                        "comment",
                    ],
                ),
            ),
            source=source,
        )
    return report
