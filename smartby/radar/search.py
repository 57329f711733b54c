"""The radar in the search (/soeg/): the blips of the latest published edition, one hit per
technology, leading to its history page."""

from django.db.models import QuerySet, Subquery
from django.utils.translation import gettext as _

from smartby.radar.models import Blip, Edition
from smartby.search.sources import Sections


def searchable_blips() -> QuerySet[Blip]:
    latest = Edition.objects.filter(published=True).order_by("-year").values("pk")[:1]
    return Blip.objects.filter(edition=Subquery(latest)).select_related("technology", "edition")


def sections(blip: Blip) -> Sections:
    placement = f"{blip.get_ring_display()} · {blip.get_quadrant_display()}"
    return Sections(
        title=blip.technology.name,
        a=placement,
        b=blip.rationale,
        c=f"{_('Teknologiradar')} {blip.edition.year}",
    )


def meta(blip: Blip) -> str:
    return _("Teknologiradar %(year)s: %(ring)s, %(quadrant)s") % {
        "year": blip.edition.year,
        "ring": blip.get_ring_display(),
        "quadrant": blip.get_quadrant_display(),
    }
