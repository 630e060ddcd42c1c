"""Recording accepted messages in the send log without holding up the next SMTP exchange.

Each 250 answer is handed to a helper thread that commits ``sent`` for it, grouping whatever
has arrived meanwhile into one statement, while the sender already talks to the server about
the next message. The queue is bounded (``WINDOW``): a crash can leave at most that many
accepted messages unrecorded, to be sent again on restart (THREATS NL-6: duplicates only in
the window between the server's acceptance and the log's commit). Nothing is ever lost.

Those commits also skip the wait for the disk on the helper's own connection (SQLite
``synchronous=NORMAL`` in WAL mode, PostgreSQL ``synchronous_commit=off``): a killed sender
loses nothing by it; only a power loss or database-server crash can drop the last commits,
which again means a resend, never a lost message. Measured on the project's machine, one
flushed commit per message took longer than the SMTP exchange itself.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

from dateline.core import clock
from dateline.newsletter.models import SendLog

WINDOW = 32
_GROUP = 256
# Pause between group commits so a group holds several rows: fewer commits, less CPU taken
# from the SMTP exchange; the window stays bounded by WINDOW whatever the pause.
_PAUSE = 0.004
_STOP = object()


@contextmanager
def relaxed_commits() -> Iterator[None]:
    """Commit without waiting for the disk, on the current thread's connection only."""
    vendor = connection.vendor
    with connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute("PRAGMA synchronous=NORMAL")
        elif vendor == "postgresql":
            cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if vendor == "sqlite":
                cursor.execute("PRAGMA synchronous=FULL")
            elif vendor == "postgresql":
                cursor.execute("RESET synchronous_commit")


class SentRecorder:
    """``record(row_id)`` after each 250; ``flush()`` waits until all are committed."""

    def __init__(self) -> None:
        self._queue: queue.Queue = queue.Queue(maxsize=WINDOW)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="newsletter-sent-log", daemon=True)
        self._thread.start()

    def record(self, row_id: int) -> None:
        self._raise()
        self._queue.put(row_id)  # blocks when WINDOW messages are waiting: the window stays bounded

    def flush(self) -> None:
        self._queue.join()
        self._raise()

    def close(self) -> None:
        self._queue.put(_STOP)
        self._thread.join()
        self._raise()

    def _raise(self) -> None:
        if self._error is not None:
            raise RuntimeError("recording sent messages failed") from self._error

    def _run(self) -> None:
        try:
            with relaxed_commits():
                stop = False
                while not stop:
                    items = [self._queue.get()]
                    while len(items) < _GROUP:
                        try:
                            items.append(self._queue.get_nowait())
                        except queue.Empty:
                            break
                    ids = [i for i in items if i is not _STOP]
                    stop = len(ids) != len(items)
                    try:
                        if ids and self._error is None:
                            self._commit(ids)
                    except BaseException as exc:  # surfaced to the sender by record()/flush()/close()
                        self._error = exc
                    finally:
                        for _ in items:
                            self._queue.task_done()
                    if not stop:
                        time.sleep(_PAUSE)
        finally:
            connection.close()  # this thread's own connection

    @staticmethod
    def _commit(ids: list[int]) -> None:
        # Plain SQL: one statement per group, no query compilation. The table name comes from the
        # model, never from input; values are parameters.
        sql = (f"UPDATE {SendLog._meta.db_table} SET state = %s, sent_at = %s, attempts = attempts + 1, "  # noqa: S608
               f"last_code = 250 WHERE id IN ({', '.join(['%s'] * len(ids))})")
        with connection.cursor() as cursor:
            cursor.execute(sql, [SendLog.State.SENT.value, connection.ops.adapt_datetimefield_value(clock.now()),
                                 *ids])
