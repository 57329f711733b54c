"""The scoring rules, with numbers computed by hand."""

import pytest

from smartby.guides.scoring import (
    DimensionSpec,
    IncompleteAnswers,
    QuestionSpec,
    average,
    level_of,
    score,
    weighted_score,
)

DIMENSIONS = [
    DimensionSpec(
        "a",
        "Strategi",
        [QuestionSpec(1, 2), QuestionSpec(2, 1), QuestionSpec(3, 3)],
        advice_low="lav-a",
        advice_middle="middel-a",
        advice_high="høj-a",
    ),
    DimensionSpec("b", "Data", [QuestionSpec(4, 1), QuestionSpec(5, 1)], advice_low="lav-b"),
    DimensionSpec("c", "Indkøb", [QuestionSpec(6, 5)], advice_high="høj-c"),
]


def test_weighted_average_normalised_to_100():
    # (4·2 + 2·1 + 1·3) / (4 · (2+1+3)) = 13/24 = 54.17 %
    assert weighted_score([(4, 2), (2, 1), (1, 3)]) == 54.2
    assert weighted_score([(0, 1), (1, 1)]) == 12.5  # 1/8
    assert weighted_score([(4, 5)]) == 100.0
    assert weighted_score([(0, 3), (0, 1)]) == 0.0
    assert weighted_score([]) == 0.0


def test_weights_matter():
    # The same answers, but the high answer weighs three times as much: 3·4 + 1·0 = 12 of 16.
    assert weighted_score([(4, 3), (0, 1)]) == 75.0
    assert weighted_score([(4, 1), (0, 3)]) == 25.0


def test_levels_at_the_thresholds():
    assert level_of(39.9, 40, 70) == "lav"
    assert level_of(40.0, 40, 70) == "middel"
    assert level_of(69.9, 40, 70) == "middel"
    assert level_of(70.0, 40, 70) == "hoej"
    assert level_of(10.0, 5, 10) == "hoej"


def test_score_per_dimension_level_advice_and_total():
    result = score(DIMENSIONS, {1: 4, 2: 2, 3: 1, 4: 0, 5: 1, 6: 4})
    a, b, c = result.dimensions
    assert (a.slug, a.score, a.level, a.advice) == ("a", 54.2, "middel", "middel-a")
    assert (b.score, b.level, b.advice) == (12.5, "lav", "lav-b")
    assert (c.score, c.level, c.advice, c.level_label) == (100.0, "hoej", "høj-c", "Høj")
    # Each dimension counts the same: (54.2 + 12.5 + 100) / 3 = 55.57
    assert result.total == 55.6
    assert result.as_dict() == {"a": 54.2, "b": 12.5, "c": 100.0}


def test_incomplete_or_invalid_answers_are_listed():
    with pytest.raises(IncompleteAnswers) as exc:
        score(DIMENSIONS, {1: 4, 2: 5, 3: 1, 4: -1, 6: 4})
    assert exc.value.missing == [2, 4, 5]


def test_average_of_score_sets():
    sets = [{"a": 50.0, "b": 10.0}, {"a": 70.0, "b": 20.0}, {"a": 61.0}]
    # a: (50 + 70 + 61) / 3 = 60.33; b only where present: (10 + 20) / 2 = 15
    assert average(sets, ["a", "b", "c"]) == {"a": 60.3, "b": 15.0}
