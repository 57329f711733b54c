"""The report's tables against figures counted independently in the test."""

import random
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace

import pytest

from smartby.surveys import analysis, reports

AREAS = {"Teknik og miljø": 3, "Forsyning": 2, "Borgerinddragelse": 2}
ITEMS = [
    {"key": f"{area[:3].lower()}{i}", "text": f"{area} initiativ {i}", "area": area}
    for area, count in AREAS.items()
    for i in range(1, count + 1)
]
SPECS = [
    {
        "key": "smart_city",
        "type": "single",
        "options": [
            {"key": k, "label": k} for k in ("coordinated", "activities", "planning", "none")
        ],
        "items": [],
        "condition": None,
    },
    {
        "key": "initiatives",
        "type": "matrix",
        "options": [
            {"key": "have", "label": "Har"},
            {"key": "plan", "label": "Planlægger"},
            {"key": "no", "label": "Nej"},
            {"key": "dont_know", "label": "Ved ikke"},
        ],
        "items": ITEMS,
        "condition": None,
    },
    {
        "key": "anchoring",
        "type": "single",
        "options": [{"key": k, "label": k.title()} for k in ("very_high", "high", "some", "none")],
        "items": [],
        "condition": None,
    },
]


def generated(seed: int = 3, count: int = 50) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        answers = {"smart_city": rng.choice(["coordinated", "activities", "planning", "none"])}
        matrix = {}
        for item in ITEMS:
            if rng.random() < 0.9:
                weights = [5, 2, 2, 1] if answers["smart_city"] != "none" else [2, 3, 3, 2]
                matrix[item["key"]] = rng.choices(["have", "plan", "no", "dont_know"], weights)[0]
        answers["initiatives"] = matrix
        if rng.random() < 0.8:
            answers["anchoring"] = rng.choice(["very_high", "high", "some", "none"])
        out.append(
            {
                "code": str(100 + i),
                "kind": rng.choice(analysis.KINDS),
                "population": rng.choice([30_000, 90_000]),
                "region": "1084",
                "answers": answers,
            }
        )
    return out


def half_up(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def share(rs: list[dict], item: str, option: str) -> float | None:
    answered = [r for r in rs if item in r["answers"]["initiatives"]]
    if not answered:
        return None
    hits = sum(1 for r in answered if r["answers"]["initiatives"][item] == option)
    return half_up(Decimal(hits) * 100 / len(answered))


def smart(rs: list[dict]) -> list[dict]:
    return [r for r in rs if r["answers"]["smart_city"] in ("coordinated", "activities")]


def others(rs: list[dict]) -> list[dict]:
    return [r for r in rs if r["answers"]["smart_city"] in ("planning", "none")]


@pytest.fixture
def rs() -> list[dict]:
    return generated()


@pytest.fixture
def figs(rs: list[dict]) -> reports.Figures:
    doc = analysis.results("r", SPECS, rs, threshold=67500)
    return reports.Figures.from_results(doc, analysis.profile(rs, threshold=67500))


def test_initiative_rows(rs: list[dict], figs: reports.Figures) -> None:
    rows = reports.initiative_rows(SPECS, figs)
    assert [r["key"] for r in rows] == [i["key"] for i in ITEMS]
    for row in rows:
        assert row["have"] == share(rs, row["key"], "have")
        assert row["plan"] == share(rs, row["key"], "plan")
        assert row["n"] == sum(1 for r in rs if row["key"] in r["answers"]["initiatives"])
    for row in reports.initiative_rows(SPECS, figs, "smart_city"):
        assert row["have"] == share(smart(rs), row["key"], "have")


def test_areas_are_simple_means(rs: list[dict], figs: reports.Figures) -> None:
    table = reports.areas_table(SPECS, figs)
    assert [row[0] for row in table.rows] == [*AREAS, "Alle initiativer"]

    def expected(group: list[dict], option: str, keys: list[str]) -> float:
        shares = [Decimal(str(share(group, k, option))) for k in keys]
        return half_up(sum(shares) / len(shares))

    for row in table.rows:
        keys = [i["key"] for i in ITEMS if row[0] in (i["area"], "Alle initiativer")]
        assert row[1] == f"{len(keys)}/{len(keys)}"
        assert row[2] == expected(rs, "have", keys)
        assert row[3] == expected(smart(rs), "have", keys)
        assert row[4] == expected(others(rs), "have", keys)
        assert row[5] == expected(rs, "plan", keys)


def test_largest_differences_smart_city_minus_ovrige(rs: list[dict], figs: reports.Figures) -> None:
    table = reports.differences_table(SPECS, figs, top=3)
    diffs = {
        i["text"]: half_up(
            Decimal(str(share(smart(rs), i["key"], "have")))
            - Decimal(str(share(others(rs), i["key"], "have")))
        )
        for i in ITEMS
    }
    expected = sorted(diffs.values(), key=abs, reverse=True)[:3]
    assert [row[4] for row in table.rows][:3] == expected
    for row in table.rows:
        assert row[4] == diffs[row[0]] == half_up(Decimal(str(row[2])) - Decimal(str(row[3])))


def tie_figures(have: list[float | None], plan: list[float | None]) -> reports.Figures:
    published = {}
    for item, h, p in zip(ITEMS, have, plan, strict=True):
        if h is not None:
            published[("initiatives", item["key"], "", "have")] = h
        if p is not None:
            published[("initiatives", item["key"], "", "plan")] = p
    return reports.Figures(published=published)


def test_widespread_top_five_with_ties_at_the_cutoff() -> None:
    figs = tie_figures([78, 72, None, 72, 60, 50, 50], [1, 2, 3, 4, 5, 6, 7])
    table = reports.widespread_table(SPECS, figs, top=4)
    # 78, 72, 72, 60, then 50 and 50 tie below the 4th place: not included.
    assert [row[2] for row in table.rows] == [78, 72, 72, 60]
    table = reports.widespread_table(SPECS, figs, top=5)
    assert [row[2] for row in table.rows] == [78, 72, 72, 60, 50, 50]
    assert [row[0] for row in table.rows][4:] == [ITEMS[5]["text"], ITEMS[6]["text"]]


def test_fastest_growing() -> None:
    figs = tie_figures([None] * 7, [28, 24, 24, 22, 20, 10, None])
    table = reports.growing_table(SPECS, figs, top=3)
    assert [row[2] for row in table.rows] == [28, 24, 24]


def test_baseline_gaps_make_smaller_means() -> None:
    figs = tie_figures([78, 60, None, None, None, 50, 40], [None] * 7)
    table = reports.areas_table(SPECS, figs)
    assert table.rows[0][1:3] == ["2/3", 69.0]
    assert table.rows[1][1:3] == ["0/2", None]
    assert table.rows[-1][1:3] == ["4/7", 57.0]


def test_combined_options_from_counts(rs: list[dict], figs: reports.Figures) -> None:
    answered = [r for r in rs if "anchoring" in r["answers"]]
    hits = sum(1 for r in answered if r["answers"]["anchoring"] in ("very_high", "high"))
    assert figs.pct("anchoring", "", "", "very_high+high") == half_up(
        Decimal(hits) * 100 / len(answered)
    )


def test_profile_figures(rs: list[dict], figs: reports.Figures) -> None:
    group = smart(rs)
    by = sum(1 for r in group if r["kind"] == "bykommune")
    assert figs.pct("municipality_kind", "", "smart_city", "bykommune") == half_up(
        Decimal(by) * 100 / len(group)
    )


def test_changes_against_published_baseline(rs: list[dict], figs: reports.Figures) -> None:
    first = ITEMS[0]["key"]
    rows = [
        SimpleNamespace(
            question_key="initiatives",
            item_key=first,
            group="",
            option_key="have",
            pct=Decimal("78.0"),
            n=None,
        ),
        SimpleNamespace(
            question_key="initiatives",
            item_key=first,
            group="smart_city_minus_ovrige",
            option_key="have",
            pct=Decimal("26.0"),
            n=None,
        ),
        SimpleNamespace(
            question_key="municipality_kind",
            item_key="",
            group="smart_city",
            option_key="bykommune",
            pct=Decimal("50.0"),
            n=None,
        ),
        SimpleNamespace(
            question_key="anchoring",
            item_key="",
            group="",
            option_key="very_high+high",
            pct=Decimal("36.0"),
            n=28,
        ),
    ]
    baseline = reports.Figures.from_published(rows)
    labels = reports.Labels(
        SPECS, {"smart_city": "Kommuner med Smart City", "bykommune": "Bykommuner"}
    )
    table = reports.changes_table(labels, figs, baseline, baseline.keys(), previous_name="2014")
    assert len(table.rows) == 4
    by_key = {(row[0], row[2], row[3]): row for row in table.rows}
    have = by_key[("initiatives", "Alle", "Har")]
    now = share(rs, first, "have")
    assert have[4:] == [78.0, now, half_up(Decimal(str(now)) - Decimal("78"))]
    diff = by_key[("initiatives", "Forskel Smart City − øvrige (pct.-point)", "Har")]
    expected_diff = half_up(
        Decimal(str(share(smart(rs), first, "have")))
        - Decimal(str(share(others(rs), first, "have")))
    )
    assert diff[4:6] == [26.0, expected_diff]
    kind = by_key[("Kommunetype", "Kommuner med Smart City", "Bykommuner")]
    assert kind[4] == 50.0
    anchoring = by_key[("anchoring", "Alle", "Very_High + High")]
    assert anchoring[4] == 36.0
    # Ordered as the questionnaire: initiatives before anchoring, pseudo-questions last.
    assert [row[0] for row in table.rows] == [
        "initiatives",
        "initiatives",
        "anchoring",
        "Kommunetype",
    ]


def test_suppressed_figures_are_missing(rs: list[dict]) -> None:
    few = rs[:2]
    doc = analysis.suppress(analysis.results("r", SPECS, few), SPECS)
    figs = reports.Figures.from_results(doc)
    assert all(row["have"] is None for row in reports.initiative_rows(SPECS, figs))
    assert reports.widespread_table(SPECS, figs).rows == []


def test_no_initiative_matrix_no_report_tables(figs: reports.Figures) -> None:
    assert reports.report_tables(SPECS[:1], figs) == []
    assert [t.slug for t in reports.report_tables(SPECS, figs)] == [
        "hovedomraader",
        "mest-udbredte",
        "hurtigst-voksende",
        "stoerste-forskelle",
        "initiativer",
    ]
