"""Fixtures for the reminder tests: due projects and an SMTP server that refuses connections."""

import datetime as dt
import socket
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from smartby.registry.freshness import months_before
from smartby.registry.models import Project
from smartby.registry.tests.helpers import make_project


def set_verified(project: Project, last_verified: dt.date | None) -> Project:
    Project.objects.filter(pk=project.pk).update(last_verified=last_verified)
    project.refresh_from_db()
    return project


@pytest.fixture
def due_project(db) -> Callable[..., Project]:
    """`due_project(months=13, **project_data_overrides)`: a project last verified `months` ago
    (None: never), made through the real operations; contacts mette@ and jens@example.org."""

    def make(months: int | None = 13, **overrides: Any) -> Project:
        project = make_project(None, **overrides)
        day = None if months is None else months_before(timezone.localdate(), months)
        return set_verified(project, day)

    return make


@pytest.fixture
def dead_smtp(settings) -> int:
    """Point the default mailer at a local port where nothing listens (connection refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 2},
        }
    }
    return port
