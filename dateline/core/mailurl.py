"""EMAIL_URL → Django 6.1 ``MAILERS``: smtp://user:pass@host:port/?tls=1 (or ssl=1, timeout=N).

Also ``file:///path`` (one file per message), ``console:`` and ``locmem:``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit


def mailer_from_url(url: str) -> dict[str, Any]:
    parts = urlsplit(url)
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    if parts.scheme == "file":
        return file_mailer(Path(unquote(parts.path)))
    if parts.scheme == "console":
        return {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parts.scheme == "locmem":
        return {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if parts.scheme not in {"smtp", "smtps"}:
        raise ValueError(f"EMAIL_URL: unsupported scheme {parts.scheme!r} (smtp, smtps, file, console, locmem)")
    options: dict[str, Any] = {
        "host": parts.hostname or "localhost",
        "use_tls": query.get("tls") == "1",
        "use_ssl": parts.scheme == "smtps" or query.get("ssl") == "1",
        "timeout": int(query.get("timeout", "30")),
    }
    if parts.port:
        options["port"] = parts.port
    if parts.username:
        options["username"] = unquote(parts.username)
        options["password"] = unquote(parts.password or "")
    return {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": options}


def file_mailer(path: Path) -> dict[str, Any]:
    return {"BACKEND": "django.core.mail.backends.filebased.EmailBackend", "OPTIONS": {"file_path": str(path)}}
