"""``dateline ingest [SOURCE…]``: per-source counts, errors on stderr, a progress bar on long runs."""

from __future__ import annotations

import io
import os
import time

import pytest
from django.core.management import CommandError, call_command

from dateline.ingest.tests.loopback import RSS
from dateline.ingest.tests.test_folder import BAD


def fill(folder, n, *, bad=()):
    folder.mkdir(parents=True, exist_ok=True)
    past = time.time() - 60
    for i in range(n):
        path = folder / f"w{i:03}.xml"
        data = BAD if i in bad else RSS.replace(b"loop-1", b"g-%d" % i)
        path.write_bytes(data)
        os.utime(path, (past, past))


@pytest.mark.django_db
def test_ingest_prints_counts_per_source_and_errors(make_source, data_dir):
    make_source("alpha")
    make_source("beta")
    fill(data_dir / "inbox" / "alpha", 3, bad={1})
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest", "--stable-seconds", "0", stdout=out, stderr=err)
    lines = out.getvalue().splitlines()
    # Each good file adds its own item plus the shared second item (a duplicate after the first file).
    assert lines == ["alpha: 3 new, 0 updated, 1 duplicate, 0 stale, 1 quarantined",
                     "beta: 0 new, 0 updated, 0 duplicate, 0 stale, 0 quarantined"]
    assert "alpha: w001.xml: xml_entities_forbidden" in err.getvalue()


@pytest.mark.django_db
def test_ingest_unknown_source_is_an_error(make_source):
    make_source("alpha")
    with pytest.raises(CommandError, match="unknown source"):
        call_command("ingest", "nope")


def test_ingest_progress_bar_counts_every_file(make_source, data_dir, capsys, db):
    make_source("alpha")
    fill(data_dir / "inbox" / "alpha", 5)
    call_command("ingest", "alpha", "--stable-seconds", "0", "--progress", "always", stdout=io.StringIO())
    assert "5/5" in capsys.readouterr().err  # tqdm draws on the process's stderr


def test_ingest_progress_bar_stays_off_for_short_runs(make_source, data_dir, capsys, db):
    make_source("alpha")
    fill(data_dir / "inbox" / "alpha", 2)
    call_command("ingest", "alpha", "--stable-seconds", "0", stdout=io.StringIO())
    assert "2/2" not in capsys.readouterr().err
