"""``demo_build``: database, network, wire files → ingest → stories → articles, and a demo editor (idempotent).

State kept in the data directory so that a re-run creates nothing new:
- ``demo/anchor.txt``: the moment of the first build; every demo time is relative to it, so re-rendered
  files are byte-identical and ingest sees them as already stored.
- ``demo/editor.txt``: the demo chief editor's generated password (mode 0600), printed on each run.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command

from dateline.core import clock
from dateline.desk.accounts import editor_create
from dateline.desk.models import Story
from dateline.ingest import formats
from dateline.ingest.models import RawPayload
from dateline.ingest.runner import run_source
from dateline.ingest.services import IngestResult
from dateline.network import config
from dateline.network.models import Source
from dateline.network.services import network_load
from dateline.pipeline.demo import NETWORK_FILE
from dateline.pipeline.demo.render import WireFile, render
from dateline.publish.services import related_refresh

EDITOR_USERNAME = "chief"


@dataclass
class DemoReport:
    network_changes: list[str] = field(default_factory=list)
    files_written: list[Path] = field(default_factory=list)
    files_skipped: int = 0
    ingest: dict[str, IngestResult] = field(default_factory=dict)
    editor_username: str = EDITOR_USERNAME
    editor_password: str = ""
    editor_created: bool = False


def demo_anchor(data_dir: Path, now: datetime | None = None) -> datetime:
    """The first build's time (to the minute), read back on every later run."""
    path = data_dir / "demo" / "anchor.txt"
    if path.exists():
        return clock.aware_utc(datetime.fromisoformat(path.read_text().strip()))
    anchor = (now or clock.now()).replace(second=0, microsecond=0)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(anchor.isoformat() + "\n")
    return anchor


def demo_files_write(*, data_dir: Path, anchor: datetime) -> tuple[list[Path], int]:
    """Write the demo wire files into each source's drop folder, skipping files already ingested."""
    files: list[WireFile] = render(anchor, set(formats.PARSERS))
    known = set(RawPayload.objects.filter(sha256__in=[hashlib.sha256(f.data).hexdigest() for f in files])
                .values_list("sha256", flat=True))
    written, skipped = [], 0
    for f in files:
        if hashlib.sha256(f.data).hexdigest() in known:
            skipped += 1
            continue
        folder = data_dir / "inbox" / f.source
        folder.mkdir(parents=True, exist_ok=True)
        # Written as .tmp and renamed: the drop folder never sees a half-written file (DROP-1).
        tmp = folder / (f.name + ".tmp")
        tmp.write_bytes(f.data)
        os.replace(tmp, folder / f.name)
        written.append(folder / f.name)
    return written, skipped


def _password(data_dir: Path) -> tuple[str, bool]:
    """The stored password, or a new one written with mode 0600; (password, newly made)."""
    path = data_dir / "demo" / "editor.txt"
    if path.exists():
        return path.read_text().strip(), False
    password = secrets.token_urlsafe(12)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(password + "\n")
    return password, True


def demo_editor_ensure(*, data_dir: Path) -> tuple[str, bool]:
    """The demo chief editor, created once with a generated password; returns (password, created).

    A new password file (deleted by hand, or a new data dir on an existing database) resets the
    account's password, so the password printed is always the one that works.
    """
    password, new_password = _password(data_dir)
    exists = get_user_model().objects.filter(username=EDITOR_USERNAME).exists()
    if exists and not new_password:
        return password, False
    editor_create(username=EDITOR_USERNAME, password=password, chief=True)
    return password, not exists


def _related_refresh_all() -> None:
    """Stories published early in a build found no later stories to relate to; once the whole demo
    is in, each published story's Related Content is computed again against all of it."""
    for story in Story.objects.filter(state=Story.State.PUBLISHED).order_by("pk"):
        related_refresh(story=story)
    cache.clear()  # pages rendered during the build showed the earlier lists


def demo_build(*, data_dir: Path, now: datetime | None = None, migrate: bool = True) -> DemoReport:
    """Build (or bring up to date) the whole demo network through the ordinary pipeline."""
    report = DemoReport()
    if migrate:
        call_command("migrate", interactive=False, verbosity=0)
    changes = network_load(spec=config.load(NETWORK_FILE))
    report.network_changes = [line for line in changes.lines if not line.startswith("kept")]
    anchor = demo_anchor(data_dir, now)
    report.files_written, report.files_skipped = demo_files_write(data_dir=data_dir, anchor=anchor)
    for source in Source.objects.filter(enabled=True, transport="folder"):
        # Files the demo wrote are complete (renamed into place), so no stability wait is needed.
        report.ingest[source.slug] = run_source(source, stable_seconds=0)
    if any(r.new or r.updated for r in report.ingest.values()):
        _related_refresh_all()
    report.editor_password, report.editor_created = demo_editor_ensure(data_dir=data_dir)
    return report

