"""The Atom feed of new and updated projects, with the project list's filters.

Entries carry only public project data (title, summary, area, technologies, lead organisation);
never contact persons. The entry id is a tag URI built from the project's permanent `uid`, so it
survives a change of slug; `updated` is the project's `updated_at`.
"""

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from smartby.geo.models import Municipality, Region
from smartby.registry.filters import ProjectFilters, filtered_projects
from smartby.registry.models import Area, Project, Technology

FEED_SIZE = 50
CACHE_SECONDS = 300
# The facets named in a feed's title (the feed honours all of the list's filters).
LABELLED = [
    ("area", Area, "slug"),
    ("technology", Technology, "slug"),
    ("municipality", Municipality, "code"),
    ("region", Region, "slug"),
]


def feed_query(f: ProjectFilters) -> str:
    """The query string of the feed for the filters `f` (without `updated_since`)."""
    query = f.without("updated_since").as_query()
    return query.urlencode()


def feed_url(f: ProjectFilters) -> str:
    query = feed_query(f)
    return reverse("subscriptions:project_feed") + (f"?{query}" if query else "")


def tag_authority() -> str:
    return urlsplit(settings.SITE_URL).hostname or "smartby"


class ProjectFeed(Feed):
    feed_type = Atom1Feed
    language = "da"

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().__call__(request, *args, **kwargs)
        response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
        return response

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> ProjectFilters:
        return ProjectFilters.from_query(request.GET)

    def title(self, f: ProjectFilters) -> str:
        labels = []
        for name, model, field in LABELLED:
            values = getattr(f, name)
            if values:
                labels.extend(
                    model.objects.filter(**{f"{field}__in": values})
                    .order_by("name")
                    .values_list("name", flat=True)
                )
        if f.q:
            labels.append(f"“{f.q}”")
        if not labels:
            return _("Smartby: nye og opdaterede projekter")
        return _("Smartby: nye og opdaterede projekter – %(filters)s") % {
            "filters": ", ".join(labels)
        }

    def subtitle(self, f: ProjectFilters) -> str:
        return _("Danske kommuners smart city-projekter, senest oprettede eller ændrede først.")

    def link(self, f: ProjectFilters) -> str:
        query = feed_query(f)
        return reverse("registry:project_list") + (f"?{query}" if query else "")

    def feed_url(self, f: ProjectFilters) -> str:
        return feed_url(f)

    def feed_guid(self, f: ProjectFilters) -> str:
        return f"tag:{tag_authority()},2025:feeds/projekter" + (
            f"?{feed_query(f)}" if feed_query(f) else ""
        )

    def author_name(self) -> str:
        return "Smartby"

    def items(self, f: ProjectFilters) -> list[Project]:
        qs = (
            filtered_projects(f.without("updated_since"))
            .select_related("area", "lead_organisation")
            .prefetch_related("technologies")
            .order_by("-updated_at", "-id")
        )
        return list(qs[:FEED_SIZE])

    def item_title(self, item: Project) -> str:
        return item.title

    def item_description(self, item: Project) -> str:
        return item.summary

    def item_link(self, item: Project) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: Project) -> str:
        created = item.created_at.date().isoformat()
        return f"tag:{tag_authority()},{created}:projekt/{item.uid}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Project) -> Any:
        return item.created_at

    def item_updateddate(self, item: Project) -> Any:
        return item.updated_at

    def item_author_name(self, item: Project) -> str:
        # The lead organisation, never a person.
        return item.lead_organisation.name

    def item_categories(self, item: Project) -> list[str]:
        return [item.area.name, *(t.name for t in item.technologies.all())]
