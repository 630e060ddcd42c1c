"""``dateline parse FILE_OR_URL [--json]``: parses without the database; a stable JSON shape; exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dateline.ingest.tests.formats.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[4]
FORMATS = {
    "rss": "rss/agency-feed.xml", "atom": "atom/press-office.xml", "jsonfeed": "jsonfeed/feed-1.1.json",
    "newsml_g2": "newsml_g2/text-item.xml", "newsml_12": "newsml_12/afp-form.xml", "nitf": "nitf/story-3.4.xml",
    "ninjs": "ninjs/text-2.x.json", "wiretext": "wiretext/afp-style.txt",
}
ITEM_KEYS = {"guid", "version", "link", "headline", "subheadline", "byline", "agency", "dateline", "published",
             "updated", "language", "summary", "body_html", "body_text", "subjects", "keywords", "urgency",
             "images", "pubstatus", "embargo", "correction", "warnings"}


class Ran:
    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def parse_command(*args: str) -> Ran:
    """In-process (fast); the subprocess test below shows the command needs no database."""
    from io import StringIO

    from django.core.management import call_command

    out, err = StringIO(), StringIO()
    try:
        call_command("parse", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    return Ran(code, out.getvalue(), err.getvalue())


def dateline(*args: str, stdin: bytes | None = None, tmp_path: Path) -> subprocess.CompletedProcess:
    # DATABASE_URL points nowhere: the command must not need a database at all.
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "DATELINE_DATA_DIR": str(tmp_path),
           "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"}
    return subprocess.run([sys.executable, "-m", "dateline.pipeline.cli", "parse", *args], input=stdin,
                          capture_output=True, env=env, cwd=ROOT, timeout=60)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_parse_json_works_on_every_format(fmt):
    done = parse_command("--json", str(FIXTURES / FORMATS[fmt]))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["shape"] == 1 and result["ok"] is True and result["error"] is None
    assert result["format"] == ("rss" if fmt == "rss" else fmt)
    assert result["items"] and set(result["items"][0]) == ITEM_KEYS
    assert set(result["items"][0]["dateline"]) == {"text", "city", "region", "country", "agency", "date"}


def test_parse_prints_the_error_code_and_exits_1():
    done = parse_command(str(FIXTURES / "xml" / "billion-laughs.xml"))
    assert done.returncode == 1
    assert "xml_entities_forbidden" in done.stderr


def test_parse_json_error_shape():
    done = parse_command("--json", str(FIXTURES / "json" / "nan.json"))
    result = json.loads(done.stdout)
    assert done.returncode == 1
    assert result["ok"] is False and result["items"] == [] and result["error"]["code"] == "json_nonfinite"


def test_parse_reads_stdin_without_a_database_and_prints_a_summary(tmp_path):
    done = dateline("-", stdin=(FIXTURES / "wiretext" / "afp-style.txt").read_bytes(), tmp_path=tmp_path)
    assert done.returncode == 0
    out = done.stdout.decode()
    assert "wiretext, 1 item(s)" in out and "Kazakhstan hosts regional security summit" in out
    assert "Astana, Kazakhstan" in out


def test_parse_a_url_goes_through_the_egress_guard(canary_listener):
    done = parse_command("--json", f"{canary_listener.url}/feed.xml")
    result = json.loads(done.stdout)
    assert done.returncode == 1 and result["error"]["code"].startswith("fetch_")
    assert canary_listener.connections == 0  # loopback is refused before any socket opens (SSRF-2)


def test_parse_missing_file(tmp_path):
    done = parse_command(str(tmp_path / "nope.xml"))
    assert done.returncode == 1 and "not_found" in done.stderr
