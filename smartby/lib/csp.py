"""Helpers for the Content-Security-Policy in settings (SECURE_CSP)."""

import re
from urllib.parse import urlsplit


def csp_tile_hosts(tile_url: str) -> list[str]:
    """The CSP source of a tile URL template: `https://{s}.tile.example.org/{z}/{x}/{y}.png`
    gives `https://*.tile.example.org`; an empty URL gives nothing."""
    if not tile_url:
        return []
    parts = urlsplit(re.sub(r"\{[^}]*\}", "*", tile_url.split("/{z}", 1)[0]))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return []
    host = re.sub(r"^[^.]*\*[^.]*\.", "*.", parts.netloc)
    return [f"{parts.scheme}://{host}"]
