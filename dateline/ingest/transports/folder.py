"""Drop-folder transport: regular, stable files only; done/ and failed/ beside; nothing is ever deleted.

THREATS DROP-1 (partial files), DROP-2 (symlinks, FIFOs, devices, escapes), DROP-4 (moves that fail),
DROP-6 (hostile and over-long names). A file is read through one file descriptor opened with O_NOFOLLOW and
O_NONBLOCK and checked with fstat, so what is checked is what is read, and a FIFO never blocks the run.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

STABLE_SECONDS = 2.0
MAX_FILE_BYTES = 10 * 1024 * 1024  # the same cap as HTTP bodies (NET-1)
DONE, FAILED = "done", "failed"
# Names writers use while a file is incomplete; they are renamed to their final name when whole (DROP-1).
IN_PROGRESS_SUFFIXES = (".tmp", ".part", ".partial", ".crdownload", ".filepart")
NAME_MAX = 255  # bytes, POSIX NAME_MAX on Linux file systems
REASON_SUFFIX = ".reason.txt"


class Skip(Exception):
    """Not a file to read now (not regular, still changing, outside the folder); left where it is."""


@dataclass(frozen=True)
class Candidate:
    path: Path
    size: int
    mtime_ns: int


def folder_path(location: str, data_dir: Path) -> Path:
    path = Path(location)
    return path if path.is_absolute() else data_dir / path


def ready_files(folder: Path, *, stable_seconds: float = STABLE_SECONDS) -> Iterator[Candidate]:
    """Regular files unchanged for ``stable_seconds`` (DROP-1), symlinks and specials skipped (DROP-2)."""
    if not folder.is_dir():
        return
    now_ns = time.time_ns()
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if name.startswith(".") or name in (DONE, FAILED) or name.lower().endswith(IN_PROGRESS_SUFFIXES):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode):
            continue
        if now_ns - st.st_mtime_ns < stable_seconds * 1e9:
            continue
        yield Candidate(Path(entry.path), st.st_size, st.st_mtime_ns)


def read_candidate(candidate: Candidate, folder: Path, *, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """Read a file through one descriptor; raises ``Skip`` or ``TooLarge``. Never follows a symlink."""
    real_folder = os.path.realpath(folder)
    if os.path.dirname(os.path.realpath(candidate.path)) != real_folder:
        raise Skip("resolves outside the drop folder")
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(candidate.path, flags)
    except OSError as exc:  # ELOOP for a symlink swapped in since the scan, ENXIO, EACCES…
        raise Skip(f"cannot open: {exc.strerror}")
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise Skip("not a regular file")
        if (st.st_size, st.st_mtime_ns) != (candidate.size, candidate.mtime_ns):
            raise Skip("still being written")
        if st.st_size > max_bytes:
            raise TooLarge(f"{st.st_size} bytes, over the {max_bytes}-byte limit")
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, 1024 * 1024)
            if not chunk:
                break
            total += len(chunk)
            if total > max_bytes:
                raise TooLarge(f"over the {max_bytes}-byte limit")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


class TooLarge(Exception):
    pass


def _fit(name: str, extra: str = "") -> str:
    """Shorten ``name`` so that ``name + extra`` fits NAME_MAX bytes, keeping its extension (DROP-6)."""
    limit = NAME_MAX - len(os.fsencode(extra))
    if len(os.fsencode(name)) <= limit:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or len(os.fsencode(ext)) > 16:
        stem, ext = name, ""
    keep = limit - (len(os.fsencode(ext)) + 1 if ext else 0)
    raw = os.fsencode(stem)[:keep]
    short = raw.decode("utf-8", "ignore") if raw.decode("utf-8", "ignore") else "file"
    return f"{short}.{ext}" if ext else short


def move_aside(path: Path, folder: Path, kind: str, reason: str | None = None) -> Path:
    """Move into done/ or failed/ without overwriting anything; a reason file sits beside failures.

    The reason is written first, then the file is renamed: a crash in between leaves the file in the inbox
    (read again, idempotently) rather than a failure without its reason. Rename only: the source file is
    never deleted, so a move that fails leaves it where it was (DROP-4) and the error goes to the caller.
    """
    target_dir = folder / kind
    target_dir.mkdir(exist_ok=True)
    base = _fit(path.name, REASON_SUFFIX + ".99999")
    target, n = target_dir / base, 1
    while target.exists() or os.path.lexists(target):
        stem, dot, ext = base.rpartition(".")
        target = target_dir / (f"{stem}.{n}.{ext}" if dot else f"{base}.{n}")
        n += 1
    if reason is not None:
        reason_file = target_dir / (target.name + REASON_SUFFIX)
        fd = os.open(reason_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as fh:
            fh.write(reason.rstrip("\n") + "\n")
    os.rename(path, target)
    return target
