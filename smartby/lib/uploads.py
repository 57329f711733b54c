"""File uploads: a size limit enforced while the body is read, and a content check of JSON files.

Django keeps an uploaded file in memory up to FILE_UPLOAD_MAX_MEMORY_SIZE and streams a larger
one to a temporary file, whatever its size. `SizeLimitedUpload` stops reading a file as soon as
it passes the limit (the rest of the body is read and discarded, nothing is stored), so the view
can answer with a form error instead of the file landing on disk. Install it before the request
body is parsed, i.e. in a `csrf_exempt` view that then calls a `csrf_protect`ed one (see
`registry.views.project_import`).
"""

import json
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest
from django.utils.translation import gettext as _


class SizeLimitedUpload(FileUploadHandler):
    """Refuses any file larger than `limit` bytes; `exceeded` tells the view it happened."""

    def __init__(self, request: HttpRequest, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.exceeded = False

    def handle_raw_input(
        self,
        input_data: Any,
        META: dict,
        content_length: int,
        boundary: bytes,
        encoding: Any = None,
    ) -> None:
        # A body much larger than the limit cannot hold an acceptable file: say so at once.
        if content_length and content_length > self.limit + 64 * 1024:
            self.exceeded = True

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if self.exceeded or start + len(raw_data) > self.limit:
            self.exceeded = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def install_size_limit(request: HttpRequest, limit: int) -> SizeLimitedUpload:
    handler = SizeLimitedUpload(request, limit)
    request.upload_handlers.insert(0, handler)
    return handler


def size_text(n: int) -> str:
    """A byte count for messages: "5 MB", "512 kB"."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.0f} MB"
    return f"{max(1, n // 1024)} kB"


class UploadRejected(ValueError):
    """The uploaded file is not acceptable; the message is Danish and meant for the user."""


def read_json_upload(upload: UploadedFile, limit: int) -> Any:
    """The file's JSON content, checked by content rather than by name or declared type: it
    must be at most `limit` bytes of UTF-8 text (a BOM is allowed) holding one JSON value."""
    if upload.size is not None and upload.size > limit:
        raise UploadRejected(
            _("Filen er for stor (højst %(limit)s).") % {"limit": size_text(limit)}
        )
    raw = upload.read(limit + 1)
    if len(raw) > limit:
        raise UploadRejected(
            _("Filen er for stor (højst %(limit)s).") % {"limit": size_text(limit)}
        )
    if not raw.strip():
        raise UploadRejected(_("Filen er tom."))
    if b"\x00" in raw:
        raise UploadRejected(
            _("Filen er ikke en tekstfil (den indeholder binære data). Vælg en JSON-fil.")
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UploadRejected(
            _(
                "Filen er ikke UTF-8-kodet tekst (ugyldigt tegn ved byte %(pos)s). "
                "Gem den som UTF-8, og prøv igen."
            )
            % {"pos": exc.start}
        ) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UploadRejected(
            _("Filen er ikke gyldig JSON (linje %(line)s, kolonne %(col)s).")
            % {"line": exc.lineno, "col": exc.colno}
        ) from exc
    except (ValueError, RecursionError) as exc:
        # Integers of thousands of digits, or nesting deeper than Python's recursion limit.
        raise UploadRejected(_("Filen kan ikke læses som JSON.")) from exc
