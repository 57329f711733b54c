"""Survey versions: the question spec, answer validation and versioned question edits.

Shared entry points (used by the answering flow, the CSV import and the analysis):

- `question_specs(version) -> list[dict]`: the JSON spec the `survey-questions` command prints:
  [{"key", "section", "text", "type", "required", "options": [{"key", "label"}],
    "items": [{"key", "text", "area"}] (matrix and likert only), "condition": None | {...}}];
- `validate_answers(specs, answers, *, complete=True) -> list[dict]`: every problem with an
  answers dict ({QUESTION_KEY: value}, see `models.Response`), as
  {"field": "QUESTION" or "QUESTION.ITEM", "question", "item", "message"} with Danish messages;
  `complete=False` skips the "must be answered" checks (drafts). The list can be passed straight to
  `smartby.lib.errors.ValidationFailed`;
- `is_asked(spec, answers, specs_by_key)` / `asked_keys(specs, answers)`: skip logic;
  `prune_skipped(specs, answers)` drops answers to questions the condition skips.

`edit_question(actor, question, data)` changes a question; when its version already has
responses it first copies the version to the next number, so rounds keep the questions they were
answered with.
"""

import math
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from smartby.audit.operations import changes as audit_changes
from smartby.audit.operations import record as audit
from smartby.lib.errors import ValidationFailed
from smartby.registry.permissions import is_coordinator
from smartby.surveys.models import (
    CHOICE_TYPES,
    ITEM_TYPES,
    Question,
    QuestionType,
    Section,
    SurveyVersion,
)

MAX_TEXT_ANSWER = 5000
MAX_NUMBER = 1e12
EDITABLE_FIELDS = ("text", "help", "type", "options", "items", "required", "condition")


def question_spec(question: Question) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "key": question.key,
        "section": question.section.key,
        "text": question.text,
        "type": question.type,
        "required": question.required,
        "options": [
            {"key": o["key"], "label": o["label"]}
            for o in (question.options if question.type in CHOICE_TYPES else [])
        ],
    }
    if question.type in ITEM_TYPES:
        spec["items"] = [
            {"key": i["key"], "text": i["text"], "area": i.get("area", "")} for i in question.items
        ]
    spec["condition"] = question.condition or None
    return spec


def question_specs(version: SurveyVersion) -> list[dict[str, Any]]:
    """The version's questions in answering order (section order, then question order)."""
    questions = version.questions.select_related("section").order_by(
        "section__order", "order", "pk"
    )
    return [question_spec(q) for q in questions]


# --- skip logic -------------------------------------------------------------------------------


def is_asked(spec: dict[str, Any], answers: dict[str, Any], by_key: dict[str, dict]) -> bool:
    """Is the question asked, given the answers so far? A condition on a question that is itself
    skipped (or unknown) skips this one too."""
    seen: set[str] = set()
    current = spec
    while current.get("condition"):
        condition = current["condition"]
        parent = by_key.get(condition.get("question", ""))
        if parent is None or parent["key"] in seen:
            return False
        seen.add(parent["key"])
        if answers.get(parent["key"]) not in condition.get("in", []):
            return False
        current = parent
    return True


def asked_keys(specs: list[dict[str, Any]], answers: dict[str, Any]) -> set[str]:
    by_key = {s["key"]: s for s in specs}
    return {s["key"] for s in specs if is_asked(s, answers, by_key)}


def prune_skipped(specs: list[dict[str, Any]], answers: dict[str, Any]) -> dict[str, Any]:
    """The answers without those to questions that the condition skips (or that don't exist)."""
    asked = asked_keys(specs, answers)
    return {key: value for key, value in answers.items() if key in asked}


# --- answer validation ------------------------------------------------------------------------


def _error(question: str, message: str, item: str = "") -> dict[str, str]:
    return {
        "field": f"{question}.{item}" if item else question,
        "question": question,
        "item": item,
        "message": message,
    }


def _option_keys(spec: dict[str, Any]) -> set[str]:
    return {o["key"] for o in spec.get("options", [])}


def _check_value(spec: dict[str, Any], value: Any, complete: bool) -> list[dict[str, str]]:
    key, kind = spec["key"], spec["type"]
    options = _option_keys(spec)
    if kind == QuestionType.SINGLE:
        if not isinstance(value, str) or value not in options:
            return [_error(key, _("Vælg en af svarmulighederne."))]
    elif kind == QuestionType.MULTIPLE:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return [_error(key, _("Svaret skal være en liste af svarmuligheder."))]
        unknown = [v for v in value if v not in options]
        if unknown:
            return [
                _error(key, _("Ukendt svarmulighed: %(option)s.") % {"option": ", ".join(unknown)})
            ]
        if len(set(value)) != len(value):
            return [_error(key, _("Samme svarmulighed er valgt flere gange."))]
    elif kind in ITEM_TYPES:
        if not isinstance(value, dict):
            return [_error(key, _("Svaret skal angive en svarmulighed for hvert delspørgsmål."))]
        items = {i["key"] for i in spec.get("items", [])}
        errors = []
        for item, option in value.items():
            if item not in items:
                errors.append(_error(key, _("Ukendt delspørgsmål."), item))
            elif not isinstance(option, str) or option not in options:
                errors.append(_error(key, _("Vælg en af svarmulighederne."), item))
        if complete and spec.get("required"):
            errors += [
                _error(key, _("Delspørgsmålet skal besvares."), i["key"])
                for i in spec.get("items", [])
                if i["key"] not in value
            ]
        return errors
    elif kind == QuestionType.NUMBER:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or abs(value) >= MAX_NUMBER
        ):
            return [_error(key, _("Angiv et tal."))]
    elif kind == QuestionType.TEXT:
        if not isinstance(value, str):
            return [_error(key, _("Svaret skal være tekst."))]
        if len(value) > MAX_TEXT_ANSWER:
            return [
                _error(
                    key,
                    _("Svaret må højst være %(max)d tegn.") % {"max": MAX_TEXT_ANSWER},
                )
            ]
        if "\x00" in value:
            return [_error(key, _("Svaret indeholder ugyldige tegn."))]
    return []


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def validate_answers(
    specs: list[dict[str, Any]], answers: Any, *, complete: bool = True
) -> list[dict[str, str]]:
    """Every problem with `answers` for the questions `specs` (empty list: valid). Answers to
    questions the condition skips are errors; so are unknown questions. With `complete`, required
    questions that are asked must be answered (all items of a required matrix/likert)."""
    if not isinstance(answers, dict):
        return [_error("", _("Svarene har et ugyldigt format."))]
    by_key = {s["key"]: s for s in specs}
    errors = [_error(str(key), _("Ukendt spørgsmål.")) for key in answers if str(key) not in by_key]
    for spec in specs:
        key = spec["key"]
        asked = is_asked(spec, answers, by_key)
        value = answers.get(key)
        if key in answers and not asked:
            errors.append(
                _error(key, _("Spørgsmålet stilles ikke efter de øvrige svar og må ikke besvares."))
            )
            continue
        if not asked:
            continue
        if _is_empty(value):
            if complete and spec.get("required"):
                errors.append(_error(key, _("Spørgsmålet skal besvares.")))
            continue
        errors += _check_value(spec, value, complete)
    return errors


# --- question definitions ---------------------------------------------------------------------


def _check_rows(rows: Any, field: str, label_key: str) -> list[dict[str, str]]:
    if not isinstance(rows, list):
        return [{"field": field, "message": _("Skal være en liste.")}]
    keys: set[str] = set()
    for row in rows:
        if not isinstance(row, dict) or not isinstance(row.get("key"), str):
            return [{"field": field, "message": _("Hver linje skal have en nøgle.")}]
        key = row["key"].strip()
        if not key or not key.replace("_", "").replace("-", "").isalnum() or len(key) > 60:
            return [
                {
                    "field": field,
                    "message": _("Ugyldig nøgle „%(key)s“: brug bogstaver, tal, - og _.")
                    % {"key": key},
                }
            ]
        if key in keys:
            return [
                {"field": field, "message": _("Nøglen „%(key)s“ findes to gange.") % {"key": key}}
            ]
        keys.add(key)
        if not str(row.get(label_key) or "").strip():
            return [
                {"field": field, "message": _("Linjen „%(key)s“ mangler tekst.") % {"key": key}}
            ]
    return []


def validate_question(
    spec: dict[str, Any], others: list[dict[str, Any]], order: dict[str, int]
) -> list[dict[str, str]]:
    """Problems with a question definition (`spec` has the editable fields and "key"); `others`
    are the version's other questions, `order` their position (a condition must point back)."""
    errors: list[dict[str, str]] = []
    if not str(spec.get("text") or "").strip():
        errors.append({"field": "text", "message": _("Spørgsmålet skal have en tekst.")})
    kind = spec.get("type")
    if kind not in QuestionType.values:
        errors.append({"field": "type", "message": _("Ukendt spørgsmålstype.")})
        return errors
    if kind in CHOICE_TYPES:
        errors += _check_rows(spec.get("options"), "options", "label")
        if not errors and len(spec.get("options") or []) < 2:
            errors.append({"field": "options", "message": _("Angiv mindst to svarmuligheder.")})
    elif spec.get("options"):
        errors.append({"field": "options", "message": _("Denne type har ingen svarmuligheder.")})
    if kind in ITEM_TYPES:
        errors += _check_rows(spec.get("items"), "items", "text")
        if not errors and not spec.get("items"):
            errors.append({"field": "items", "message": _("Angiv mindst ét delspørgsmål.")})
    elif spec.get("items"):
        errors.append({"field": "items", "message": _("Denne type har ingen delspørgsmål.")})
    condition = spec.get("condition")
    if condition:
        by_key = {o["key"]: o for o in others}
        parent = by_key.get(condition.get("question") if isinstance(condition, dict) else None)
        wanted = condition.get("in") if isinstance(condition, dict) else None
        if (
            parent is None
            or parent["type"] != QuestionType.SINGLE
            or order.get(parent["key"], 0) >= order.get(spec["key"], 0)
        ):
            errors.append(
                {
                    "field": "condition",
                    "message": _("Betingelsen skal henvise til et tidligere enkeltvalgsspørgsmål."),
                }
            )
        elif (
            not isinstance(wanted, list)
            or not wanted
            or not set(wanted) <= {o["key"] for o in parent["options"]}
        ):
            errors.append(
                {
                    "field": "condition",
                    "message": _("Betingelsen skal angive svarmuligheder fra det spørgsmål."),
                }
            )
    return errors


def copy_version(version: SurveyVersion, note: str = "") -> SurveyVersion:
    """A copy of `version` (sections and questions) as the survey's next version number."""
    number = (version.survey.versions.aggregate(m=Max("number"))["m"] or 0) + 1
    new = SurveyVersion.objects.create(survey=version.survey, number=number, note=note)
    sections = {}
    for section in version.sections.all():
        sections[section.pk] = Section.objects.create(
            version=new, key=section.key, title=section.title, order=section.order
        )
    Question.objects.bulk_create(
        Question(
            version=new,
            section=sections[q.section_id],
            key=q.key,
            text=q.text,
            help=q.help,
            type=q.type,
            options=q.options,
            items=q.items,
            required=q.required,
            condition=q.condition,
            order=q.order,
        )
        for q in version.questions.all()
    )
    return new


def _snapshot(question: Question) -> dict[str, Any]:
    return {field: getattr(question, field) for field in EDITABLE_FIELDS}


def _clean_rows(rows: Any, label_key: str, extra: tuple[str, ...] = ()) -> Any:
    if not isinstance(rows, list):
        return rows
    return [
        {
            "key": str(r.get("key", "")).strip(),
            label_key: str(r.get(label_key, "")).strip(),
            **{e: str(r.get(e, "")).strip() for e in extra},
        }
        if isinstance(r, dict)
        else r
        for r in rows
    ]


def edit_question(
    actor: Any, question: Question, data: dict[str, Any], *, source: str = "web"
) -> Question:
    """Change a question's text, help, type, options, items, required flag or condition (keys in
    `data`; the key itself never changes). Coordinators only. If the question's version has any
    response, the version is copied to the next number first and the change is made there; the
    returned question is the one that was changed."""
    if not is_coordinator(actor):
        raise PermissionDenied(_("Kun koordinatorer kan ændre spørgeskemaer."))
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationFailed(
            [{"field": f, "message": _("Feltet kan ikke ændres.")} for f in sorted(unknown)]
        )
    new_values = _snapshot(question) | data
    new_values["text"] = str(new_values.get("text") or "").strip()
    new_values["help"] = str(new_values.get("help") or "").strip()
    new_values["required"] = bool(new_values.get("required"))
    new_values["options"] = _clean_rows(new_values.get("options") or [], "label")
    new_values["items"] = _clean_rows(new_values.get("items") or [], "text", ("area",))
    new_values["condition"] = new_values.get("condition") or None
    if new_values["type"] not in CHOICE_TYPES:
        new_values["options"] = [] if not data.get("options") else new_values["options"]
    if new_values["type"] not in ITEM_TYPES:
        new_values["items"] = [] if not data.get("items") else new_values["items"]
    siblings = list(question.version.questions.select_related("section"))
    order = {q.key: (q.section.order, q.order) for q in siblings}
    others = [question_spec(q) for q in siblings if q.pk != question.pk]
    errors = validate_question(
        {"key": question.key, **new_values},
        others,
        {k: i for i, k in enumerate(sorted(order, key=order.__getitem__))},
    )
    if errors:
        raise ValidationFailed(errors)
    old = _snapshot(question)
    if all(old[f] == new_values[f] for f in EDITABLE_FIELDS):
        return question
    with transaction.atomic():
        version = SurveyVersion.objects.select_for_update().get(pk=question.version_id)
        target = question
        if version.has_responses():
            new_version = copy_version(
                version,
                note=_("Ændret spørgsmål „%(key)s“ (version %(number)d har besvarelser).")
                % {"key": question.key, "number": version.number},
            )
            audit(
                actor=actor,
                action="create",
                obj=new_version,
                changes={"copied_from": {"old": None, "new": version.number}},
                source=source,
            )
            target = new_version.questions.get(key=question.key)
        for field in EDITABLE_FIELDS:
            setattr(target, field, new_values[field])
        target.save()
        audit(
            actor=actor,
            action="update",
            obj=target,
            changes=audit_changes(old, _snapshot(target)),
            source=source,
        )
    return target
