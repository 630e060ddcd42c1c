"""Drop-folder transport: regular, stable files only; done/ and failed/ beside; nothing deleted."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

STABLE_SECONDS = 2.0


def folder_path(location: str, data_dir: Path) -> Path:
    path = Path(location)
    return path if path.is_absolute() else data_dir / path


def ready_files(folder: Path, *, stable_seconds: float = STABLE_SECONDS) -> Iterator[Path]:
    """Files old enough to be complete (DROP-1), regular files only (DROP-2), in name order."""
    if not folder.is_dir():
        return
    now = time.time()
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.name.startswith(".") or entry.name.endswith(".tmp"):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode):
            continue
        if now - st.st_mtime < stable_seconds:
            continue
        yield Path(entry.path)


def move_aside(path: Path, folder: Path, kind: str, reason: str | None = None) -> Path:
    """Move into done/ or failed/ without overwriting; a reason file sits beside failures."""
    target_dir = folder / kind
    target_dir.mkdir(exist_ok=True)
    target = target_dir / path.name
    n = 1
    while target.exists():
        target = target_dir / f"{path.stem}.{n}{path.suffix}"
        n += 1
    os.rename(path, target)
    if reason is not None:
        (target.parent / (target.name + ".reason.txt")).write_text(reason + "\n", encoding="utf-8")
    return target
