"""Search pages: the one search box (/soeg/), as-you-type suggestions, "Hvem har gjort det
før?" (/match/), similar projects on the project page, and the coordinators' synonym list."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from smartby.effect.measure import record_search
from smartby.registry.filters import clean_text
from smartby.registry.models import Project
from smartby.search import matching, operations, results
from smartby.search.forms import SynonymGroupForm
from smartby.search.models import SynonymGroup

MAX_QUERY = 200
MAX_CHALLENGE = 5000


def _q(request: HttpRequest) -> str:
    return clean_text(request.GET.get("q", ""))[:MAX_QUERY]


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    q = _q(request)
    found = results.search_everything(q) if q else None
    record_search(q, request)
    return render(request, "search/search.html", {"q": q, "found": found})


@require_GET
def suggest(request: HttpRequest) -> HttpResponse:
    items = results.suggestions(_q(request))
    return render(request, "search/_suggestions.html", {"items": items})


@require_http_methods(["GET", "POST"])
def match_page(request: HttpRequest) -> HttpResponse:
    text = clean_text(request.POST.get("tekst", ""))
    error = ""
    found = people = None
    if request.method == "POST":
        if len(text) < 3:
            error = _("Beskriv udfordringen med mindst et par ord.")
        elif len(text) > MAX_CHALLENGE:
            error = _("Beskrivelsen må højst være %(max)d tegn.") % {"max": MAX_CHALLENGE}
        else:
            found = matching.match_challenge(text)
            people = matching.people_to_call(found.projects)
    status = 400 if error else 200
    context = {"text": text, "error": error, "found": found, "people": people}
    return render(request, "search/match.html", context, status=status)


@require_GET
def similar_fragment(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_object_or_404(Project, slug=slug)
    htmx = request.headers.get("HX-Request") == "true"
    similar = matching.similar_projects(project, limit=6 if htmx else 20)
    template = "search/_similar.html" if htmx else "search/similar.html"
    return render(request, template, {"project": project, "similar": similar})


# --- synonyms (coordinators) ----------------------------------------------------------------


def _coordinator(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not operations.can_edit_synonyms(request.user):
        raise PermissionDenied(_("Kun koordinatorer kan redigere synonymlisten."))
    return None


def _form_errors(form: SynonymGroupForm, exc: ValidationError) -> None:
    for field, errors in exc.error_dict.items():
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


@require_GET
def synonym_list(request: HttpRequest) -> HttpResponse:
    if (refused := _coordinator(request)) is not None:
        return refused
    q = _q(request)
    groups = SynonymGroup.objects.all()
    if q:
        groups = groups.filter(terms__icontains=q)
    page = Paginator(groups, 50).get_page(request.GET.get("side"))
    return render(
        request,
        "search/synonyms.html",
        {"page": page, "q": q, "form": SynonymGroupForm(), "total": SynonymGroup.objects.count()},
    )


@require_http_methods(["GET", "POST"])
def synonym_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if (refused := _coordinator(request)) is not None:
        return refused
    group = get_object_or_404(SynonymGroup, pk=pk) if pk else None
    form = SynonymGroupForm(instance=group)
    if request.method == "POST":
        form = SynonymGroupForm(request.POST, instance=group)
        try:
            if group is None:
                operations.create_synonym_group(request.user, request.POST)
                messages.success(request, _("Synonymgruppen er oprettet."))
            else:
                operations.update_synonym_group(request.user, group, request.POST)
                messages.success(request, _("Synonymgruppen er gemt."))
            return redirect("search:synonyms")
        except ValidationError as exc:
            form.is_valid()
            if not form.errors:
                _form_errors(form, exc)
    context: dict[str, Any] = {"form": form, "group": group}
    return render(request, "search/synonym_form.html", context, status=400 if form.errors else 200)


@require_http_methods(["POST"])
def synonym_delete(request: HttpRequest, pk: int) -> HttpResponse:
    if (refused := _coordinator(request)) is not None:
        return refused
    group = get_object_or_404(SynonymGroup, pk=pk)
    operations.delete_synonym_group(request.user, group)
    messages.success(request, _("Synonymgruppen „%(terms)s“ er slettet.") % {"terms": group.terms})
    return redirect("search:synonyms")
