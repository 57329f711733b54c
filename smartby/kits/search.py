"""Kits and årshjul events in the one search box (see smartby.search.sources)."""

from django.utils.translation import gettext_lazy as _

from smartby.kits.models import Event, Kit
from smartby.search.sources import Sections, Source, register


def kit_sections(kit: Kit) -> Sections:
    items = " ".join(f"{i.name} {i.notes}" for i in kit.items.all())
    return Sections(
        title=kit.name,
        a=f"{kit.owner.name} IoT-kit udlån",
        b=items,
        c=f"{kit.description} {kit.location} {kit.municipality.name if kit.municipality else ''}",
    )


def event_sections(event: Event) -> Sections:
    return Sections(
        title=event.title,
        a=f"{event.get_kind_display()} årshjul",
        b=f"{event.organiser.name if event.organiser else ''} {event.location}",
        c=event.description,
    )


def register_sources() -> None:
    register(
        Source(
            kind="kit",
            label=_("IoT-kits"),
            objects=lambda: (
                Kit.objects.filter(active=True)
                .select_related("owner", "municipality")
                .prefetch_related("items")
            ),
            sections=kit_sections,
            url=lambda kit: kit.get_absolute_url(),
            meta=lambda kit: str(_("IoT-kit fra %(owner)s") % {"owner": kit.owner.name}),
            more_url="kits:kit_list",
        )
    )
    register(
        Source(
            kind="event",
            label=_("Årshjul"),
            objects=lambda: Event.objects.select_related("organiser"),
            sections=event_sections,
            url=lambda event: event.get_absolute_url(),
            meta=lambda event: f"{event.get_kind_display()}, {event.start_date:%d.%m.%Y}",
            more_url="kits:event_year",
        )
    )
