"""The registry's use cases. UI views, the import command and the API call these; each checks
permission, validates through `registry.forms`, writes in one transaction and audits."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartby.audit.operations import changes as audit_changes
from smartby.audit.operations import record as audit
from smartby.lib.errors import ValidationFailed
from smartby.lib.text import danish_slugify
from smartby.lib.text import unique_slug as _unique_slug
from smartby.orgs.models import Organisation, OrganisationKind
from smartby.registry import permissions
from smartby.registry.forms import ProjectEditor, project_version
from smartby.registry.interchange import (
    Lookups,
    load_document,
    project_to_record,
    record_to_form_data,
)
from smartby.registry.models import Project, Status
from smartby.search.index import index_projects

AUDIT_IGNORED = {"created_at", "updated_at", "slug"}


def audit_snapshot(project: Project) -> dict[str, Any]:
    """What the history page compares. Contact emails and phones are left out: personal data
    does not go into the audit trail."""
    snap = project_to_record(project, include_private_contacts=False)
    snap["contacts"] = sorted(c.name for c in project.contacts.all())
    for key in AUDIT_IGNORED:
        snap.pop(key, None)
    return snap


def unique_slug(title: str, exclude_pk: int | None = None) -> str:
    return _unique_slug(Project.objects, title, fallback="projekt", exclude_pk=exclude_pk)


def _check_lead(actor: Any, editor: ProjectEditor) -> None:
    lead = editor.form.cleaned_data.get("lead_organisation")
    if lead is not None and not permissions.can_lead_as(actor, lead):
        raise PermissionDenied(_("Du kan kun oprette projekter for dine egne organisationer."))


def create_project(
    actor: Any, data: dict[str, Any], *, source: str = "web", uid: str | None = None
) -> Project:
    if actor is not None and not permissions.can_create_project(actor):
        raise PermissionDenied(_("Du har ikke adgang til at oprette projekter."))
    editor = ProjectEditor(data, user=actor)
    if not editor.is_valid():
        raise ValidationFailed(editor.errors())
    if actor is not None:
        _check_lead(actor, editor)
    with transaction.atomic():
        if uid:
            editor.instance.uid = uid
        editor.instance.created_by = actor if getattr(actor, "is_authenticated", False) else None
        project = editor.save_all(slug=unique_slug(editor.form.cleaned_data["title"]))
        index_projects([project.pk])
        audit(
            actor=actor,
            action="create",
            obj=project,
            changes=audit_changes({}, audit_snapshot(project)),
            source=source,
        )
    return project


class EditConflict(ValidationFailed):
    """The project was saved by somebody else after the editor loaded it (`base_version`).
    `current` is the project as it is now."""

    def __init__(self, current: Project) -> None:
        super().__init__(
            [
                {
                    "field": "base_version",
                    "message": _(
                        "Projektet er ændret af en anden, siden du åbnede det. "
                        "Dine ændringer er ikke gemt."
                    ),
                }
            ]
        )
        self.current = current


def _check_version(project: Project, base_version: str) -> None:
    """Compare-and-set: lock the project's row (until the caller's transaction ends) and refuse
    when it no longer has the version the edit started from. An empty `base_version` (API,
    import: they have their own If-Match and id rules) skips the check."""
    current = Project.objects.select_for_update(of=("self",)).get(pk=project.pk)
    if base_version and base_version != project_version(current):
        raise EditConflict(current)


def update_project(
    actor: Any, project: Project, data: dict[str, Any], *, source: str = "web"
) -> Project:
    """Save an edit. With `base_version` in `data` (the edit form always sends it), the save is
    refused with `EditConflict` when the project changed after that version was loaded."""
    if actor is not None and not permissions.can_edit_project(actor, project):
        raise PermissionDenied(_("Du har ikke adgang til at redigere dette projekt."))
    base_version = str(data.get("base_version") or "").strip()
    if base_version and base_version != project_version(project):
        # Stale before validating: rows deleted meanwhile would otherwise show as form errors.
        raise EditConflict(project)
    before = audit_snapshot(project)
    editor = ProjectEditor(data, instance=project, user=actor)
    if not editor.is_valid():
        raise ValidationFailed(editor.errors())
    if (
        actor is not None
        and editor.form.cleaned_data["lead_organisation"]
        != Project.objects.get(pk=project.pk).lead_organisation
    ):
        _check_lead(actor, editor)
    with transaction.atomic():
        _check_version(project, editor.form.cleaned_data.get("base_version") or "")
        project = editor.save_all()
        project.refresh_from_db()
        index_projects([project.pk])
        changes = audit_changes(before, audit_snapshot(project))
        if changes:
            audit(actor=actor, action="update", obj=project, changes=changes, source=source)
    return project


def delete_project(actor: Any, project: Project, *, source: str = "web") -> None:
    if not permissions.can_delete_project(actor, project):
        raise PermissionDenied(_("Du har ikke adgang til at slette dette projekt."))
    with transaction.atomic():
        audit(
            actor=actor,
            action="delete",
            obj=project,
            changes=audit_changes(audit_snapshot(project), {}),
            source=source,
        )
        project.delete()


def verify_project(
    actor: Any, project: Project, *, source: str = "web", on_behalf_of: str = ""
) -> Project:
    """Confirm that a project's information is still correct (sets last_verified to today).

    `actor` None means the caller authorised the change itself (a signed link in a reminder
    email, see smartby.reminders); `on_behalf_of` then names the person in the audit entry."""
    if actor is not None and not permissions.can_edit_project(actor, project):
        raise PermissionDenied(_("Du har ikke adgang til at bekræfte dette projekt."))
    today = timezone.localdate()
    with transaction.atomic():
        old = project.last_verified
        Project.objects.filter(pk=project.pk).update(last_verified=today, updated_at=timezone.now())
        project.refresh_from_db()
        index_projects([project.pk])
        changes = {"last_verified": {"old": old and old.isoformat(), "new": today.isoformat()}}
        if on_behalf_of:
            changes["verified_by"] = {"old": None, "new": on_behalf_of}
        audit(actor=actor, action="verify", obj=project, changes=changes, source=source)
    return project


def complete_project(
    actor: Any, project: Project, *, source: str = "web", on_behalf_of: str = ""
) -> Project:
    """Mark a project as completed (status afsluttet), which also confirms its information
    today. `actor` and `on_behalf_of` as for `verify_project`."""
    if actor is not None and not permissions.can_edit_project(actor, project):
        raise PermissionDenied(_("Du har ikke adgang til at ændre dette projekt."))
    with transaction.atomic():
        before = audit_snapshot(project)
        Project.objects.filter(pk=project.pk).update(
            status=Status.COMPLETED, last_verified=timezone.localdate(), updated_at=timezone.now()
        )
        project.refresh_from_db()
        index_projects([project.pk])
        changes = audit_changes(before, audit_snapshot(project))
        if on_behalf_of:
            changes["changed_by"] = {"old": None, "new": on_behalf_of}
        audit(actor=actor, action="update", obj=project, changes=changes, source=source)
    return project


def merge_projects(actor: Any, keep: Project, duplicate: Project) -> Project:
    """Move everything of `duplicate` onto `keep` and delete `duplicate` (coordinators)."""
    if not permissions.can_merge_projects(actor):
        raise PermissionDenied(_("Kun koordinatorer kan sammenlægge projekter."))
    if keep.pk == duplicate.pk:
        raise ValidationFailed(
            [
                {
                    "field": "duplicate",
                    "message": _("Et projekt kan ikke lægges sammen med sig selv."),
                }
            ]
        )
    with transaction.atomic():
        before = audit_snapshot(keep)
        keep.municipalities.add(*duplicate.municipalities.all())
        keep.technologies.add(*duplicate.technologies.all())
        existing_partners = set(keep.partners.values_list("organisation_id", flat=True))
        existing_partners.add(keep.lead_organisation_id)
        for partner in duplicate.partners.all():
            if partner.organisation_id not in existing_partners:
                partner.project = keep
                partner.save(update_fields=["project"])
        for related in ("funding", "benefits", "contacts", "links", "locations"):
            getattr(duplicate, related).update(project=keep)
        if duplicate.last_verified and (
            not keep.last_verified or duplicate.last_verified > keep.last_verified
        ):
            keep.last_verified = duplicate.last_verified
        keep.save()
        audit(
            actor=actor,
            action="merge",
            obj=keep,
            changes=audit_changes(before, audit_snapshot(keep))
            | {"merged": {"old": duplicate.title, "new": keep.title}},
        )
        audit(
            actor=actor,
            action="delete",
            obj=duplicate,
            changes={"merged_into": {"old": None, "new": keep.uid}},
        )
        duplicate.delete()
        index_projects([keep.pk])
    return keep


def save_record(
    actor: Any, record: dict[str, Any], *, existing: Project | None = None, source: str = "api"
) -> Project:
    """Create (or, with `existing`, replace) a project from an interchange record."""
    if existing is None and actor is not None and not permissions.can_create_project(actor):
        raise PermissionDenied(_("Du har ikke adgang til at oprette projekter."))
    if (
        existing is not None
        and actor is not None
        and not permissions.can_edit_project(actor, existing)
    ):
        raise PermissionDenied(_("Du har ikke adgang til at redigere dette projekt."))
    data, conversion_errors = record_to_form_data(record, Lookups(), existing)
    if conversion_errors:
        editor = ProjectEditor(data, instance=existing, user=actor)
        editor.is_valid()
        known = {e["field"] for e in conversion_errors}
        raise ValidationFailed(
            conversion_errors + [e for e in editor.errors() if e["field"] not in known]
        )
    if existing is None:
        return create_project(actor, data, source=source, uid=record.get("id") or None)
    return update_project(actor, existing, data, source=source)


# --- import -------------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    organisations_created: int = 0
    errors: list[dict[str, Any]] = field(
        default_factory=list
    )  # {"index", "id", "field", "message"}
    records: list[dict[str, Any]] = field(
        default_factory=list
    )  # what was done per record: {"index", "id", "title", "action": create|update|unchanged}

    @property
    def ok(self) -> bool:
        return not self.errors


def _ensure_organisations(records: list[dict[str, Any]], result: ImportResult) -> None:
    kinds = set(OrganisationKind.values)
    for i, rec in enumerate(records):
        name = str(rec.get("name") or "").strip()
        if not name:
            result.errors.append(
                {
                    "index": i,
                    "id": None,
                    "field": "organisations.name",
                    "message": "Organisationen mangler et navn.",
                }
            )
            continue
        if Organisation.objects.filter(name__iexact=name).exists():
            continue
        kind = rec.get("kind") or OrganisationKind.OTHER
        org = Organisation(
            name=name,
            slug=danish_slugify(name, 190) or "organisation",
            kind=kind if kind in kinds else OrganisationKind.OTHER,
            cvr=str(rec.get("cvr") or ""),
            website=str(rec.get("website") or ""),
        )
        while Organisation.objects.filter(slug=org.slug).exists():
            org.slug = f"{org.slug}-x"
        try:
            org.full_clean()
        except ValidationError as exc:
            messages = getattr(exc, "message_dict", {"": [str(exc)]})
            for fname, errs in messages.items():
                for m in errs:
                    result.errors.append(
                        {"index": i, "id": None, "field": f"organisations.{fname}", "message": m}
                    )
            continue
        org.save()
        result.organisations_created += 1


def import_projects(
    document: Any, *, actor: Any = None, partial: bool = False, source: str = "import"
) -> ImportResult:
    """Import a `smartby-projects/1` document, idempotent on each project's `id`.

    Everything is validated first. Without `partial` nothing is written when any record is
    invalid; with `partial` the valid records are imported and the rest reported. With an
    `actor` (the upload page) each record is also checked against the actor's rights, as the
    UI and the API check them: a project the actor may not edit, or a lead organisation the
    actor may not lead as, is an error of that record.
    """
    result = ImportResult()
    organisations, records, envelope_errors = load_document(document)
    if envelope_errors:
        result.errors = [
            {"index": None, "id": None, "field": "", "message": m} for m in envelope_errors
        ]
        return result
    try:
        with transaction.atomic():
            _ensure_organisations(organisations, result)
            if result.errors and not partial:
                raise _Rollback
            lookups = Lookups()
            seen: set[str] = set()
            plans = []
            for i, rec in enumerate(records):
                uid = str(rec.get("id") or "").strip()
                errors = []
                if not uid:
                    errors.append({"field": "id", "message": "Projektet mangler et id."})
                elif len(uid) > 64:
                    errors.append({"field": "id", "message": "Id må højst være 64 tegn."})
                elif uid in seen:
                    errors.append(
                        {"field": "id", "message": f"Id {uid} findes flere gange i filen."}
                    )
                seen.add(uid)
                existing = Project.objects.filter(uid=uid).first() if uid else None
                if actor is not None and not _may_import(actor, existing):
                    errors.append({"field": "id", "message": _may_import_message(existing)})
                    result.errors += [{"index": i, "id": uid or None, **e} for e in errors]
                    continue
                old_lead = existing.lead_organisation_id if existing is not None else None
                data, conv_errors = record_to_form_data(rec, lookups, existing)
                editor = ProjectEditor(data, instance=existing)
                if not editor.is_valid():
                    errors += editor.errors()
                elif actor is not None:
                    lead = editor.form.cleaned_data["lead_organisation"]
                    if lead.pk != old_lead and not permissions.can_lead_as(actor, lead):
                        errors.append(
                            {
                                "field": "lead_organisation",
                                "message": _(
                                    "Du kan kun oprette projekter for dine egne organisationer "
                                    "(ikke %(org)s)."
                                )
                                % {"org": lead.name},
                            }
                        )
                errors += conv_errors
                if errors:
                    result.errors += [{"index": i, "id": uid or None, **e} for e in errors]
                else:
                    plans.append((i, uid, existing, data))
            if result.errors and not partial:
                raise _Rollback
            for i, uid, existing, data in plans:
                if existing is None:
                    project = create_project(actor, data, source=source, uid=uid)
                    result.created += 1
                    action = "create"
                else:
                    # Validation above filled `existing` with the record; start from the database.
                    existing = Project.objects.get(pk=existing.pk)
                    before = audit_snapshot(existing)
                    project = update_project(actor, existing, data, source=source)
                    if audit_snapshot(project) == before:
                        result.unchanged += 1
                        action = "unchanged"
                    else:
                        result.updated += 1
                        action = "update"
                result.records.append(
                    {"index": i, "id": uid, "title": project.title, "action": action}
                )
    except _Rollback:
        result.created = result.updated = result.unchanged = result.organisations_created = 0
        result.records = []
    except IntegrityError as exc:
        result.created = result.updated = result.unchanged = 0
        result.records = []
        result.errors.append(
            {"index": None, "id": None, "field": "", "message": f"Databasefejl: {exc}"}
        )
    return result


def import_upload(actor: Any, document: Any, *, dry_run: bool) -> ImportResult:
    """An uploaded file (the upload page): all or nothing, checked against `actor`'s rights.
    `dry_run` does the whole import and rolls it back, so the result says exactly what an
    import would create, update or refuse."""
    try:
        with transaction.atomic():
            result = import_projects(document, actor=actor, source="upload")
            if dry_run:
                raise _DryRun(result)
    except _DryRun as stop:
        return stop.result
    return result


class _DryRun(Exception):
    def __init__(self, result: ImportResult) -> None:
        super().__init__()
        self.result = result


def _may_import(actor: Any, existing: Project | None) -> bool:
    if existing is None:
        return permissions.can_create_project(actor)
    return permissions.can_edit_project(actor, existing)


def _may_import_message(existing: Project | None) -> str:
    if existing is None:
        return _("Du har ikke adgang til at oprette projekter.")
    return _("Projektet med dette id findes, og du har ikke adgang til at redigere det.")


class _Rollback(Exception):
    pass


VALID_STATUSES = set(Status.values)
