"""Guides: versioning, restore, permissions; kompetencetjek: saving results, peers."""

import pytest
from django.core.exceptions import PermissionDenied

from smartby.audit.models import AuditEntry
from smartby.guides import operations, queries
from smartby.guides.models import Guide, GuideVersion, Result
from smartby.guides.tests.helpers import answers, assessment, edit_data
from smartby.lib.errors import ValidationFailed
from smartby.orgs.models import Organisation
from smartby.registry.models import Area

pytestmark = pytest.mark.django_db


def new_guide_data(**overrides):
    data = {
        "kind": "anden",
        "title": "Sådan bruger I droner",
        "summary": "Regler og erfaringer med droner i kommunen.",
        "body": "## Regler\nDroner kræver tilladelse.\n\n## Erfaringer\nGode.",
        "change_note": "",
    }
    data.update(overrides)
    return data


def test_reference_content_exists():
    kinds = set(Guide.objects.values_list("kind", flat=True))
    assert kinds == {"udbudstips", "elevatortale", "baeredygtig-omstilling", "standarder"}
    pitches = Guide.objects.filter(kind="elevatortale")
    assert pitches.count() == Area.objects.count() == 7
    assert set(pitches.values_list("area__slug", flat=True)) == set(
        Area.objects.values_list("slug", flat=True)
    )
    for guide in Guide.objects.all():
        assert guide.current_version.number == 1
        assert len(guide.body) > 500
    a = assessment()
    assert a.dimensions.count() == 7
    assert 20 <= sum(d.questions.count() for d in a.dimensions.all()) <= 25


def test_create_guide_by_coordinator(coordinator):
    guide = operations.create_guide(coordinator, new_guide_data())
    assert guide.slug == "saadan-bruger-i-droner"
    assert guide.current_version.number == 1
    assert guide.current_version.author == coordinator
    assert AuditEntry.objects.filter(object_type="guides.guide", action="create").exists()


@pytest.mark.parametrize("persona", ["anonymous", "editor_a"])
def test_only_coordinators_create_and_delete(persona, editor_a, rf):
    from django.contrib.auth.models import AnonymousUser

    actor = AnonymousUser() if persona == "anonymous" else editor_a
    with pytest.raises(PermissionDenied):
        operations.create_guide(actor, new_guide_data())
    guide = Guide.objects.get(slug="udbudstips")
    with pytest.raises(PermissionDenied):
        operations.delete_guide(actor, guide)
    assert Guide.objects.filter(pk=guide.pk).exists()


def test_pitch_needs_a_free_area(coordinator):
    with pytest.raises(ValidationFailed) as exc:
        operations.create_guide(coordinator, new_guide_data(kind="elevatortale"))
    assert exc.value.errors[0]["field"] == "area"
    taken = Area.objects.get(slug="forsyning")
    with pytest.raises(ValidationFailed) as exc:
        operations.create_guide(coordinator, new_guide_data(kind="elevatortale", area=taken.pk))
    assert "allerede" in exc.value.errors[0]["message"]
    with pytest.raises(ValidationFailed) as exc:
        operations.create_guide(coordinator, new_guide_data(area=taken.pk))
    assert exc.value.errors[0]["field"] == "area"
    new_area = Area.objects.create(name="Beredskab", slug="beredskab")
    pitch = operations.create_guide(
        coordinator, new_guide_data(kind="elevatortale", area=new_area.pk)
    )
    assert pitch.area == new_area


def test_invalid_create_writes_nothing(coordinator):
    before = (Guide.objects.count(), GuideVersion.objects.count())
    with pytest.raises(ValidationFailed) as exc:
        operations.create_guide(coordinator, new_guide_data(title="", body="\x00"))
    fields = {e["field"] for e in exc.value.errors}
    assert {"title", "body"} <= fields
    assert (Guide.objects.count(), GuideVersion.objects.count()) == before


def test_every_edit_is_a_new_version(editor_a, editor_b):
    guide = Guide.objects.get(slug="udbudstips")
    first = guide.current_version
    v2 = operations.update_guide(
        editor_a, guide, edit_data(guide, body=guide.body + "\n\nEt nyt afsnit.", change_note="Nyt")
    )
    assert v2.number == 2 and v2.author == editor_a and v2.change_note == "Nyt"
    guide.refresh_from_db()
    assert guide.current_version == v2
    v3 = operations.update_guide(editor_b, guide, edit_data(guide, title="Udbudstips (2025)"))
    guide.refresh_from_db()
    assert guide.title == "Udbudstips (2025)" and v3.number == 3
    # Old versions are untouched.
    first.refresh_from_db()
    assert first.number == 1 and "Et nyt afsnit" not in first.body
    entries = AuditEntry.objects.filter(object_type="guides.guide", object_id=str(guide.pk))
    assert entries.filter(action="update").count() == 2
    assert entries.filter(changes__title__new="Udbudstips (2025)").exists()


def test_edit_without_change_or_from_an_old_version_is_refused(editor_a):
    guide = Guide.objects.get(slug="udbudstips")
    with pytest.raises(ValidationFailed) as exc:
        operations.update_guide(editor_a, guide, edit_data(guide))
    assert "ikke ændret" in exc.value.errors[0]["message"]
    stale = edit_data(guide, body="Min version")
    operations.update_guide(editor_a, guide, edit_data(guide, body="En andens version"))
    with pytest.raises(ValidationFailed) as exc:
        operations.update_guide(editor_a, guide, stale)
    assert exc.value.errors[0]["field"] == "base_version"
    guide.refresh_from_db()
    assert guide.body == "En andens version"


def test_anonymous_and_members_of_no_organisation_cannot_edit(db):
    from django.contrib.auth.models import AnonymousUser

    from smartby.conftest import make_user

    guide = Guide.objects.get(slug="udbudstips")
    loner = make_user("ingen@example.org")
    for actor in (AnonymousUser(), loner):
        with pytest.raises(PermissionDenied):
            operations.update_guide(actor, guide, edit_data(guide, body="x"))
        with pytest.raises(PermissionDenied):
            operations.restore_version(actor, guide, 1)
    assert guide.versions.count() == 1


def test_restore_creates_a_new_version(editor_a, coordinator):
    guide = Guide.objects.get(slug="udbudstips")
    original = guide.body
    operations.update_guide(editor_a, guide, edit_data(guide, body="Ødelagt tekst"))
    restored = operations.restore_version(coordinator, guide, 1)
    guide.refresh_from_db()
    assert restored.number == 3
    assert guide.body == original
    assert "version 1" in restored.change_note
    assert list(guide.versions.values_list("number", flat=True)) == [3, 2, 1]
    with pytest.raises(ValidationFailed):
        operations.restore_version(coordinator, guide, 3)  # already current
    with pytest.raises(ValidationFailed):
        operations.restore_version(coordinator, guide, 99)
    assert AuditEntry.objects.filter(action="restore", object_id=str(guide.pk)).exists()


def test_delete_guide(coordinator):
    guide = Guide.objects.get(slug="udbudstips")
    operations.delete_guide(coordinator, guide)
    assert not Guide.objects.filter(slug="udbudstips").exists()
    assert not GuideVersion.objects.filter(guide_id=guide.pk).exists()
    assert AuditEntry.objects.filter(action="delete", object_type="guides.guide").exists()


# --- kompetencetjek ---------------------------------------------------------------------------


def test_score_answers_validates_everything():
    a = assessment()
    raw = answers(4)
    first, second = list(raw)[:2]
    raw[first] = ""
    raw[second] = "7"
    raw["999999"] = 1
    with pytest.raises(ValidationFailed) as exc:
        operations.score_answers(a, raw)
    errors = {e["field"]: e["message"] for e in exc.value.errors}
    assert errors[f"answers.{first}"] == "Vælg et svar på spørgsmålet."
    assert "0 til 4" in errors[f"answers.{second}"]
    assert "findes ikke" in errors["answers.999999"]
    assert len(errors) == 3


def test_score_answers_all_fours_is_100():
    _answers, scores = operations.score_answers(assessment(), answers(4))
    assert scores.total == 100.0
    assert all(d.level == "hoej" for d in scores.dimensions)


def test_save_result_for_own_organisation(editor_a, org_a):
    result = operations.save_result(editor_a, assessment(), org_a, answers(2, data=4))
    assert result.organisation == org_a and result.created_by == editor_a
    assert result.scores["data"] == 100.0
    assert result.scores["strategi-og-ledelse"] == 50.0
    # total: (6 · 50 + 100) / 7 = 57.14
    assert result.total == 57.1
    assert AuditEntry.objects.filter(object_type="guides.result", action="create").exists()


def test_save_result_refused_for_other_organisations(editor_a, coordinator, org_b):
    from django.contrib.auth.models import AnonymousUser

    for actor in (editor_a, coordinator, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            operations.save_result(actor, assessment(), org_b, answers(2))
    assert not Result.objects.exists()


def test_save_incomplete_result_writes_nothing(editor_a, org_a):
    raw = answers(2)
    raw.pop(next(iter(raw)))
    with pytest.raises(ValidationFailed):
        operations.save_result(editor_a, assessment(), org_a, raw)
    with pytest.raises(ValidationFailed):
        operations.save_result(editor_a, assessment(), None, answers(2))
    assert not Result.objects.exists()


def _save(org, value, when=None):
    from django.utils import timezone

    a = assessment()
    _answers, scores = operations.score_answers(a, answers(value))
    return Result.objects.create(
        organisation=org,
        assessment=a,
        answers=answers(value),
        scores=scores.as_dict(),
        total=scores.total,
        created_at=when or timezone.now(),
    )


def test_peer_averages_need_three_other_organisations(org_a):
    import datetime as dt

    others = list(Organisation.objects.filter(kind="kommune").exclude(pk=org_a.pk)[:3])
    _save(org_a, 4)
    _save(others[0], 0)
    _save(others[1], 2)
    peers = queries.peer_averages(assessment(), exclude=org_a)
    assert peers.count == 2 and not peers.shown and peers.averages == {}
    # Only each organisation's latest result counts: others[1] improves from 2 to 4.
    old = _save(others[2], 4)
    old.created_at -= dt.timedelta(days=300)
    old.save()
    _save(others[2], 1)
    peers = queries.peer_averages(assessment(), exclude=org_a)
    assert peers.shown and peers.count == 3
    # latest answers 0, 2, 1 → scores 0, 50, 25 in every dimension → average 25
    assert set(peers.averages.values()) == {25.0}
    assert peers.total == 25.0
    # Without exclusion (the public API) org_a's 100 is in: (0 + 50 + 25 + 100) / 4
    assert queries.peer_averages(assessment()).total == 43.8


def test_results_over_time_with_change(org_a):
    import datetime as dt

    first = _save(org_a, 1)
    first.created_at -= dt.timedelta(days=200)
    first.save()
    _save(org_a, 3)
    slugs = list(assessment().dimensions.values_list("slug", flat=True))
    newest, oldest = queries.results_over_time(org_a, slugs)
    assert newest.cells[0].score == 75.0 and newest.cells[0].change == 50.0
    assert newest.total.change == 50.0
    assert oldest.cells[0].change is None


def test_managing_questions_is_for_coordinators(coordinator, editor_a):
    a = assessment()
    dimension = a.dimensions.get(slug="data")
    question = dimension.questions.first()
    data = {
        "dimension": dimension.pk,
        "text": "Vi har en datastrategi.",
        "help": "",
        "weight": 2,
        "order": 9,
    }
    with pytest.raises(PermissionDenied):
        operations.save_question(editor_a, a, data)
    with pytest.raises(PermissionDenied):
        operations.delete_question(editor_a, question)
    with pytest.raises(PermissionDenied):
        operations.update_dimension(editor_a, dimension, {})
    created = operations.save_question(coordinator, a, data)
    assert created.dimension == dimension
    with pytest.raises(ValidationFailed) as exc:
        operations.save_question(coordinator, a, data | {"weight": 0}, created)
    assert exc.value.errors[0]["field"] == "weight"
    operations.delete_question(coordinator, created)
    dim_data = {
        "name": dimension.name,
        "description": dimension.description,
        "low_below": 80,
        "high_from": 60,
        "advice_low": "a",
        "advice_middle": "b",
        "advice_high": "c",
    }
    with pytest.raises(ValidationFailed) as exc:
        operations.update_dimension(coordinator, dimension, dim_data)
    assert exc.value.errors[0]["field"] == "high_from"
    operations.update_dimension(coordinator, dimension, dim_data | {"low_below": 30})
    dimension.refresh_from_db()
    assert dimension.low_below == 30


def test_last_question_of_a_dimension_cannot_be_deleted(coordinator):
    dimension = assessment().dimensions.get(slug="data")
    *rest, last = list(dimension.questions.all())
    for q in rest:
        operations.delete_question(coordinator, q)
    with pytest.raises(ValidationFailed):
        operations.delete_question(coordinator, last)
