"""Page generations as stamp files: one small file per site, ``<data dir>/pagegen/<site id>``.

A site's generation is the (inode, mtime in ns) of its stamp file. Reading it is one ``os.stat``
(about a microsecond), so every web process can check it on every request and a publish, update or
kill made by any other process (worker, desk, command line) is seen by the very next request
(THREATS WIRE-1, L13). A bump replaces the file by rename: the inode changes even where the file
system keeps timestamps to the second, so two bumps within one clock tick still differ.

Pure file operations, no Django: the fast path, the Django cache layer and tests share them.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

Generation = tuple[int, int]  # (st_ino, st_mtime_ns)

NETWORK = 0  # the stamp of the network index (no site); every bump includes it


def path(directory: Path | str, site_id: int) -> str:
    return os.path.join(directory, str(int(site_id)))


def read_path(stamp: str) -> Generation | None:
    """The generation behind one stamp path, or None when there is no stamp yet."""
    try:
        st = os.stat(stamp)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns)


def read(directory: Path | str, site_id: int) -> Generation:
    """The site's current generation; the first read creates its stamp."""
    stamp = path(directory, site_id)
    current = read_path(stamp)
    if current is None:
        os.makedirs(directory, exist_ok=True)
        # O_EXCL is not needed: two processes creating it at once both end with one valid stamp.
        os.close(os.open(stamp, os.O_WRONLY | os.O_CREAT, 0o644))
        current = read_path(stamp)
        assert current is not None
    return current


def bump(directory: Path | str, site_ids: Iterable[int]) -> None:
    """Start a new generation for these sites and the network index: their cached pages are stale."""
    os.makedirs(directory, exist_ok=True)
    now = time.time_ns()
    for site_id in sorted({int(s) for s in site_ids} | {NETWORK}):
        fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{site_id}.")
        os.close(fd)
        os.utime(temp, ns=(now, now))
        os.replace(temp, path(directory, site_id))  # atomic: a reader sees the old stamp or the new one


def last_modified(generation: Generation) -> int:
    """The generation as a Last-Modified time in whole seconds (RFC 9110 section 8.8.2)."""
    return generation[1] // 1_000_000_000
