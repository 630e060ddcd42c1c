"""A sender killed mid-send resumes without re-sending (THREATS NL-6); two schedulers send one issue (WRK-1).

Real processes: ``dateline newsletter send`` subprocesses sharing this test's database and a
real SMTP server on loopback.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.db import connection

from dateline.newsletter.models import Issue, SendLog
from dateline.newsletter.tests.conftest import active_subscriber, make_story, set_schedule, subprocess_env

pytestmark = pytest.mark.django_db(transaction=True)
SEND = [sys.executable, "-m", "dateline.pipeline.cli", "newsletter", "send", "--site", "marsdaily",
        "--date", "2026-03-10", "--no-progress"]


@pytest.fixture
def issue_ready(network):
    set_schedule(network)
    for i in range(3):
        make_story("marsdaily", f"Story {i}", info_value=i, published_at=datetime(2026, 3, 10, 2, i, tzinfo=UTC))
    return network


def test_nl6_sender_killed_after_n_messages_then_resumed_delivers_exactly_one_digest_each(
        issue_ready, mail_to_sink, settings, tmp_path):
    emails = [f"reader{i:02d}@example.org" for i in range(30)]
    for email in emails:
        active_subscriber(email, issue_ready)
    env = subprocess_env(settings, mail_to_sink, tmp_path)
    killed = threading.Event()
    sender = subprocess.Popen(SEND, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def kill_at_twelfth(rcpt, accepted):
        # The sender is waiting for message 13's RCPT answer. Once its log helper has committed
        # the 12 accepted messages, kill it: the process dies between two messages. (Killed
        # before that commit, up to sentlog.WINDOW accepted messages would be sent again: the
        # documented duplicate window.)
        if accepted == 12 and not killed.is_set():
            deadline = time.monotonic() + 20
            try:
                while SendLog.objects.filter(state="sent").count() < 12 and time.monotonic() < deadline:
                    time.sleep(0.01)
            finally:
                connection.close()  # this sink thread's own connection
            os.kill(sender.pid, signal.SIGKILL)
            killed.set()

    mail_to_sink.on_rcpt = kill_at_twelfth
    sender.wait(timeout=60)
    assert killed.is_set() and sender.returncode == -signal.SIGKILL
    assert len(mail_to_sink.delivered) == 12
    assert SendLog.objects.filter(state="sent").count() == 12
    assert Issue.objects.get().state == "sending"
    assert SendLog.objects.filter(state="sending").exists()  # the batch in flight, marked before sending

    mail_to_sink.on_rcpt = None
    out = io.StringIO()  # the restart (in this process: starting Django again costs seconds here)
    call_command("newsletter", "send", "--site", "marsdaily", "--date", "2026-03-10", "--no-progress", stdout=out)
    assert "marsdaily 2026-03-10: sent; 18 sent" in out.getvalue()
    assert Counter(d.rcpt for d in mail_to_sink.delivered) == Counter(emails)  # exactly one each
    assert SendLog.objects.filter(state="sent").count() == 30 and Issue.objects.get().state == "sent"


def test_wrk1_two_schedulers_started_together_send_one_issue(issue_ready, mail_to_sink, settings, tmp_path):
    emails = [f"reader{i:02d}@example.org" for i in range(20)]
    for email in emails:
        active_subscriber(email, issue_ready)
    mail_to_sink.on_rcpt = lambda rcpt, accepted: time.sleep(0.02)  # sending takes a while
    env = subprocess_env(settings, mail_to_sink, tmp_path)
    senders = [subprocess.Popen(SEND, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(2)]
    outputs = [s.communicate(timeout=90) for s in senders]
    assert [s.returncode for s in senders] == [0, 0], outputs
    assert Counter(d.rcpt for d in mail_to_sink.delivered) == Counter(emails)
    assert Issue.objects.count() == 1 and Issue.objects.get().state == "sent"
    assert SendLog.objects.count() == 20
