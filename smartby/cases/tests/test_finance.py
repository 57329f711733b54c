"""The business-case arithmetic against figures computed by hand."""

from decimal import Decimal as D

import pytest

from smartby.cases.finance import BENEFIT_STEPS, Line, compute, npv, payback_index
from smartby.cases.numbers import format_amount, format_percent, parse_decimal

# Investment 1,000 in year 0; from year 1 benefits 600 and running costs 50 a year.
# Nets: -1000, 550, 550. At 10 %: 550/1.1 = 500, 550/1.21 = 454.5454… → NPV -45.45.
BASE = [
    Line("investering", 0, D("1000")),
    Line("drift", 1, D("50")),
    Line("drift", 2, D("50")),
    Line("gevinst", 1, D("600")),
    Line("gevinst", 2, D("600")),
    Line("ikke_oekonomisk", None, None),  # described, never counted
]


def test_yearly_table_npv_and_payback_by_hand():
    r = compute(2025, 3, D("10"), BASE)
    assert [row.year for row in r.rows] == [2025, 2026, 2027]
    assert [row.investment for row in r.rows] == [D("1000"), D("0"), D("0")]
    assert [row.operating for row in r.rows] == [D("0"), D("50"), D("50")]
    assert [row.costs for row in r.rows] == [D("1000"), D("50"), D("50")]
    assert [row.benefits for row in r.rows] == [D("0"), D("600"), D("600")]
    assert [row.net for row in r.rows] == [D("-1000"), D("550"), D("550")]
    assert [row.factor for row in r.rows] == [D("1.0000"), D("0.9091"), D("0.8264")]
    assert [row.discounted_net for row in r.rows] == [D("-1000.00"), D("500.00"), D("454.55")]
    assert [row.cumulative_net for row in r.rows] == [D("-1000"), D("-450"), D("100")]
    assert [row.cumulative_discounted_net for row in r.rows] == [
        D("-1000.00"),
        D("-500.00"),
        D("-45.45"),
    ]
    assert r.npv == D("-45.45")
    assert (r.total_investment, r.total_operating, r.total_costs) == (1000, 100, 1100)
    assert (r.total_benefits, r.total_net) == (1200, 100)
    assert r.payback_year == 2027 and r.payback_years == 3
    # The discounted cumulative net never reaches 0 within the horizon.
    assert r.discounted_payback_year is None and r.discounted_payback_years is None


def test_sensitivity_table_by_hand():
    r = compute(2025, 3, D("10"), BASE)
    assert [row.rate for row in r.sensitivity] == [D(8), D(9), D(10), D(11), D(12)]
    assert BENEFIT_STEPS == (-20, -10, 0, 10)
    by_rate = {row.rate: row.npvs for row in r.sensitivity}
    # The centre cell is the NPV itself.
    assert by_rate[D(10)][2] == r.npv == D("-45.45")
    # 8 %: -1000 + 550/1.08 + 550/1.1664 = -19.2043…
    assert by_rate[D(8)][2] == D("-19.20")
    # 10 %, benefits -20 % (480): -1000 + 430/1.1 + 430/1.21 = -253.7190…
    assert by_rate[D(10)][0] == D("-253.72")
    # 12 %, benefits +10 % (660): -1000 + 610/1.12 + 610/1.2544 = 30.9311…
    assert by_rate[D(12)][3] == D("30.93")
    # Higher rates and lower benefits never raise the NPV here.
    for row in r.sensitivity:
        assert list(row.npvs) == sorted(row.npvs)


def test_rate_zero_is_the_plain_sum():
    r = compute(2030, 3, D("0"), BASE)
    assert r.npv == D("100.00") == r.total_net
    assert all(row.factor == 1 for row in r.rows)
    assert r.payback_year == r.discounted_payback_year == 2032
    # Rates below 0 are left out of the sensitivity table.
    assert [row.rate for row in r.sensitivity] == [D(0), D(1), D(2)]


def test_low_rate_drops_only_negative_rows():
    r = compute(2030, 2, D("1.5"), BASE)
    assert [row.rate for row in r.sensitivity] == [D("0.5"), D("1.5"), D("2.5"), D("3.5")]


def test_no_benefits_never_pays_back():
    lines = [Line("investering", 0, D("500")), Line("drift", 1, D("100"))]
    r = compute(2025, 2, D("0"), lines)
    assert r.npv == D("-600.00")
    assert r.total_benefits == 0
    assert r.payback_year is None and r.discounted_payback_year is None
    # Benefit changes change nothing when there are none.
    assert all(len(set(row.npvs)) == 1 for row in r.sensitivity)


def test_negative_forever():
    lines = [Line("drift", t, D("100")) for t in range(5)]
    lines += [Line("gevinst", t, D("90")) for t in range(5)]
    r = compute(2025, 5, D("4"), lines)
    assert [row.cumulative_net for row in r.rows] == [-10, -20, -30, -40, -50]
    # -10 × (1 + 1/1.04 + 1/1.04² + 1/1.04³ + 1/1.04⁴) = -46.2990…
    assert r.npv == D("-46.30")
    assert r.payback_year is None and r.discounted_payback_year is None


def test_benefits_only_pay_back_in_year_zero():
    r = compute(2025, 2, D("5"), [Line("gevinst", 0, D("1000")), Line("gevinst", 1, D("1050"))])
    # 1000 + 1050/1.05 = 2000
    assert r.npv == D("2000.00")
    assert r.payback_year == 2025 and r.payback_years == 1


def test_nothing_to_pay_back():
    r = compute(2025, 4, D("3.5"), [])
    assert r.npv == D("0.00")
    assert len(r.rows) == 4
    assert r.payback_year is None


def test_payback_waits_for_the_last_dip():
    # Cumulative: 100, -100, 50 → paid back only in the last year.
    assert payback_index([D(100), D(-200), D(150)]) == 2
    # An investment after an empty first year: cumulative 0, -1000, -400, 200.
    assert payback_index([D(0), D(-1000), D(600), D(600)]) == 3
    assert payback_index([D(-1), D(0)]) is None


def test_lines_outside_the_horizon_are_not_counted():
    r = compute(2025, 2, D("0"), [Line("gevinst", 5, D("999")), Line("investering", 1, D("10"))])
    assert r.total_benefits == 0 and r.npv == D("-10.00")


def test_npv_rounds_to_ore_and_sums_several_lines_per_year():
    # Two investments in year 0 and a third of a krone: -0.33 + 0 = -0.33.
    assert npv([D("-0.333"), D("0")], D("7")) == D("-0.33")
    r = compute(2025, 1, D("7"), [Line("investering", 0, D("10")), Line("investering", 0, D("5"))])
    assert r.rows[0].investment == D("15.00")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3,5", D("3.5")),
        ("3.5", D("3.5")),
        ("1.234.567,89", D("1234567.89")),
        ("125.000", D("125000")),
        ("125000.50", D("125000.50")),
        (" 2 500 ", D("2500")),
        ("-4", D("-4")),
        ("abc", None),
        ("", None),
        ("NaN", None),
        ("Infinity", None),
    ],
)
def test_parse_danish_numbers(text, expected):
    assert parse_decimal(text) == expected


def test_format_amounts_and_percent():
    assert format_amount(D("1234567.5")) == "1.234.567,50"
    assert format_amount(D("-45.45")) == "-45,45"
    assert format_amount(D("100000")) == "100.000"
    assert format_amount(None) == "–"
    assert format_percent(D("3.50")) == "3,5 %"
    assert format_percent(D("10")) == "10 %"
