"""Structured logs: with LOG_FORMAT=json every record is one JSON object per line.

The fields are the time (UTC, ISO 8601), level, logger, message, the request id of the request
being served (if any) and the traceback of an exception. Nothing else is added — no user, IP
address, path or headers — so the logs carry no more personal data than the messages do (and
Smartby's messages name emails by hash and projects by id)."""

import json
import logging
from contextvars import ContextVar
from datetime import UTC, datetime

request_id: ContextVar[str] = ContextVar("request_id", default="")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if current := request_id.get():
            entry["request_id"] = current
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """The demo's plain lines, with the request id when there is one."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s%(request)s")

    def format(self, record: logging.LogRecord) -> str:
        current = request_id.get()
        record.request = f" [request {current}]" if current else ""
        return super().format(record)
