"""The analysis against figures computed independently, by plain counting in the test."""

import random
from decimal import ROUND_HALF_UP, Decimal

import pytest

from smartby.surveys import analysis

SPECS = [
    {
        "key": "smart_city",
        "section": "a",
        "text": "Arbejder I med Smart City?",
        "type": "single",
        "options": [
            {"key": "coordinated", "label": "Koordineret"},
            {"key": "activities", "label": "Enkeltstående"},
            {"key": "planning", "label": "Planlægger"},
            {"key": "none", "label": "Hverken eller"},
        ],
        "items": [],
        "condition": None,
    },
    {
        "key": "initiatives",
        "section": "b",
        "text": "Initiativer",
        "type": "matrix",
        "options": [
            {"key": "have", "label": "Har"},
            {"key": "plan", "label": "Planlægger"},
            {"key": "no", "label": "Nej"},
            {"key": "dont_know", "label": "Ved ikke"},
        ],
        "items": [
            {"key": "energy", "text": "Energibesparelser", "area": "Teknik og miljø"},
            {"key": "parking", "text": "Parkering", "area": "Teknik og miljø"},
            {"key": "opendata", "text": "Åbne data", "area": "Erhverv"},
        ],
        "condition": None,
    },
    {
        "key": "networks",
        "section": "c",
        "text": "Netværk",
        "type": "multiple",
        "options": [
            {"key": "national", "label": "Nationale"},
            {"key": "regional", "label": "Regionale"},
            {"key": "business", "label": "Erhverv"},
        ],
        "items": [],
        "condition": None,
    },
    {
        "key": "motivation",
        "section": "c",
        "text": "Motivation",
        "type": "likert",
        "options": [{"key": str(k), "label": str(k)} for k in range(1, 6)],
        "items": [
            {"key": "climate", "text": "Klima", "area": ""},
            {"key": "growth", "text": "Vækst", "area": ""},
        ],
        "condition": {"question": "smart_city", "in": ["coordinated", "activities"]},
    },
    {
        "key": "staff",
        "section": "d",
        "text": "Årsværk",
        "type": "number",
        "options": [],
        "items": [],
        "condition": None,
    },
    {
        "key": "comment",
        "section": "d",
        "text": "Kommentar",
        "type": "text",
        "options": [],
        "items": [],
        "condition": None,
    },
]
REGIONS = ["1081", "1082", "1083", "1084", "1085"]
# No yderkommune and no respondent in region 1085: empty groups.
KINDS = ["bykommune", "mellemkommune", "landkommune"]


def generated(seed: int, count: int) -> list[dict]:
    """Respondents with random answers, some questions skipped, some sizes unknown."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        answers: dict = {}
        if rng.random() < 0.95:
            answers["smart_city"] = rng.choice(["coordinated", "activities", "planning", "none"])
        matrix = {}
        for item in ("energy", "parking", "opendata"):
            if rng.random() < 0.85:
                matrix[item] = rng.choice(["have", "have", "plan", "no", "dont_know"])
        if matrix:
            answers["initiatives"] = matrix
        if rng.random() < 0.7:
            answers["networks"] = rng.sample(
                ["national", "regional", "business"], rng.randint(0, 3)
            )
        if answers.get("smart_city") in ("coordinated", "activities"):
            answers["motivation"] = {
                k: str(rng.randint(1, 5)) for k in ("climate", "growth") if rng.random() < 0.9
            }
        if rng.random() < 0.6:
            answers["staff"] = rng.choice([0, 1, 2.5, 3, 10, 40])
        if rng.random() < 0.3:
            answers["comment"] = "Fin undersøgelse"
        out.append(
            {
                "code": f"{100 + i}",
                "kind": rng.choice(KINDS),
                "population": None
                if i % 13 == 0
                else rng.choice([20_000, 67_500, 67_501, 300_000]),
                "region": rng.choice(REGIONS[:4]),
                "answers": answers,
            }
        )
    return out


def half_up(count: int, n: int) -> float | None:
    if n == 0:
        return None
    value = Decimal(count) * 100 / Decimal(n)
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def in_group(r: dict, group: str) -> bool:
    screening = r["answers"].get("smart_city")
    if group == "smart_city":
        return screening in ("coordinated", "activities")
    if group == "ovrige":
        return screening in ("planning", "none")
    if group == "over_67500":
        return r["population"] is not None and r["population"] > 67500
    if group == "under_67500":
        return r["population"] is not None and r["population"] <= 67500
    if group in ("bykommune", "mellemkommune", "landkommune", "yderkommune"):
        return r["kind"] == group
    return r["region"] == group


GROUPS = [
    "smart_city",
    "ovrige",
    "bykommune",
    "mellemkommune",
    "landkommune",
    "yderkommune",
    "over_67500",
    "under_67500",
    *REGIONS,
]


def expected_single(rs: list[dict], key: str, options: list[str]) -> dict:
    answered = [r for r in rs if r["answers"].get(key) in options]
    return {
        "n": len(answered),
        "options": {
            o: {
                "count": sum(1 for r in answered if r["answers"][key] == o),
                "pct": half_up(sum(1 for r in answered if r["answers"][key] == o), len(answered)),
            }
            for o in options
        },
    }


def expected_multiple(rs: list[dict], key: str, options: list[str]) -> dict:
    answered = [r for r in rs if r["answers"].get(key)]
    out = {}
    for o in options:
        c = sum(1 for r in answered if o in r["answers"][key])
        out[o] = {"count": c, "pct": half_up(c, len(answered))}
    return {"n": len(answered), "options": out}


def expected_items(rs: list[dict], key: str, items: list[str], options: list[str]) -> dict:
    answered = [r for r in rs if r["answers"].get(key)]
    out = []
    for item in items:
        with_item = [r for r in answered if item in r["answers"][key]]
        opts = {}
        for o in options:
            c = sum(1 for r in with_item if r["answers"][key][item] == o)
            opts[o] = {"count": c, "pct": half_up(c, len(with_item))}
        out.append({"key": item, "n": len(with_item), "options": opts})
    return {"n": len(answered), "items": out}


@pytest.fixture
def rs() -> list[dict]:
    return generated(seed=8, count=60)


@pytest.fixture
def doc(rs: list[dict]) -> dict:
    return analysis.results("r-2025", SPECS, rs, regions=REGIONS, threshold=67500)


def question(doc: dict, key: str) -> dict:
    return next(q for q in doc["questions"] if q["key"] == key)


def test_top_level(doc: dict, rs: list[dict]) -> None:
    assert doc["round"] == "r-2025"
    assert doc["respondents"] == 60
    assert [q["key"] for q in doc["questions"]] == [s["key"] for s in SPECS]
    for q in doc["questions"]:
        assert list(q["groups"]) == GROUPS


def test_single_choice_all_and_every_group(doc: dict, rs: list[dict]) -> None:
    options = ["coordinated", "activities", "planning", "none"]
    q = question(doc, "smart_city")
    exp = expected_single(rs, "smart_city", options)
    assert q["n"] == exp["n"] < 60  # some skipped the screening question
    assert q["options"] == exp["options"]
    assert sum(o["count"] for o in q["options"].values()) == q["n"]
    for group in GROUPS:
        members = [r for r in rs if in_group(r, group)]
        assert q["groups"][group] == expected_single(members, "smart_city", options), group


def test_matrix_per_item_and_group(doc: dict, rs: list[dict]) -> None:
    items, options = ["energy", "parking", "opendata"], ["have", "plan", "no", "dont_know"]
    q = question(doc, "initiatives")
    exp = expected_items(rs, "initiatives", items, options)
    assert q["n"] == exp["n"]
    assert q["items"] == exp["items"]
    assert len({i["n"] for i in q["items"]}) > 1  # items skipped independently
    for group in GROUPS:
        members = [r for r in rs if in_group(r, group)]
        assert q["groups"][group] == expected_items(members, "initiatives", items, options)


def test_multiple_choice_share_of_those_who_answered(doc: dict, rs: list[dict]) -> None:
    options = ["national", "regional", "business"]
    q = question(doc, "networks")
    exp = expected_multiple(rs, "networks", options)
    assert q["n"] == exp["n"]
    assert q["options"] == exp["options"]
    # An empty list is no answer: those respondents are not in n.
    assert any(r["answers"].get("networks") == [] for r in rs)
    assert sum(o["count"] for o in q["options"].values()) > q["n"]
    for group in GROUPS:
        members = [r for r in rs if in_group(r, group)]
        assert q["groups"][group] == expected_multiple(members, "networks", options)


def test_conditional_likert_counts_only_those_asked(doc: dict, rs: list[dict]) -> None:
    q = question(doc, "motivation")
    asked = [r for r in rs if r["answers"].get("smart_city") in ("coordinated", "activities")]
    answered = [r for r in asked if r["answers"].get("motivation")]
    assert q["n"] == len(answered)
    assert q["groups"]["ovrige"]["n"] == 0
    assert all(i["n"] == 0 for i in q["groups"]["ovrige"]["items"])
    climate = q["items"][0]
    with_climate = [r for r in answered if "climate" in r["answers"]["motivation"]]
    fives = sum(1 for r in with_climate if r["answers"]["motivation"]["climate"] == "5")
    assert climate["options"]["5"] == {"count": fives, "pct": half_up(fives, len(with_climate))}


def test_number_and_text(doc: dict, rs: list[dict]) -> None:
    values = sorted(r["answers"]["staff"] for r in rs if "staff" in r["answers"])
    q = question(doc, "staff")
    assert q["n"] == len(values)
    assert q["stats"]["min"] == values[0]
    assert q["stats"]["max"] == values[-1]
    mean = Decimal(str(sum(values))) / len(values)
    assert q["stats"]["mean"] == float(mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    assert question(doc, "comment")["n"] == sum(1 for r in rs if "comment" in r["answers"])
    assert "options" not in question(doc, "comment")


def test_empty_groups_present_with_n_zero(doc: dict) -> None:
    for key in ("smart_city", "networks"):
        for group in ("yderkommune", "1085"):
            block = question(doc, key)["groups"][group]
            assert block["n"] == 0
            assert all(c == {"count": 0, "pct": None} for c in block["options"].values())
    block = question(doc, "initiatives")["groups"]["yderkommune"]
    assert block["n"] == 0 and [i["n"] for i in block["items"]] == [0, 0, 0]


def test_size_threshold_is_more_than(rs: list[dict]) -> None:
    exactly = {"code": "1", "kind": "", "population": 67500, "region": "", "answers": {}}
    above = {**exactly, "population": 67501}
    assert analysis.groups_of(exactly, 67500) == {"under_67500"}
    assert analysis.groups_of(above, 67500) == {"over_67500"}
    assert analysis.groups_of({**exactly, "population": None}, 67500) == set()
    doc = analysis.results("r", SPECS[:1], [exactly, above], threshold=50_000)
    assert list(doc["questions"][0]["groups"])[6:8] == ["over_50000", "under_50000"]


def test_threshold_from_settings(settings) -> None:
    settings.SURVEY_SIZE_THRESHOLD = 10_000
    assert analysis.size_threshold() == 10_000
    del settings.SURVEY_SIZE_THRESHOLD
    assert analysis.size_threshold() == 67_500


def test_invalid_answers_ignored() -> None:
    rs = [
        {"code": "1", "kind": "", "population": None, "region": "", "answers": a}
        for a in (
            {"smart_city": "bogus", "initiatives": {"energy": "maybe", "nope": "have"}},
            {"smart_city": ["coordinated"], "networks": "national", "staff": "ti"},
            {"smart_city": "none", "networks": ["national", "x"], "staff": True},
        )
    ]
    doc = analysis.results("r", SPECS, rs)
    assert question(doc, "smart_city")["n"] == 1
    assert question(doc, "initiatives")["n"] == 0
    assert question(doc, "networks")["options"]["national"] == {"count": 1, "pct": 100.0}
    assert question(doc, "staff")["n"] == 0


@pytest.mark.parametrize(
    ("count", "n", "expected"),
    [
        (1, 8, 12.5),
        (1, 16, 6.3),  # 6.25: half away from zero (round() would give 6.2)
        (3, 16, 18.8),  # 18.75
        (1, 80, 1.3),  # 1.25
        (1, 2000, 0.1),  # 0.05
        (1, 3, 33.3),
        (2, 3, 66.7),
        (1, 6, 16.7),
        (7, 7, 100.0),
        (0, 5, 0.0),
        (0, 0, None),
    ],
)
def test_rounding_half_away_from_zero(count: int, n: int, expected: float | None) -> None:
    assert analysis.pct(count, n) == expected
    assert half_up(count, n) == expected


def test_rounding_edge_in_results() -> None:
    # 16 respondents, 1 answers "coordinated": 6.25 % → 6.3.
    rs = [
        {
            "code": str(i),
            "kind": "",
            "population": None,
            "region": "",
            "answers": {"smart_city": "coordinated" if i == 0 else "none"},
        }
        for i in range(16)
    ]
    q = analysis.results("r", SPECS[:1], rs)["questions"][0]
    assert q["options"]["coordinated"]["pct"] == 6.3
    assert q["options"]["none"]["pct"] == 93.8  # 93.75


def test_group_sizes(rs: list[dict]) -> None:
    sizes = analysis.group_sizes(rs, regions=REGIONS, threshold=67500)
    assert list(sizes) == GROUPS
    for group in GROUPS:
        assert sizes[group] == sum(1 for r in rs if in_group(r, group))


def small_doc() -> dict:
    """A single-choice question answered by 10: 6 none, 2 planning, 2 coordinated, 0 activities;
    a group with 2 respondents; a multiple-choice question."""
    answers = ["none"] * 6 + ["planning"] * 2 + ["coordinated"] * 2
    rs = [
        {
            "code": str(i),
            "kind": "bykommune" if i < 2 else "landkommune",
            "population": None,
            "region": "",
            "answers": {"smart_city": a, "networks": ["national"] if i < 2 else ["regional"]},
        }
        for i, a in enumerate(answers)
    ]
    return analysis.results("r", [SPECS[0], SPECS[2]], rs)


def test_suppression_blanks_small_cells_and_small_groups() -> None:
    doc = small_doc()
    public = analysis.suppress(doc, SPECS)
    q = public["questions"][0]
    assert q["options"]["none"] == {"count": 6, "pct": 60.0}
    assert q["options"]["activities"] == {"count": 0, "pct": 0.0}  # zero is shown
    for key in ("planning", "coordinated"):
        assert q["options"][key] == {"count": None, "pct": None, "suppressed": True}
    # A group of 2: every cell blanked, n still shown.
    by = q["groups"]["bykommune"]
    assert by["n"] == 2
    assert all(c.get("suppressed") for c in by["options"].values())
    # The full result is untouched.
    assert doc["questions"][0]["options"]["planning"] == {"count": 2, "pct": 20.0}


def test_suppression_secondary_cell_for_exclusive_options() -> None:
    # 8 none, 2 coordinated: blanking 2 alone would leave it as 10 - 8: 8 is blanked too.
    rs = [
        {
            "code": str(i),
            "kind": "",
            "population": None,
            "region": "",
            "answers": {"smart_city": "none" if i < 8 else "coordinated", "networks": ["national"]},
        }
        for i in range(10)
    ]
    rs[0]["answers"]["networks"] = ["regional", "national"]
    public = analysis.suppress(analysis.results("r", [SPECS[0], SPECS[2]], rs), SPECS)
    single, multiple = public["questions"]
    assert (
        single["options"]["none"]["suppressed"] and single["options"]["coordinated"]["suppressed"]
    )
    assert single["options"]["planning"] == {"count": 0, "pct": 0.0}
    # Multiple choice does not add up to n: only the small cell goes.
    assert multiple["options"]["regional"]["suppressed"]
    assert multiple["options"]["national"] == {"count": 10, "pct": 100.0}


def test_suppression_of_numbers_keeps_only_the_mean() -> None:
    rs = [
        {"code": str(i), "kind": "", "population": None, "region": "", "answers": {"staff": v}}
        for i, v in enumerate([1, 2, 6])
    ]
    spec = [s for s in SPECS if s["key"] == "staff"]
    public = analysis.suppress(analysis.results("r", spec, rs), spec)
    q = public["questions"][0]
    assert q["stats"] == {"min": None, "max": None, "median": None, "mean": 3.0}
    assert q["groups"]["yderkommune"]["stats"]["mean"] is None  # n 0


def test_profile_share_of_kinds_within_groups(rs: list[dict]) -> None:
    kind, size = analysis.profile(rs, regions=REGIONS, threshold=67500)
    smart = [r for r in rs if in_group(r, "smart_city")]
    by = sum(1 for r in smart if r["kind"] == "bykommune")
    assert kind["groups"]["smart_city"]["n"] == len(smart)
    assert kind["groups"]["smart_city"]["options"]["bykommune"] == {
        "count": by,
        "pct": half_up(by, len(smart)),
    }
    known = [r for r in rs if r["population"] is not None]
    over = sum(1 for r in known if r["population"] > 67500)
    assert size["n"] == len(known)
    assert size["options"]["over_67500"]["count"] == over
