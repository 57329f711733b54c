"""Demo content for surveys (called by `smartby demo`): the round "Smart city-undersøgelsen 2026"
of the cedi-2014 template with generated responses from 60 municipalities (submitted) and 5
drafts.

The answers are drawn from `random.Random(seed)` over the municipalities in code order and are
correlated the way the 2014 report describes: larger municipalities and bykommuner more often
work with smart city, and smart-city municipalities more often have an initiative. The 2014
figures are the starting point for each initiative's share, raised for twelve years of growth.
Skip logic is respected (every response passes `versions.validate_answers`). Idempotent: nothing
happens when the round exists.
"""

import datetime
import math
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from smartby.geo.models import Municipality, MunicipalityKind
from smartby.surveys import cedi2014
from smartby.surveys.models import Response, ResponseStatus, Round, Survey
from smartby.surveys.versions import prune_skipped, question_specs, validate_answers

ROUND_KEY = "smart-city-undersoegelsen-2026"
ROUND_NAME = "Smart city-undersøgelsen 2026"
OPENS_ON = datetime.date(2026, 9, 1)
CLOSES_ON = datetime.date(2026, 10, 30)
RESPONDENTS = 60
DRAFTS = 5

KIND_BONUS = {
    MunicipalityKind.URBAN: 0.25,
    MunicipalityKind.INTERMEDIATE: 0.1,
    MunicipalityKind.RURAL: 0.0,
    MunicipalityKind.PERIPHERAL: -0.1,
}
ORGANISATION_OTHER = [
    "Opgaven er knyttet til de enkelte projekter og styres af en fælles projektleder.",
    "Vi samarbejder med forsyningsselskabet og erhvervsrådet i et fælles sekretariat.",
    "Organiseringen er under afklaring efter den nye digitaliseringsstrategi.",
]
COMMENTS = [
    "Vi vil gerne høre mere om, hvordan andre kommuner deler sensordata.",
    "Flere af initiativerne drives af forsyningsselskabet og ikke af kommunen selv.",
    "Det er svært at skelne mellem smart city og almindelig digitalisering.",
    "Vi er interesserede i fælles indkøb af IoT-løsninger med nabokommunerne.",
]


def size_factor(municipality: Municipality) -> float:
    """0 for the smallest municipalities (about 15,000 inhabitants), 1 for the largest."""
    population = municipality.population or 40_000
    return min(1.0, max(0.0, (math.log10(population) - 4.2) / 1.5))


def _figure(question: str, option: str, item: str = "") -> float | None:
    for q, i, group, o, pct, _n, _note in cedi2014.BASELINE_FIGURES:
        if (q, i, group, o) == (question, item, "", option):
            return pct / 100
    return None


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _likert(rng: random.Random, top: float) -> str:
    top = min(0.9, max(0.05, top))
    return _pick(
        rng,
        {
            "very_high": top * 0.35,
            "high": top * 0.65,
            "some": (1 - top) * 0.5,
            "low": (1 - top) * 0.25,
            "not_at_all": (1 - top) * 0.1,
            "dont_know": (1 - top) * 0.15,
        },
    )


def _several(rng: random.Random, chances: dict[str, float]) -> list[str]:
    chosen = [key for key, chance in chances.items() if rng.random() < chance]
    return chosen or [max(chances, key=chances.__getitem__)]


def generate_answers(rng: random.Random, municipality: Municipality) -> dict[str, Any]:
    """One municipality's complete answers to the cedi-2014 questions."""
    size = size_factor(municipality)
    smart_chance = 0.2 + 0.55 * size + KIND_BONUS.get(municipality.kind, 0.0)
    smart = rng.random() < smart_chance
    answers: dict[str, Any] = {}
    if smart:
        answers["smart_city"] = "coordinated" if rng.random() < 0.25 + 0.4 * size else "activities"
        answers["relevance"] = _pick(
            rng, {"whole_municipality": 0.85, "largest_towns": 0.1, "dont_know": 0.05}
        )
        answers["motivation_smart_city"] = {
            key: _likert(rng, (_figure("motivation_smart_city", cedi2014.TOP_TWO, key) or 0.35))
            for key, _text, _other in cedi2014.MOTIVATIONS
        }
        answers["political_anchoring"] = _pick(
            rng,
            {
                "very_high": 0.05 + 0.1 * size,
                "high": 0.36,
                "some": 0.36,
                "awaiting": 0.07,
                "low": 0.1,
                "dont_know": 0.06,
            },
        )
        answers["management_responsibility"] = _several(
            rng,
            {
                "department_director": 0.47,
                "municipal_director": 0.3,
                "department_unit": 0.4,
                "external": 0.13,
            },
        )
        answers["organisation"] = _pick(
            rng, {"cross_department": 0.5, "within_departments": 0.2, "other": 0.3}
        )
        if answers["organisation"] == "other":
            answers["organisation_other"] = rng.choice(ORGANISATION_OTHER)
        answers["future_activity"] = _pick(
            rng, {"much_more": 0.3, "more": 0.5, "same": 0.1, "less": 0.04, "dont_know": 0.06}
        )
        answers["knowledge_sources"] = _several(
            rng,
            {
                "national": 0.75,
                "business": 0.71,
                "regional": 0.71,
                "local": 0.61,
                "research": 0.46 + 0.2 * size,
                "other": 0.1,
            },
        )
    else:
        answers["smart_city"] = "planning" if rng.random() < 0.3 else "none"
        answers["motivation_other"] = {
            key: _likert(rng, (_figure("motivation_other", cedi2014.TOP_TWO, key) or 0.2))
            for key, _text, _other in cedi2014.MOTIVATIONS
        }
        answers["rejection_reasons"] = _several(
            rng,
            {
                "already_activities": 0.42,
                "no_political_focus": 0.38,
                "too_vague": 0.31,
                "not_suitable": 0.31,
                "no_admin_focus": 0.31,
                "other": 0.05,
            },
        )
    matrix = {}
    for key, _area, _text in cedi2014.INITIATIVES:
        have = (_figure("initiatives", "have", key) or 0.3) + 0.15
        have += (0.15 if smart else -0.05) + 0.1 * size
        have = min(0.95, max(0.05, have))
        roll = rng.random()
        if roll < have:
            matrix[key] = "have"
        elif roll < have + (1 - have) * 0.3:
            matrix[key] = "plan"
        elif roll < have + (1 - have) * 0.75:
            matrix[key] = "no"
        else:
            matrix[key] = "dont_know"
    answers["initiatives"] = matrix
    answers["national_strategies"] = {
        key: _pick(rng, {"influence": 0.3, "known": 0.5, "unknown": 0.2})
        for key in (
            "smart_grid_strategy",
            "digitalisation_strategy",
            "digital_welfare_strategy",
            "climate_adaptation_strategy",
        )
    }
    answers["network_interest"] = {
        key: _likert(rng, (0.65 if smart else 0.35) + (0.1 if key == "regional" else 0.0))
        for key, _text in cedi2014.NETWORKS
    }
    if rng.random() < 0.15:
        answers["comments"] = rng.choice(COMMENTS)
    return answers


def load(*, seed: int) -> None:
    """Create realistic demo content; the same seed gives the same content."""
    if Round.objects.filter(key=ROUND_KEY).exists():
        return
    survey = Survey.objects.filter(key=cedi2014.SURVEY_KEY).first()
    if survey is None or survey.latest_version() is None:
        return
    version = survey.latest_version()
    specs = question_specs(version)
    rng = random.Random(f"surveys-{seed}")
    municipalities = list(Municipality.objects.order_by("code"))
    # weighted sample without replacement: larger municipalities answer a little more often
    ranked = sorted(
        municipalities,
        key=lambda m: rng.random() ** (1 / (0.5 + size_factor(m))),
        reverse=True,
    )
    respondents = sorted(ranked[:RESPONDENTS], key=lambda m: m.code)
    drafts = sorted(ranked[RESPONDENTS : RESPONDENTS + DRAFTS], key=lambda m: m.code)
    opened = timezone.make_aware(datetime.datetime.combine(OPENS_ON, datetime.time(9)))
    span = (CLOSES_ON - OPENS_ON).days - 1
    rows = []
    for municipality in respondents:
        answers = generate_answers(rng, municipality)
        submitted_at = opened + datetime.timedelta(
            days=rng.randrange(span), minutes=rng.randrange(8 * 60)
        )
        rows.append(
            Response(
                municipality=municipality,
                status=ResponseStatus.SUBMITTED,
                answers=answers,
                submitted_at=submitted_at,
            )
        )
    for municipality in drafts:
        answers = generate_answers(rng, municipality)
        keep = {"smart_city", "relevance", "motivation_smart_city", "motivation_other"}
        rows.append(
            Response(
                municipality=municipality,
                status=ResponseStatus.DRAFT,
                answers=prune_skipped(specs, {k: v for k, v in answers.items() if k in keep}),
            )
        )
    for row in rows:
        complete = row.status == ResponseStatus.SUBMITTED
        errors = validate_answers(specs, row.answers, complete=complete)
        if errors:  # a generator bug, not bad input
            raise ValueError(f"Demo answers for {row.municipality} are invalid: {errors}")
    with transaction.atomic():
        round_ = Round.objects.create(
            version=version,
            key=ROUND_KEY,
            name=ROUND_NAME,
            description=(
                "Demorunde: genererede besvarelser fra 60 kommuner, så resultater og "
                "sammenligning med 2014 kan afprøves."
            ),
            opens_on=OPENS_ON,
            closes_on=CLOSES_ON,
        )
        round_.population.set(municipalities)
        for row in rows:
            row.round = round_
        Response.objects.bulk_create(rows)
