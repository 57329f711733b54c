"""EMAIL_URL -> Django 6.1's MAILERS setting (the EMAIL_* settings are deprecated)."""

from typing import Any

import environ

OPTION_NAMES = {
    "EMAIL_HOST": "host",
    "EMAIL_PORT": "port",
    "EMAIL_HOST_USER": "username",
    "EMAIL_HOST_PASSWORD": "password",
    "EMAIL_USE_TLS": "use_tls",
    "EMAIL_USE_SSL": "use_ssl",
    "EMAIL_TIMEOUT": "timeout",
    "EMAIL_FILE_PATH": "file_path",
}


def mailers_from_url(url: str, timeout: int = 10) -> dict[str, Any]:
    """`smtp://user:pass@host:25`, `smtp+tls://...`, `smtp+ssl://...`, `consolemail://`..."""
    config = environ.Env.email_url_config(url)
    options = {
        OPTION_NAMES[k]: v for k, v in config.items() if k in OPTION_NAMES and v not in ("", None)
    }
    if "smtp" in config["EMAIL_BACKEND"]:
        options.setdefault("timeout", timeout)
    else:
        options = {k: v for k, v in options.items() if k == "file_path"}
    return {"default": {"BACKEND": config["EMAIL_BACKEND"], "OPTIONS": options}}
