"""Run sources once through their transports: drop folders in this thread, HTTP fetches in a bounded pool.

Fetch threads only talk to the network; every database write happens here, in the calling thread, as each
fetch completes. One source failing, hanging or sending garbage never stops the others (NET-2, DROP-5).
"""

from __future__ import annotations

import logging
from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from dateline.ingest import formats
from dateline.ingest import health as health_services
from dateline.ingest.services import IngestResult, display_name, ingest_bytes, ingest_refused, quarantine_add
from dateline.ingest.transports import egress, folder
from dateline.ingest.transports.egress import EgressError, FetchResult
from dateline.network.models import Source

log = logging.getLogger("dateline.ingest.runner")

MAX_WORKERS = 8  # bounded pool: many slow sources never mean many threads (NET-2)
PER_HOST = 2  # at most two fetches at once to one host (NET-2)
Progress = Callable[[int], None]


def run_source(source: Source, *, stable_seconds: float = folder.STABLE_SECONDS,
               progress: Progress | None = None, fetch_options: dict | None = None) -> IngestResult:
    return run_sources([source], stable_seconds=stable_seconds, progress=progress,
                       fetch_options=fetch_options)[source.slug]


def run_sources(sources: Iterable[Source], *, stable_seconds: float = folder.STABLE_SECONDS,
                progress: Progress | None = None, fetch_options: dict | None = None,
                max_workers: int = MAX_WORKERS, per_host: int = PER_HOST) -> dict[str, IngestResult]:
    """Run each source once; returns a result per source slug, in the order given."""
    sources = list(sources)
    results = {s.slug: IngestResult() for s in sources}
    http_sources = [s for s in sources if s.transport == "http"]
    for source in sources:
        if source.transport == "folder":
            results[source.slug] = _guarded(source, lambda s=source: run_folder_source(
                s, stable_seconds=stable_seconds, progress=progress))
        elif source.transport != "http":
            results[source.slug].errors.append(f"{source.slug}: transport {source.transport!r} is unknown")
    if http_sources:
        _run_http(http_sources, results, progress=progress, fetch_options=fetch_options or {},
                  max_workers=max_workers, per_host=per_host)
    return results


def count_work(sources: Iterable[Source], *, stable_seconds: float = folder.STABLE_SECONDS) -> int:
    """Units of work for a progress bar: one per ready file and one per HTTP source."""
    total = 0
    for source in sources:
        if source.transport == "folder":
            path = folder.folder_path(source.location, settings.DATA_DIR)
            total += sum(1 for _ in folder.ready_files(path, stable_seconds=stable_seconds))
        else:
            total += 1
    return total


def _guarded(source: Source, run: Callable[[], IngestResult]) -> IngestResult:
    try:
        return run()
    except Exception as exc:  # a bug or a database outage in one source must not stop the others
        log.exception("source %s failed", source.slug)
        health_services.source_health_record_failure(source=source, code="internal_error",
                                                     detail=f"{type(exc).__name__}: {exc}")
        return IngestResult(errors=[f"{source.slug}: internal_error: {type(exc).__name__}"])


# --- drop folders ----------------------------------------------------------------------------------------

def run_folder_source(source: Source, *, stable_seconds: float = folder.STABLE_SECONDS,
                      progress: Progress | None = None) -> IngestResult:
    total = IngestResult()
    path = folder.folder_path(source.location, settings.DATA_DIR)
    path.mkdir(parents=True, exist_ok=True)
    move_errors = []
    for candidate in list(folder.ready_files(path, stable_seconds=stable_seconds)):
        name = candidate.path.name
        try:
            _ingest_file(source, path, candidate, total)
        except OSError as exc:  # the move failed: the file stays in the inbox, nothing is lost (DROP-4)
            message = f"{source.slug}: {display_name(name)}: move_failed: {exc.strerror or exc}"
            log.error(message)
            total.errors.append(message)
            move_errors.append(message)
        if progress:
            progress(1)
    if move_errors:
        health_services.source_health_record_failure(source=source, code="move_failed", detail=move_errors[-1],
                                                     public=True)
    else:
        health_services.source_health_record_success(source=source)
    return total


def _ingest_file(source: Source, path, candidate: folder.Candidate, total: IngestResult) -> None:
    name = candidate.path.name
    try:
        data = folder.read_candidate(candidate, path)
    except folder.Skip as exc:
        log.info("%s: skipped %s: %s", source.slug, display_name(name), exc)
        return
    except folder.TooLarge as exc:
        quarantine_add(source=source, raw=None, origin=name, reason="too_large", detail=str(exc))
        total.quarantined += 1
        total.errors.append(f"{source.slug}: {display_name(name)}: too_large: {exc}")
        folder.move_aside(candidate.path, path, folder.FAILED, f"too_large: {exc}")
        return
    result = ingest_bytes(source=source, data=data, origin=name)
    total.add(result)
    if result.quarantined and not result.accepted:  # the whole document failed (DROP-5: the batch goes on)
        folder.move_aside(candidate.path, path, folder.FAILED, "\n".join(result.errors))
    else:
        folder.move_aside(candidate.path, path, folder.DONE)


# --- HTTP polling ---------------------------------------------------------------------------------------

@dataclass
class _Fetch:
    source: Source
    url: str
    result: FetchResult | None = None
    error: EgressError | None = None


def _polled_url(source: Source, health) -> str:
    if health.current_url and health.moved_from == source.location:
        return health.current_url
    return source.location


def _run_http(sources: list[Source], results: dict[str, IngestResult], *, progress: Progress | None,
              fetch_options: dict, max_workers: int, per_host: int) -> None:
    queues: dict[str, deque] = defaultdict(deque)
    for source in sources:
        health = health_services.source_health_get(source=source)
        if health.polling_stopped:
            results[source.slug].errors.append(f"{source.slug}: polling stopped after 410 Gone")
            if progress:
                progress(1)
            continue
        url = _polled_url(source, health)
        job = (source, url, health.etag or None, health.last_modified or None)
        queues[(urlsplit(url).hostname or "").lower()].append(job)

    def fetch(source: Source, url: str, etag: str | None, last_modified: str | None) -> _Fetch:
        try:
            return _Fetch(source, url, result=egress.fetch(url, allow=source.allow_private or (), etag=etag,
                                                           last_modified=last_modified, **fetch_options))
        except EgressError as exc:
            return _Fetch(source, url, error=exc)

    # At most ``per_host`` fetches per host are in flight; the rest wait in their host's queue, not in a
    # pool thread, so 200 hanging sources on one host never starve the sources on other hosts (NET-2).
    with ThreadPoolExecutor(max_workers=max(1, max_workers), thread_name_prefix="dateline-fetch") as pool:
        running: dict = {}

        def start(host: str) -> None:
            while queues[host] and sum(1 for h in running.values() if h == host) < per_host:
                running[pool.submit(fetch, *queues[host].popleft())] = host

        for host in list(queues):
            start(host)
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                host = running.pop(future)
                done = future.result()
                results[done.source.slug] = _guarded(done.source, lambda d=done: _apply(d))
                if progress:
                    progress(1)
                start(host)


def _apply(done: _Fetch) -> IngestResult:
    """Turn one fetch into writes: items, quarantine and health (NET-2, NET-3, OBS-1)."""
    source, url, result = done.source, done.url, IngestResult()
    where = f"{source.slug}: {display_name(url)}"
    if done.error is not None:
        health_services.source_health_record_failure(source=source, code=done.error.reason, detail=str(done.error))
        result.errors.append(f"{where}: {done.error.reason}")
        return result
    fetched = done.result
    assert fetched is not None
    status = fetched.status
    if status == 304:  # conditional GET: nothing changed, nothing written but the health row
        health_services.source_health_record_success(source=source, status=304, max_age=fetched.cache_max_age)
        result.not_modified = True
        return result
    if not 200 <= status < 300:
        code = {404: "not_a_feed", 410: "gone", 429: "rate_limited", 503: "unavailable"}.get(status, f"http_{status}")
        health_services.source_health_record_failure(source=source, code=code, detail=f"HTTP {status} from {url}",
                                                     status=status, retry_after=fetched.retry_after)
        result.errors.append(f"{where}: {code}")
        return result
    if not fetched.body.strip():
        # An empty answer never unpublishes anything: it is an error of the fetch, not news (NET-3).
        health_services.source_health_record_failure(source=source, code="empty_document",
                                                     detail=f"empty body from {url}", status=status, public=True)
        result.errors.append(f"{where}: empty_document")
        return result
    if source.format == "auto" and formats.detect(fetched.body, fetched.content_type or None) == "html":
        # A polled URL answering with an HTML page is a challenge, login or error page far more often than
        # news; page sources say format = "html" explicitly (NET-3). The bytes are kept all the same.
        result = ingest_refused(source=source, data=fetched.body, origin=fetched.final_url,
                                content_type=fetched.content_type, reason="not_a_feed",
                                detail="an HTML page where a feed was expected (set the source's format to html "
                                       "to ingest pages)")
    else:
        result = ingest_bytes(source=source, data=fetched.body, origin=fetched.final_url,
                              content_type=fetched.content_type, url=fetched.final_url)
    if result.quarantined and not result.accepted:
        code = result.codes[-1] if result.codes else "quarantined"
        health_services.source_health_record_failure(source=source, code=code, detail=result.errors[-1],
                                                     status=status, public=True)
        return result
    if fetched.permanent_redirect and fetched.final_url != source.location:
        health_services.source_health_record_move(source=source, url=fetched.final_url)
    health_services.source_health_record_success(source=source, status=status, max_age=fetched.cache_max_age,
                                                 etag=fetched.etag or "", last_modified=fetched.last_modified or "")
    return result
