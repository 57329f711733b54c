"""Read queries of the clause library, shared by the pages and the API."""

from django.db.models import Q, QuerySet

from smartby.procurement.forms import ClauseFilterForm
from smartby.procurement.models import Clause


def filtered_clauses(form: ClauseFilterForm) -> QuerySet[Clause]:
    """Clauses matching the list filters (theme, emneord, text); retired ones only on request."""
    qs = Clause.objects.filter(current_version__isnull=False)
    cd = form.cleaned_data if form.is_valid() else {}
    if not cd.get("udfasede"):
        qs = qs.filter(retired=False)
    if cd.get("tema"):
        qs = qs.filter(topic=cd["tema"])
    if cd.get("emneord"):
        qs = qs.filter(tags__slug=cd["emneord"])
    for word in (cd.get("q") or "").split()[:10]:
        qs = qs.filter(
            Q(title__icontains=word)
            | Q(current_version__text__icontains=word)
            | Q(current_version__reason__icontains=word)
            | Q(tags__name__icontains=word)
        )
    return (
        qs.distinct()
        .select_related("current_version")
        .prefetch_related("tags")
        .order_by("title", "pk")
    )
