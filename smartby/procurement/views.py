"""Pages of the clause library and the requirement-document composer. Views stay thin: they
parse input, call composer/operations and render.

The composer keeps its whole state in GET parameters (titel, ordregiver, indledning, bilag,
klausul=<slug>…, v-<pladsholder>=<værdi>…), so every step has its own URL and back/forward,
reload and sharing a link work without saving anything."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from smartby.audit.operations import history
from smartby.lib.errors import ValidationFailed
from smartby.lib.text import danish_slugify
from smartby.orgs.models import Organisation
from smartby.procurement import composer, operations, permissions, placeholders
from smartby.procurement.diff import version_diff
from smartby.procurement.forms import (
    ClauseFilterForm,
    ClauseForm,
    ComposeForm,
    ProposalForm,
    ReviewForm,
    ValuesForm,
    value_field_name,
)
from smartby.procurement.models import (
    Clause,
    ClauseVersion,
    RequirementDocument,
    Tag,
    Topic,
    VersionStatus,
)
from smartby.procurement.queries import filtered_clauses
from smartby.registry.permissions import organisation_ids

PAGE_SIZE = 20
STEP1_FIELDS = ("titel", "ordregiver", "indledning", "bilag")


# --- the library -----------------------------------------------------------------------------


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return redirect("procurement:clause_list")


@require_GET
def clause_list(request: HttpRequest) -> HttpResponse:
    form = ClauseFilterForm(request.GET)
    qs = filtered_clauses(form)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("side"))
    proposals = []
    if permissions.can_review_proposals(request.user):
        proposals = list(
            ClauseVersion.objects.filter(status=VersionStatus.PROPOSED)
            .select_related("clause", "author")
            .order_by("created_at")
        )
    return render(
        request,
        "procurement/clause_list.html",
        {
            "form": form,
            "page": page,
            "tags": Tag.objects.filter(clauses__retired=False).distinct(),
            "active_tag": form.cleaned_data.get("emneord") if form.is_valid() else "",
            "can_manage": permissions.can_manage_clauses(request.user),
            "proposals": proposals,
        },
        status=200 if form.is_valid() else 400,
    )


def _clause_or_404(slug: str) -> Clause:
    qs = Clause.objects.select_related("current_version__author").prefetch_related("tags")
    return get_object_or_404(qs, slug=slug)


def _visible_versions(request: HttpRequest, clause: Clause) -> QuerySet[ClauseVersion]:
    """Published versions for everyone; proposals and rejected ones for members too."""
    qs = clause.versions.select_related("author", "reviewed_by").order_by("-number")
    if not permissions.can_propose_version(request.user):
        qs = qs.filter(status=VersionStatus.PUBLISHED)
    return qs


@require_GET
def clause_detail(request: HttpRequest, slug: str) -> HttpResponse:
    clause = _clause_or_404(slug)
    version = clause.current_version
    if version is None:
        raise Http404(_("Klausulen har ingen udgivet version."))
    versions = list(_visible_versions(request, clause))
    return render(
        request,
        "procurement/clause_detail.html",
        {
            "clause": clause,
            "version": version,
            "placeholders": [
                (name, placeholders.label(name), placeholders.help_text(name))
                for name in placeholders.placeholders(version.text)
            ],
            "versions": versions,
            "proposals": [v for v in versions if v.status == VersionStatus.PROPOSED],
            "can_manage": permissions.can_manage_clauses(request.user),
            "can_propose": permissions.can_propose_version(request.user),
            "compose_url": reverse("procurement:compose") + "?" + urlencode({"klausul": slug}),
        },
    )


def _render_clause_form(
    request: HttpRequest, form: ClauseForm | ProposalForm, clause: Clause | None, mode: str
) -> HttpResponse:
    return render(
        request,
        "procurement/clause_form.html",
        {"form": form, "clause": clause, "mode": mode, "error_count": len(form.errors)},
        status=400 if form.is_bound else 200,
    )


@login_required
def clause_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_manage_clauses(request.user):
        raise PermissionDenied(_("Kun koordinatorer kan oprette klausuler."))
    if request.method == "POST":
        try:
            clause = operations.create_clause(request.user, request.POST)
        except ValidationFailed:
            form = ClauseForm(request.POST)
            form.is_valid()
            return _render_clause_form(request, form, None, "create")
        messages.success(request, _("Klausulen er oprettet som version 1."))
        return redirect(clause)
    return _render_clause_form(request, ClauseForm(), None, "create")


@login_required
def clause_edit(request: HttpRequest, slug: str) -> HttpResponse:
    clause = _clause_or_404(slug)
    if not permissions.can_manage_clauses(request.user):
        raise PermissionDenied(_("Kun koordinatorer kan redigere klausuler."))
    if request.method == "POST":
        before = clause.current_version_id
        try:
            clause = operations.update_clause(request.user, clause, request.POST)
        except ValidationFailed:
            form = ClauseForm(request.POST)
            form.is_valid()
            return _render_clause_form(request, form, clause, "edit")
        if clause.current_version_id != before:
            messages.success(
                request,
                _("Ændringerne er udgivet som version %(n)d.")
                % {"n": clause.current_version.number},
            )
        else:
            messages.success(request, _("Ændringerne er gemt."))
        return redirect(clause)
    return _render_clause_form(
        request, ClauseForm(initial=ClauseForm.initial_for(clause)), clause, "edit"
    )


@login_required
def clause_propose(request: HttpRequest, slug: str) -> HttpResponse:
    clause = _clause_or_404(slug)
    if not permissions.can_propose_version(request.user):
        raise PermissionDenied(
            _("Du skal være medlem af en organisation for at foreslå ændringer.")
        )
    if clause.retired:
        raise PermissionDenied(_("Klausulen er udfaset og kan ikke ændres."))
    if request.method == "POST":
        try:
            version = operations.propose_version(request.user, clause, request.POST)
        except ValidationFailed as exc:
            form = ProposalForm(request.POST)
            form.is_valid()
            for error in exc.errors:  # e.g. "same as the current version"
                if error["field"] in form.fields and error["message"] not in form.errors.get(
                    error["field"], []
                ):
                    form.add_error(error["field"], error["message"])
            return _render_clause_form(request, form, clause, "propose")
        messages.success(
            request, _("Tak! Dit forslag er gemt og venter på en koordinators godkendelse.")
        )
        return redirect(version)
    initial = ClauseForm.initial_for(clause)
    return _render_clause_form(
        request,
        ProposalForm(initial={k: initial[k] for k in ("text", "reason", "guidance")}),
        clause,
        "propose",
    )


@login_required
@require_POST
def clause_retire(request: HttpRequest, slug: str) -> HttpResponse:
    clause = _clause_or_404(slug)
    retired = request.POST.get("retired") == "1"
    operations.set_retired(request.user, clause, retired)
    messages.success(
        request,
        _("Klausulen er udfaset.") if retired else _("Klausulen er taget i brug igen."),
    )
    return redirect(clause)


def _previous_published(
    version: ClauseVersion, versions: list[ClauseVersion]
) -> ClauseVersion | None:
    earlier = [
        v for v in versions if v.status == VersionStatus.PUBLISHED and v.number < version.number
    ]
    return max(earlier, key=lambda v: v.number) if earlier else None


def _compared_with(version: ClauseVersion, versions: list[ClauseVersion]) -> ClauseVersion | None:
    """What a version is shown against: a proposal against the version it was based on, a
    published version against the published version before it."""
    if version.status != VersionStatus.PUBLISHED and version.based_on_id:
        return next((v for v in versions if v.pk == version.based_on_id), None)
    return _previous_published(version, versions)


@require_GET
def clause_history(request: HttpRequest, slug: str) -> HttpResponse:
    clause = _clause_or_404(slug)
    versions = list(_visible_versions(request, clause))
    rows = []
    for v in versions:
        old = _compared_with(v, versions)
        rows.append({"version": v, "old": old, "diff": version_diff(old, v)})
    published = [v for v in versions if v.status == VersionStatus.PUBLISHED]
    compare = None
    by_number = {v.number: v for v in versions}
    try:
        a, b = int(request.GET.get("fra", "")), int(request.GET.get("til", ""))
    except ValueError:
        a = b = 0
    if a in by_number and b in by_number:
        compare = {
            "old": by_number[a],
            "new": by_number[b],
            "diff": version_diff(by_number[a], by_number[b]),
        }
    return render(
        request,
        "procurement/clause_history.html",
        {
            "clause": clause,
            "rows": rows,
            "published": published,
            "compare": compare,
            "fra": a,
            "til": b,
            "events": history(clause)[:50],
        },
    )


def _version_or_404(request: HttpRequest, slug: str, number: int) -> ClauseVersion:
    version = get_object_or_404(
        ClauseVersion.objects.select_related("clause", "author", "reviewed_by", "based_on"),
        clause__slug=slug,
        number=number,
    )
    if version.status != VersionStatus.PUBLISHED and not permissions.can_propose_version(
        request.user
    ):
        raise Http404(_("Versionen findes ikke."))
    return version


@require_GET
def version_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = _version_or_404(request, slug, number)
    versions = list(_visible_versions(request, version.clause))
    old = _compared_with(version, versions)
    return render(
        request,
        "procurement/version_detail.html",
        {
            "clause": version.clause,
            "version": version,
            "old": old,
            "diff": version_diff(old, version),
            "can_review": permissions.can_review_proposals(request.user)
            and version.status == VersionStatus.PROPOSED,
            "review_form": ReviewForm(),
        },
    )


@login_required
@require_POST
def version_review(request: HttpRequest, slug: str, number: int, decision: str) -> HttpResponse:
    version = _version_or_404(request, slug, number)
    action = operations.accept_proposal if decision == "accept" else operations.reject_proposal
    try:
        action(request.user, version, request.POST)
    except ValidationFailed as exc:
        for error in exc.errors:
            messages.error(request, error["message"])
        return redirect(version)
    if decision == "accept":
        messages.success(
            request, _("Forslaget er godkendt og udgivet som version %(n)d.") % {"n": number}
        )
        return redirect(version.clause)
    messages.success(request, _("Forslaget er afvist."))
    return redirect(version)


# --- the composer ----------------------------------------------------------------------------


def _grouped_choices(selected: set[str]) -> list[dict]:
    clauses = (
        Clause.objects.filter(retired=False, current_version__isnull=False)
        .select_related("current_version")
        .order_by("title")
    )
    groups = {topic: [] for topic in Topic.values}
    for clause in clauses:
        groups[clause.topic].append(
            {
                "clause": clause,
                "checked": clause.slug in selected,
                "placeholders": [
                    placeholders.label(n)
                    for n in placeholders.placeholders(clause.current_version.text)
                ],
            }
        )
    return [
        {"topic": topic, "label": Topic(topic).label, "items": items}
        for topic, items in groups.items()
        if items
    ]


def _value_params(request: HttpRequest) -> list[tuple[str, str]]:
    return [(k, v) for k, v in request.GET.items() if k.startswith("v-")]


def _step1_params(form: ComposeForm) -> list[tuple[str, str]]:
    cd = form.cleaned_data
    params = [("titel", cd["titel"]), ("ordregiver", cd["ordregiver"])]
    if cd["indledning"]:
        params.append(("indledning", cd["indledning"]))
    if cd["bilag"]:
        params.append(("bilag", "on"))
    params += [("klausul", slug) for slug in cd["klausul"]]
    return params


def _render_start(
    request: HttpRequest, form: ComposeForm, selected: set[str], status: int = 200
) -> HttpResponse:
    return render(
        request,
        "procurement/compose_start.html",
        {
            "form": form,
            "groups": _grouped_choices(selected),
            "carried": _value_params(request),
            "error_count": len(form.errors) if form.is_bound else 0,
        },
        status=status,
    )


def _refused_start(request: HttpRequest, form: ComposeForm) -> HttpResponse:
    """Step 1 again, with its errors, after a later step got invalid step-1 input."""
    return _render_start(request, form, set(request.GET.getlist("klausul")), status=400)


@require_GET
def compose(request: HttpRequest) -> HttpResponse:
    """Step 1: title, buyer and the clauses (kept when coming back from a later step)."""
    if not request.GET:
        return _render_start(request, ComposeForm(initial={"bilag": True}), set())
    initial: dict[str, object] = {k: request.GET.get(k) for k in STEP1_FIELDS}
    initial["bilag"] = bool(request.GET.get("bilag"))
    return _render_start(request, ComposeForm(initial=initial), set(request.GET.getlist("klausul")))


def _render_fill(
    request: HttpRequest, bound: composer.ComposerInput, values: ValuesForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "procurement/compose_fill.html",
        {
            "step1": _step1_params(bound.compose),
            "step1_query": urlencode(_step1_params(bound.compose) + _value_params(request)),
            "versions": bound.versions,
            "values": values,
            "error_count": len(values.errors) if values.is_bound else 0,
        },
        status=status,
    )


@require_GET
def compose_fill(request: HttpRequest) -> HttpResponse:
    """Step 2: one field per placeholder of the chosen clauses."""
    bound = composer.bind(request.GET)
    if bound.values is None:
        return _refused_start(request, bound.compose)
    initial = {value_field_name(n): request.GET.get(value_field_name(n), "") for n in bound.names}
    return _render_fill(request, bound, ValuesForm(bound.names, initial=initial))


@require_GET
def compose_preview(request: HttpRequest) -> HttpResponse:
    """Step 3: the document with the values filled in, the exports and (for members) saving."""
    bound = composer.bind(request.GET)
    if bound.values is None:
        return _refused_start(request, bound.compose)
    if not bound.values.is_valid():
        return _render_fill(request, bound, bound.values, status=400)
    comp = composer.composition(request.GET)
    query = urlencode(composer.as_params(comp))
    return render(
        request,
        "procurement/compose_preview.html",
        {
            "comp": comp,
            "sections": comp.sections(),
            "query": query,
            "params": composer.as_params(comp),
            "step1_query": urlencode(_step1_params(bound.compose) + _value_params(request)),
            "organisations": _save_choices(request),
        },
    )


def _save_choices(request: HttpRequest) -> list[Organisation]:
    if not permissions.can_save_documents(request.user):
        return []
    mine = organisation_ids(request.user)
    if mine:
        return list(Organisation.objects.filter(pk__in=mine).order_by("name"))
    return list(Organisation.objects.order_by("name"))  # a coordinator without memberships


def _filename(title: str, extension: str) -> str:
    return f"{danish_slugify(title, max_length=80) or 'kravdokument'}.{extension}"


def _download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _export(request: HttpRequest, kind: str) -> HttpResponse:
    try:
        comp = composer.composition(request.GET)
    except ValidationFailed as exc:
        return render(
            request,
            "procurement/compose_invalid.html",
            {"errors": exc.errors, "query": request.GET.urlencode()},
            status=400,
        )
    if kind == "docx":
        return _download(composer.to_docx(comp), DOCX_TYPE, _filename(comp.title, "docx"))
    return _download(composer.to_pdf(comp), "application/pdf", _filename(comp.title, "pdf"))


@require_GET
def compose_docx(request: HttpRequest) -> HttpResponse:
    return _export(request, "docx")


@require_GET
def compose_pdf(request: HttpRequest) -> HttpResponse:
    return _export(request, "pdf")


@login_required
@require_POST
def document_save(request: HttpRequest) -> HttpResponse:
    try:
        document = operations.save_document(
            request.user, request.POST, request.POST.get("organisation")
        )
    except ValidationFailed as exc:
        query = urlencode(
            [
                (k, v)
                for k, vs in request.POST.lists()
                for v in vs
                if k != "csrfmiddlewaretoken" and k != "organisation"
            ]
        )
        return render(
            request,
            "procurement/compose_invalid.html",
            {"errors": exc.errors, "query": query},
            status=400,
        )
    messages.success(request, _("Dokumentet er gemt for %(org)s.") % {"org": document.organisation})
    return redirect(document)


# --- saved documents -------------------------------------------------------------------------


def visible_documents(request: HttpRequest) -> QuerySet[RequirementDocument]:
    qs = RequirementDocument.objects.select_related("organisation", "created_by")
    if permissions.can_manage_clauses(request.user):
        return qs
    return qs.filter(organisation_id__in=organisation_ids(request.user))


@login_required
@require_GET
def document_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(visible_documents(request), PAGE_SIZE).get_page(request.GET.get("side"))
    return render(request, "procurement/document_list.html", {"page": page})


def _document_or_denied(request: HttpRequest, pk: int) -> RequirementDocument:
    qs = RequirementDocument.objects.select_related("organisation", "created_by").prefetch_related(
        Prefetch(
            "clause_versions",
            queryset=ClauseVersion.objects.select_related("clause__current_version"),
        )
    )
    document = get_object_or_404(qs, pk=pk)
    if not permissions.can_view_document(request.user, document):
        raise PermissionDenied(_("Dokumentet tilhører en anden organisation."))
    return document


@login_required
@require_GET
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_or_denied(request, pk)
    comp = composer.from_document(document)
    outdated = [
        v
        for v in document.clause_versions.all()
        if v.clause.current_version_id and v.clause.current_version_id != v.pk
    ]
    refreshed = [(k, v) for k, v in composer.as_params(comp) if k != "klausul"] + [
        ("klausul", v.clause.slug)
        for v in composer.ordered(document.clause_versions.all())
        if not v.clause.retired
    ]
    return render(
        request,
        "procurement/document_detail.html",
        {
            "document": document,
            "comp": comp,
            "sections": comp.sections(),
            "outdated": outdated,
            "reopen_query": urlencode(refreshed),
            "can_delete": permissions.can_delete_document(request.user, document),
        },
    )


@login_required
@require_GET
def document_docx(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_or_denied(request, pk)
    comp = composer.from_document(document)
    return _download(composer.to_docx(comp), DOCX_TYPE, _filename(comp.title, "docx"))


@login_required
@require_GET
def document_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_or_denied(request, pk)
    comp = composer.from_document(document)
    return _download(composer.to_pdf(comp), "application/pdf", _filename(comp.title, "pdf"))


@login_required
def document_delete(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_or_denied(request, pk)
    if request.method == "POST":
        operations.delete_document(request.user, document)
        messages.success(
            request, _("Dokumentet „%(title)s“ er slettet.") % {"title": document.title}
        )
        return redirect("procurement:document_list")
    return render(request, "procurement/document_confirm_delete.html", {"document": document})
