"""/metrics: the text format parses, labels are route names, access is loopback or a token."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.parser import text_string_to_metric_families

from smartby.lib import emails
from smartby.observability.metrics import REGISTRY
from smartby.registry.tests.helpers import make_project

pytestmark = pytest.mark.django_db


def scrape(client, **headers) -> dict[str, list]:
    response = client.get("/metrics", **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    families = text_string_to_metric_families(response.content.decode())
    return {family.name: family.samples for family in families}


def detail_counts(client) -> dict[tuple[str, str], float]:
    """Requests to the project page so far, by (method, status class). The counters live as
    long as the test process, so tests compare before and after."""
    samples = scrape(client)["smartby_http_requests"]
    return {
        (s.labels["method"], s.labels["status"]): s.value
        for s in samples
        if s.name.endswith("_total") and s.labels["route"] == "registry:project_detail"
    }


def test_requests_are_counted_by_route_name_never_by_path(client):
    before = detail_counts(client)
    project = make_project(None, title="Sensorer i Aarhus")
    assert client.get(project.get_absolute_url()).status_code == 200
    assert client.get("/projekter/findes-ikke/").status_code == 404
    assert client.get("/ingen-side-her/").status_code == 404
    metrics = scrape(client)
    requests = metrics["smartby_http_requests"]
    routes = {s.labels["route"] for s in requests}
    assert "registry:project_detail" in routes
    assert "unmatched" in routes
    after = detail_counts(client)
    added = {k: v - before.get(k, 0) for k, v in after.items() if v != before.get(k, 0)}
    assert added == {("GET", "2xx"): 1, ("GET", "4xx"): 1}
    every_label = {v for samples in metrics.values() for s in samples for v in s.labels.values()}
    assert not any(project.slug in value or "findes-ikke" in value for value in every_label)
    latency = metrics["smartby_http_request_duration_seconds"]
    count = next(
        s
        for s in latency
        if s.name.endswith("_count") and s.labels["route"] == "registry:project_detail"
    )
    assert count.value >= 2


def test_task_queue_depth_is_read_at_scrape_time(client):
    assert scrape(client)["smartby_task_queue_ready"][0].value == 0
    for _ in range(2):
        DBTaskResult.objects.create(
            task_path="smartby.reminders.tasks.send_reminders",
            args_kwargs={"args": [], "kwargs": {}},
            run_after=get_date_max(),
        )
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timezone.timedelta(seconds=40))
    metrics = scrape(client)
    assert metrics["smartby_task_queue_ready"][0].value == 2
    assert metrics["smartby_task_queue_oldest_ready_age_seconds"][0].value >= 40


def email_count(outcome: str) -> float:
    return REGISTRY.get_sample_value("smartby_emails_total", {"outcome": outcome}) or 0.0


def test_delivered_emails_are_counted(smtp_server, settings, monkeypatch):
    sent, failed = email_count("sent"), email_count("failed")
    message = EmailMultiAlternatives(subject="Test", body="Hej", to=["a@example.org"])
    assert emails.deliver(message)
    assert email_count("sent") == sent + 1
    settings.MAILERS["default"]["OPTIONS"]["port"] = 1
    monkeypatch.setattr(emails, "RETRY_DELAY_SECONDS", 0)
    assert not emails.deliver(message)
    assert email_count("failed") == failed + 1
    assert email_count("sent") == sent + 1


def test_metrics_are_open_to_loopback_only(client):
    assert client.get("/metrics").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="::1").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 403
    # Through a proxy on the same machine every request comes from loopback: refused.
    assert client.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 403
    assert client.post("/metrics").status_code in (403, 405)


def test_metrics_with_a_token_need_the_bearer_token(client, settings):
    settings.METRICS_TOKEN = "s3cret-scrape-token"
    response = client.get("/metrics")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    ok = client.get(
        "/metrics",
        HTTP_AUTHORIZATION="Bearer s3cret-scrape-token",
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert ok.status_code == 200


def test_multiprocess_mode_adds_up_every_process(tmp_path: Path):
    """Each process (gunicorn workers, the task worker) writes its own file; a scrape sums."""
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    code = (
        "from smartby.observability import metrics;"
        "metrics.REMINDER_EMAILS.labels(outcome='sent').inc(3)"
    )
    for _ in range(2):
        subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=str(tmp_path))
    families = {
        f.name: f.samples
        for f in text_string_to_metric_families(generate_latest(registry).decode())
    }
    sample = next(
        s for s in families["smartby_reminder_emails"] if s.name == "smartby_reminder_emails_total"
    )
    assert sample.labels == {"outcome": "sent"}
    assert sample.value == 6
