"""/healthz on the real database: the checks, the task queue's depth and age, the states."""

import datetime as dt

import pytest
from django.db import connections
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from smartby.effect.models import PageView
from smartby.observability import health

pytestmark = pytest.mark.django_db


def enqueue(*, ago: dt.timedelta = dt.timedelta(0), run_after=None) -> DBTaskResult:
    """A ready task row, as the backend writes it when no worker is running."""
    task = DBTaskResult.objects.create(
        task_path="smartby.reminders.tasks.send_reminders",
        queue_name="default",
        backend_name="default",
        args_kwargs={"args": [], "kwargs": {}},
        run_after=run_after or get_date_max(),
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - ago)
    return task


def test_healthz_is_ok_with_an_empty_queue(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["database"]["latency_ms"] >= 0
    assert body["checks"]["replica"] == {
        "status": "ok",
        "configured": False,
        "detail": "not configured",
    }
    assert body["checks"]["task_queue"]["ready"] == 0
    assert body["checks"]["task_queue"]["status"] == "ok"


def test_ready_tasks_are_counted_with_the_oldest_age(client):
    enqueue(ago=dt.timedelta(seconds=30))
    enqueue(ago=dt.timedelta(seconds=5))
    # Not ready: waiting for its run_after, or already finished.
    enqueue(run_after=timezone.now() + dt.timedelta(hours=1))
    DBTaskResult.objects.filter(pk=enqueue().pk).update(status="SUCCESSFUL")
    queue = client.get("/healthz").json()["checks"]["task_queue"]
    assert queue["ready"] == 2
    assert 29 <= queue["oldest_ready_age_seconds"] < 60
    assert queue["status"] == "ok"


def test_a_task_whose_run_after_passed_is_ready_since_then():
    enqueue(ago=dt.timedelta(hours=2), run_after=timezone.now() - dt.timedelta(seconds=20))
    depth, age = health.queue_stats()
    assert depth == 1
    assert 19 <= age < 60


def test_an_old_task_makes_the_site_degraded_but_still_200(client, settings):
    settings.TASK_QUEUE_MAX_AGE_SECONDS = 60
    enqueue(ago=dt.timedelta(minutes=5))
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["task_queue"]["status"] == "degraded"


def test_a_deep_queue_makes_the_site_degraded(client, settings):
    settings.TASK_QUEUE_MAX_DEPTH = 2
    for _ in range(3):
        enqueue()
    assert client.get("/healthz").json()["status"] == "degraded"


@pytest.fixture
def wrapper():
    """`wrapper(**overrides)`: a separate connection to the test database (or, with a PORT
    where nothing listens, a dead one), closed afterwards."""
    made = []

    def make(**overrides):
        default = connections["default"]
        made.append(default.__class__({**default.settings_dict, **overrides}, "default"))
        return made[-1]

    yield make
    for each in made:
        each.close()


DEAD = {"HOST": "127.0.0.1", "PORT": 1}


def test_a_working_replica_is_checked(client, wrapper, monkeypatch):
    monkeypatch.setattr(health, "replica", lambda: wrapper())
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["checks"]["replica"]["configured"] is True
    assert body["checks"]["replica"]["latency_ms"] >= 0


def test_a_dead_replica_degrades_without_leaking_the_error_text(client, wrapper, monkeypatch):
    monkeypatch.setattr(health, "replica", lambda: wrapper(**DEAD))
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["replica"] == {
        "status": "degraded",
        "error": "OperationalError",
        "configured": True,
    }


def test_a_dead_primary_fails_with_503(client, wrapper, monkeypatch):
    monkeypatch.setattr(health, "primary", lambda: wrapper(**DEAD))
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["checks"]["database"] == {"status": "fail", "error": "OperationalError"}
    assert body["checks"]["task_queue"]["status"] == "fail"


def test_overall_state_is_the_worst_check():
    assert health.overall({"a": {"status": "ok"}, "b": {"status": "ok"}}) == "ok"
    assert health.overall({"a": {"status": "degraded"}, "b": {"status": "ok"}}) == "degraded"
    assert health.overall({"a": {"status": "degraded"}, "b": {"status": "fail"}}) == "fail"


def test_healthz_is_not_a_page_view_and_refuses_posts(client):
    client.get("/healthz", HTTP_USER_AGENT="Mozilla/5.0 monitor")
    assert not PageView.objects.exists()
    assert client.post("/healthz").status_code == 405


def test_healthz_is_cheap(client, django_assert_max_num_queries):
    client.get("/healthz")
    with django_assert_max_num_queries(3):
        assert client.get("/healthz").status_code == 200
