"""The allocation rule: properties checked with hypothesis, hand-computed examples (incl. the
GovTech Midtjylland key from the KD-Net seed) and the validation messages."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartby.costs.allocation import MAX_AMOUNT, AllocationError, allocate, validate

# The autouse fixtures of smartby/conftest.py are function-scoped; they do not touch what
# these tests compute, so running them once per test (not per example) is fine.
PROPERTY = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@st.composite
def inputs(draw: st.DrawFn, *, populations: st.SearchStrategy | None = None) -> tuple:
    budget = draw(st.integers(0, 10**10))
    n_contributions = draw(st.integers(0, 3))
    contributions = []
    left = budget
    for i in range(n_contributions):
        amount = draw(st.integers(0, left))
        left -= amount
        contributions.append((f"Bidragyder {i}", amount))
    percent = Decimal(draw(st.integers(0, 10_000))) / 100
    if populations is None:
        populations = st.lists(st.integers(1, 2_000_000), min_size=1, max_size=25)
    pops = draw(populations)
    names = draw(
        st.permutations(
            [f"Kommune {chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(len(pops))]
        )
    )
    return budget, contributions, percent, list(zip(names, pops, strict=True))


# Populations with many repeats, so ties between equal members happen often.
TIED = st.lists(st.sampled_from([1, 2, 3, 1000, 1001]), min_size=1, max_size=25)


@PROPERTY
@given(inputs())
def test_every_column_sums_exactly(case: tuple) -> None:
    budget, contributions, percent, members = case
    a = allocate(budget, contributions, percent, members)
    assert a.to_allocate == budget - sum(amount for _, amount in contributions)
    assert a.sum == a.to_allocate
    assert sum(m.equal_share for m in a.members) == a.equal_part
    assert sum(m.population_share for m in a.members) == a.population_part
    assert a.equal_part + a.population_part == a.to_allocate
    for m in a.members:
        assert m.equal_share + m.population_share == m.total
        assert m.equal_share >= 0 and m.population_share >= 0
    assert a.as_dict()["sum"] == a.to_allocate


@PROPERTY
@given(inputs())
def test_each_share_is_within_one_krone_of_its_exact_value(case: tuple) -> None:
    budget, contributions, percent, members = case
    a = allocate(budget, contributions, percent, members)
    exact_equal_part = Fraction(a.to_allocate) * Fraction(percent) / 100
    assert abs(a.equal_part - exact_equal_part) <= Fraction(1, 2)
    total_population = sum(p for _, p in members)
    for m in a.members:
        assert abs(m.equal_share - Fraction(a.equal_part, len(members))) < 1
        assert (
            abs(m.population_share - Fraction(a.population_part * m.population, total_population))
            < 1
        )


@PROPERTY
@given(st.one_of(inputs(), inputs(populations=TIED)))
def test_more_inhabitants_never_pay_less(case: tuple) -> None:
    """All else equal (same allocation), a member with more inhabitants pays at least as much
    as one with fewer — in total and in each part."""
    a = allocate(*case)
    for x in a.members:
        for y in a.members:
            if x.population > y.population:
                assert x.total >= y.total
                assert x.equal_share >= y.equal_share
                assert x.population_share >= y.population_share


@PROPERTY
@given(st.one_of(inputs(), inputs(populations=TIED)))
def test_equal_members_pay_equal_within_one_krone(case: tuple) -> None:
    """Exact property: members with the same population pay totals at most 1 kr. apart (they
    differ only when a leftover krone must break a tie); all equal shares are at most 1 kr.
    apart."""
    a = allocate(*case)
    for x in a.members:
        for y in a.members:
            assert abs(x.equal_share - y.equal_share) <= 1
            if x.population == y.population:
                assert abs(x.total - y.total) <= 1


@PROPERTY
@given(inputs(populations=TIED), st.randoms(use_true_random=False))
def test_the_order_of_the_members_does_not_matter(case: tuple, random) -> None:
    budget, contributions, percent, members = case
    shuffled = list(members)
    random.shuffle(shuffled)
    first = {m.name: m for m in allocate(budget, contributions, percent, members).members}
    second = {m.name: m for m in allocate(budget, contributions, percent, shuffled).members}
    assert first == second


def test_hand_computed_example() -> None:
    # 1,000 − 100 = 900; 25 % = 225 equally (75 each); 675 by population 1:2:3 = 112.5, 225,
    # 337.5 → 112, 225, 337 and one krone left: A and C tie on .5, C has more inhabitants.
    a = allocate(1000, [("Regionen", 100)], 25, [("A", 100), ("B", 200), ("C", 300)])
    assert a.as_dict() == {
        "budget": 1000,
        "contributions": [{"name": "Regionen", "amount": 100}],
        "to_allocate": 900,
        "members": [
            {
                "name": "A",
                "population": 100,
                "equal_share": 75,
                "population_share": 112,
                "total": 187,
            },
            {
                "name": "B",
                "population": 200,
                "equal_share": 75,
                "population_share": 225,
                "total": 300,
            },
            {
                "name": "C",
                "population": 300,
                "equal_share": 75,
                "population_share": 338,
                "total": 413,
            },
        ],
        "sum": 900,
    }


def test_tie_break_reverses_the_name_order_in_the_population_part() -> None:
    # 4 kr.: 25 % = 1 kr. equally (A first by name), 3 kr. by population 1.5 each (B first by
    # reverse name) → both pay 2.
    a = allocate(4, [], 25, [("B", 10), ("A", 10)])
    assert {m.name: (m.equal_share, m.population_share) for m in a.members} == {
        "A": (1, 1),
        "B": (0, 2),
    }
    # Three equal members, two leftover kroner of the equal part: A and B pay 1 kr. more.
    a = allocate(8, [], 25, [("C", 5), ("A", 5), ("B", 5)])
    assert [m.total for m in a.members] == [2, 3, 3]


def test_half_a_krone_goes_to_the_equal_part() -> None:
    a = allocate(5, [], 50, [("A", 1), ("B", 1)])  # 2.5 equally
    assert (a.equal_part, a.population_part) == (3, 2)


def test_zero_and_full_percent() -> None:
    only_population = allocate(100, [], 0, [("A", 1), ("B", 3)])
    assert [(m.equal_share, m.population_share) for m in only_population.members] == [
        (0, 25),
        (0, 75),
    ]
    only_equal = allocate(100, [], 100, [("A", 1), ("B", 3)])
    assert [(m.equal_share, m.population_share) for m in only_equal.members] == [(50, 0), (50, 0)]


GOVTECH_POPULATIONS = [  # the registry's figures (smartby/geo/data/municipalities.csv)
    ("Aarhus", 367000), ("Randers", 99500), ("Viborg", 98000), ("Silkeborg", 99500),
    ("Horsens", 99000), ("Herning", 90000), ("Skanderborg", 64500), ("Holstebro", 59000),
    ("Ringkøbing-Skjern", 56000), ("Favrskov", 49500), ("Hedensted", 47500), ("Skive", 46000),
    ("Syddjurs", 43500), ("Ikast-Brande", 42000), ("Norddjurs", 37000), ("Odder", 23500),
    ("Struer", 20500), ("Lemvig", 19500), ("Samsø", 3700),
]  # fmt: skip


def test_govtech_midtjylland_rule_from_the_seed() -> None:
    """KD-Net 28 Aug 2020: budget 2,900,000; Region Midtjylland pays 500,000; of the
    municipalities' 2,400,000, 25 % is split equally among the 19 and 75 % by population."""
    a = allocate(2_900_000, [("Region Midtjylland", 500_000)], 25, GOVTECH_POPULATIONS)
    shares = {m.name: m for m in a.members}
    assert a.to_allocate == 2_400_000
    assert (a.equal_part, a.population_part) == (600_000, 1_800_000)
    assert a.sum == 2_400_000
    # 600,000 / 19 = 31,578.95: 18 kroner left over, to all but the smallest (Samsø).
    assert shares["Samsø"].equal_share == 31_578
    assert {m.equal_share for m in a.members if m.name != "Samsø"} == {31_579}
    # 1,800,000 × 367,000 / 1,365,200 = 483,885.15 → 483,885.
    assert shares["Aarhus"].population_share == 483_885
    assert shares["Aarhus"].total == 515_464
    # 59,000 inhabitants: 77,790.80 → the largest remainder gets a leftover krone.
    assert shares["Holstebro"].population_share == 77_791
    # Randers and Silkeborg have the same population and pay exactly the same.
    assert shares["Randers"].total == shares["Silkeborg"].total == 162_769
    assert shares["Samsø"].total == 31_578 + 4_878


def test_govtech_without_viborg_and_samso_keeps_the_total() -> None:
    members = [m for m in GOVTECH_POPULATIONS if m[0] not in ("Viborg", "Samsø")]
    before = {
        m.name: m.total
        for m in allocate(2_900_000, [("Region", 500_000)], 25, GOVTECH_POPULATIONS).members
    }
    after = allocate(2_900_000, [("Region", 500_000)], 25, members)
    assert after.sum == 2_400_000
    assert all(m.total > before[m.name] for m in after.members)


@pytest.mark.parametrize(
    ("args", "field", "message"),
    [
        ((-1, [], 25, [("A", 1)]), "budget", "Beløbet må ikke være negativt."),
        (
            (MAX_AMOUNT + 1, [], 25, [("A", 1)]),
            "budget",
            "Beløbet må højst være 999.999.999.999 kr.",
        ),
        (
            (100, [("R", -5)], 25, [("A", 1)]),
            "contributions[0].amount",
            "Beløbet må ikke være negativt.",
        ),
        (
            (100, [("", 5)], 25, [("A", 1)]),
            "contributions[0].name",
            "Skriv, hvem der betaler bidraget.",
        ),
        (
            (100, [("R", 60), ("S", 41)], 25, [("A", 1)]),
            "contributions",
            "De faste bidrag (101 kr.) er større end budgettet (100 kr.).",
        ),
        (
            (100, [], -1, [("A", 1)]),
            "equal_percent",
            "Den ligelige andel skal være mellem 0 og 100 %.",
        ),
        (
            (100, [], "100,01", [("A", 1)]),
            "equal_percent",
            "Den ligelige andel skal være mellem 0 og 100 %.",
        ),
        (
            (100, [], "tyve", [("A", 1)]),
            "equal_percent",
            "Den ligelige andel skal være et tal mellem 0 og 100.",
        ),
        (
            (100, [], "12.345", [("A", 1)]),
            "equal_percent",
            "Den ligelige andel må højst have to decimaler.",
        ),
        ((100, [], 25, []), "members", "Der skal være mindst ét medlem at fordele udgiften på."),
        (
            (100, [], 25, [("Odder", 1), (" odder ", 2)]),
            "members[1].name",
            "odder er med mere end én gang.",
        ),
        (
            (100, [], 25, [("A", 0)]),
            "members[0].population",
            "Befolkningstallet skal være større end 0.",
        ),
        (
            (100, [], 25, [("A", -3)]),
            "members[0].population",
            "Befolkningstallet skal være større end 0.",
        ),
        (
            (100, [], 25, [("A", 1.5)]),
            "members[0].population",
            "Befolkningstallet skal være et helt tal.",
        ),
        ((True, [], 25, [("A", 1)]), "budget", "Skal være et helt antal kroner."),
    ],
)
def test_validation_messages(args: tuple, field: str, message: str) -> None:
    assert {"field": field, "message": message} in validate(*args)
    with pytest.raises(AllocationError) as excinfo:
        allocate(*args)
    assert {"field": field, "message": message} in excinfo.value.errors


def test_all_errors_are_reported_together() -> None:
    errors = validate(-1, [("R", -1)], 101, [("A", 0)])
    assert [e["field"] for e in errors] == [
        "budget",
        "contributions[0].amount",
        "equal_percent",
        "members[0].population",
    ]
