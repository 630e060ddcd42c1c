"""Crashes and races across real processes on a real SQLite file (THREATS DROP-3, DUP-1).

Each worker is a fresh ``python`` process with its own data directory copy; a crash is SIGKILL sent by
the process to itself at an injected point (between parse and commit, between commit and move, after
the move). A restart must leave exactly one wire item and one story per item, and the file in done/.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dateline.ingest.tests.loopback import RSS

ROOT = Path(__file__).resolve().parents[3]
SETUP = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from dateline.network.models import Source
Source.objects.create(slug="wire", name="Wire", location="inbox/wire")
"""
WORKER = """
import os, signal, sys
import django
django.setup()
from dateline.ingest import runner
from dateline.ingest.models import WireItem
from dateline.ingest.transports import folder
from dateline.network.models import Source

point = sys.argv[1]

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

if point == "before_commit":
    WireItem.save = die
elif point == "before_move":
    folder.move_aside = die
elif point == "after_move":
    move = folder.move_aside
    def move_then_die(*args, **kwargs):
        move(*args, **kwargs)
        die()
    folder.move_aside = move_then_die
runner.run_source(Source.objects.get(slug="wire"), stable_seconds=0)
"""


def env_for(data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}  # a real SQLite file, every run
    env.update(DATELINE_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="dateline.settings",
               PYTHONPATH=str(ROOT))
    return env


def python(code: str, data_dir: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code, *args], env=env_for(data_dir), cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template")
    proc = python(SETUP, path)
    _, err = proc.communicate(timeout=180)
    assert proc.returncode == 0, err.decode()
    return path


@pytest.fixture
def fresh(template, tmp_path) -> Path:
    data_dir = tmp_path / "data"
    shutil.copytree(template, data_dir)
    inbox = data_dir / "inbox" / "wire"
    inbox.mkdir(parents=True)
    (inbox / "wire.xml").write_bytes(RSS)
    past = time.time() - 60
    os.utime(inbox / "wire.xml", (past, past))
    return data_dir


def counts(data_dir: Path) -> tuple[int, int]:
    with sqlite3.connect(data_dir / "dateline.sqlite3") as db:
        items = db.execute("select count(*) from ingest_wireitem").fetchone()[0]
        stories = db.execute("select count(*) from desk_story").fetchone()[0]
    return items, stories


@pytest.mark.slow
@pytest.mark.parametrize("point", ["before_commit", "before_move", "after_move"])
def test_drop3_crash_at_each_point_then_restart_yields_exactly_one_story_per_item(fresh, point):
    crashed = python(WORKER, fresh, point)
    crashed.communicate(timeout=180)
    assert crashed.returncode == -9  # really killed, no clean-up ran
    inbox = fresh / "inbox" / "wire"
    assert (inbox / "wire.xml").exists() == (point != "after_move")
    restart = python(WORKER, fresh, "none")
    _, err = restart.communicate(timeout=180)
    assert restart.returncode == 0, err.decode()
    assert counts(fresh) == (2, 2)
    assert (inbox / "done" / "wire.xml").read_bytes() == RSS and not (inbox / "wire.xml").exists()
    assert not (inbox / "failed").exists()


@pytest.mark.slow
def test_dup1_two_worker_processes_racing_on_one_folder_store_each_item_once(fresh):
    workers = [python(WORKER, fresh, "none") for _ in range(2)]
    for worker in workers:
        _, err = worker.communicate(timeout=180)
        assert worker.returncode == 0, err.decode()
    assert counts(fresh) == (2, 2)
