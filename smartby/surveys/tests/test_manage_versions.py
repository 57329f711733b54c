"""Question specs, answer validation and versioned question edits (versions.py)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from smartby.audit.models import AuditEntry
from smartby.geo.models import Municipality
from smartby.lib.errors import ValidationFailed
from smartby.surveys import operations
from smartby.surveys.models import Question, Response, ResponseStatus, Survey
from smartby.surveys.versions import (
    edit_question,
    prune_skipped,
    question_specs,
    validate_answers,
)

pytestmark = pytest.mark.django_db

SPECS = [
    {
        "key": "screen",
        "type": "single",
        "required": True,
        "options": [{"key": "yes", "label": "Ja"}, {"key": "no", "label": "Nej"}],
        "condition": None,
    },
    {
        "key": "why",
        "type": "multiple",
        "options": [{"key": "a", "label": "A"}, {"key": "b", "label": "B"}],
        "condition": {"question": "screen", "in": ["yes"]},
    },
    {
        "key": "grid",
        "type": "matrix",
        "required": True,
        "options": [{"key": "have", "label": "Har"}, {"key": "no", "label": "Nej"}],
        "items": [{"key": "x", "text": "X", "area": ""}, {"key": "y", "text": "Y", "area": ""}],
        "condition": None,
    },
    {"key": "count", "type": "number", "options": [], "condition": None},
    {"key": "note", "type": "text", "options": [], "condition": None},
]


def fields(errors):
    return [e["field"] for e in errors]


def test_valid_and_skipped_answers():
    ok = {"screen": "yes", "why": ["a", "b"], "grid": {"x": "have", "y": "no"}, "count": 3.5}
    assert validate_answers(SPECS, ok) == []
    skipped = {"screen": "no", "why": ["a"], "grid": {"x": "no", "y": "no"}}
    assert fields(validate_answers(SPECS, skipped)) == ["why"]
    assert prune_skipped(SPECS, skipped) == {"screen": "no", "grid": {"x": "no", "y": "no"}}


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"screen": "maybe"}, ["screen"]),
        ({"screen": "yes", "why": ["a", "a"]}, ["why"]),
        ({"screen": "yes", "why": ["c"]}, ["why"]),
        ({"screen": "yes", "why": "a"}, ["why"]),
        ({"grid": {"x": "have", "z": "no"}}, ["grid.z"]),
        ({"grid": {"x": "maybe"}}, ["grid.x"]),
        ({"count": "12"}, ["count"]),
        ({"count": True}, ["count"]),
        ({"count": float("nan")}, ["count"]),
        ({"note": 12}, ["note"]),
        ({"note": "x" * 5001}, ["note"]),
        ({"unknown": 1}, ["unknown"]),
    ],
)
def test_invalid_values_are_reported_per_field(answers, expected):
    assert fields(validate_answers(SPECS, answers, complete=False)) == expected


def test_required_questions_and_items():
    errors = validate_answers(SPECS, {"grid": {"x": "have"}})
    assert fields(errors) == ["screen", "grid.y"]
    assert errors[0]["message"] == "Spørgsmålet skal besvares."
    assert validate_answers(SPECS, {"grid": {"x": "have"}}, complete=False) == []
    assert fields(validate_answers(SPECS, ["not", "a", "dict"])) == [""]


def test_question_specs_shape():
    version = Survey.objects.get(key="cedi-2014").latest_version()
    specs = question_specs(version)
    first = specs[0]
    assert list(first) == ["key", "section", "text", "type", "required", "options", "condition"]
    matrix = next(s for s in specs if s["type"] == "matrix")
    assert set(matrix["items"][0]) == {"key", "text", "area"}
    assert all(set(o) == {"key", "label"} for s in specs for o in s["options"])
    text = next(s for s in specs if s["type"] == "text")
    assert text["options"] == [] and "items" not in text


def open_round(coordinator):
    today = timezone.localdate()
    survey = Survey.objects.get(key="cedi-2014")
    return operations.create_round(
        coordinator,
        survey,
        {
            "name": "Runde 2026",
            "opens_on": today - datetime.timedelta(days=1),
            "closes_on": today + datetime.timedelta(days=30),
        },
    )


def test_edit_without_responses_changes_the_version_in_place(coordinator):
    question = Question.objects.get(version__survey__key="cedi-2014", key="comments")
    changed = edit_question(coordinator, question, {"text": "Andre kommentarer?"})
    assert changed.pk == question.pk
    assert Survey.objects.get(key="cedi-2014").versions.count() == 1
    entry = AuditEntry.objects.get(object_type="surveys.question", object_id=str(question.pk))
    assert entry.changes["text"]["new"] == "Andre kommentarer?"


def test_edit_with_responses_creates_a_new_version(coordinator):
    round_ = open_round(coordinator)
    Response.objects.create(
        round=round_,
        municipality=Municipality.objects.get(code="751"),
        status=ResponseStatus.DRAFT,
        answers={"smart_city": "none"},
    )
    question = Question.objects.get(version=round_.version, key="smart_city")
    changed = edit_question(coordinator, question, {"help": "Ny hjælpetekst"})
    assert changed.version.number == 2 and changed.help == "Ny hjælpetekst"
    question.refresh_from_db()
    assert question.help != "Ny hjælpetekst"
    round_.refresh_from_db()
    assert round_.version.number == 1  # the round keeps its questions
    assert changed.version.questions.count() == question.version.questions.count()
    assert changed.version.sections.count() == question.version.sections.count()
    new_round = open_round(coordinator)
    assert new_round.version.number == 2  # new rounds use the newest version
    assert AuditEntry.objects.filter(object_type="surveys.surveyversion", action="create").exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"text": "  "}, "text"),
        ({"type": "essay"}, "type"),
        ({"options": [{"key": "a", "label": "A"}, {"key": "a", "label": "B"}]}, "options"),
        ({"options": [{"key": "a b", "label": "A"}, {"key": "c", "label": "C"}]}, "options"),
        ({"options": [{"key": "a", "label": ""}, {"key": "c", "label": "C"}]}, "options"),
        ({"options": [{"key": "a", "label": "A"}]}, "options"),
        ({"condition": {"question": "initiatives", "in": ["have"]}}, "condition"),
        ({"condition": {"question": "smart_city", "in": ["nope"]}}, "condition"),
        ({"key": "new_key"}, "key"),
    ],
)
def test_invalid_edits_are_refused(coordinator, data, field):
    question = Question.objects.get(version__survey__key="cedi-2014", key="political_anchoring")
    with pytest.raises(ValidationFailed) as exc:
        edit_question(coordinator, question, data)
    assert field in [e["field"] for e in exc.value.errors]
    assert Survey.objects.get(key="cedi-2014").versions.count() == 1


def test_a_condition_must_point_back(coordinator):
    question = Question.objects.get(version__survey__key="cedi-2014", key="smart_city")
    with pytest.raises(ValidationFailed):
        edit_question(
            coordinator, question, {"condition": {"question": "organisation", "in": ["other"]}}
        )


@pytest.mark.parametrize("persona", ["editor_a", "anonymous"])
def test_only_coordinators_edit_questions(request, persona):
    from django.contrib.auth.models import AnonymousUser

    user = AnonymousUser() if persona == "anonymous" else request.getfixturevalue(persona)
    question = Question.objects.get(version__survey__key="cedi-2014", key="comments")
    with pytest.raises(PermissionDenied):
        edit_question(user, question, {"text": "Hej"})


def test_superuser_edits_questions(superuser):
    question = Question.objects.get(version__survey__key="cedi-2014", key="comments")
    assert edit_question(superuser, question, {"required": True}).required is True
