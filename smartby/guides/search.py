"""The guides in the one search box (/soeg/): registered as the source "guide"."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from smartby.guides.models import Guide
from smartby.search.sources import Sections, Source, register


def _objects() -> QuerySet[Guide]:
    return Guide.objects.select_related("area", "current_version")


def _sections(guide: Guide) -> Sections:
    classification = " ".join(
        part
        for part in (str(guide.get_kind_display()), guide.area.name if guide.area else "")
        if part
    )
    return Sections(
        title=guide.title,
        a=guide.summary,
        b=classification,
        c=guide.body,
    )


def _meta(guide: Guide) -> str:
    label = str(guide.get_kind_display())
    return f"{label} · {guide.area.name}" if guide.area else label


def register_sources() -> None:
    register(
        Source(
            kind="guide",
            label=_("Vejledninger"),
            objects=_objects,
            sections=_sections,
            url=lambda guide: guide.get_absolute_url(),
            meta=_meta,
            more_url="guides:guide_list",
        )
    )
