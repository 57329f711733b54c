"""The analysis of a round's answers: pure functions on plain data, no database.

Input: the question specs (`versions.question_specs`: `[{"key", "section", "text", "type",
"options": [{"key", "label"}], "items": [{"key", "text", "area"}], "condition"}]`) and the
respondents `[{"code", "kind", "population", "region", "answers"}]` (one per submitted response;
`answers` as stored on `Response`). Output: the `survey-results` document

    {"round", "respondents", "questions": [{"key", "n", "options" | "items" | "stats", "groups"}]}

Rules (the README repeats them):
- A question's `n` is the number of respondents who answered it; a skipped question (absent,
  empty, or not asked because of its condition) does not count. Every percentage is of that
  `n`: single choice sums to 100; multiple choice is the share of those who answered the
  question that chose the option (sums to more than 100); a matrix or Likert question is
  counted per item (`items[].n` = those who answered that item; the question's `n` = those who
  answered at least one item). Answers that are not among the question's options are ignored.
- Percentages have one decimal, rounded half away from zero from the exact fraction
  (1/8 = 12.5 %, 1/16 = 6.25 % → 6.3 %, 2/3 → 66.7 %); with `n` = 0 the percentage is null.
- Numbers get `stats` (min, max, mean and median, the last two with one decimal); free text
  gets only `n` (free text is never aggregated or published).
- Groups: `smart_city` (screening answer `coordinated` or `activities`), `ovrige` (any other
  screening answer; a respondent who skipped the screening question is in neither), the four
  municipality kinds, `over_<T>` (population more than T) and `under_<T>` (T or less; unknown
  population is in neither) with T = `settings.SURVEY_SIZE_THRESHOLD` (67,500: `over_67500`,
  `under_67500`), then every region code. Every group is present in every question, with n 0
  when empty.
- `suppress()` blanks small cells for public views; the CLI's JSON is the full, unsuppressed
  result.
"""

import copy
import math
import statistics
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

from django.conf import settings

SCREENING_QUESTION = "smart_city"
SMART_CITY_ANSWERS = frozenset({"coordinated", "activities"})
KINDS = ("bykommune", "mellemkommune", "landkommune", "yderkommune")
DEFAULT_SIZE_THRESHOLD = 67_500
CHOICE_TYPES = ("single", "multiple")
ITEM_TYPES = ("matrix", "likert")
# Public views show a cell only when at least this many respondents are behind it.
MIN_CELL = 3

Spec = dict[str, Any]
Respondent = dict[str, Any]
Results = dict[str, Any]


def size_threshold() -> int:
    """The size groups' threshold (inhabitants), `settings.SURVEY_SIZE_THRESHOLD`."""
    return int(getattr(settings, "SURVEY_SIZE_THRESHOLD", DEFAULT_SIZE_THRESHOLD))


def size_groups(threshold: int) -> tuple[str, str]:
    """The names of the two size groups: ("over_67500", "under_67500") by default."""
    return f"over_{threshold}", f"under_{threshold}"


def group_names(regions: Iterable[str], threshold: int) -> list[str]:
    """Every group in the order the results list them: screening, kinds, size, regions."""
    return ["smart_city", "ovrige", *KINDS, *size_groups(threshold), *sorted(set(regions))]


def groups_of(respondent: Respondent, threshold: int) -> set[str]:
    """The groups one respondent belongs to."""
    groups: set[str] = set()
    screening = respondent["answers"].get(SCREENING_QUESTION)
    if isinstance(screening, str) and screening:
        groups.add("smart_city" if screening in SMART_CITY_ANSWERS else "ovrige")
    if respondent.get("kind") in KINDS:
        groups.add(respondent["kind"])
    population = respondent.get("population")
    if population is not None:
        over, under = size_groups(threshold)
        groups.add(over if population > threshold else under)
    if respondent.get("region"):
        groups.add(str(respondent["region"]))
    return groups


def round1(value: Fraction | float) -> float:
    """One decimal, rounded half away from zero (on the exact value: no float error)."""
    tenths = Fraction(value) * 10
    return math.copysign(math.floor(abs(tenths) + Fraction(1, 2)), tenths) / 10


def pct(count: int, n: int) -> float | None:
    """`count` of `n` in per cent with one decimal (`round1`); null when `n` is 0."""
    return round1(Fraction(100 * count, n)) if n > 0 else None


# --- reading one answer -------------------------------------------------------------------------


def _option_keys(spec: Spec) -> list[str]:
    return [o["key"] for o in spec.get("options") or []]


def _item_keys(spec: Spec) -> list[str]:
    return [i["key"] for i in spec.get("items") or []]


def choice_answer(spec: Spec, value: Any) -> list[str]:
    """The valid option keys of a single or multiple choice answer ([] = not answered)."""
    keys = _option_keys(spec)
    if spec["type"] == "single":
        return [value] if isinstance(value, str) and value in keys else []
    if not isinstance(value, list):
        return []
    chosen = {v for v in value if isinstance(v, str)}
    return [k for k in keys if k in chosen]


def item_answers(spec: Spec, value: Any) -> dict[str, str]:
    """The valid {item: option} pairs of a matrix or Likert answer ({} = not answered)."""
    if not isinstance(value, dict):
        return {}
    options = set(_option_keys(spec))
    return {k: value[k] for k in _item_keys(spec) if value.get(k) in options}


def number_answer(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value if math.isfinite(value) else None


def text_answer(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


# --- counting -----------------------------------------------------------------------------------


def _options_block(option_keys: Sequence[str], chosen: Iterable[list[str]], n: int) -> dict:
    counts = dict.fromkeys(option_keys, 0)
    for keys in chosen:
        for k in keys:
            counts[k] += 1
    return {k: {"count": c, "pct": pct(c, n)} for k, c in counts.items()}


def _choice(spec: Spec, answers: list[Any]) -> dict:
    chosen = [keys for keys in (choice_answer(spec, a) for a in answers) if keys]
    return {"n": len(chosen), "options": _options_block(_option_keys(spec), chosen, len(chosen))}


def _items(spec: Spec, answers: list[Any]) -> dict:
    pairs = [p for p in (item_answers(spec, a) for a in answers) if p]
    items = []
    for item in _item_keys(spec):
        chosen = [[p[item]] for p in pairs if item in p]
        items.append(
            {
                "key": item,
                "n": len(chosen),
                "options": _options_block(_option_keys(spec), chosen, len(chosen)),
            }
        )
    return {"n": len(pairs), "items": items}


def _number(answers: list[Any]) -> dict:
    values = sorted(v for v in (number_answer(a) for a in answers) if v is not None)
    if not values:
        stats = {"min": None, "max": None, "mean": None, "median": None}
    else:
        stats = {
            "min": values[0],
            "max": values[-1],
            "mean": round1(Fraction(sum(Fraction(v) for v in values), len(values))),
            "median": round1(Fraction(statistics.median(values))),
        }
    return {"n": len(values), "stats": stats}


def _text(answers: list[Any]) -> dict:
    return {"n": sum(1 for a in answers if text_answer(a) is not None)}


def summarise(spec: Spec, answers: list[Any]) -> dict:
    """One question's figures over the given answers (absent answers are `None`)."""
    kind = spec["type"]
    if kind in CHOICE_TYPES:
        return _choice(spec, answers)
    if kind in ITEM_TYPES:
        return _items(spec, answers)
    if kind == "number":
        return _number(answers)
    return _text(answers)


def results(
    round_key: str,
    specs: Sequence[Spec],
    respondents: Sequence[Respondent],
    *,
    regions: Iterable[str] = (),
    threshold: int | None = None,
) -> Results:
    """The full results of a round (the `survey-results` JSON). `regions` lists the region codes
    to report even when no respondent is in them (the respondents' regions are always added)."""
    threshold = size_threshold() if threshold is None else threshold
    names = group_names(
        [*regions, *(str(r["region"]) for r in respondents if r.get("region"))], threshold
    )
    membership = [groups_of(r, threshold) for r in respondents]
    questions = []
    for spec in specs:
        key = spec["key"]
        answers = [r["answers"].get(key) for r in respondents]
        entry = {"key": key, **summarise(spec, answers), "groups": {}}
        for group in names:
            members = [a for a, groups in zip(answers, membership, strict=True) if group in groups]
            entry["groups"][group] = summarise(spec, members)
        questions.append(entry)
    return {"round": round_key, "respondents": len(respondents), "questions": questions}


def group_sizes(
    respondents: Sequence[Respondent], *, regions: Iterable[str] = (), threshold: int | None = None
) -> dict[str, int]:
    """The number of respondents in each group (empty groups with 0)."""
    threshold = size_threshold() if threshold is None else threshold
    names = group_names(
        [*regions, *(str(r["region"]) for r in respondents if r.get("region"))], threshold
    )
    sizes = dict.fromkeys(names, 0)
    for r in respondents:
        for g in groups_of(r, threshold):
            sizes[g] += 1
    return sizes


# --- suppression for public views ---------------------------------------------------------------


def _blank(cell: dict) -> None:
    cell["count"] = None
    cell["pct"] = None
    cell["suppressed"] = True


def suppress_options(
    options: dict[str, dict], n: int, *, exclusive: bool, minimum: int = MIN_CELL
) -> None:
    """Blank, in place, the cells of one base (a question, item or group of either).

    - With fewer than `minimum` respondents in the base, every cell is blanked.
    - Otherwise a cell with 1 to `minimum - 1` respondents is blanked (0 is shown).
    - When the options are exclusive (single choice, one matrix item) their counts add up to n,
      so a single blanked cell could be worked out from the others: the smallest other non-zero
      cell is blanked too.
    """
    if 0 < n < minimum:
        for cell in options.values():
            _blank(cell)
        return
    small = [c for c in options.values() if c.get("count") and c["count"] < minimum]
    for cell in small:
        _blank(cell)
    if exclusive and len(small) == 1:
        rest = [c for c in options.values() if c.get("count")]
        if rest:
            _blank(min(rest, key=lambda c: c["count"]))


def _suppress_block(block: dict, spec_type: str, minimum: int) -> None:
    if "options" in block:
        suppress_options(
            block["options"], block["n"], exclusive=spec_type == "single", minimum=minimum
        )
    for item in block.get("items", []):
        suppress_options(item["options"], item["n"], exclusive=True, minimum=minimum)
    if "stats" in block:
        # Min, max and median are single municipalities' answers: only the mean is published.
        stats = block["stats"]
        block["stats"] = {
            "min": None,
            "max": None,
            "median": None,
            "mean": stats["mean"] if block["n"] >= minimum else None,
        }
        block["stats_suppressed"] = True


def suppress(results_doc: Results, specs: Sequence[Spec], *, minimum: int = MIN_CELL) -> Results:
    """A copy of the results for public views: cells behind fewer than `minimum` respondents
    are blanked (`count` and `pct` null, `"suppressed": true`), see `suppress_options`."""
    types = {s["key"]: s["type"] for s in specs}
    out = copy.deepcopy(results_doc)
    for question in out["questions"]:
        spec_type = types.get(question["key"], "single")
        _suppress_block(question, spec_type, minimum)
        for block in question["groups"].values():
            _suppress_block(block, spec_type, minimum)
    return out


# --- who answered: the respondents' characteristics as pseudo-questions -------------------------

KIND_QUESTION = "municipality_kind"
SIZE_QUESTION = "municipality_size"


def profile_specs(threshold: int) -> list[Spec]:
    """Two single-choice pseudo-questions describing the respondents themselves (the 2014
    report printed, e.g., the share of bykommuner among smart-city municipalities)."""
    over, under = size_groups(threshold)
    return [
        {
            "key": KIND_QUESTION,
            "type": "single",
            "options": [{"key": k, "label": k} for k in KINDS],
            "items": [],
            "condition": None,
        },
        {
            "key": SIZE_QUESTION,
            "type": "single",
            "options": [{"key": over, "label": over}, {"key": under, "label": under}],
            "items": [],
            "condition": None,
        },
    ]


def profile(
    respondents: Sequence[Respondent], *, regions: Iterable[str] = (), threshold: int | None = None
) -> list[dict]:
    """The respondents by kind and size, overall and per group, in the results' question shape
    (e.g. `groups.smart_city.options.bykommune.pct` = the share of bykommuner among them)."""
    threshold = size_threshold() if threshold is None else threshold
    over, under = size_groups(threshold)
    described = []
    for r in respondents:
        extra: dict[str, str] = {}
        if r.get("kind") in KINDS:
            extra[KIND_QUESTION] = r["kind"]
        if r.get("population") is not None:
            extra[SIZE_QUESTION] = over if r["population"] > threshold else under
        described.append({**r, "answers": {**r["answers"], **extra}})
    doc = results("", profile_specs(threshold), described, regions=regions, threshold=threshold)
    return doc["questions"]
