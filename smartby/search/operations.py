"""Use cases of the search app: coordinators maintain the synonym list. Each change is audited,
takes effect for queries at once (this process) or within seconds (other processes), and
rebuilds the index in the background, because synonyms also feed the decompounder."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from smartby.audit.operations import record
from smartby.search import tasks, vocabulary
from smartby.search.forms import SynonymGroupForm
from smartby.search.models import SynonymGroup


def can_edit_synonyms(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_coordinator)


def _require(actor: Any) -> None:
    if not can_edit_synonyms(actor):
        raise PermissionDenied(_("Kun koordinatorer kan redigere synonymlisten."))


def _after_change() -> None:
    vocabulary.invalidate()
    transaction.on_commit(tasks.reindex_all.enqueue)


def _validated(form: SynonymGroupForm) -> SynonymGroupForm:
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    return form


def create_synonym_group(
    actor: Any, data: Mapping[str, Any], *, source: str = "web"
) -> SynonymGroup:
    _require(actor)
    form = _validated(SynonymGroupForm(data))
    with transaction.atomic():
        form.instance.updated_by = actor
        group = form.save()
        record(
            actor=actor,
            action="create",
            obj=group,
            changes={"terms": {"old": None, "new": group.terms}},
            source=source,
        )
        _after_change()
    return group


def update_synonym_group(
    actor: Any, group: SynonymGroup, data: Mapping[str, Any], *, source: str = "web"
) -> SynonymGroup:
    _require(actor)
    before = {"terms": group.terms, "note": group.note}
    form = _validated(SynonymGroupForm(data, instance=group))
    with transaction.atomic():
        form.instance.updated_by = actor
        group = form.save()
        changes = {
            k: {"old": v, "new": getattr(group, k)}
            for k, v in before.items()
            if v != getattr(group, k)
        }
        if changes:
            record(actor=actor, action="update", obj=group, changes=changes, source=source)
            _after_change()
    return group


def delete_synonym_group(actor: Any, group: SynonymGroup, *, source: str = "web") -> None:
    _require(actor)
    with transaction.atomic():
        record(
            actor=actor,
            action="delete",
            obj=group,
            changes={"terms": {"old": group.terms, "new": None}},
            source=source,
        )
        group.delete()
        _after_change()
