"""Property tests (hypothesis) over the registry's input paths: the upload's content check, the
interchange record -> ProjectEditor path of the import, the edit form and its base_version.
Whatever comes in, the only outcome besides success is the documented validation error, and
what is stored validates again."""

import datetime as dt
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartby.lib.errors import ValidationFailed
from smartby.lib.uploads import UploadRejected, read_json_upload
from smartby.registry import operations
from smartby.registry.forms import ProjectEditor
from smartby.registry.interchange import FORMAT
from smartby.registry.models import Project
from smartby.registry.tests.helpers import edit_data, make_project, project_data

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)

# Text as people and machines send it: any unicode (NULs and lone surrogates included), digits,
# dates that are almost dates, huge numbers.
nasty_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.sampled_from(["\x00", "a\x00b", "\ud800", "2025-02-30", "2025-13-01", "0000-00-00", "-1"]),
    st.integers().map(str),
    st.sampled_from(["9" * 40, "1e309", "NaN", "Infinity", "-0", "1,5", "12.345.678"]),
    st.dates().map(dt.date.isoformat),
)
json_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    nasty_text,
)
json_value = st.recursive(
    json_scalar,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)

RECORD_KEYS = [
    "id",
    "title",
    "summary",
    "description",
    "municipalities",
    "lead_organisation",
    "area",
    "technologies",
    "status",
    "start_date",
    "end_date",
    "budget_dkk",
    "funding",
    "partners",
    "benefits",
    "contacts",
    "links",
    "datasets",
    "standards",
    "location",
    "locations",
    "last_verified",
]


def good_record(uid: str = "fuzz-1") -> dict[str, Any]:
    return {
        "id": uid,
        "title": "Fuzz-projekt",
        "summary": "Et resumé.",
        "municipalities": ["751"],
        "lead_organisation": "Aarhus Kommune",
        "area": "Forsyning",
        "status": "pilot",
    }


@st.composite
def mutated_records(draw: st.DrawFn) -> dict[str, Any]:
    """A valid record with some keys replaced by arbitrary JSON values, or with formset rows
    holding arbitrary values."""
    record = good_record()
    for key in draw(st.lists(st.sampled_from(RECORD_KEYS), max_size=4, unique=True)):
        record[key] = draw(json_value)
    for key in draw(st.lists(st.sampled_from(["funding", "benefits", "contacts", "links"]))):
        record[key] = draw(st.lists(st.dictionaries(st.text(max_size=12), json_scalar), max_size=2))
    if draw(st.booleans()):
        record["location"] = {"lat": draw(json_scalar), "lon": draw(json_scalar)}
    return record


def assert_stored_projects_are_valid() -> None:
    """Every stored project passes its own edit form again (what was stored is valid)."""
    for project in Project.objects.all():
        editor = ProjectEditor(edit_data(project), instance=project)
        assert editor.is_valid(), (project.uid, editor.errors())


@FUZZ
@given(content=st.one_of(st.binary(max_size=300), json_value.map(lambda v: json.dumps(v).encode())))
def test_upload_content_check_accepts_or_rejects_cleanly(content):
    upload = SimpleUploadedFile("x.json", content)
    try:
        read_json_upload(upload, limit=200)
    except UploadRejected as exc:
        assert str(exc)


@FUZZ
@given(records=st.lists(mutated_records(), min_size=1, max_size=3))
def test_import_of_arbitrary_records_never_crashes_and_stores_only_valid_data(editor_a, records):
    for i, record in enumerate(records):
        if isinstance(record.get("id"), str) or record.get("id") is None:
            record["id"] = f"fuzz-{i}"
    with transaction.atomic():
        before = Project.objects.count()
        result = operations.import_upload(
            editor_a, {"format": FORMAT, "projects": records}, dry_run=False
        )
        if result.ok:
            assert Project.objects.count() == before + result.created
            assert_stored_projects_are_valid()
        else:
            assert Project.objects.count() == before  # all or nothing
            assert all(e["message"] for e in result.errors)
        transaction.set_rollback(True)


@FUZZ
@given(
    overrides=st.dictionaries(
        st.sampled_from(
            [
                "title",
                "summary",
                "description",
                "status",
                "start_date",
                "end_date",
                "budget_dkk",
                "last_verified",
                "lead_organisation",
                "area",
                "funding-0-amount_dkk",
                "benefits-0-value",
                "contacts-0-phone",
                "contacts-0-email",
                "locations-0-lat",
                "locations-0-lon",
                "links-0-url",
                "funding-TOTAL_FORMS",
                "contacts-INITIAL_FORMS",
            ]
        ),
        nasty_text,
        max_size=4,
    )
)
def test_project_form_never_crashes_and_stores_only_valid_data(editor_a, overrides):
    with transaction.atomic():
        data = project_data()
        data.update(overrides)
        try:
            project = operations.create_project(editor_a, data)
        except ValidationFailed as exc:
            assert exc.errors
        else:
            assert "\x00" not in project.title + project.summary + project.description
            assert_stored_projects_are_valid()
        transaction.set_rollback(True)


@FUZZ
@given(base_version=nasty_text, title=nasty_text)
def test_edit_with_any_base_version_saves_only_the_current_version(editor_a, base_version, title):
    with transaction.atomic():
        project = make_project(editor_a)
        current = edit_data(project)["base_version"]
        try:
            operations.update_project(
                editor_a, project, edit_data(project, title=title, base_version=base_version)
            )
        except ValidationFailed as exc:  # EditConflict is one
            assert exc.errors
        else:
            assert base_version in ("", current) or not base_version.strip()
            assert_stored_projects_are_valid()
        transaction.set_rollback(True)
