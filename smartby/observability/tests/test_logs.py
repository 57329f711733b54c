"""JSON logs: one object per line with fixed fields; request ids on requests and log lines."""

import io
import json
import logging
import os
import subprocess
import sys

import pytest

from smartby.observability.logs import JsonFormatter, TextFormatter, request_id


def emit(formatter: logging.Formatter, *args, exc: bool = False) -> str:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    logger = logging.getLogger("smartby.test")
    logger.addHandler(handler)
    try:
        if exc:
            try:
                raise ValueError("boom")
            except ValueError:
                logger.exception(*args)
        else:
            logger.warning(*args)
    finally:
        logger.removeHandler(handler)
    return stream.getvalue()


def test_a_json_line_has_the_fixed_fields_only():
    line = emit(JsonFormatter(), "Reminder email sent to %s (rows %s)", "ab12", [1, 2])
    assert line.count("\n") == 1
    entry = json.loads(line)
    assert set(entry) == {"time", "level", "logger", "message"}
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "smartby.test"
    assert entry["message"] == "Reminder email sent to ab12 (rows [1, 2])"
    assert entry["time"].endswith("+00:00")


def test_a_multiline_exception_stays_on_one_json_line_with_the_request_id():
    token = request_id.set("req-12345678")
    try:
        line = emit(JsonFormatter(), "Failed æøå", exc=True)
    finally:
        request_id.reset(token)
    assert line.count("\n") == 1
    entry = json.loads(line)
    assert entry["request_id"] == "req-12345678"
    assert entry["message"] == "Failed æøå"
    assert "ValueError: boom" in entry["exception"]


def test_text_lines_carry_the_request_id():
    token = request_id.set("req-12345678")
    try:
        line = emit(TextFormatter(), "hello")
    finally:
        request_id.reset(token)
    assert "WARNING smartby.test hello [request req-12345678]" in line


@pytest.mark.django_db
def test_each_response_has_a_request_id(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert len(first) == 32 and first != second
    given = client.get("/healthz", HTTP_X_REQUEST_ID="lb-abc-12345")
    assert given["X-Request-ID"] == "lb-abc-12345"
    junk = client.get("/healthz", HTTP_X_REQUEST_ID="<script>\nx")
    assert junk["X-Request-ID"] != "<script>\nx" and len(junk["X-Request-ID"]) == 32


def run_logging(log_format: str) -> subprocess.CompletedProcess:
    code = (
        "import django, logging; django.setup();"
        "logging.getLogger('smartby.x').warning('hej %s', 'verden')"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "smartby.settings", "LOG_FORMAT": log_format}
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )


def test_log_format_json_setting_turns_every_line_into_json():
    result = run_logging("json")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    entries = [json.loads(line) for line in lines]
    assert entries[-1]["message"] == "hej verden"
    assert entries[-1]["logger"] == "smartby.x"


def test_an_unknown_log_format_is_refused_at_start():
    result = run_logging("xml")
    assert result.returncode != 0
    assert "LOG_FORMAT must be text or json" in result.stderr
