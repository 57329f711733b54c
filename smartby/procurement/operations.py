"""The clause library's use cases. Views and the API call these; each checks permission,
validates through `procurement.forms`/`composer`, writes in one transaction, audits and
re-indexes the search."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from smartby.audit.operations import record as audit
from smartby.lib.errors import ValidationFailed, form_errors
from smartby.lib.text import danish_slugify
from smartby.lib.text import unique_slug as _unique_slug
from smartby.orgs.models import Organisation
from smartby.procurement import composer, permissions
from smartby.procurement.forms import ClauseForm, ProposalForm, ReviewForm
from smartby.procurement.models import (
    Clause,
    ClauseVersion,
    RequirementDocument,
    Tag,
    VersionStatus,
)
from smartby.search.index import index_content

KIND = "clause"
WORDING = ("text", "reason", "guidance")


def _index(clause: Clause) -> None:
    index_content(KIND, [clause.pk])


def unique_slug(title: str) -> str:
    return _unique_slug(Clause.objects, title, fallback="klausul", max_length=70)


def tag_objects(names: list[str]) -> list[Tag]:
    """The Tag rows for `names`, created when new (matched case-insensitively)."""
    tags = []
    for name in names:
        tag = Tag.objects.filter(name__iexact=name).first()
        if tag is None:
            base = danish_slugify(name, 55) or "emneord"
            slug, n = base, 1
            while Tag.objects.filter(slug=slug).exists():
                n += 1
                slug = f"{base}-{n}"
            tag = Tag.objects.create(name=name, slug=slug)
        tags.append(tag)
    return tags


def _snapshot(clause: Clause) -> dict[str, Any]:
    return {
        "title": clause.title,
        "topic": clause.topic,
        "tags": sorted(t.name for t in clause.tags.all()),
        "retired": clause.retired,
        "version": clause.current_version.number if clause.current_version else None,
    }


def _changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    return {
        k: {"old": old.get(k), "new": new.get(k)}
        for k in sorted(set(old) | set(new))
        if old.get(k) != new.get(k)
    }


def _next_number(clause: Clause) -> int:
    return (clause.versions.aggregate(n=Max("number"))["n"] or 0) + 1


def _locked(clause: Clause) -> Clause:
    return (
        Clause.objects.select_for_update(of=("self",))
        .select_related("current_version")
        .get(pk=clause.pk)
    )


def create_clause(actor: Any, data: Mapping[str, Any], *, source: str = "web") -> Clause:
    """A new clause with its first, published version (coordinators)."""
    if not permissions.can_manage_clauses(actor):
        raise PermissionDenied(_("Kun koordinatorer kan oprette klausuler."))
    form = ClauseForm(data)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    cd = form.cleaned_data
    with transaction.atomic():
        clause = Clause.objects.create(
            slug=unique_slug(cd["title"]), title=cd["title"], topic=cd["topic"]
        )
        clause.tags.set(tag_objects(cd["tags"]))
        version = ClauseVersion.objects.create(
            clause=clause,
            number=1,
            status=VersionStatus.PUBLISHED,
            text=cd["text"],
            reason=cd["reason"],
            guidance=cd["guidance"],
            change_note=cd["change_note"] or _("Første version"),
            author=actor,
        )
        clause.current_version = version
        clause.save(update_fields=["current_version", "updated_at"])
        audit(
            actor=actor,
            action="create",
            obj=clause,
            changes=_changes({}, _snapshot(clause)),
            source=source,
        )
        _index(clause)
    return clause


def update_clause(
    actor: Any, clause: Clause, data: Mapping[str, Any], *, source: str = "web"
) -> Clause:
    """Change title, theme and emneord; a changed wording is published as a new version (the
    old one is kept). Coordinators only."""
    if not permissions.can_manage_clauses(actor):
        raise PermissionDenied(_("Kun koordinatorer kan redigere klausuler."))
    form = ClauseForm(data)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    cd = form.cleaned_data
    with transaction.atomic():
        clause = _locked(clause)
        before = _snapshot(clause)
        clause.title, clause.topic = cd["title"], cd["topic"]
        clause.tags.set(tag_objects(cd["tags"]))
        current = clause.current_version
        if current is None or any(getattr(current, f) != cd[f] for f in WORDING):
            clause.current_version = ClauseVersion.objects.create(
                clause=clause,
                number=_next_number(clause),
                status=VersionStatus.PUBLISHED,
                text=cd["text"],
                reason=cd["reason"],
                guidance=cd["guidance"],
                change_note=cd["change_note"],
                based_on=current,
                author=actor,
            )
        clause.save()
        changes = _changes(before, _snapshot(clause))
        if changes:
            audit(actor=actor, action="update", obj=clause, changes=changes, source=source)
        _index(clause)
    return clause


def propose_version(
    actor: Any, clause: Clause, data: Mapping[str, Any], *, source: str = "web"
) -> ClauseVersion:
    """An editor's (or coordinator's) proposal for a new wording; a coordinator accepts or
    rejects it."""
    if not permissions.can_propose_version(actor):
        raise PermissionDenied(
            _("Du skal være medlem af en organisation for at foreslå ændringer.")
        )
    if clause.retired:
        raise ValidationFailed(
            [{"field": "", "message": _("Klausulen er udfaset og kan ikke ændres.")}]
        )
    form = ProposalForm(data)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    cd = form.cleaned_data
    with transaction.atomic():
        clause = _locked(clause)
        current = clause.current_version
        if current is not None and all(getattr(current, f) == cd[f] for f in WORDING):
            raise ValidationFailed(
                [{"field": "text", "message": _("Forslaget er magen til den gældende version.")}]
            )
        version = ClauseVersion.objects.create(
            clause=clause,
            number=_next_number(clause),
            status=VersionStatus.PROPOSED,
            text=cd["text"],
            reason=cd["reason"],
            guidance=cd["guidance"],
            change_note=cd["change_note"],
            based_on=current,
            author=actor,
        )
        audit(
            actor=actor,
            action="propose",
            obj=clause,
            changes={"proposal": {"old": None, "new": version.number}},
            source=source,
        )
    return version


def _review(actor: Any, version: ClauseVersion, data: Mapping[str, Any]) -> tuple[Clause, str]:
    if not permissions.can_review_proposals(actor):
        raise PermissionDenied(_("Kun koordinatorer kan behandle forslag."))
    form = ReviewForm(data)
    if not form.is_valid():
        raise ValidationFailed(form_errors(form))
    clause = _locked(version.clause)
    version = ClauseVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != VersionStatus.PROPOSED:
        raise ValidationFailed([{"field": "", "message": _("Forslaget er allerede behandlet.")}])
    return clause, form.cleaned_data["note"]


def accept_proposal(
    actor: Any,
    version: ClauseVersion,
    data: Mapping[str, Any] | None = None,
    *,
    source: str = "web",
) -> ClauseVersion:
    """Publish a proposal as the clause's current version. Refused when the clause has got a
    newer version since the proposal was made (the proposal must then be made again)."""
    with transaction.atomic():
        clause, note = _review(actor, version, data or {})
        version.refresh_from_db()
        if version.based_on_id != clause.current_version_id:
            raise ValidationFailed(
                [
                    {
                        "field": "",
                        "message": _(
                            "Klausulen har fået en nyere version, siden forslaget blev lavet. "
                            "Afvis forslaget, og bed om et nyt forslag ud fra den gældende tekst."
                        ),
                    }
                ]
            )
        before = _snapshot(clause)
        version.status = VersionStatus.PUBLISHED
        version.reviewed_by, version.reviewed_at, version.review_note = actor, timezone.now(), note
        version.save()
        clause.current_version = version
        clause.save(update_fields=["current_version", "updated_at"])
        audit(
            actor=actor,
            action="accept",
            obj=clause,
            changes=_changes(before, _snapshot(clause))
            | ({"note": {"old": None, "new": note}} if note else {}),
            source=source,
        )
        _index(clause)
    return version


def reject_proposal(
    actor: Any,
    version: ClauseVersion,
    data: Mapping[str, Any] | None = None,
    *,
    source: str = "web",
) -> ClauseVersion:
    with transaction.atomic():
        clause, note = _review(actor, version, data or {})
        version.refresh_from_db()
        version.status = VersionStatus.REJECTED
        version.reviewed_by, version.reviewed_at, version.review_note = actor, timezone.now(), note
        version.save()
        audit(
            actor=actor,
            action="reject",
            obj=clause,
            changes={"proposal": {"old": version.number, "new": None}}
            | ({"note": {"old": None, "new": note}} if note else {}),
            source=source,
        )
    return version


def set_retired(actor: Any, clause: Clause, retired: bool, *, source: str = "web") -> Clause:
    """Retire a clause (hidden from the composer and the search, kept for saved documents) or
    bring it back. Coordinators only."""
    if not permissions.can_manage_clauses(actor):
        raise PermissionDenied(_("Kun koordinatorer kan udfase klausuler."))
    with transaction.atomic():
        clause = _locked(clause)
        if clause.retired != retired:
            clause.retired = retired
            clause.save(update_fields=["retired", "updated_at"])
            audit(
                actor=actor,
                action="retire" if retired else "reinstate",
                obj=clause,
                changes={"retired": {"old": not retired, "new": retired}},
                source=source,
            )
        _index(clause)
    return clause


# --- requirement documents ------------------------------------------------------------------


def save_document(
    actor: Any, data: Mapping[str, Any], organisation_id: Any, *, source: str = "web"
) -> RequirementDocument:
    """Save a composed document for an organisation, pinning the clauses' current versions."""
    if not permissions.can_save_documents(actor):
        raise PermissionDenied(_("Du skal være medlem af en organisation for at gemme dokumenter."))
    try:
        org_id = int(organisation_id)
    except (TypeError, ValueError):
        org_id = None
    organisation = Organisation.objects.filter(pk=org_id).first() if org_id else None
    if organisation is None:
        raise ValidationFailed(
            [
                {
                    "field": "organisation",
                    "message": _("Vælg den organisation, dokumentet hører til."),
                }
            ]
        )
    if not permissions.can_save_document_for(actor, organisation.pk):
        raise PermissionDenied(_("Du kan kun gemme dokumenter for dine egne organisationer."))
    comp = composer.composition(data)
    with transaction.atomic():
        document = RequirementDocument.objects.create(
            title=comp.title,
            buyer=comp.buyer,
            intro=comp.intro,
            include_reasons=comp.include_reasons,
            organisation=organisation,
            values=comp.values,
            created_by=actor,
        )
        document.clause_versions.set(comp.versions)
        audit(
            actor=actor,
            action="create",
            obj=document,
            changes={
                "title": {"old": None, "new": document.title},
                "organisation": {"old": None, "new": organisation.name},
                "clauses": {"old": None, "new": comp.clause_ids()},
            },
            source=source,
        )
    return document


def delete_document(actor: Any, document: RequirementDocument, *, source: str = "web") -> None:
    if not permissions.can_delete_document(actor, document):
        raise PermissionDenied(_("Du har ikke adgang til dette dokument."))
    with transaction.atomic():
        audit(
            actor=actor,
            action="delete",
            obj=document,
            changes={"title": {"old": document.title, "new": None}},
            source=source,
        )
        document.delete()
