"""The radar's use cases. Pages and the API call these; each checks permission, validates
through `radar.forms`, writes in one transaction, records an audit entry and re-indexes the
search (the latest published edition's blips are searchable)."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartby.audit.operations import record as audit
from smartby.lib.errors import ValidationFailed, form_errors
from smartby.radar import permissions
from smartby.radar.forms import (
    BlipAddForm,
    BlipEditForm,
    BlipRemoveForm,
    EditionCreateForm,
    EditionForm,
)
from smartby.radar.models import Blip, Edition
from smartby.search.index import index_content

SEARCH_KIND = "radar"


def _require_editor(actor: Any) -> None:
    if not permissions.can_edit_radar(actor):
        raise PermissionDenied(_("Kun koordinatorer kan redigere teknologiradaren."))


def _valid(form: Any) -> Any:
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    return form.cleaned_data


def _reindex(pks: Iterable[int]) -> None:
    index_content(SEARCH_KIND, list(pks))


def _published_blip_pks() -> list[int]:
    """Blips of every published edition: publishing a newer one takes the older ones out of
    the search."""
    return list(Blip.objects.filter(edition__published=True).values_list("pk", flat=True))


def blip_snapshot(blip: Blip) -> dict[str, Any]:
    return {
        "edition": blip.edition.year,
        "technology": blip.technology.name,
        "quadrant": blip.quadrant,
        "ring": blip.ring,
        "rationale": blip.rationale,
    }


def _diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    return {
        key: {"old": old.get(key), "new": new.get(key)}
        for key in sorted(set(old) | set(new))
        if old.get(key) != new.get(key)
    }


# Editions


def create_edition(actor: Any, data: Mapping[str, Any], *, source: str = "web") -> Edition:
    """A draft edition whose blips are copied from the latest edition (published or not)."""
    _require_editor(actor)
    cleaned = _valid(EditionCreateForm(data))
    template = Edition.objects.order_by("-year").first()
    try:
        with transaction.atomic():
            edition = Edition.objects.create(
                year=cleaned["year"],
                title=cleaned["title"],
                introduction=template.introduction if template else "",
            )
            copied = []
            if template is not None:
                copied = Blip.objects.bulk_create(
                    Blip(
                        edition=edition,
                        technology_id=b.technology_id,
                        quadrant=b.quadrant,
                        ring=b.ring,
                        rationale=b.rationale,
                    )
                    for b in template.blips.all()
                )
            audit(
                actor=actor,
                action="create",
                obj=edition,
                changes={
                    **_diff({}, {"year": edition.year, "title": edition.title}),
                    "copied_from": {"old": None, "new": template.year if template else None},
                    "blips": {"old": None, "new": len(copied)},
                },
                source=source,
            )
    except IntegrityError as exc:  # lost a race on the year
        raise ValidationFailed(
            [{"field": "year", "message": _("Der findes allerede en udgave for det år.")}]
        ) from exc
    return edition


def update_edition(
    actor: Any, edition: Edition, data: Mapping[str, Any], *, source: str = "web"
) -> Edition:
    _require_editor(actor)
    before = {"title": edition.title, "introduction": edition.introduction}
    form = EditionForm(data, instance=edition)
    _valid(form)
    with transaction.atomic():
        edition = form.save()
        changes = _diff(before, {"title": edition.title, "introduction": edition.introduction})
        if changes:
            audit(actor=actor, action="update", obj=edition, changes=changes, source=source)
            if edition.published:
                _reindex(edition.blips.values_list("pk", flat=True))
    return edition


def publish_edition(actor: Any, edition: Edition, *, source: str = "web") -> Edition:
    _require_editor(actor)
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        if edition.published:
            raise ValidationFailed([{"field": "", "message": _("Udgaven er allerede udgivet.")}])
        if not edition.blips.exists():
            raise ValidationFailed(
                [{"field": "", "message": _("Placér mindst én teknologi, før udgaven udgives.")}]
            )
        edition.published = True
        edition.published_at = timezone.now()
        edition.save(update_fields=["published", "published_at", "updated_at"])
        audit(
            actor=actor,
            action="publish",
            obj=edition,
            changes={"published": {"old": False, "new": True}},
            source=source,
        )
        _reindex(_published_blip_pks())
    return edition


def delete_edition(actor: Any, edition: Edition, *, source: str = "web") -> None:
    """Delete a draft. Published editions are the radar's record and stay."""
    _require_editor(actor)
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        if edition.published:
            raise ValidationFailed(
                [{"field": "", "message": _("En udgivet udgave kan ikke slettes.")}]
            )
        audit(
            actor=actor,
            action="delete",
            obj=edition,
            changes={
                **_diff({"year": edition.year, "title": edition.title}, {}),
                "blips": {"old": edition.blips.count(), "new": None},
            },
            source=source,
        )
        edition.delete()


# Blips


def add_blip(actor: Any, edition: Edition, data: Mapping[str, Any], *, source: str = "web") -> Blip:
    _require_editor(actor)
    cleaned = _valid(BlipAddForm(data, edition=edition))
    try:
        with transaction.atomic():
            blip = Blip.objects.create(
                edition=edition,
                technology=cleaned["technology"],
                quadrant=cleaned["quadrant"],
                ring=cleaned["ring"],
                rationale=cleaned["rationale"],
            )
            audit(
                actor=actor,
                action="create",
                obj=blip,
                changes=_diff({}, blip_snapshot(blip)),
                source=source,
            )
            _reindex([blip.pk])
    except IntegrityError as exc:  # added by somebody else a moment ago
        raise ValidationFailed(
            [{"field": "technology", "message": _("Teknologien er allerede på radaren.")}]
        ) from exc
    return blip


def update_blip(actor: Any, blip: Blip, data: Mapping[str, Any], *, source: str = "web") -> Blip:
    """Move a blip to another ring or quadrant (with a new rationale) or reword it."""
    _require_editor(actor)
    merged = {
        "quadrant": blip.quadrant,
        "ring": blip.ring,
        "rationale": blip.rationale,
        **{k: data[k] for k in ("quadrant", "ring", "rationale") if k in data},
    }
    cleaned = _valid(BlipEditForm(merged, blip=blip))
    before = blip_snapshot(blip)
    with transaction.atomic():
        for name in ("quadrant", "ring", "rationale"):
            setattr(blip, name, cleaned[name])
        blip.save()
        changes = _diff(before, blip_snapshot(blip))
        if changes:
            action = "move" if {"ring", "quadrant"} & set(changes) else "update"
            audit(actor=actor, action=action, obj=blip, changes=changes, source=source)
            _reindex([blip.pk])
    return blip


def remove_blip(actor: Any, blip: Blip, data: Mapping[str, Any], *, source: str = "web") -> None:
    """Take a technology off an edition; the reason goes into the audit trail."""
    _require_editor(actor)
    cleaned = _valid(BlipRemoveForm(data))
    pk = blip.pk
    with transaction.atomic():
        audit(
            actor=actor,
            action="delete",
            obj=blip,
            changes={
                **_diff(blip_snapshot(blip), {}),
                "reason": {"old": None, "new": cleaned["reason"]},
            },
            source=source,
        )
        blip.delete()
        _reindex([pk])
