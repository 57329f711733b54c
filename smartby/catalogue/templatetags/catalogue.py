"""Template tags for other apps' pages: the solutions a project uses."""

from django import template
from django.db.models import QuerySet

from smartby.catalogue.models import SolutionUse

register = template.Library()


@register.simple_tag
def project_solution_uses(project) -> QuerySet[SolutionUse]:
    """The project's uses of catalogue solutions, with solution and supplier."""
    return (
        SolutionUse.objects.filter(project=project)
        .select_related("solution__supplier__organisation")
        .order_by("solution__name")
    )
