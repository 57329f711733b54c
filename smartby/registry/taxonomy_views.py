"""Taxonomy pages for coordinators: areas and technologies with their project counts.

Every action works as a plain form. With htmx, renaming happens inline in the table row and
adding replaces the table's section; those requests get the fragment back instead of a redirect.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from smartby.lib.decorators import allowed_only
from smartby.registry import permissions, taxonomy
from smartby.registry.models import Area, Technology


@dataclass(frozen=True)
class Kind:
    slug: str  # the URL segment
    model: type[taxonomy.Term]
    title: Promise
    new_title: Promise
    filter_param: str  # the project list's filter parameter

    @property
    def sortable(self) -> bool:
        return self.model is Area


KINDS = {
    "omraader": Kind(
        "omraader", Area, gettext_lazy("Forvaltningsområder"), gettext_lazy("Nyt område"), "area"
    ),
    "teknologier": Kind(
        "teknologier",
        Technology,
        gettext_lazy("Teknologier"),
        gettext_lazy("Ny teknologi"),
        "technology",
    ),
}


coordinator_required = allowed_only(
    permissions.can_manage_taxonomies, gettext_lazy("Kun koordinatorer kan redigere taksonomierne.")
)


def _kind(kind: str) -> Kind:
    try:
        return KINDS[kind]
    except KeyError:
        raise Http404 from None


def _counted(kind: Kind) -> QuerySet:
    # Meta.ordering is not applied to aggregating queries, so order explicitly.
    model = kind.model
    return model.objects.annotate(n=Count("projects")).order_by(*model._meta.ordering)


def _term(kind: Kind, slug: str) -> taxonomy.Term:
    return get_object_or_404(_counted(kind), slug=slug)


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _list_url(kind: Kind) -> str:
    return reverse("registry:taxonomy_list") + f"#{kind.slug}"


def _form(kind: Kind, *args: Any, term: taxonomy.Term | None = None, **kwargs: Any):
    """A form whose element ids are unique on the list page, where several forms share it."""
    prefix_id = f"{kind.slug}-{term.pk if term else 'ny'}-%s"
    return taxonomy.term_form(kind.model, *args, instance=term, auto_id=prefix_id, **kwargs)


def _with_focus(form: Any) -> Any:
    """htmx focuses the element marked autofocus after a swap: the first field with an error,
    otherwise the first field, so keyboard users stay in the form they used."""
    errored = [name for name in form.fields if form.is_bound and name in form.errors]
    name = errored[0] if errored else next(iter(form.fields))
    form.fields[name].widget.attrs["autofocus"] = True
    return form


def _section(kind: Kind, add_form: Any = None) -> dict[str, Any]:
    return {
        "kind": kind,
        "terms": _counted(kind),
        "add_form": add_form if add_form is not None else _form(kind),
    }


@require_GET
@coordinator_required
def taxonomy_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "registry/taxonomy_list.html",
        {"sections": [_section(kind) for kind in KINDS.values()]},
    )


@coordinator_required
def term_create(request: HttpRequest, kind: str) -> HttpResponse:
    k = _kind(kind)
    form = _form(k)
    if request.method == "POST":
        try:
            term = taxonomy.create_term(request.user, k.model, request.POST)
        except ValidationError:
            form = _form(k, request.POST)
            form.is_valid()
        else:
            notice = _("„%(name)s“ er tilføjet.") % {"name": term.name}
            if _is_htmx(request):
                fresh = _with_focus(_form(k))
                return render(
                    request,
                    "registry/taxonomy_section.html",
                    {**_section(k, fresh), "notice": notice},
                )
            messages.success(request, notice)
            return redirect(_list_url(k))
        if _is_htmx(request):
            # htmx swaps 2xx responses only; the errors are shown beside the fields.
            return render(request, "registry/taxonomy_section.html", _section(k, _with_focus(form)))
    return render(
        request,
        "registry/taxonomy_form.html",
        {"kind": k, "form": form, "term": None},
        status=400 if form.errors else 200,
    )


@coordinator_required
def term_edit(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    k = _kind(kind)
    term = _term(k, slug)
    form = _form(k, term=term)
    if request.method == "POST":
        try:
            updated = taxonomy.update_term(request.user, term, request.POST)
        except ValidationError:
            # The failed attempt changed `term` in memory; show the stored one.
            term = _term(k, slug)
            form = _form(k, request.POST, term=_term(k, slug))
            form.is_valid()
        else:
            notice = _("Ændringerne til „%(name)s“ er gemt.") % {"name": updated.name}
            if _is_htmx(request):
                return render(
                    request,
                    "registry/taxonomy_row.html",
                    {"kind": k, "term": _counted(k).get(pk=updated.pk), "row_notice": notice},
                )
            messages.success(request, notice)
            return redirect(_list_url(k))
    if _is_htmx(request):
        return render(
            request,
            "registry/taxonomy_row_form.html",
            {"kind": k, "term": term, "form": _with_focus(form)},
        )
    return render(
        request,
        "registry/taxonomy_form.html",
        {"kind": k, "form": form, "term": term},
        status=400 if form.errors else 200,
    )


@require_GET
@coordinator_required
def term_row(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    """One table row as shown on the list page (htmx: cancelling an inline edit)."""
    k = _kind(kind)
    return render(request, "registry/taxonomy_row.html", {"kind": k, "term": _term(k, slug)})


@coordinator_required
def term_delete(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    k = _kind(kind)
    term = _term(k, slug)
    error = taxonomy.in_use_message(term, term.n) if term.n else ""
    if request.method == "POST":
        try:
            taxonomy.delete_term(request.user, term)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("„%(name)s“ er slettet.") % {"name": term.name})
            return redirect(_list_url(k))
    return render(
        request,
        "registry/taxonomy_delete.html",
        {"kind": k, "term": term, "error": error},
        status=400 if request.method == "POST" and error else 200,
    )


@coordinator_required
def term_merge(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    k = _kind(kind)
    duplicate = _term(k, slug)
    form = taxonomy.TermMergeForm(
        request.POST if request.method == "POST" else None, duplicate=duplicate
    )
    if request.method == "POST" and form.is_valid():
        keep = form.cleaned_data["keep"]
        try:
            taxonomy.merge_terms(request.user, keep, duplicate)
        except ValidationError as exc:
            form.add_error("keep", exc.message_dict.get("keep"))
        else:
            messages.success(
                request,
                _("„%(dup)s“ er lagt sammen med „%(keep)s“.")
                % {"dup": duplicate.name, "keep": keep.name},
            )
            return redirect(_list_url(k))
    return render(
        request,
        "registry/taxonomy_merge.html",
        {"kind": k, "term": duplicate, "form": form},
        status=400 if form.errors else 200,
    )
