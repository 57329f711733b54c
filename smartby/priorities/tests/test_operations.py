"""Operations: validation, history, audit and permissions per persona."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from smartby.audit.models import AuditEntry
from smartby.lib.errors import ValidationFailed
from smartby.priorities import operations
from smartby.priorities.models import Evidence, Recommendation, Round, Score, StatusEntry
from smartby.priorities.queries import round_results
from smartby.priorities.tests.helpers import make_round, score_data

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def rec(number: int = 10) -> Recommendation:
    return Recommendation.objects.get(number=number)


def test_status_entries_keep_history_and_the_newest_date_wins(coordinator):
    r = rec()
    operations.add_status_entry(
        coordinator, r, {"status": "i_gang", "date": "2023-03-01", "comment": "Startet"}
    )
    operations.add_status_entry(coordinator, r, {"status": "gennemfoert", "date": "2024-06-01"})
    # A backdated entry goes into the history but does not replace the newer status.
    operations.add_status_entry(coordinator, r, {"status": "ikke_paabegyndt", "date": "2022-01-01"})
    r.refresh_from_db()
    assert r.status == "gennemfoert" and r.status_date == datetime.date(2024, 6, 1)
    assert StatusEntry.objects.filter(recommendation=r).count() == 3
    first = StatusEntry.objects.get(recommendation=r, date="2023-03-01")
    assert first.created_by == coordinator and first.comment == "Startet"
    entry = AuditEntry.objects.filter(action="status", object_id=str(r.pk)).first()
    assert entry.actor == coordinator


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"status": "faerdig", "date": "2024-01-01"}, "status"),
        ({"status": "i_gang", "date": "i morgen"}, "date"),
        ({"status": "i_gang", "date": "2019-05-01"}, "date"),
        ({"status": "i_gang", "date": str(TODAY + datetime.timedelta(days=1))}, "date"),
        ({"status": "i_gang", "date": "2024-01-01", "comment": "x" * 4001}, "comment"),
    ],
)
def test_status_validation(coordinator, data, field):
    with pytest.raises(ValidationFailed) as exc:
        operations.add_status_entry(coordinator, rec(), data)
    assert field in [e["field"] for e in exc.value.errors]
    assert not StatusEntry.objects.exists()


def test_evidence_with_project_and_validation(coordinator):
    from smartby.registry.models import Project

    r = rec(27)
    project = Project.objects.first()
    data = {
        "title": "Målerdata på Energidataservice",
        "url": "https://www.energidataservice.dk/",
        "project": project.slug if project else "",
        "added_on": "2024-05-02",
    }
    evidence = operations.add_evidence(coordinator, r, data)
    assert evidence.project == project and evidence.created_by == coordinator
    with pytest.raises(ValidationFailed) as exc:
        operations.add_evidence(coordinator, r, data)  # the same link twice
    assert exc.value.errors[0]["field"] == "url"
    with pytest.raises(ValidationFailed) as exc:
        operations.add_evidence(
            coordinator,
            r,
            {"title": "", "url": "javascript:alert(1)", "project": "findes-ikke", "added_on": ""},
        )
    assert {e["field"] for e in exc.value.errors} >= {"title", "url", "project", "added_on"}
    operations.delete_evidence(coordinator, evidence)
    assert not Evidence.objects.exists()


@pytest.mark.parametrize("persona", ["editor_a", "superuser_plain"])
def test_follow_up_refused_for_non_coordinators(persona, editor_a, coordinator):
    from smartby.conftest import make_user

    user = editor_a if persona == "editor_a" else make_user("plain@example.org")
    r = rec()
    with pytest.raises(PermissionDenied):
        operations.add_status_entry(user, r, {"status": "i_gang", "date": "2024-01-01"})
    with pytest.raises(PermissionDenied):
        operations.add_evidence(
            user, r, {"title": "x", "url": "https://example.org/", "added_on": "2024-01-01"}
        )
    evidence = operations.add_evidence(
        coordinator, r, {"title": "x", "url": "https://example.org/", "added_on": "2024-01-01"}
    )
    with pytest.raises(PermissionDenied):
        operations.delete_evidence(user, evidence)
    assert not StatusEntry.objects.exists() and Evidence.objects.count() == 1


def test_round_lifecycle_and_scoring(coordinator, editor_a, editor_b, assessor_c):
    round = make_round(coordinator, assessors=[editor_a, editor_b])
    assert round.slug == "foraar-2026" and round.proposals.count() == 3
    n = operations.save_scores(
        editor_a, round, score_data(round, {"Chatbot til borgerservice": (4, 3, 5, 2)})
    )
    assert n == 1
    operations.save_scores(
        editor_b,
        round,
        score_data(
            round,
            {
                "Chatbot til borgerservice": (2, 3, 3, 2),
                "Digital parkeringsvejledning": (5, 5, 4, 1),
            },
        ),
    )
    # Saving again replaces the assessor's scores; an emptied proposal loses its score.
    operations.save_scores(
        editor_b, round, score_data(round, {"Chatbot til borgerservice": (2, 3, 3, 2)})
    )
    assert Score.objects.count() == 2
    results = {r.title: r for r in round_results(round)}
    chat = results["Chatbot til borgerservice"]
    assert chat.n == 2 and chat.criteria["value_citizens"].mean == 3.0
    assert chat.criteria["digital_difference"].stdev == 1.0 and chat.rank == 1
    assert results["Digital parkeringsvejledning"].rank is None
    # Not invited: refused.
    with pytest.raises(PermissionDenied):
        operations.save_scores(assessor_c, round, score_data(round, {}))
    with pytest.raises(PermissionDenied):
        operations.save_scores(coordinator, round, score_data(round, {}))
    # Closed: no scoring, no new proposals; publishing needs a closed round.
    with pytest.raises(ValidationFailed):
        operations.change_round_state(coordinator, round, "publish")
    round = operations.change_round_state(coordinator, round, "close")
    with pytest.raises(PermissionDenied):
        operations.save_scores(editor_a, round, score_data(round, {}))
    with pytest.raises(ValidationFailed):
        operations.create_proposal(coordinator, round, {"title": "Sent forslag"})
    round = operations.change_round_state(coordinator, round, "publish")
    assert round.published and round.published_at
    round = operations.change_round_state(coordinator, round, "reopen")
    assert round.is_open and not round.published
    with pytest.raises(ValidationFailed):
        operations.change_round_state(coordinator, round, "explode")


def test_score_validation_is_all_or_nothing(coordinator, editor_a):
    round = make_round(coordinator, assessors=[editor_a])
    data = score_data(
        round,
        {"Chatbot til borgerservice": (4, 3, 5, 2), "Digital parkeringsvejledning": (5, 5, 4, 1)},
    )
    parking = round.proposals.get(title="Digital parkeringsvejledning")
    data[f"p{parking.pk}-value_goals"] = "9"
    data[f"p{parking.pk}-investment"] = ""
    with pytest.raises(ValidationFailed) as exc:
        operations.save_scores(editor_a, round, data)
    fields = {e["field"] for e in exc.value.errors}
    assert fields == {f"p{parking.pk}-value_goals", f"p{parking.pk}-investment"}
    assert not Score.objects.exists()


def test_round_validation(coordinator, editor_a):
    with pytest.raises(ValidationFailed) as exc:
        operations.create_round(coordinator, {"title": "  ", "description": ""})
    assert exc.value.errors[0]["field"] == "title"
    round = make_round(coordinator)
    with pytest.raises(ValidationFailed) as exc:
        operations.create_proposal(coordinator, round, {"title": "chatbot til borgerservice"})
    assert exc.value.errors[0]["field"] == "title"
    with pytest.raises(ValidationFailed):
        operations.create_proposal(coordinator, round, {"title": "Ny", "recommendation": "99"})
    for email in ("ingen@example.org", "ikke en email"):
        with pytest.raises(ValidationFailed):
            operations.invite_assessor(coordinator, round, {"email": email})
    operations.invite_assessor(coordinator, round, {"email": editor_a.email.upper()})
    with pytest.raises(ValidationFailed):  # already invited
        operations.invite_assessor(coordinator, round, {"email": editor_a.email})
    p = operations.create_proposal(coordinator, round, {"title": "Ny", "recommendation": "16"})
    assert p.recommendation.number == 16


def test_round_writes_refused_for_non_coordinators(coordinator, editor_a):
    round = make_round(coordinator, assessors=[editor_a])
    proposal = round.proposals.first()
    assessor = round.assessors.get()
    calls = [
        lambda: operations.create_round(editor_a, {"title": "Min runde"}),
        lambda: operations.update_round(editor_a, round, {"title": "Ændret"}),
        lambda: operations.change_round_state(editor_a, round, "close"),
        lambda: operations.create_proposal(editor_a, round, {"title": "Mit forslag"}),
        lambda: operations.update_proposal(editor_a, proposal, {"title": "Ændret"}),
        lambda: operations.delete_proposal(editor_a, proposal),
        lambda: operations.invite_assessor(editor_a, round, {"email": coordinator.email}),
        lambda: operations.remove_assessor(editor_a, assessor),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    round.refresh_from_db()
    assert round.title == "Forår 2026" and round.is_open and Round.objects.count() == 1
    assert round.proposals.count() == 3 and round.assessors.count() == 1
