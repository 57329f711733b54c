"""The figures of the effect dashboard: plain functions from a period to a `Figure`.

Each figure is a table (columns and rows of plain values: ints, dates, strings) and the chart
drawn from it. The page shows both, and the CSV export writes the very same rows. Every figure
takes a fixed number of aggregate queries, whatever the number of projects.

Only aggregates leave this module: counts per month, region, section or search term.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from django.conf import settings
from django.db.models import Count, F, Min, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from smartby.audit.models import AuditEntry
from smartby.effect.models import PageView, SearchTerm, Section
from smartby.effect.period import Period, add_months
from smartby.geo.models import Municipality, Region
from smartby.network.models import ContactRequest, ContactTopic
from smartby.registry.freshness import Freshness, cutoffs, freshness_q
from smartby.registry.models import Project

# A search term is shown only when it was searched at least this often in the period, so that
# a rare (and perhaps identifying) search never appears on the public dashboard.
MIN_SEARCHES = 3
TOP_SEARCH_TERMS = 25
# The colours of smartby.css's success, warning and error messages.
FRESHNESS_COLORS = {
    Freshness.FRESH: "#1b6b3a",
    Freshness.DUE: "#8a4b00",
    Freshness.STALE: "#b3261e",
}
# Audit actions that mean "someone kept this project up to date".
UPDATE_ACTIONS = ("update", "verify")

Kind = Literal["text", "int", "pct", "month", "day", "bucket"]


@dataclass(frozen=True)
class Column:
    key: str  # the CSV header
    label: str  # the table header
    kind: Kind = "int"


@dataclass
class Chart:
    """What to draw: `columns` (values over time), `bars` (categories) or `matrix`."""

    kind: Literal["columns", "bars", "matrix"]
    labels: list[str]
    series: list[tuple[str, list[int]]]
    max_value: int | None = None  # the scale's top (e.g. 98 municipalities); default: the data
    colors: list[str] = field(default_factory=list)  # bars: one colour per bar (default: one)
    col_labels: list[str] = field(default_factory=list)  # matrix columns


@dataclass
class Figure:
    slug: str
    title: str
    description: str
    columns: list[Column]
    rows: list[list[Any]]
    chart: Chart | None = None
    footer: list[Any] | None = None  # a totals row
    notes: list[str] = field(default_factory=list)
    empty_text: str = ""  # shown instead of the chart when there is nothing to draw
    wide: bool = False  # a table too wide to sit beside its chart goes below it

    @property
    def has_data(self) -> bool:
        return bool(self.chart) and any(v for _name, values in self.chart.series for v in values)


def share(part: int, whole: int) -> float | None:
    """Percentage with one decimal, None when there is no whole."""
    return round(100 * part / whole, 1) if whole else None


def month_label(month: dt.date) -> str:
    """A chart label: the month, then (on a second line when there is room) the year."""
    return date_format(month, "b Y")


def bucket_label(day: dt.date, daily: bool) -> str:
    return date_format(day, "j. b" if daily else "b Y")


def _in_period(period: Period, field_name: str) -> Q:
    return Q(**{f"{field_name}__gte": period.start, f"{field_name}__lt": period.end})


def _per_month(qs: QuerySet, field_name: str, count: Any) -> dict[dt.date, int]:
    """{first day of month: count}, months taken in the site's time zone."""
    rows = (
        qs.annotate(month=TruncMonth(field_name, tzinfo=timezone.get_current_timezone()))
        .order_by()
        .values("month")
        .annotate(n=count)
    )
    return {timezone.localdate(r["month"]): r["n"] for r in rows}


# ---------- Municipalities ----------


def _first_project_per_municipality(before: dt.datetime) -> list[dt.datetime]:
    """When each municipality got its first project (among projects that exist today)."""
    through = Project.municipalities.through
    return list(
        through.objects.filter(project__created_at__lt=before)
        .order_by()
        .values("municipality_id")
        .annotate(first=Min("project__created_at"))
        .values_list("first", flat=True)
    )


def municipalities_with_verified_project(on: dt.date) -> int:
    """Municipalities with a project verified within FRESHNESS_STALE_MONTHS (12) months before
    `on`: a project that was not yet forældet on that day."""
    through = Project.municipalities.through
    return (
        through.objects.filter(
            project__last_verified__gte=cutoffs(on).stale,
            project__last_verified__lte=on,
        )
        .values("municipality_id")
        .distinct()
        .count()
    )


def key_figures(period: Period) -> Figure:
    total = Municipality.objects.count()
    with_project = len(_first_project_per_municipality(period.end))
    verified = municipalities_with_verified_project(period.date_to)
    projects = Project.objects.filter(created_at__lt=period.end).count()
    new = Project.objects.filter(_in_period(period, "created_at")).count()
    updated = (
        AuditEntry.objects.filter(
            _in_period(period, "at"), object_type="registry.project", action__in=UPDATE_ACTIONS
        )
        .values("object_id")
        .distinct()
        .count()
    )
    contacts = cross_municipal_contacts(period).count()
    views = (
        PageView.objects.filter(day__gte=period.date_from, day__lte=period.date_to).aggregate(
            n=Sum("count")
        )["n"]
        or 0
    )
    stale_months = settings.FRESHNESS_STALE_MONTHS
    with_label = str(_("Kommuner med mindst ét projekt"))
    verified_label = str(
        _("Kommuner med et projekt bekræftet inden for %(months)s måneder")
        % {"months": stale_months}
    )
    return Figure(
        slug="noegletal",
        wide=True,
        title=str(_("Nøgletal")),
        description=str(
            _(
                "Hvor mange af landets %(total)s kommuner der har projekter på Smartby ved "
                "periodens slutning, og hvad der er sket i perioden."
            )
            % {"total": total}
        ),
        columns=[
            Column("noegletal", str(_("Nøgletal")), "text"),
            Column("antal", str(_("Antal"))),
            Column("andel_pct", str(_("Andel af kommunerne (%)")), "pct"),
        ],
        rows=[
            [with_label, with_project, share(with_project, total)],
            [verified_label, verified, share(verified, total)],
            [str(_("Projekter i alt ved periodens slutning")), projects, None],
            [str(_("Nye projekter i perioden")), new, None],
            [str(_("Opdaterede eller bekræftede projekter i perioden")), updated, None],
            [str(_("Kontakter på tværs af kommuner i perioden")), contacts, None],
            [str(_("Sidevisninger i perioden")), views, None],
        ],
        chart=Chart(
            "bars",
            [with_label, verified_label],
            [(str(_("Kommuner")), [with_project, verified])],
            max_value=total,
        ),
        notes=[
            str(
                _(
                    "Et projekt tæller med fra den dag, det blev oprettet på Smartby. Slettede "
                    "projekter tæller ikke med."
                )
            ),
            str(
                _(
                    "Bekræftelser bygger på projekternes seneste bekræftelsesdato: et projekt, "
                    "der er bekræftet igen efter periodens slutning, tæller ikke med for en "
                    "periode i fortiden."
                )
            ),
        ],
    )


def municipalities_over_time(period: Period) -> Figure:
    total = Municipality.objects.count()
    firsts = sorted(_first_project_per_municipality(period.end))
    rows = []
    for month in period.months():
        month_end = min(
            period.end, timezone.make_aware(dt.datetime.combine(add_months(month, 1), dt.time.min))
        )
        n = sum(1 for first in firsts if first < month_end)
        rows.append([month, n, share(n, total)])
    return Figure(
        slug="kommuner",
        title=str(_("Kommuner med projekter over tid")),
        description=str(
            _(
                "Antal kommuner med mindst ét projekt på Smartby ved udgangen af hver måned, "
                "ud af %(total)s kommuner."
            )
            % {"total": total}
        ),
        columns=[
            Column("maaned", str(_("Måned")), "month"),
            Column("kommuner", str(_("Kommuner med projekter"))),
            Column("andel_pct", str(_("Andel (%)")), "pct"),
        ],
        rows=rows,
        chart=Chart(
            "columns",
            [month_label(r[0]) for r in rows],
            [(str(_("Kommuner med projekter")), [r[1] for r in rows])],
            max_value=total,
        ),
        empty_text=str(_("Ingen kommuner havde projekter i perioden.")),
    )


# ---------- Freshness ----------


def freshness_distribution(period: Period | None = None, today: dt.date | None = None) -> Figure:
    """How fresh the projects are today (the period does not apply: there is no history of
    earlier verifications beyond the latest)."""
    today = today or timezone.localdate()
    states = [Freshness.FRESH, Freshness.DUE, Freshness.STALE]
    counts = Project.objects.aggregate(
        **{state.name: Count("id", filter=freshness_q([state], today)) for state in states},
        never=Count("id", filter=Q(last_verified__isnull=True)),
    )
    counts = {**{state: counts[state.name] for state in states}, "never": counts["never"]}
    total = sum(counts[s] for s in states)
    due_months, stale_months = settings.FRESHNESS_DUE_MONTHS, settings.FRESHNESS_STALE_MONTHS
    labels = {
        Freshness.FRESH: _("Frisk (bekræftet for under %(due)s måneder siden)"),
        Freshness.DUE: _("Bør bekræftes (%(due)s–%(stale)s måneder siden)"),
        Freshness.STALE: _("Forældet (over %(stale)s måneder siden eller aldrig)"),
    }
    names = [str(labels[s] % {"due": due_months, "stale": stale_months}) for s in states]
    return Figure(
        slug="friskhed",
        title=str(_("Projekternes friskhed i dag")),
        description=str(
            _(
                "Hvor længe siden projekterne sidst blev bekræftet som korrekte. Tallet gælder "
                "i dag, uanset den valgte periode."
            )
        ),
        columns=[
            Column("friskhed", str(_("Friskhed")), "text"),
            Column("projekter", str(_("Projekter"))),
            Column("andel_pct", str(_("Andel (%)")), "pct"),
        ],
        rows=[
            [name, counts[s], share(counts[s], total)]
            for name, s in zip(names, states, strict=True)
        ],
        footer=[str(_("I alt")), total, share(total, total)],
        chart=Chart(
            "bars",
            names,
            [(str(_("Projekter")), [counts[s] for s in states])],
            colors=[FRESHNESS_COLORS[s] for s in states],
        ),
        notes=[
            ngettext(
                "Heraf er %(n)s projekt aldrig bekræftet.",
                "Heraf er %(n)s projekter aldrig bekræftet.",
                counts["never"],
            )
            % {"n": counts["never"]}
        ],
        empty_text=str(_("Der er ingen projekter endnu.")),
    )


# ---------- Projects ----------


def projects_per_month(period: Period) -> Figure:
    new = _per_month(
        Project.objects.filter(_in_period(period, "created_at")), "created_at", Count("id")
    )
    updated = _per_month(
        AuditEntry.objects.filter(
            _in_period(period, "at"), object_type="registry.project", action__in=UPDATE_ACTIONS
        ),
        "at",
        Count("object_id", distinct=True),
    )
    rows = [[m, new.get(m, 0), updated.get(m, 0)] for m in period.months()]
    new_label, updated_label = str(_("Nye projekter")), str(_("Opdaterede projekter"))
    return Figure(
        slug="projekter",
        title=str(_("Nye og opdaterede projekter pr. måned")),
        description=str(
            _(
                "Nye projekter efter oprettelsesdato. Opdaterede projekter er de forskellige "
                "projekter, der blev rettet eller bekræftet som korrekte i måneden."
            )
        ),
        columns=[
            Column("maaned", str(_("Måned")), "month"),
            Column("nye", new_label),
            Column("opdaterede", updated_label),
        ],
        rows=rows,
        footer=[str(_("I alt")), sum(r[1] for r in rows), None],
        chart=Chart(
            "columns",
            [month_label(r[0]) for r in rows],
            [(new_label, [r[1] for r in rows]), (updated_label, [r[2] for r in rows])],
        ),
        notes=[
            str(
                _(
                    "Et projekt, der er opdateret i flere måneder, tæller med i hver af dem, "
                    "så de opdaterede projekter kan ikke lægges sammen over måneder."
                )
            )
        ],
        empty_text=str(_("Ingen projekter blev oprettet eller opdateret i perioden.")),
    )


# ---------- Contacts ----------


def cross_municipal_contacts(period: Period) -> QuerySet[ContactRequest]:
    """Contacts made through Smartby from one municipality to another."""
    return ContactRequest.objects.filter(
        _in_period(period, "created_at"),
        from_municipality__isnull=False,
        to_municipality__isnull=False,
    ).exclude(from_municipality=F("to_municipality"))


def contacts_per_month(period: Period) -> Figure:
    counts = _per_month(cross_municipal_contacts(period), "created_at", Count("id"))
    rows = [[m, counts.get(m, 0)] for m in period.months()]
    label = str(_("Kontakter"))
    return Figure(
        slug="kontakter",
        title=str(_("Kontakter på tværs af kommuner pr. måned")),
        description=str(
            _(
                "Henvendelser sendt gennem Smartbys kontaktformular fra en medarbejder i én "
                "kommune til et projekt i en anden kommune – fagkolleger, der finder hinanden."
            )
        ),
        columns=[Column("maaned", str(_("Måned")), "month"), Column("kontakter", label)],
        rows=rows,
        footer=[str(_("I alt")), sum(r[1] for r in rows)],
        chart=Chart("columns", [month_label(r[0]) for r in rows], [(label, [r[1] for r in rows])]),
        empty_text=str(_("Ingen kontakter på tværs af kommuner i perioden.")),
    )


def contacts_per_topic(period: Period) -> Figure:
    """All contacts through Smartby by topic (a fixed list, so no words from the messages)."""
    cross = Q(from_municipality__isnull=False, to_municipality__isnull=False) & ~Q(
        from_municipality=F("to_municipality")
    )
    counts = {
        row["topic"]: (row["n"], row["cross"])
        for row in ContactRequest.objects.filter(_in_period(period, "created_at"))
        .order_by()
        .values("topic")
        .annotate(n=Count("id"), cross=Count("id", filter=cross))
    }
    labels = dict(ContactTopic.choices)
    topics = [*labels, *sorted(set(counts) - set(labels))]
    rows = [[str(labels.get(t, t)), *counts.get(t, (0, 0))] for t in topics]
    label = str(_("Kontakter"))
    return Figure(
        slug="kontakter-emner",
        title=str(_("Kontakter pr. emne")),
        description=str(
            _(
                "Alle henvendelser gennem Smartbys kontaktformular i perioden efter det emne, "
                "afsenderen valgte, og hvor mange af dem der gik på tværs af kommuner."
            )
        ),
        columns=[
            Column("emne", str(_("Emne")), "text"),
            Column("kontakter", label),
            Column("paa_tvaers", str(_("Heraf på tværs af kommuner"))),
        ],
        rows=rows,
        footer=[str(_("I alt")), sum(r[1] for r in rows), sum(r[2] for r in rows)],
        chart=Chart("bars", [r[0] for r in rows], [(label, [r[1] for r in rows])]),
        empty_text=str(_("Ingen kontakter gennem Smartby i perioden.")),
    )


def short_region_name(name: str) -> str:
    return name.removeprefix("Region ")


def contacts_between_regions(period: Period) -> Figure:
    regions = list(Region.objects.order_by("code").values_list("id", "name", "slug"))
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for row in (
        cross_municipal_contacts(period)
        .order_by()
        .values("from_municipality__region_id", "to_municipality__region_id")
        .annotate(n=Count("id"))
    ):
        key = (row["from_municipality__region_id"], row["to_municipality__region_id"])
        counts[key] = row["n"]
    rows = []
    for from_id, from_name, _slug in regions:
        values = [counts[(from_id, to_id)] for to_id, _name, _slug in regions]
        rows.append([from_name, *values, sum(values)])
    ids = [region_id for region_id, _name, _slug in regions]
    names = [short_region_name(name) for _id, name, _slug in regions]
    totals = [sum(counts[(f, t)] for f in ids) for t in ids]
    return Figure(
        slug="kontakter-regioner",
        wide=True,
        title=str(_("Kontakter på tværs af kommuner mellem regioner")),
        description=str(
            _(
                "Rækkerne er den region, henvendelsen kom fra, kolonnerne den region, den gik "
                "til. Diagonalen er kontakter mellem kommuner i samme region."
            )
        ),
        columns=[
            Column("fra_region", str(_("Fra region")), "text"),
            *[
                Column(f"til_{slug}", str(_("Til %(region)s") % {"region": short}))
                for (_id, _name, slug), short in zip(regions, names, strict=True)
            ],
            Column("i_alt", str(_("I alt"))),
        ],
        rows=rows,
        footer=[str(_("I alt")), *totals, sum(totals)],
        chart=Chart(
            "matrix",
            names,
            [(r[0], r[1:-1]) for r in rows],
            col_labels=names,
        ),
        empty_text=str(_("Ingen kontakter på tværs af kommuner i perioden.")),
    )


# ---------- Searches ----------


def top_search_terms(period: Period) -> Figure:
    rows = [
        [term, n]
        for term, n in SearchTerm.objects.filter(day__gte=period.date_from, day__lte=period.date_to)
        .values("term")
        .annotate(n=Sum("count"))
        .filter(n__gte=MIN_SEARCHES)
        .order_by("-n", "term")
        .values_list("term", "n")[:TOP_SEARCH_TERMS]
    ]
    label = str(_("Søgninger"))
    return Figure(
        slug="soegninger",
        title=str(_("Mest søgte emner")),
        description=str(
            _(
                "De %(top)s hyppigste søgeord i projektlisten, på Danmarkskortet og i API'et. "
                "Kun ord, der er søgt mindst %(min)s gange i perioden, vises."
            )
            % {"top": TOP_SEARCH_TERMS, "min": MIN_SEARCHES}
        ),
        columns=[Column("soegeord", str(_("Søgeord")), "text"), Column("soegninger", label)],
        rows=rows,
        chart=Chart("bars", [r[0] for r in rows], [(label, [r[1] for r in rows])]),
        notes=[
            str(
                _(
                    "Søgeord gemmes kun som antal pr. dag, med små bogstaver og uden oplysninger "
                    "om, hvem der søgte. Søgninger, der ligner e-mailadresser eller "
                    "telefonnumre, gemmes slet ikke."
                )
            )
        ],
        empty_text=str(
            _("Intet søgeord er søgt mindst %(min)s gange i perioden.") % {"min": MIN_SEARCHES}
        ),
    )


# ---------- Page views ----------


def _page_views(period: Period) -> QuerySet[PageView]:
    return PageView.objects.filter(day__gte=period.date_from, day__lte=period.date_to)


def page_views_per_section(period: Period) -> Figure:
    counts = dict(
        _page_views(period)
        .order_by()
        .values("section")
        .annotate(n=Sum("count"))
        .values_list("section", "n")
    )
    total = sum(counts.values())
    order = {s: i for i, s in enumerate(Section.values)}
    sections = sorted(Section.choices, key=lambda c: (-counts.get(c[0], 0), order[c[0]]))
    rows = [[str(label), counts.get(s, 0), share(counts.get(s, 0), total)] for s, label in sections]
    label = str(_("Sidevisninger"))
    return Figure(
        slug="sidevisninger",
        title=str(_("Sidevisninger pr. sektion")),
        description=str(
            _(
                "Hvilke dele af Smartby der bliver brugt: hele sider og API-kald, der lykkedes, "
                "i perioden."
            )
        ),
        columns=[
            Column("sektion", str(_("Sektion")), "text"),
            Column("visninger", label),
            Column("andel_pct", str(_("Andel (%)")), "pct"),
        ],
        rows=rows,
        footer=[str(_("I alt")), total, share(total, total)],
        chart=Chart("bars", [r[0] for r in rows], [(label, [r[1] for r in rows])]),
        empty_text=str(_("Ingen sidevisninger i perioden.")),
    )


def page_views_over_time(period: Period) -> Figure:
    qs = _page_views(period).order_by()
    if period.daily:
        data = (
            qs.values("day", "section").annotate(n=Sum("count")).values_list("day", "section", "n")
        )
    else:
        data = (
            qs.annotate(bucket=TruncMonth("day"))
            .values("bucket", "section")
            .annotate(n=Sum("count"))
            .values_list("bucket", "section", "n")
        )
    counts: dict[tuple[dt.date, str], int] = {(b, s): n for b, s, n in data}
    rows = []
    for bucket in period.buckets():
        values = [counts.get((bucket, s), 0) for s in Section.values]
        rows.append([bucket, *values, sum(values)])
    label = str(_("Sidevisninger"))
    daily = period.daily
    return Figure(
        slug="sidevisninger-tid",
        wide=True,
        title=str(_("Sidevisninger pr. dag") if daily else _("Sidevisninger pr. måned")),
        description=str(
            _(
                "Sidevisninger i alt og pr. sektion. Perioder på op til to måneder vises dag "
                "for dag, længere perioder måned for måned."
            )
        ),
        columns=[
            Column(
                "dag" if daily else "maaned",
                str(_("Dag") if daily else _("Måned")),
                "day" if daily else "month",
            ),
            *[Column(s, str(label_), "int") for s, label_ in Section.choices],
            Column("i_alt", str(_("I alt"))),
        ],
        rows=rows,
        footer=[
            str(_("I alt")),
            *[sum(r[i] for r in rows) for i in range(1, len(Section.values) + 2)],
        ],
        chart=Chart(
            "columns", [bucket_label(r[0], daily) for r in rows], [(label, [r[-1] for r in rows])]
        ),
        empty_text=str(_("Ingen sidevisninger i perioden.")),
    )


FIGURES: dict[str, Callable[[Period], Figure]] = {
    "noegletal": key_figures,
    "kommuner": municipalities_over_time,
    "friskhed": freshness_distribution,
    "projekter": projects_per_month,
    "kontakter": contacts_per_month,
    "kontakter-regioner": contacts_between_regions,
    "kontakter-emner": contacts_per_topic,
    "soegninger": top_search_terms,
    "sidevisninger": page_views_per_section,
    "sidevisninger-tid": page_views_over_time,
}


def all_figures(period: Period) -> list[Figure]:
    return [make(period) for make in FIGURES.values()]
