"""Registry pages. Views stay thin: they parse input, call queries/operations and render."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from smartby.audit.operations import history
from smartby.effect.measure import record_search
from smartby.lib.uploads import SizeLimitedUpload, install_size_limit
from smartby.registry import operations, permissions, queries
from smartby.registry.filters import DEFAULT_SORT, ProjectFilters, filtered_projects, sort_projects
from smartby.registry.forms import (
    FORMSET_TITLES,
    ProjectEditor,
    ProjectFilterForm,
    ProjectImportForm,
    project_version,
)
from smartby.registry.models import Contact, Project

PAGE_SIZE = 25
SORT_CHOICES = [
    ("opdateret", gettext_noop("Senest opdateret")),
    ("titel", gettext_noop("Titel (A–Å)")),
    ("start", gettext_noop("Nyeste start")),
    ("bekraeftet", gettext_noop("Senest bekræftet")),
]


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    recent = Project.objects.select_related("lead_organisation", "area").order_by(
        "-updated_at", "-id"
    )[:8]
    return render(
        request,
        "registry/home.html",
        {"figures": queries.headline_figures(), "recent": recent},
    )


def _filters(request: HttpRequest) -> ProjectFilters:
    return ProjectFilters.from_query(request.GET)


@require_GET
def map_page(request: HttpRequest) -> HttpResponse:
    f = _filters(request)
    return render(
        request,
        "registry/map.html",
        {
            "form": ProjectFilterForm(request.GET or None),
            "geojson_url": reverse("registry:map_geojson"),
            "markers_url": reverse("registry:map_markers"),
            "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
            "total": filtered_projects(f).count(),
        },
    )


@require_GET
def map_geojson(request: HttpRequest) -> HttpResponse:
    body = queries.municipalities_geojson(_filters(request))
    response = HttpResponse(body, content_type="application/geo+json; charset=utf-8")
    response["Cache-Control"] = "public, max-age=60"
    return response


@require_GET
def map_markers(request: HttpRequest) -> JsonResponse:
    record_search(request.GET.get("q", ""), request)
    response = JsonResponse(queries.map_markers(_filters(request)))
    response["Cache-Control"] = "public, max-age=60"
    return response


@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    f = _filters(request)
    record_search(f.q, request)
    sort = request.GET.get("sortering") or ("relevans" if f.q else DEFAULT_SORT)
    qs = sort_projects(filtered_projects(f), sort, f).select_related("lead_organisation", "area")
    qs = qs.prefetch_related("municipalities")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("side"))
    sort_choices = ([("relevans", _("Relevans"))] if f.q else []) + [
        (k, _(v)) for k, v in SORT_CHOICES
    ]
    context = {
        "page": page,
        "filters": f,
        "facets": queries.facets(f),
        "sort": sort,
        "sort_choices": sort_choices,
        "q": f.q,
    }
    template = (
        "registry/_project_results.html"
        if request.headers.get("HX-Request")
        else "registry/project_list.html"
    )
    return render(request, template, context)


def _project_or_404(slug: str) -> Project:
    qs = Project.objects.select_related("lead_organisation", "area").prefetch_related(
        "municipalities__region",
        "technologies",
        "funding",
        "partners__organisation",
        "benefits",
        "links",
        "locations",
        Prefetch("contacts", queryset=Contact.objects.order_by("id")),
    )
    return get_object_or_404(qs, slug=slug)


@require_GET
def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    project = _project_or_404(slug)
    can_edit = permissions.can_edit_project(request.user, project)
    contacts = [c for c in project.contacts.all() if c.public or can_edit]
    return render(
        request,
        "registry/project_detail.html",
        {
            "project": project,
            "contacts": contacts,
            "hidden_contacts": len(project.contacts.all()) - len(contacts),
            "can_edit": can_edit,
            "can_delete": permissions.can_delete_project(request.user, project),
            "can_merge": permissions.can_merge_projects(request.user),
            "links": [x for x in project.links.all() if x.kind == "link"],
            "datasets": [x for x in project.links.all() if x.kind == "datasaet"],
            "standards": [x for x in project.links.all() if x.kind == "standard"],
        },
    )


def _render_editor(
    request: HttpRequest,
    editor: ProjectEditor,
    project: Project | None,
    status: int = 200,
    conflict: dict | None = None,
) -> HttpResponse:
    return render(
        request,
        "registry/project_form.html",
        {
            "editor": editor,
            "form": editor.form,
            "formsets": [(name, FORMSET_TITLES[name], fs) for name, fs in editor.formsets.items()],
            "project": project,
            "error_count": len(editor.errors()) if editor.form.is_bound and not conflict else 0,
            "conflict": conflict,
        },
        status=status,
    )


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_project(request.user):
        raise PermissionDenied(
            _("Du skal være medlem af en organisation for at oprette projekter.")
        )
    if request.method == "POST":
        try:
            project = operations.create_project(request.user, request.POST)
        except operations.ValidationFailed:
            editor = ProjectEditor(request.POST, user=request.user)
            editor.is_valid()
            return _render_editor(request, editor, None, status=400)
        messages.success(request, _("Projektet er oprettet."))
        return redirect(project)
    return _render_editor(request, ProjectEditor(user=request.user), None)


@login_required
def project_edit(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_object_or_404(Project, slug=slug)
    if not permissions.can_edit_project(request.user, project):
        raise PermissionDenied(_("Du har ikke adgang til at redigere dette projekt."))
    if request.method == "POST":
        try:
            project = operations.update_project(request.user, project, request.POST)
        except operations.EditConflict as conflict:
            return _render_conflict(request, conflict.current)
        except operations.ValidationFailed:
            editor = ProjectEditor(
                request.POST, instance=get_object_or_404(Project, pk=project.pk), user=request.user
            )
            editor.is_valid()
            return _render_editor(request, editor, project, status=400)
        messages.success(request, _("Ændringerne er gemt."))
        return redirect(project)
    return _render_editor(request, ProjectEditor(instance=project, user=request.user), project)


def _render_conflict(request: HttpRequest, current: Project) -> HttpResponse:
    """The edit form again with the user's input, a conflict message and where that input now
    differs from the saved project (the current values are shown, the full story is on the
    history page). The form now carries the current version, so saving once more deliberately
    replaces the saved values with the user's."""
    data = request.POST.copy()
    data["base_version"] = project_version(current)
    editor = ProjectEditor(data, instance=current, user=request.user)
    editor.is_valid()  # fills `current` with the input; the saved values are read afresh
    saved = Project.objects.get(pk=current.pk)
    fields = [
        {"label": editor.form.fields[name].label, "saved": _display(saved, name)}
        for name in editor.form.changed_data
        if name != "base_version"
    ]
    sections = [str(FORMSET_TITLES[n]) for n, fs in editor.formsets.items() if fs.has_changed()]
    return _render_editor(
        request, editor, saved, status=409, conflict={"fields": fields, "sections": sections}
    )


def _display(project: Project, name: str) -> str:
    """A field's saved value as text for the conflict message."""
    if hasattr(project, f"get_{name}_display"):
        value = getattr(project, f"get_{name}_display")()
    elif name in ("municipalities", "technologies"):
        value = ", ".join(sorted(str(x) for x in getattr(project, name).all()))
    else:
        value = getattr(project, name)
    text = "" if value is None else str(value)
    return text if len(text) <= 200 else text[:199] + "…"


@login_required
@require_POST
def project_verify(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_object_or_404(Project, slug=slug)
    operations.verify_project(request.user, project)
    messages.success(request, _("Tak! Projektet er markeret som bekræftet i dag."))
    return redirect(project)


@login_required
def project_delete(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_object_or_404(Project, slug=slug)
    if not permissions.can_delete_project(request.user, project):
        raise PermissionDenied(_("Du har ikke adgang til at slette dette projekt."))
    if request.method == "POST":
        operations.delete_project(request.user, project)
        messages.success(request, _("Projektet „%(title)s“ er slettet.") % {"title": project.title})
        return redirect("registry:project_list")
    return render(request, "registry/project_confirm_delete.html", {"project": project})


@login_required
def project_merge(request: HttpRequest, slug: str) -> HttpResponse:
    keep = get_object_or_404(Project, slug=slug)
    if not permissions.can_merge_projects(request.user):
        raise PermissionDenied(_("Kun koordinatorer kan sammenlægge projekter."))
    error = ""
    if request.method == "POST":
        other_slug = request.POST.get("duplicate", "").strip().rstrip("/").rsplit("/", 1)[-1]
        duplicate = Project.objects.filter(slug=other_slug).first()
        if duplicate is None:
            error = _("Der findes intet projekt med adressen „%(slug)s“.") % {"slug": other_slug}
        elif duplicate.pk == keep.pk:
            error = _("Et projekt kan ikke lægges sammen med sig selv.")
        else:
            operations.merge_projects(request.user, keep, duplicate)
            messages.success(
                request, _("„%(dup)s“ er lagt sammen med dette projekt.") % {"dup": duplicate.title}
            )
            return redirect(keep)
    return render(
        request,
        "registry/project_merge.html",
        {"project": keep, "error": error, "value": request.POST.get("duplicate", "")},
        status=400 if error else 200,
    )


@require_GET
def project_history(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_object_or_404(Project, slug=slug)
    entries = Paginator(history(project), 50).get_page(request.GET.get("side"))
    return render(request, "registry/project_history.html", {"project": project, "page": entries})


@csrf_exempt  # the size limit must be installed before the body is read; CSRF is checked below
@login_required
def project_import(request: HttpRequest) -> HttpResponse:
    """Upload a `smartby-projects/1` file: "Kontrollér" shows what an import would do (a dry
    run), "Importér" imports all or nothing. The file is never kept: the dry run answers with
    HTMX into the same page, so the chosen file stays in the browser's file field for the
    import (without JavaScript the page asks for the file again)."""
    if not permissions.can_import_projects(request.user):
        raise PermissionDenied(_("Du skal være medlem af en organisation for at importere."))
    limit = settings.IMPORT_MAX_UPLOAD_BYTES
    handler = install_size_limit(request, limit) if request.method == "POST" else None
    return _project_import(request, limit, handler)


@csrf_protect
def _project_import(
    request: HttpRequest, limit: int, handler: SizeLimitedUpload | None
) -> HttpResponse:
    htmx = bool(request.headers.get("HX-Request"))
    result = None
    dry_run = True
    if request.method == "POST":
        form = ProjectImportForm(
            request.POST, request.FILES, limit=limit, too_big=bool(handler and handler.exceeded)
        )
        dry_run = request.POST.get("action") != "import"
        if form.is_valid():
            result = operations.import_upload(request.user, form.document, dry_run=dry_run)
            if result.ok and not dry_run:
                messages.success(
                    request,
                    _(
                        "Importen er gennemført: %(created)s oprettet, %(updated)s opdateret, "
                        "%(unchanged)s uændret."
                    )
                    % {
                        "created": result.created,
                        "updated": result.updated,
                        "unchanged": result.unchanged,
                    },
                )
                return redirect("registry:project_import")
    else:
        form = ProjectImportForm(limit=limit)
    failed = form.is_bound and (not form.is_valid() or (result is not None and not result.ok))
    context = {"form": form, "result": result, "dry_run": dry_run, "errors": _by_record(result)}
    if htmx:  # htmx swaps 2xx answers only
        return render(request, "registry/_import_result.html", context)
    return render(request, "registry/project_import.html", context, status=400 if failed else 200)


def _by_record(result: operations.ImportResult | None) -> list[dict]:
    """The import's errors grouped per record (file, then organisations, then projects)."""
    if result is None:
        return []
    order = {"file": 0, "organisation": 1, "project": 2}
    groups: dict[tuple, dict] = {}
    for e in result.errors:
        index = e.get("index")
        kind = "file" if index is None else "project"
        if (e.get("field") or "").startswith("organisations."):
            kind = "organisation"
        group = groups.setdefault(
            (kind, index), {"kind": kind, "index": index, "id": e.get("id"), "items": []}
        )
        group["items"].append(e)
    return sorted(groups.values(), key=lambda g: (order[g["kind"]], g["index"] or 0))
