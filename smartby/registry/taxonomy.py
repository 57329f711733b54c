"""Taxonomy use cases (coordinators): add, rename, re-order, delete and merge the areas and
technologies that projects are classified by.

Each function checks permission (`PermissionDenied`), validates through the forms below
(`ValidationError` with a field → messages dict), writes in one transaction and records an audit
entry. A term's slug is used in addresses and filters (`/projekter/?area=forsyning`), so it only
changes when a coordinator changes it explicitly.
"""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from smartby.audit.operations import record
from smartby.lib.text import danish_slugify
from smartby.registry import permissions
from smartby.registry.models import Area, Project, Technology
from smartby.registry.signals import term_merged
from smartby.search.index import index_projects

type Term = Area | Technology

# Validation


class TermForm(forms.ModelForm):
    """Name and slug of a term. The slug is derived from the name when a term is added, and kept
    when it is left empty on edit."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        slug = self.fields["slug"]
        slug.required = False
        slug.label = _("Kortnavn (slug)")
        slug.help_text = (
            _("Bruges i adresser og filtre. Lad feltet stå tomt for at beholde det nuværende.")
            if self.instance.pk
            else _("Bruges i adresser og filtre. Lad feltet stå tomt for at danne det af navnet.")
        )
        self.fields["name"].error_messages["required"] = _("Skriv et navn.")

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Skriv et navn."), code="required")
        taken = self._meta.model.objects.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("Navnet „%(name)s“ er allerede i brug."),
                code="unique",
                params={"name": taken.first().name},
            )
        return name

    def clean_slug(self) -> str:
        slug = (self.cleaned_data.get("slug") or "").strip().lower()
        if not slug:
            if self.instance.pk:
                return self.instance.slug
            return self._derived_slug(self.cleaned_data.get("name") or "")
        taken = self._meta.model.objects.filter(slug=slug).exclude(pk=self.instance.pk).first()
        if taken is not None:
            raise forms.ValidationError(
                _("Kortnavnet „%(slug)s“ bruges allerede af „%(name)s“."),
                code="unique",
                params={"slug": slug, "name": taken.name},
            )
        return slug

    def _derived_slug(self, name: str) -> str:
        base = danish_slugify(name, max_length=90) or "term"
        taken = set(
            self._meta.model.objects.filter(slug__startswith=base).values_list("slug", flat=True)
        )
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        return slug


class AreaForm(TermForm):
    class Meta:
        model = Area
        fields = ["name", "slug", "sort_order"]
        labels = {"name": gettext_lazy("Navn"), "sort_order": gettext_lazy("Rækkefølge")}
        help_texts = {"sort_order": gettext_lazy("Områder med lavere tal vises først.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sort_order"].required = False
        if not self.instance.pk:
            self.initial["sort_order"] = None
            self.fields["sort_order"].help_text = _(
                "Områder med lavere tal vises først. Lad feltet stå tomt for at placere "
                "området sidst."
            )
        self.fields["sort_order"].error_messages.update(
            invalid=_("Skriv et helt tal."),
            min_value=_("Rækkefølgen kan ikke være negativ."),
            max_value=_("Rækkefølgen må højst være %(limit_value)s."),
        )

    def clean_sort_order(self) -> int:
        value = self.cleaned_data.get("sort_order")
        if value is not None:
            return value
        if self.instance.pk:
            return self.instance.sort_order
        return (Area.objects.aggregate(m=Max("sort_order"))["m"] or 0) + 1


class TechnologyForm(TermForm):
    class Meta:
        model = Technology
        fields = ["name", "slug"]
        labels = {"name": gettext_lazy("Navn")}


class TermMergeForm(forms.Form):
    keep = forms.ModelChoiceField(
        label=gettext_lazy("Læg sammen med"),
        queryset=Area.objects.none(),
        error_messages={
            "required": gettext_lazy("Vælg det, der skal beholdes."),
            "invalid_choice": gettext_lazy("Ukendt valg."),
        },
    )

    def __init__(self, *args: Any, duplicate: Term, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = type(duplicate).objects.exclude(pk=duplicate.pk)


FORMS: dict[type[Term], type[TermForm]] = {Area: AreaForm, Technology: TechnologyForm}


def term_form(model: type[Term], *args: Any, **kwargs: Any) -> TermForm:
    return FORMS[model](*args, **kwargs)


# Helpers


def snapshot(term: Term) -> dict[str, Any]:
    snap: dict[str, Any] = {"name": term.name, "slug": term.slug}
    if isinstance(term, Area):
        snap["sort_order"] = term.sort_order
    return snap


def _diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    return {
        key: {"old": old.get(key), "new": new.get(key)}
        for key in sorted(set(old) | set(new))
        if old.get(key) != new.get(key)
    }


def _require_permission(actor: Any) -> None:
    if not permissions.can_manage_taxonomies(actor):
        raise PermissionDenied(_("Kun koordinatorer kan redigere taksonomierne."))


def _save(form: TermForm) -> Term:
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    try:
        with transaction.atomic():
            return form.save()
    except IntegrityError as exc:  # lost a race on the unique name or slug
        raise ValidationError(
            {"name": _("Navnet eller kortnavnet blev netop taget i brug. Prøv igen.")}
        ) from exc


def usage_count(term: Term) -> int:
    return term.projects.count()


# Use cases


def create_term(
    actor: Any, model: type[Term], data: Mapping[str, Any], *, source: str = "web"
) -> Term:
    _require_permission(actor)
    with transaction.atomic():
        term = _save(term_form(model, data))
        record(
            actor=actor, action="create", obj=term, changes=_diff({}, snapshot(term)), source=source
        )
    return term


def update_term(actor: Any, term: Term, data: Mapping[str, Any], *, source: str = "web") -> Term:
    """Rename (and for areas re-order) a term. The slug changes only when given explicitly."""
    _require_permission(actor)
    before = snapshot(term)
    with transaction.atomic():
        term = _save(term_form(type(term), data, instance=term))
        changes = _diff(before, snapshot(term))
        if "name" in changes:
            reindex_term_projects(term)
        if changes:
            record(actor=actor, action="update", obj=term, changes=changes, source=source)
    return term


def reindex_term_projects(term: Term) -> None:
    """A renamed term is searchable under its new name at once."""
    projects = Project.objects.filter(area=term) if isinstance(term, Area) else term.projects
    index_projects(projects.values_list("pk", flat=True))


def in_use_message(term: Term, count: int) -> str:
    if isinstance(term, Area):
        return ngettext(
            "Området „%(name)s“ bruges af %(count)d projekt og kan ikke slettes. "
            "Læg det sammen med et andet område i stedet.",
            "Området „%(name)s“ bruges af %(count)d projekter og kan ikke slettes. "
            "Læg det sammen med et andet område i stedet.",
            count,
        ) % {"name": term.name, "count": count}
    return ngettext(
        "Teknologien „%(name)s“ bruges af %(count)d projekt og kan ikke slettes. "
        "Læg den sammen med en anden teknologi i stedet.",
        "Teknologien „%(name)s“ bruges af %(count)d projekter og kan ikke slettes. "
        "Læg den sammen med en anden teknologi i stedet.",
        count,
    ) % {"name": term.name, "count": count}


def delete_term(actor: Any, term: Term, *, source: str = "web") -> None:
    """Delete a term that no project uses."""
    _require_permission(actor)
    with transaction.atomic():
        # The row lock conflicts with the key-share lock a concurrent project save takes on a
        # term it links to, so no project can start using the term before it is gone.
        type(term).objects.select_for_update().get(pk=term.pk)
        count = usage_count(term)
        if count:
            raise ValidationError(in_use_message(term, count), code="in_use")
        record(
            actor=actor, action="delete", obj=term, changes=_diff(snapshot(term), {}), source=source
        )
        term.delete()


def merge_terms(actor: Any, keep: Term, duplicate: Term, *, source: str = "web") -> Term:
    """Move every project of `duplicate` to `keep` and delete `duplicate`.

    Areas: the projects' area becomes `keep`. Technologies: each project keeps a single link to
    `keep`, also when it had both. Each project that changes gets an audit entry of its own.
    Peer profiles and subscriptions that point at `duplicate` move to `keep` (`term_merged`).
    """
    _require_permission(actor)
    if type(keep) is not type(duplicate):
        raise ValidationError({"keep": _("Der kan kun lægges sammen inden for samme taksonomi.")})
    if keep.pk == duplicate.pk:
        raise ValidationError({"keep": _("Der kan ikke lægges sammen med sig selv.")})
    with transaction.atomic():
        list(type(keep).objects.select_for_update().filter(pk__in=[keep.pk, duplicate.pk]))
        if isinstance(duplicate, Area):
            field = "area"
            moved = list(Project.objects.filter(area=duplicate).values_list("pk", flat=True))
            Project.objects.filter(pk__in=moved).update(area=keep, updated_at=timezone.now())
        else:
            field = "technologies"
            links = Project.technologies.through.objects
            moved = list(links.filter(technology=duplicate).values_list("project_id", flat=True))
            links.filter(
                technology=duplicate,
                project_id__in=links.filter(technology=keep).values("project_id"),
            ).delete()
            links.filter(technology=duplicate).update(technology=keep)
            Project.objects.filter(pk__in=moved).update(updated_at=timezone.now())
        change = {field: {"old": duplicate.name, "new": keep.name}}
        for project in Project.objects.filter(pk__in=moved).order_by("pk"):
            record(actor=actor, action="update", obj=project, changes=change, source=source)
        record(
            actor=actor,
            action="merge",
            obj=keep,
            changes={
                "merged": {"old": duplicate.name, "new": keep.name},
                "projects": {"old": None, "new": len(moved)},
            },
            source=source,
        )
        record(
            actor=actor,
            action="delete",
            obj=duplicate,
            changes={
                **_diff(snapshot(duplicate), {}),
                "merged_into": {"old": None, "new": keep.slug},
            },
            source=source,
        )
        term_merged.send(sender=type(keep), keep=keep, duplicate=duplicate)
        duplicate.delete()
        index_projects(moved)
    return keep
