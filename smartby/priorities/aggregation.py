"""Aggregation of the assessors' scores and the ranking rule (pure functions, no database).

Per proposal and criterion: the mean, the lowest and highest score and the population standard
deviation (the assessors are the whole panel, not a sample; one assessor gives 0).

Ranking rule: proposals are ranked by their total, the mean of the three criterion means (each
criterion weighs the same). Ties are broken by the higher digitalisation potential, then by the
higher value (the mean of the two value criteria), then by the title. Proposals nobody has
scored are listed after the ranked ones without a rank. Proposals with exactly the same total,
potential and value share a rank (1, 2, 2, 4). The investment category is shown (the most
common choice, the lowest number on a tie) but does not change the rank.
"""

import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from smartby.priorities.criteria import CRITERION_CODES, POTENTIAL_CODE, VALUE_CODES

RANKING_RULE = (
    "Forslagene rangordnes efter samlet score, gennemsnittet af de tre kriteriers gennemsnit "
    "(lige vægt). Ved lighed går det højeste digitaliseringspotentiale, derefter den højeste "
    "værdi (gennemsnittet af de to værdikriterier) forud; forslag med præcis samme tal deler "
    "placering. Investeringskategorien (den hyppigste) vises, men påvirker ikke placeringen. "
    "Forslag uden vurderinger står sidst uden placering."
)


@dataclass(frozen=True)
class Spread:
    n: int
    mean: float
    minimum: int
    maximum: int
    stdev: float


@dataclass
class ProposalResult:
    key: int
    title: str
    n: int
    criteria: dict[str, Spread]
    investment: int | None
    investment_counts: dict[int, int]
    value: float | None
    potential: float | None
    total: float | None
    rank: int | None = None


def spread(values: Sequence[int]) -> Spread:
    return Spread(
        n=len(values),
        mean=statistics.fmean(values),
        minimum=min(values),
        maximum=max(values),
        stdev=statistics.pstdev(values),
    )


def aggregate(key: int, title: str, scores: Sequence[Mapping[str, int]]) -> ProposalResult:
    """`scores`: one mapping per assessor with the criterion codes and "investment"."""
    if not scores:
        return ProposalResult(key, title, 0, {}, None, {}, None, None, None)
    criteria = {code: spread([s[code] for s in scores]) for code in CRITERION_CODES}
    counts = Counter(s["investment"] for s in scores)
    investment = min(counts, key=lambda c: (-counts[c], c))
    value = statistics.fmean(criteria[c].mean for c in VALUE_CODES)
    potential = criteria[POTENTIAL_CODE].mean
    total = statistics.fmean(criteria[c].mean for c in CRITERION_CODES)
    return ProposalResult(
        key=key,
        title=title,
        n=len(scores),
        criteria=criteria,
        investment=investment,
        investment_counts=dict(sorted(counts.items())),
        value=value,
        potential=potential,
        total=total,
    )


def _sort_key(r: ProposalResult) -> tuple:
    return (-round(r.total or 0, 9), -round(r.potential or 0, 9), -round(r.value or 0, 9))


def rank(results: Sequence[ProposalResult]) -> list[ProposalResult]:
    """The results in ranked order with `rank` set (see the module docstring)."""
    scored = sorted(
        (r for r in results if r.n), key=lambda r: (*_sort_key(r), r.title.casefold(), r.key)
    )
    unscored = sorted((r for r in results if not r.n), key=lambda r: (r.title.casefold(), r.key))
    previous = None
    for position, result in enumerate(scored, start=1):
        key = _sort_key(result)
        result.rank = previous.rank if previous and _sort_key(previous) == key else position
        previous = result
    for result in unscored:
        result.rank = None
    return [*scored, *unscored]
