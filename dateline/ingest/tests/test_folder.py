"""Drop folders (THREATS DROP-1, 2, 4, 5, 6): only whole regular files, nothing deleted, nothing blocks."""

from __future__ import annotations

import logging
import os
import threading
import time

import pytest

from dateline.ingest.models import Quarantine, RawPayload, SourceHealth, WireItem
from dateline.ingest.runner import run_source
from dateline.ingest.tests.loopback import RSS

# A document every format must refuse (XML-1: entity declarations are never expanded).
BAD = b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa">]><rss version="2.0"><channel><title>&a;</title></channel></rss>'



def rss(guid: str, title: str) -> bytes:
    return RSS.replace(b"loop-1", guid.encode()).replace(b"Rocket rolls out to the pad", title.encode())


def aged(path, seconds=60):
    past = time.time() - seconds
    os.utime(path, (past, past))
    return path


def drop(folder, name, data):
    """A file written a minute ago: complete by any stability rule."""
    path = folder / name
    path.write_bytes(data)
    return aged(path)


@pytest.fixture
def inbox(data_dir):
    path = data_dir / "inbox" / "wire"
    path.mkdir(parents=True)
    return path


@pytest.mark.django_db
def test_drop1_file_still_being_written_is_left_alone(make_source, inbox):
    source = make_source()
    target = inbox / "wire.xml"
    half = threading.Event()

    def writer():
        with open(target, "wb") as fh:
            fh.write(RSS[:200])
            fh.flush()
            half.set()
            time.sleep(1.0)  # a slow writer pausing mid-file
            fh.write(RSS[200:])

    thread = threading.Thread(target=writer)
    thread.start()
    half.wait(5)
    result = run_source(source, stable_seconds=0.5)
    thread.join()
    assert (result.new, result.quarantined) == (0, 0)
    assert target.exists() and not WireItem.objects.exists()
    aged(target)
    assert run_source(source, stable_seconds=0.5).new == 2
    assert (inbox / "done" / "wire.xml").read_bytes() == RSS


@pytest.mark.django_db
def test_drop1_in_progress_names_are_ignored_until_renamed(make_source, inbox):
    source = make_source()
    drop(inbox, "wire.xml.tmp", RSS)
    assert run_source(source, stable_seconds=0).new == 0
    os.rename(inbox / "wire.xml.tmp", inbox / "wire.xml")
    assert run_source(source, stable_seconds=0).new == 2


@pytest.mark.django_db
def test_drop2_symlinks_fifos_and_directories_are_skipped_without_blocking(make_source, inbox, tmp_path):
    source = make_source()
    outside = tmp_path / "secret.xml"
    outside.write_bytes(rss("secret-1", "Secret"))
    os.symlink(outside, inbox / "link.xml")
    os.symlink("/etc/passwd", inbox / "passwd.xml")
    os.mkfifo(inbox / "pipe.xml")
    (inbox / "folder.xml").mkdir()
    drop(inbox, "good.xml", RSS)
    started = time.monotonic()
    result = run_source(source, stable_seconds=0)
    assert time.monotonic() - started < 20  # a FIFO with no writer never blocks the run
    assert result.new == 2
    assert not WireItem.objects.filter(guid="secret-1").exists()
    for name in ("link.xml", "passwd.xml", "pipe.xml", "folder.xml"):
        assert os.path.lexists(inbox / name)  # left where they are, untouched
    assert outside.exists()


@pytest.mark.django_db
def test_drop2_file_swapped_for_a_symlink_after_the_scan_is_not_followed(make_source, inbox, tmp_path):
    from dateline.ingest.transports import folder

    outside = tmp_path / "outside.xml"
    outside.write_bytes(b"secret")
    drop(inbox, "x.xml", RSS)
    [candidate] = list(folder.ready_files(inbox, stable_seconds=0))
    os.unlink(inbox / "x.xml")
    os.symlink(outside, inbox / "x.xml")
    with pytest.raises(folder.Skip):
        folder.read_candidate(candidate, inbox)


@pytest.mark.django_db
def test_drop4_failed_move_keeps_the_file_and_surfaces_the_error(make_source, inbox):
    source = make_source()
    (inbox / "done").write_text("a file where the done folder should be")  # mkdir and rename must fail
    drop(inbox, "wire.xml", RSS)
    result = run_source(source, stable_seconds=0)
    assert (inbox / "wire.xml").read_bytes() == RSS  # never deleted
    assert any("move_failed" in e for e in result.errors)
    health = SourceHealth.objects.get(source=source)
    assert health.last_error_code == "move_failed" and health.consecutive_failures == 1
    # Fixed: the next run moves it, and the items are not ingested twice.
    (inbox / "done").unlink()
    again = run_source(source, stable_seconds=0)
    assert (again.new, again.duplicate) == (0, 2)
    assert (inbox / "done" / "wire.xml").exists() and WireItem.objects.count() == 2


@pytest.mark.django_db
def test_drop5_one_poison_file_in_the_middle_does_not_stop_the_batch(make_source, inbox):
    source = make_source()
    drop(inbox, "a.xml", rss("a-1", "First"))
    drop(inbox, "b.xml", BAD)
    drop(inbox, "c.xml", rss("c-1", "Third"))
    result = run_source(source, stable_seconds=0)
    assert result.quarantined == 1
    assert WireItem.objects.filter(guid__in=["a-1", "c-1"]).count() == 2
    assert (inbox / "failed" / "b.xml").read_bytes() == BAD
    reason = (inbox / "failed" / "b.xml.reason.txt").read_text()
    assert "wire" in reason and "b.xml" in reason
    quarantined = Quarantine.objects.get()
    assert bytes(quarantined.raw.data) == BAD  # the raw bytes are kept
    assert quarantined.message.startswith("wire: b.xml: ")
    assert sorted(p.name for p in (inbox / "done").iterdir()) == ["a.xml", "c.xml"]


@pytest.mark.django_db
def test_drop5_oversized_file_goes_to_failed_without_being_read(make_source, inbox, monkeypatch):
    from dateline.ingest.transports import folder

    monkeypatch.setattr(folder, "MAX_FILE_BYTES", 100)
    monkeypatch.setattr(folder.read_candidate, "__kwdefaults__", {"max_bytes": 100})
    source = make_source()
    drop(inbox, "big.xml", RSS)
    result = run_source(source, stable_seconds=0)
    assert result.quarantined == 1 and Quarantine.objects.get().reason == "too_large"
    assert (inbox / "failed" / "big.xml").read_bytes() == RSS


@pytest.mark.django_db
def test_drop6_hostile_names_are_escaped_in_logs_and_moves_survive_long_names(make_source, inbox, caplog):
    source = make_source()
    hostile = "evil\x1b[31m\nFAKE LOG LINE\x07.xml"
    long_name = "é" * 120 + ".xml"  # 244 bytes: done/ must still fit a suffix for duplicates
    undecodable = os.fsdecode(b"bad\xff\xfe.xml")
    for n, name in enumerate((hostile, long_name, undecodable, "f.xml")):
        drop(inbox, name, BAD + b"<!-- %d -->" % n)
    with caplog.at_level(logging.WARNING, logger="dateline.ingest"):
        result = run_source(source, stable_seconds=0)
    assert result.quarantined == 4
    text = caplog.text
    assert "\x1b" not in text and "\nFAKE LOG LINE" not in text and "\\x1b" in text
    origins = set(Quarantine.objects.values_list("origin", flat=True))
    assert "bad\\xff\\xfe.xml" in origins
    assert all("\n" not in origin and "\x1b" not in origin for origin in origins)
    failed = os.listdir(inbox / "failed")
    assert len([n for n in failed if not n.endswith(".reason.txt")]) == 4
    assert all(len(os.fsencode(n)) <= 255 for n in failed)
    assert not [n for n in os.listdir(inbox) if n not in ("failed",)]


@pytest.mark.django_db
def test_drop6_duplicate_files_are_ingested_once_and_both_kept(make_source, inbox):
    source = make_source()
    for name in ("one.xml", "two.xml"):
        drop(inbox, name, RSS)
    result = run_source(source, stable_seconds=0)
    assert (result.new, result.duplicate) == (2, 2)
    assert WireItem.objects.count() == 2 and RawPayload.objects.count() == 1
    assert sorted(os.listdir(inbox / "done")) == ["one.xml", "two.xml"]


@pytest.mark.django_db
def test_drop6_same_name_again_never_overwrites_done(make_source, inbox):
    source = make_source()
    drop(inbox, "wire.xml", rss("x-1", "One"))
    run_source(source, stable_seconds=0)
    drop(inbox, "wire.xml", rss("x-2", "Two"))
    run_source(source, stable_seconds=0)
    assert sorted(os.listdir(inbox / "done")) == ["wire.1.xml", "wire.xml"]


@pytest.mark.django_db
def test_obs1_folder_health_records_success(make_source, inbox):
    source = make_source()
    drop(inbox, "wire.xml", RSS)
    run_source(source, stable_seconds=0)
    health = SourceHealth.objects.get(source=source)
    assert health.last_success_at and health.items_seen == 2 and health.consecutive_failures == 0


@pytest.mark.django_db
def test_net3_a_valid_feed_with_no_items_is_accepted_not_quarantined(make_source, inbox):
    source = make_source()
    quiet = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet wire</title></channel></rss>'
    drop(inbox, "quiet.xml", quiet)
    result = run_source(source, stable_seconds=0)
    assert (result.no_items, result.quarantined, result.errors) == (1, 0, [])
    assert (inbox / "done" / "quiet.xml").exists() and not Quarantine.objects.exists()
