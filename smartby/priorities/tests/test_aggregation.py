"""The aggregation and ranking rule, checked against numbers computed here by hand and by an
independent implementation (plain sums, no `statistics`)."""

import itertools
import math

from hypothesis import given
from hypothesis import strategies as st

from smartby.priorities.aggregation import aggregate, rank

CODES = ("value_citizens", "value_goals", "digital_difference")


def s(c: int, g: int, d: int, inv: int = 1) -> dict[str, int]:
    return {"value_citizens": c, "value_goals": g, "digital_difference": d, "investment": inv}


def test_hand_computed_example():
    # Citizens 5, 3, 4 → mean 4, min 3, max 5, pstdev sqrt(((1)²+(-1)²+0²)/3) = sqrt(2/3).
    result = aggregate(1, "A", [s(5, 2, 1, 2), s(3, 4, 1, 2), s(4, 3, 4, 1)])
    c = result.criteria["value_citizens"]
    assert (c.n, c.mean, c.minimum, c.maximum) == (3, 4.0, 3, 5)
    assert math.isclose(c.stdev, math.sqrt(2 / 3))
    assert result.criteria["value_goals"].mean == 3.0
    d = result.criteria["digital_difference"]
    assert (d.mean, d.minimum, d.maximum) == (2.0, 1, 4)
    assert math.isclose(d.stdev, math.sqrt(2))  # deviations -1, -1, 2 → 6/3
    assert result.value == 3.5  # (4 + 3) / 2
    assert result.potential == 2.0
    assert math.isclose(result.total, 3.0)  # (4 + 3 + 2) / 3
    assert result.investment == 2  # chosen twice
    assert result.investment_counts == {1: 1, 2: 2}


def test_one_assessor_has_no_spread_and_investment_tie_takes_lowest():
    result = aggregate(1, "A", [s(4, 4, 4, 3)])
    assert result.criteria["value_goals"].stdev == 0
    assert aggregate(1, "A", [s(1, 1, 1, 4), s(1, 1, 1, 2)]).investment == 2


def test_ranking_rule_ties_and_unscored():
    results = [
        aggregate(1, "Uvurderet", []),
        aggregate(2, "B", [s(3, 3, 3)]),  # total 3, potential 3
        aggregate(3, "A", [s(4, 2, 3)]),  # total 3, potential 3, value 3 → ties B exactly
        aggregate(4, "C", [s(2, 2, 5)]),  # total 3, potential 5 → first among the 3.0s
        aggregate(5, "D", [s(5, 5, 5)]),  # total 5
    ]
    ranked = rank(results)
    assert [(r.title, r.rank) for r in ranked] == [
        ("D", 1),
        ("C", 2),
        ("A", 3),
        ("B", 3),
        ("Uvurderet", None),
    ]


score = st.fixed_dictionaries(
    {
        "value_citizens": st.integers(1, 5),
        "value_goals": st.integers(1, 5),
        "digital_difference": st.integers(1, 5),
        "investment": st.integers(1, 4),
    }
)


@given(st.lists(score, min_size=1, max_size=12))
def test_matches_an_independent_computation(scores):
    result = aggregate(7, "X", scores)
    n = len(scores)
    assert result.n == n
    means = {}
    for code in CODES:
        values = [x[code] for x in scores]
        mean = sum(values) / n
        means[code] = mean
        spread = result.criteria[code]
        assert math.isclose(spread.mean, mean)
        assert spread.minimum == min(values) and spread.maximum == max(values)
        assert math.isclose(
            spread.stdev, math.sqrt(sum((v - mean) ** 2 for v in values) / n), abs_tol=1e-9
        )
        assert 1 <= spread.minimum <= spread.mean <= spread.maximum <= 5
    assert math.isclose(result.total, sum(means.values()) / 3)
    assert math.isclose(result.value, (means["value_citizens"] + means["value_goals"]) / 2)
    assert math.isclose(result.potential, means["digital_difference"])
    counts = {c: sum(1 for x in scores if x["investment"] == c) for c in range(1, 5)}
    assert counts[result.investment] == max(counts.values())


@given(st.lists(st.lists(score, max_size=4), min_size=1, max_size=8))
def test_ranked_list_is_ordered_by_total(groups):
    ranked = rank([aggregate(i, f"P{i}", g) for i, g in enumerate(groups)])
    scored = [r for r in ranked if r.n]
    totals = [r.total for r in scored]
    assert all(a >= b - 1e-9 for a, b in itertools.pairwise(totals))
    assert [r.rank for r in scored] == sorted(r.rank for r in scored)
    if scored:
        assert scored[0].rank == 1
    assert all(r.rank is None for r in ranked[len(scored) :])
