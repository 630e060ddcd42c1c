"""The one place that reads the process environment.

Settings call these functions; nothing else in Dateline reads ``os.environ``.
Every value has a safe default: debug off, a secret key generated once and kept
in the data directory, hosts limited to loopback names.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _list(value: str | None) -> list[str]:
    if not value:
        return []
    return [part.strip() for part in value.split(",") if part.strip()]


@dataclass(frozen=True)
class Environment:
    data_dir: Path
    database_url: str | None
    secret_key: str
    debug: bool
    allowed_hosts: list[str]
    email_url: str | None
    public_scheme: str
    public_port: int | None
    log_level: str
    extra: dict[str, str] = field(default_factory=dict)


def _secret_key(data_dir: Path, given: str | None) -> str:
    if given:
        return given
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(50)
    # O_EXCL: two processes starting at once must agree on one key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def read(environ: dict[str, str] | None = None) -> Environment:
    env = dict(os.environ if environ is None else environ)
    data_dir = Path(env.get("DATELINE_DATA_DIR") or Path.cwd() / "dateline-data").resolve()
    port = env.get("DATELINE_PUBLIC_PORT")
    return Environment(
        data_dir=data_dir,
        database_url=env.get("DATABASE_URL") or None,
        secret_key=_secret_key(data_dir, env.get("DATELINE_SECRET_KEY")),
        debug=_bool(env.get("DATELINE_DEBUG")),
        allowed_hosts=_list(env.get("DATELINE_ALLOWED_HOSTS")) or ["localhost", ".localhost", "127.0.0.1", "[::1]"],
        email_url=env.get("EMAIL_URL") or None,
        public_scheme=env.get("DATELINE_PUBLIC_SCHEME", "http"),
        public_port=int(port) if port else None,
        log_level=env.get("DATELINE_LOG_LEVEL", "INFO"),
        extra={k: v for k, v in env.items() if k.startswith("DATELINE_")},
    )
