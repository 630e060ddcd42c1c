"""Run a source once through its transport."""

from __future__ import annotations

from django.conf import settings

from dateline.core import clock
from dateline.ingest.models import SourceHealth
from dateline.ingest.services import IngestResult, ingest_bytes
from dateline.ingest.transports import folder
from dateline.network.models import Source

MAX_FILE_BYTES = 10 * 1024 * 1024


def run_folder_source(source: Source, *, stable_seconds: float = folder.STABLE_SECONDS) -> IngestResult:
    total = IngestResult()
    path = folder.folder_path(source.location, settings.DATA_DIR)
    path.mkdir(parents=True, exist_ok=True)
    for file in folder.ready_files(path, stable_seconds=stable_seconds):
        if file.stat().st_size > MAX_FILE_BYTES:
            folder.move_aside(file, path, "failed", f"too_large: over {MAX_FILE_BYTES} bytes")
            total.quarantined += 1
            continue
        data = file.read_bytes()
        result = ingest_bytes(source=source, data=data, origin=file.name)
        total.add(result)
        if result.errors:
            folder.move_aside(file, path, "failed", "\n".join(result.errors))
        else:
            folder.move_aside(file, path, "done")
    health, _ = SourceHealth.objects.get_or_create(source=source)
    health.last_attempt_at = health.last_success_at = clock.now()
    health.consecutive_failures = 0
    health.save(update_fields=["last_attempt_at", "last_success_at", "consecutive_failures"])
    return total


def run_source(source: Source, **kwargs) -> IngestResult:
    if source.transport == "folder":
        return run_folder_source(source, **kwargs)
    raise NotImplementedError(f"transport {source.transport!r} is not available yet")
