"""Scoring of the kompetencetjek, free of Django models so that it is easy to test by hand.

- Each answer is 0–4 on the scale below.
- A dimension's score is the weighted average of its answers, normalised to 0–100:
  100 × Σ(weight × answer) / (4 × Σ weight).
- The level is "lav" below the dimension's `low_below`, "hoej" from `high_from`, else "middel".
- The total is the plain average of the dimension scores (each dimension counts the same,
  whatever its number of questions).
- Scores are rounded to one decimal.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

MAX_ANSWER = 4
SCALE: list[tuple[int, str]] = [
    (0, _("Slet ikke")),
    (1, _("I mindre grad")),
    (2, _("I nogen grad")),
    (3, _("I høj grad")),
    (4, _("I meget høj grad")),
]
LEVELS = {"lav": _("Lav"), "middel": _("Middel"), "hoej": _("Høj")}


@dataclass(frozen=True)
class QuestionSpec:
    id: int
    weight: int


@dataclass(frozen=True)
class DimensionSpec:
    slug: str
    name: str
    questions: Sequence[QuestionSpec]
    low_below: int = 40
    high_from: int = 70
    advice_low: str = ""
    advice_middle: str = ""
    advice_high: str = ""


@dataclass(frozen=True)
class DimensionScore:
    slug: str
    name: str
    score: float
    level: str
    advice: str

    @property
    def level_label(self) -> str:
        return str(LEVELS[self.level])


@dataclass(frozen=True)
class Scores:
    dimensions: list[DimensionScore]
    total: float

    def as_dict(self) -> dict[str, float]:
        return {d.slug: d.score for d in self.dimensions}


class IncompleteAnswers(ValueError):
    def __init__(self, missing: list[int]) -> None:
        super().__init__(missing)
        self.missing = missing


def weighted_score(pairs: Sequence[tuple[int, int]]) -> float:
    """(answer, weight) pairs → 0–100, rounded to one decimal. No questions gives 0."""
    total_weight = sum(weight for _answer, weight in pairs)
    if total_weight == 0:
        return 0.0
    points = sum(answer * weight for answer, weight in pairs)
    return round(100 * points / (MAX_ANSWER * total_weight), 1)


def level_of(score: float, low_below: int, high_from: int) -> str:
    if score < low_below:
        return "lav"
    if score >= high_from:
        return "hoej"
    return "middel"


def score(dimensions: Sequence[DimensionSpec], answers: Mapping[int, int]) -> Scores:
    """Score complete answers (question id → 0–4); raises IncompleteAnswers listing the
    questions without a valid answer."""
    missing = [
        q.id
        for d in dimensions
        for q in d.questions
        if not isinstance(answers.get(q.id), int) or not 0 <= answers[q.id] <= MAX_ANSWER
    ]
    if missing:
        raise IncompleteAnswers(missing)
    results = []
    for d in dimensions:
        value = weighted_score([(answers[q.id], q.weight) for q in d.questions])
        level = level_of(value, d.low_below, d.high_from)
        advice = {"lav": d.advice_low, "middel": d.advice_middle, "hoej": d.advice_high}[level]
        results.append(DimensionScore(d.slug, d.name, value, level, advice))
    total = round(sum(r.score for r in results) / len(results), 1) if results else 0.0
    return Scores(results, total)


def average(score_sets: Sequence[Mapping[str, float]], slugs: Sequence[str]) -> dict[str, float]:
    """Per dimension, the average over the score sets that have it (rounded to one decimal)."""
    out = {}
    for slug in slugs:
        values = [s[slug] for s in score_sets if slug in s]
        if values:
            out[slug] = round(sum(values) / len(values), 1)
    return out
