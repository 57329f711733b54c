"""Reading the radar: an edition's numbered blips with their moves since the previous published
edition and the registry's evidence (municipalities in pilot and in operation), in a constant
number of queries whatever the number of blips."""

from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Count, QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from smartby.radar.models import Blip, Edition
from smartby.registry.models import Project, Status, Technology


class Move(StrEnum):
    NEW = "ny"
    IN = "ind"
    OUT = "ud"
    UNCHANGED = "uaendret"

    @property
    def label(self) -> str:
        return str(MOVE_LABELS[self])


MOVE_LABELS = {
    Move.NEW: _("Ny"),
    Move.IN: _("Rykket ind"),
    Move.OUT: _("Rykket ud"),
    Move.UNCHANGED: _("Uændret"),
}
MOVE_DESCRIPTIONS = {
    Move.NEW: _("Ny på radaren i denne udgave"),
    Move.IN: _("Rykket mod midten (mere moden) siden sidste udgave"),
    Move.OUT: _("Rykket mod kanten siden sidste udgave"),
    Move.UNCHANGED: _("Samme ring som i sidste udgave"),
}


@dataclass(frozen=True)
class Evidence:
    """Distinct municipalities of registry projects with the technology, by status."""

    pilot: int = 0
    operation: int = 0


@dataclass
class Entry:
    number: int
    blip: Blip
    move: Move
    previous_ring: str | None
    evidence: Evidence

    @property
    def technology(self) -> Technology:
        return self.blip.technology

    @property
    def pilot_url(self) -> str:
        return projects_url(self.technology.slug, Status.PILOT)

    @property
    def operation_url(self) -> str:
        return projects_url(self.technology.slug, Status.OPERATION)


@dataclass
class Radar:
    edition: Edition
    previous: Edition | None
    entries: list[Entry]
    left: list[Blip] = field(default_factory=list)  # on the previous edition, not on this one

    def in_quadrant(self, quadrant: str) -> list[Entry]:
        return [e for e in self.entries if e.blip.quadrant == quadrant]


def projects_url(technology_slug: str, status: str) -> str:
    query = QueryDict(mutable=True)
    query["technology"] = technology_slug
    query["status"] = status
    return f"{reverse('registry:project_list')}?{query.urlencode()}"


def visible_editions(*, drafts: bool) -> QuerySet[Edition]:
    qs = Edition.objects.all()
    return qs if drafts else qs.filter(published=True)


def latest_published() -> Edition | None:
    return Edition.objects.filter(published=True).order_by("-year").first()


def previous_published(edition: Edition) -> Edition | None:
    return Edition.objects.filter(published=True, year__lt=edition.year).order_by("-year").first()


def sort_key(blip: Blip) -> tuple[int, int, str]:
    return (blip.quadrant_index, blip.ring_index, blip.technology.name.lower())


def move_of(blip: Blip, before: Blip | None) -> Move:
    """New when not on the previous published edition (or there is none), else the ring's
    direction."""
    if before is None:
        return Move.NEW
    if blip.ring_index < before.ring_index:
        return Move.IN
    if blip.ring_index > before.ring_index:
        return Move.OUT
    return Move.UNCHANGED


def evidence_for(technology_ids: list[int]) -> dict[int, Evidence]:
    """One aggregate query: distinct municipalities per technology of projects in pilot and in
    operation."""
    through = Project.technologies.through
    rows = (
        through.objects.filter(
            technology_id__in=technology_ids,
            project__status__in=[Status.PILOT, Status.OPERATION],
        )
        .values("technology_id", "project__status")
        .annotate(n=Count("project__municipalities", distinct=True))
        .order_by()
    )
    counts: dict[int, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["technology_id"], {})[row["project__status"]] = row["n"]
    return {
        tid: Evidence(pilot=c.get(Status.PILOT, 0), operation=c.get(Status.OPERATION, 0))
        for tid, c in counts.items()
    }


def radar_for(edition: Edition) -> Radar:
    """The edition's blips numbered by quadrant, ring and name, with moves and evidence
    (four queries: previous edition, blips of both editions, evidence)."""
    previous = previous_published(edition)
    editions = [edition.pk] + ([previous.pk] if previous else [])
    blips = list(
        Blip.objects.filter(edition_id__in=editions).select_related("technology", "edition")
    )
    current = sorted((b for b in blips if b.edition_id == edition.pk), key=sort_key)
    before = {b.technology_id: b for b in blips if previous and b.edition_id == previous.pk}
    evidence = evidence_for([b.technology_id for b in current])
    entries = []
    for number, blip in enumerate(current, start=1):
        old = before.pop(blip.technology_id, None)
        entries.append(
            Entry(
                number=number,
                blip=blip,
                move=move_of(blip, old),
                previous_ring=old.ring if old else None,
                evidence=evidence.get(blip.technology_id, Evidence()),
            )
        )
    left = sorted(before.values(), key=sort_key)
    return Radar(edition=edition, previous=previous, entries=entries, left=left)


@dataclass
class Placement:
    edition: Edition
    blip: Blip | None
    move: Move | None


def technology_history(technology: Technology, *, drafts: bool) -> list[Placement]:
    """The technology's placement in each visible edition, newest first (None where it was not
    on the radar), with its move against the previous published edition."""
    editions = list(visible_editions(drafts=drafts).order_by("year"))
    blips = {
        b.edition_id: b
        for b in Blip.objects.filter(technology=technology, edition__in=editions).select_related(
            "technology"
        )
    }
    history: list[Placement] = []
    last_published: Edition | None = None
    for edition in editions:
        blip = blips.get(edition.pk)
        move = None
        if blip is not None:
            before = blips.get(last_published.pk) if last_published else None
            move = move_of(blip, before)
        history.append(Placement(edition=edition, blip=blip, move=move))
        if edition.published:
            last_published = edition
    return list(reversed(history))
