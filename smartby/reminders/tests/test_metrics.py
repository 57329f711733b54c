"""Reminder sends are counted in the Prometheus metrics (observability/metrics.py)."""

import pytest

from smartby.observability.metrics import REGISTRY
from smartby.reminders import operations

pytestmark = pytest.mark.django_db


def count(outcome: str) -> float:
    return REGISTRY.get_sample_value("smartby_reminder_emails_total", {"outcome": outcome}) or 0.0


def test_a_sent_digest_counts_as_sent(due_project, smtp_server):
    due_project()
    sent, failed = count("sent"), count("failed")
    result = operations.run_reminders()
    smtp_server.wait_for(result.emails)
    assert count("sent") == sent + result.emails == sent + 2
    assert count("failed") == failed


def test_a_failed_attempt_counts_as_failed(due_project, dead_smtp):
    due_project()
    sent, failed = count("sent"), count("failed")
    operations.run_reminders()
    assert count("failed") == failed + 2
    assert count("sent") == sent
