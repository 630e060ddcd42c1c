"""The one public view of ingest: re-hosted wire images, served only under a signature we issued."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_safe

from dateline.ingest import media
from dateline.ingest.models import MediaAsset


@require_safe
def media_file(request: HttpRequest, name: str) -> FileResponse:
    sha, _, ext = name.partition(".")
    if not media.verify(name, request.GET.get("s", "")):
        raise Http404("unknown media")
    asset = MediaAsset.objects.filter(sha256=sha).first()
    if asset is None or media.TYPES.get(asset.content_type) != ext:
        raise Http404("unknown media")
    try:
        handle = open(media.storage_path(name), "rb")  # noqa: SIM115 (FileResponse closes it)
    except OSError:
        raise Http404("unknown media")
    response = FileResponse(handle, content_type=asset.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    # Even if a browser were talked into rendering it as a document, it could do nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=31536000, immutable"  # content-addressed: never changes
    return response
