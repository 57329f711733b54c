"""Demo content for vejledninger og kompetencetjek (called by `smartby demo`).

Eight municipalities' organisations get two saved kompetencetjek results each, about a year
apart (the second a little better), so the over-time table and the peer comparison have data.
Answers come from `random.Random` seeded with the seed and the municipality code; the dates are relative to today. Organisations that
already have results are skipped, so running it again changes nothing.
"""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from smartby.guides import operations, scoring
from smartby.guides.models import Result
from smartby.orgs.models import Organisation

# Aarhus, Odense, Vejle, Silkeborg, Haderslev, Herning, Horsens, Lemvig
DEMO_MUNICIPALITIES = ["751", "461", "630", "740", "510", "657", "615", "665"]
FIRST_DAYS_AGO = 400
SECOND_DAYS_AGO = 35


def _answers(rng: random.Random, question_ids: list[int], level: float) -> dict[int, int]:
    """Answers around `level` (0–4), each nudged by up to one step."""
    return {
        qid: max(0, min(4, round(level + rng.choice((-1, 0, 0, 1)) * rng.random())))
        for qid in question_ids
    }


def load(*, seed: int) -> None:
    """Create realistic demo content; the same seed gives the same content."""
    assessment = operations.published_assessment()
    if assessment is None:
        return
    specs = operations.specs_of(assessment)
    question_ids = [q.id for q in operations.questions_of(assessment)]
    organisations = Organisation.objects.filter(municipality__code__in=DEMO_MUNICIPALITIES)
    by_code = {o.municipality.code: o for o in organisations.select_related("municipality")}
    now = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0)
    with transaction.atomic():
        for code in DEMO_MUNICIPALITIES:
            rng = random.Random(f"guides-{seed}-{code}")
            level = 1.2 + rng.random() * 1.6
            improvement = 0.2 + rng.random() * 0.6
            organisation = by_code.get(code)
            if organisation is None or Result.objects.filter(organisation=organisation).exists():
                continue
            for days_ago, lvl in ((FIRST_DAYS_AGO, level), (SECOND_DAYS_AGO, level + improvement)):
                answers = _answers(rng, question_ids, lvl)
                scores = scoring.score(specs, answers)
                Result.objects.create(
                    organisation=organisation,
                    assessment=assessment,
                    answers={str(k): v for k, v in answers.items()},
                    scores=scores.as_dict(),
                    total=scores.total,
                    created_at=now - dt.timedelta(days=days_ago),
                )
