"""Property tests (hypothesis) over the cost tool's user input parsing (`costs.inputs`): amounts,
"NAVN=BELØB" lines and the members CSV give values or Danish errors, never an exception."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartby.costs.inputs import parse_contribution_lines, parse_kroner, parse_members_csv

FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    derandomize=True,
)

amount = st.one_of(
    st.text(max_size=20),
    st.integers().map(str),
    st.sampled_from(["500.000", "500 000", "-5", "12,50", "1.2.3", "\u2212 7", "9" * 5000]),
    st.text(alphabet="0123456789 .+-", max_size=40),
)


@FUZZ
@given(text=amount)
def test_kroner_is_an_int_or_none(text):
    value = parse_kroner(text)
    assert value is None or isinstance(value, int)


def test_kroner_regression_thousands_of_digits():
    """Found by the property test: 5,000 digits raised ValueError (int's digit limit)."""
    assert parse_kroner("9" * 5000) is None


@FUZZ
@given(
    lines=st.lists(
        st.one_of(st.text(max_size=30), st.tuples(st.text(max_size=10), amount).map("=".join)),
        max_size=6,
    )
)
def test_contribution_lines_give_pairs_or_errors(lines):
    parsed = parse_contribution_lines(lines)
    assert all(e["message"] for e in parsed.errors)
    assert all(isinstance(value, int) for _name, value in parsed.pairs)


@pytest.mark.django_db
@FUZZ
@given(
    header=st.lists(st.sampled_from(["kode", "navn", "befolkning", "", "x"]), max_size=4),
    rows=st.lists(
        st.lists(st.one_of(amount, st.sampled_from(["751", "0461", "999"])), max_size=4), max_size=5
    ),
    delimiter=st.sampled_from([",", ";"]),
    noise=st.sampled_from(["", '"', "\x00", "\ufeff"]),
)
def test_members_csv_gives_members_or_errors(header, rows, delimiter, noise):
    text = "\n".join(delimiter.join(r) for r in [header, *rows]) + noise
    parsed = parse_members_csv(noise + text if noise == "\ufeff" else text)
    assert all(e["message"] for e in parsed.errors)


@pytest.mark.django_db
def test_members_csv_regression_stray_carriage_return():
    """Found by the property test: a carriage return inside a field raised csv.Error."""
    parsed = parse_members_csv('navn,befolkning\n"Aarhus\rKommune",3\r0000\n')
    assert parsed.errors or parsed.pairs
    broken = parse_members_csv("kode\n751\x00\r\n")
    assert all(e["message"] for e in broken.errors)
