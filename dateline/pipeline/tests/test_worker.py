"""The worker's folder watch: a directory scan decides which drop folders to ingest now (DROP-1 still holds)."""

from __future__ import annotations

import os
import time

from dateline.network.models import Source
from dateline.pipeline.management.commands.worker import folders_ready


def _source(slug: str) -> Source:
    return Source(slug=slug, name=slug, transport="folder", location=f"inbox/{slug}")


def test_drop1_the_watch_takes_a_folder_only_once_its_file_has_been_still_long_enough(data_dir):
    still, fresh, empty = _source("still"), _source("fresh"), _source("empty")
    for source in (still, fresh, empty):
        (data_dir / source.location).mkdir(parents=True)
    (data_dir / "inbox/still/a.xml").write_bytes(b"<rss/>")
    past = time.time() - 5
    os.utime(data_dir / "inbox/still/a.xml", (past, past))
    (data_dir / "inbox/fresh/b.xml").write_bytes(b"<rss/>")  # just written: maybe still being written

    assert folders_ready([still, fresh, empty], stable_seconds=1.0) == [still]


def test_the_watch_ignores_temporary_and_hidden_files(data_dir):
    source = _source("tmp")
    folder = data_dir / source.location
    folder.mkdir(parents=True)
    past = time.time() - 5
    for name in ("c.xml.tmp", ".d.xml"):
        (folder / name).write_bytes(b"<rss/>")
        os.utime(folder / name, (past, past))
    assert folders_ready([source], stable_seconds=0.1) == []
