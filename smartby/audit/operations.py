"""Record audit entries. Called inside the transaction of the operation that made the change."""

import json
from typing import Any

from django.db import models

from smartby.audit.models import AuditEntry


def record(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    changes: dict[str, Any] | None = None,
    source: str = "web",
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        changes=changes or {},
        source=source,
    )


def history(obj: models.Model):
    return AuditEntry.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).select_related("actor")


def changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """What differs between two snapshots, as {key: {"old", "new"}} for the audit entry."""
    return {
        key: {"old": old.get(key), "new": new.get(key)}
        for key in sorted(set(old) | set(new))
        if json.dumps(old.get(key), sort_keys=True, default=str)
        != json.dumps(new.get(key), sort_keys=True, default=str)
    }
