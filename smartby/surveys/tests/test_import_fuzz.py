"""Property tests (hypothesis) over `survey-import-responses`' CSV parsing: any text gives
answers or line errors, never an exception, and parsed answers pass the round's validation."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartby.surveys.operations import parse_response_csv
from smartby.surveys.tests.answer_helpers import make_round

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    derandomize=True,
)

cell = st.one_of(
    st.text(max_size=15),
    st.sampled_from(["751", "0751", "461", "999", "comment", "x.y", "9" * 50, '"', "\r", "\x00"]),
)


@pytest.fixture
def survey_round():
    return make_round()


@FUZZ
@given(
    header=st.one_of(
        st.just(["kommune_kode", "spoergsmaal", "svar"]),
        st.lists(st.sampled_from(["kommune_kode", "spoergsmaal", "svar", ""]), max_size=4),
    ),
    rows=st.lists(st.lists(cell, max_size=4), max_size=6),
    delimiter=st.sampled_from([",", ";"]),
)
def test_response_csv_gives_answers_or_line_errors(survey_round, header, rows, delimiter):
    text = "\n".join(delimiter.join(r) for r in [header, *rows])
    answers, errors = parse_response_csv(survey_round, text)
    assert all(e["message"] for e in errors)
    assert set(answers) <= {"751", "461", "101"}


def test_response_csv_regression_stray_carriage_return(survey_round):
    """A carriage return inside an unquoted field is a line error, not csv.Error."""
    answers, errors = parse_response_csv(
        survey_round, "kommune_kode,spoergsmaal,svar\n751,com\rment,x\n"
    )
    assert errors and not answers
