"""Each figure against numbers worked out here, in plain Python, from the generated data."""

import datetime as dt
from collections import Counter
from zoneinfo import ZoneInfo

import pytest

from smartby.audit.models import AuditEntry
from smartby.effect import figures
from smartby.effect.models import PageView, SearchTerm
from smartby.effect.period import Period, add_months
from smartby.geo.models import Municipality
from smartby.network.models import ContactRequest, ContactTopic
from smartby.registry.models import Project
from smartby.registry.tests.helpers import make_project

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
PERIOD = Period(dt.date(2025, 1, 1), dt.date(2025, 6, 30))
MONTHS = [dt.date(2025, m, 1) for m in range(1, 7)]


def at(y: int, m: int, d: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hour, minute, tzinfo=CPH)


def in_period(moment: dt.datetime, period: Period = PERIOD) -> bool:
    return period.date_from <= moment.astimezone(CPH).date() <= period.date_to


# (municipality codes, created_at, last_verified)
PROJECTS = [
    (["751"], at(2024, 11, 5), dt.date(2024, 6, 1)),
    (["751", "461"], at(2025, 1, 1, 0, 0), dt.date(2025, 3, 1)),  # the period's first minute
    (["101"], at(2025, 2, 14), None),
    (["147"], at(2025, 6, 30, 23, 59), dt.date(2024, 6, 30)),  # last minute; verified 12 mo.
    (["851"], at(2025, 7, 1, 0, 0), dt.date(2025, 7, 2)),  # just after the period
    (["461"], at(2024, 12, 31, 23, 59), dt.date(2025, 7, 10)),  # verified after the period
    (["265"], at(2025, 3, 3), dt.date(2024, 6, 29)),  # verified a day more than 12 months before
]


@pytest.fixture
def projects(db) -> list[Project]:
    made = []
    for i, (codes, created, verified) in enumerate(PROJECTS):
        project = make_project(None, title=f"Projekt {i}", municipalities=codes)
        Project.objects.filter(pk=project.pk).update(created_at=created, last_verified=verified)
        made.append(project)
    return made


def test_key_figures(projects):
    end = PERIOD.end
    with_project = {c for codes, created, _v in PROJECTS if created < end for c in codes}
    window_start = dt.date(2024, 6, 30)  # twelve months before 30 June 2025
    verified = {
        c
        for codes, created, v in PROJECTS
        if created < end and v and window_start <= v <= PERIOD.date_to
        for c in codes
    }
    assert with_project == {"751", "461", "101", "147", "265"}
    assert verified == {"751", "461", "147"}

    figure = figures.key_figures(PERIOD)
    rows = {row[0]: row[1:] for row in figure.rows}
    total = Municipality.objects.count()
    assert total == 98
    assert rows["Kommuner med mindst ét projekt"] == [5, round(100 * 5 / 98, 1)]
    assert rows["Kommuner med et projekt bekræftet inden for 12 måneder"] == [3, 3.1]
    assert rows["Projekter i alt ved periodens slutning"] == [6, None]
    assert rows["Nye projekter i perioden"] == [
        sum(1 for _c, created, _v in PROJECTS if in_period(created)),
        None,
    ]
    assert figure.chart.series == [("Kommuner", [5, 3])]
    assert figure.chart.max_value == 98


def test_municipalities_over_time(projects):
    firsts: dict[str, dt.datetime] = {}
    for codes, created, _v in PROJECTS:
        for code in codes:
            firsts[code] = min(firsts.get(code, created), created)
    expected = []
    for month in MONTHS:
        month_end = dt.datetime.combine(add_months(month, 1), dt.time.min, tzinfo=CPH)
        n = sum(1 for first in firsts.values() if first < month_end)
        expected.append([month, n, round(100 * n / 98, 1)])
    assert [r[1] for r in expected] == [2, 3, 4, 4, 4, 5]
    assert figures.municipalities_over_time(PERIOD).rows == expected


def test_new_projects_per_month_respect_the_period_boundaries(projects):
    counts = Counter(
        created.astimezone(CPH).date().replace(day=1)
        for _c, created, _v in PROJECTS
        if in_period(created)
    )
    figure = figures.projects_per_month(PERIOD)
    assert [r[0] for r in figure.rows] == MONTHS
    assert [r[1] for r in figure.rows] == [counts[m] for m in MONTHS] == [1, 1, 1, 0, 0, 1]
    assert figure.footer[:2] == ["I alt", 4]


def test_updated_projects_are_distinct_projects_per_month(projects):
    a, b, c = projects[0], projects[1], projects[2]
    entries = [
        (a, "update", at(2025, 3, 2)),
        (a, "update", at(2025, 3, 20)),  # the same project again in March
        (b, "verify", at(2025, 3, 31, 23, 30)),
        (a, "update", at(2025, 4, 1, 0, 5)),
        (c, "create", at(2025, 5, 5)),  # not an update
        (c, "delete", at(2025, 5, 6)),  # not an update
        (c, "update", at(2025, 7, 1, 0, 0)),  # after the period
        (c, "update", at(2024, 12, 31, 23, 59)),  # before it
    ]
    for project, action, moment in entries:
        entry = AuditEntry.objects.create(
            action=action,
            object_type="registry.project",
            object_id=str(project.pk),
            object_repr=project.title,
        )
        AuditEntry.objects.filter(pk=entry.pk).update(at=moment)
    other = AuditEntry.objects.create(
        action="update", object_type="orgs.organisation", object_id="1", object_repr="x"
    )
    AuditEntry.objects.filter(pk=other.pk).update(at=at(2025, 5, 5))

    per_month: dict[dt.date, set[str]] = {m: set() for m in MONTHS}
    for project, action, moment in entries:
        if action in ("update", "verify") and in_period(moment):
            per_month[moment.astimezone(CPH).date().replace(day=1)].add(project.pk)
    figure = figures.projects_per_month(PERIOD)
    assert [r[2] for r in figure.rows] == [len(per_month[m]) for m in MONTHS] == [0, 0, 2, 1, 0, 0]
    key = {r[0]: r[1] for r in figures.key_figures(PERIOD).rows}
    assert key["Opdaterede eller bekræftede projekter i perioden"] == 2  # a and b


def test_freshness_distribution_today(db, settings):
    today = dt.date(2025, 8, 31)
    verified = {
        "frisk": [today, dt.date(2025, 3, 1)],  # 2025-02-28 is six months before
        "boer-bekraeftes": [dt.date(2025, 2, 28), dt.date(2024, 8, 31)],  # exactly 6 and 12
        "foraeldet": [dt.date(2024, 8, 30), None, None],
    }
    for state, dates in verified.items():
        for i, day in enumerate(dates):
            project = make_project(None, title=f"{state} {i}")
            Project.objects.filter(pk=project.pk).update(last_verified=day)
    figure = figures.freshness_distribution(PERIOD, today=today)
    assert [r[1] for r in figure.rows] == [2, 2, 3]
    assert [r[2] for r in figure.rows] == [28.6, 28.6, 42.9]
    assert figure.footer == ["I alt", 7, 100.0]
    assert figure.notes == ["Heraf er 2 projekter aldrig bekræftet."]

    settings.FRESHNESS_DUE_MONTHS, settings.FRESHNESS_STALE_MONTHS = 3, 6
    figure = figures.freshness_distribution(PERIOD, today=today)
    # Now frisk after 31 May, bør bekræftes from 28 February (exactly six months) to 31 May.
    assert [r[1] for r in figure.rows] == [1, 2, 4]
    assert figure.rows[0][0].startswith("Frisk (bekræftet for under 3 måneder")


def contact(
    frm: str | None, to: str | None, moment: dt.datetime, topic: str = "erfaringer"
) -> ContactRequest:
    munis = {m.code: m for m in Municipality.objects.all()}
    request = ContactRequest.objects.create(
        topic=topic,
        from_municipality=munis.get(frm or ""),
        to_municipality=munis.get(to or ""),
    )
    ContactRequest.objects.filter(pk=request.pk).update(created_at=moment)
    return request


CONTACTS = [
    ("751", "461", at(2025, 2, 3)),  # Midtjylland -> Syddanmark
    ("751", "461", at(2025, 2, 20)),
    ("101", "147", at(2025, 3, 1, 0, 0)),  # within Hovedstaden
    ("461", "851", at(2025, 6, 30, 23, 59)),  # Syddanmark -> Nordjylland
    ("751", "751", at(2025, 3, 3)),  # within one municipality: not cross-municipal
    (None, "461", at(2025, 3, 3)),  # sender's municipality unknown
    ("461", None, at(2025, 3, 3)),
    ("461", "751", at(2025, 7, 1, 0, 0)),  # after the period
    ("461", "751", at(2024, 12, 31, 23, 59)),  # before it
]


def cross(rows=CONTACTS):
    return [(f, t, m) for f, t, m in rows if f and t and f != t and in_period(m)]


def test_cross_municipal_contacts_per_month(db):
    for frm, to, moment in CONTACTS:
        contact(frm, to, moment)
    counts = Counter(m.astimezone(CPH).date().replace(day=1) for _f, _t, m in cross())
    figure = figures.contacts_per_month(PERIOD)
    assert [r[1] for r in figure.rows] == [counts[m] for m in MONTHS] == [0, 2, 1, 0, 0, 1]
    assert figure.footer == ["I alt", 4]
    key = {r[0]: r[1] for r in figures.key_figures(PERIOD).rows}
    assert key["Kontakter på tværs af kommuner i perioden"] == 4


def test_contacts_between_regions(db):
    for frm, to, moment in CONTACTS:
        contact(frm, to, moment)
    region_of = dict(Municipality.objects.values_list("code", "region__name"))
    pairs = Counter((region_of[f], region_of[t]) for f, t, _m in cross())
    figure = figures.contacts_between_regions(PERIOD)
    names = [r[0] for r in figure.rows]
    assert names == [
        "Region Nordjylland",
        "Region Midtjylland",
        "Region Syddanmark",
        "Region Hovedstaden",
        "Region Sjælland",
    ]
    for row in figure.rows:
        assert row[1:-1] == [pairs[(row[0], to)] for to in names]
        assert row[-1] == sum(row[1:-1])
    assert pairs == {
        ("Region Midtjylland", "Region Syddanmark"): 2,
        ("Region Hovedstaden", "Region Hovedstaden"): 1,
        ("Region Syddanmark", "Region Nordjylland"): 1,
    }
    assert figure.footer == ["I alt", 1, 0, 2, 1, 0, 4]
    assert [c.key for c in figure.columns][1:3] == [
        "til_region-nordjylland",
        "til_region-midtjylland",
    ]


def test_contacts_per_topic(db):
    topics = ["erfaringer", "genbrug", "erfaringer", "data", "andet", "genbrug", "indkoeb"]
    topics += ["data", "data"]  # the two outside the period
    for (frm, to, moment), topic in zip(CONTACTS, topics, strict=True):
        contact(frm, to, moment, topic)
    counted = [
        (topic, bool(frm and to and frm != to))
        for (frm, to, moment), topic in zip(CONTACTS, topics, strict=True)
        if in_period(moment)
    ]
    figure = figures.contacts_per_topic(PERIOD)
    labels = dict(ContactTopic.choices)
    assert [r[0] for r in figure.rows] == list(labels.values())
    for code, label in labels.items():
        row = next(r for r in figure.rows if r[0] == label)
        assert row[1] == sum(1 for t, _x in counted if t == code)
        assert row[2] == sum(1 for t, x in counted if t == code and x)
    assert figure.footer == ["I alt", 7, 4]


def test_top_search_terms_show_only_terms_searched_at_least_three_times(db):
    rows = [
        (dt.date(2025, 1, 1), "affald", 2),
        (dt.date(2025, 6, 30), "affald", 2),
        (dt.date(2025, 3, 1), "lorawan", 3),
        (dt.date(2025, 3, 1), "droner", 2),  # only twice: hidden
        (dt.date(2024, 12, 31), "parkering", 9),  # before the period
        (dt.date(2025, 7, 1), "parkering", 9),  # after it
        (dt.date(2025, 4, 1), "belysning", 1),
        (dt.date(2025, 4, 2), "belysning", 1),
        (dt.date(2025, 4, 3), "belysning", 1),  # three days, once each: shown
    ]
    SearchTerm.objects.bulk_create(SearchTerm(day=d, term=t, count=n) for d, t, n in rows)
    totals: Counter[str] = Counter()
    for day, term, n in rows:
        if PERIOD.date_from <= day <= PERIOD.date_to:
            totals[term] += n
    expected = sorted(
        ([t, n] for t, n in totals.items() if n >= figures.MIN_SEARCHES),
        key=lambda r: (-r[1], r[0]),
    )
    assert expected == [["affald", 4], ["belysning", 3], ["lorawan", 3]]
    assert figures.top_search_terms(PERIOD).rows == expected


def test_top_search_terms_are_limited(db):
    SearchTerm.objects.bulk_create(
        SearchTerm(day=PERIOD.date_from, term=f"ord {i:02}", count=3 + i) for i in range(40)
    )
    rows = figures.top_search_terms(PERIOD).rows
    assert len(rows) == figures.TOP_SEARCH_TERMS
    assert rows[0] == ["ord 39", 42]


PAGE_VIEWS = [
    (dt.date(2025, 1, 1), "forside", 10),
    (dt.date(2025, 1, 2), "forside", 5),
    (dt.date(2025, 1, 2), "kort", 7),
    (dt.date(2025, 3, 15), "api", 100),
    (dt.date(2025, 6, 30), "projekter", 3),
    (dt.date(2024, 12, 31), "forside", 1000),  # before
    (dt.date(2025, 7, 1), "kort", 1000),  # after
]


def test_page_views_per_section(db):
    PageView.objects.bulk_create(PageView(day=d, section=s, count=n) for d, s, n in PAGE_VIEWS)
    totals: Counter[str] = Counter()
    for day, section, n in PAGE_VIEWS:
        if PERIOD.date_from <= day <= PERIOD.date_to:
            totals[section] += n
    figure = figures.page_views_per_section(PERIOD)
    assert figure.rows[:4] == [
        ["API", 100, 80.0],
        ["Forside", 15, 12.0],
        ["Danmarkskortet", 7, 5.6],
        ["Projekter", 3, 2.4],
    ]
    assert sum(r[1] for r in figure.rows) == sum(totals.values()) == 125
    assert len(figure.rows) == 10  # every section, also those without views
    assert figure.footer == ["I alt", 125, 100.0]


def test_page_views_over_time_per_month_and_per_day(db):
    PageView.objects.bulk_create(PageView(day=d, section=s, count=n) for d, s, n in PAGE_VIEWS)
    figure = figures.page_views_over_time(PERIOD)
    assert figure.title == "Sidevisninger pr. måned"
    assert [r[0] for r in figure.rows] == MONTHS
    assert [r[-1] for r in figure.rows] == [22, 0, 100, 0, 0, 3]
    sections = [c.key for c in figure.columns[1:-1]]
    january = dict(zip(sections, figure.rows[0][1:-1], strict=True))
    assert january == {**dict.fromkeys(sections, 0), "forside": 15, "kort": 7}

    short = Period(dt.date(2024, 12, 31), dt.date(2025, 1, 2))
    figure = figures.page_views_over_time(short)
    assert figure.title == "Sidevisninger pr. dag"
    assert [(r[0], r[-1]) for r in figure.rows] == [
        (dt.date(2024, 12, 31), 1000),
        (dt.date(2025, 1, 1), 10),
        (dt.date(2025, 1, 2), 12),
    ]


def test_a_period_without_data_gives_zeros_and_no_charts(db):
    empty = Period(dt.date(2025, 1, 1), dt.date(2025, 1, 1))
    result = {f.slug: f for f in figures.all_figures(empty)}
    assert set(result) == set(figures.FIGURES)
    for slug, figure in result.items():
        if slug not in ("noegletal", "friskhed"):
            assert not figure.has_data, slug
    assert result["projekter"].rows == [[dt.date(2025, 1, 1), 0, 0]]
    assert result["soegninger"].rows == []
    assert [r[1] for r in result["noegletal"].rows] == [0, 0, 0, 0, 0, 0, 0]


def test_period_helpers():
    assert add_months(dt.date(2025, 3, 31), -1) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2024, 3, 31), -1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2025, 1, 15), -13) == dt.date(2023, 12, 15)
    default = Period.default(dt.date(2025, 8, 31))
    assert (default.date_from, default.date_to) == (dt.date(2024, 9, 1), dt.date(2025, 8, 31))
    assert len(default.months()) == 12
    assert Period(dt.date(2025, 1, 1), dt.date(2025, 3, 3)).daily is True  # 62 days
    assert Period(dt.date(2025, 1, 1), dt.date(2025, 3, 4)).daily is False
