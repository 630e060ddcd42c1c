"""Remote images in wire items, re-hosted at ingest through the egress guard (THREATS HTML-7).

A page must never make the reader's browser call a third-party host before consent, and our server must
never become an open proxy (the Miniflux media-proxy SSRF, GHSA-xwh2-742g-w3wp). So images are fetched
once, at ingest, through ``egress`` with the source's allowlist; only raster ``image/*`` types whose bytes
match their magic numbers are kept (never SVG: it is a document that runs script), under a size cap; each
is stored under its SHA-256 and served from a signed local path. What cannot be fetched keeps its remote
URL, which the page renders as a click-to-load link (``publish`` templatetags ``body``).
"""

from __future__ import annotations

import hashlib
import html
import logging
import re
from dataclasses import replace
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction

from dateline.core import clock
from dateline.ingest.formats.base import ParsedItem
from dateline.ingest.models import MediaAsset
from dateline.ingest.transports import egress
from dateline.network.models import Source

log = logging.getLogger("dateline.ingest.media")

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGES_PER_ITEM = 10  # a body with a thousand <img> tags must not mean a thousand fetches
PATH_PREFIX = "/media/wire/"
_SALT = "dateline.ingest.media"
# Magic numbers of the raster formats served (the declared Content-Type must agree with the bytes).
_MAGIC: tuple[tuple[str, str, bytes, int], ...] = (
    ("image/jpeg", "jpg", b"\xff\xd8\xff", 0),
    ("image/png", "png", b"\x89PNG\r\n\x1a\n", 0),
    ("image/gif", "gif", b"GIF87a", 0),
    ("image/gif", "gif", b"GIF89a", 0),
    ("image/webp", "webp", b"WEBP", 8),
    ("image/avif", "avif", b"ftypavif", 4),
)
TYPES = {mime: ext for mime, ext, _, _ in _MAGIC}
_IMG_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]*)(")', re.IGNORECASE)


def sniff(data: bytes) -> str | None:
    """The raster type the bytes really are, or None (SVG, HTML, scripts and the rest)."""
    for mime, _ext, magic, offset in _MAGIC:
        if data[offset:offset + len(magic)] == magic:
            return mime
    return None


def media_name(asset: MediaAsset) -> str:
    return f"{asset.sha256}.{TYPES[asset.content_type]}"


def signed_path(asset: MediaAsset) -> str:
    """The local URL of an asset: only names we signed are served, so the endpoint proxies nothing."""
    name = media_name(asset)
    signature = signing.Signer(salt=_SALT).signature(name)
    return f"{PATH_PREFIX}{name}?s={signature}"


def verify(name: str, signature: str) -> bool:
    try:
        signing.Signer(salt=_SALT).unsign(f"{name}{signing.Signer().sep}{signature}")
    except signing.BadSignature:
        return False
    return True


def storage_path(name: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "wire" / name[:2] / name


def media_asset_fetch(*, url: str, source: Source) -> MediaAsset:
    """Fetch one image through the guard and keep it; raises ``egress.EgressError`` or ``ValueError``."""
    result = egress.fetch(url, allow=source.allow_private or (), max_bytes=MAX_IMAGE_BYTES, total_timeout=15,
                          accept="image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9")
    if result.status != 200:
        raise ValueError(f"HTTP {result.status}")
    declared = result.content_type.split(";", 1)[0].strip().lower()
    actual = sniff(result.body)
    if actual is None or declared not in TYPES or declared != actual:
        raise ValueError(f"not an accepted raster image (declared {declared or 'nothing'!r})")
    digest = hashlib.sha256(result.body).hexdigest()
    existing = MediaAsset.objects.filter(sha256=digest).first()
    if existing:
        return existing
    asset = MediaAsset(sha256=digest, content_type=actual, size=len(result.body), original_url=url[:2000],
                       fetched_at=clock.now())
    path = storage_path(media_name(asset))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(result.body)
    tmp.replace(path)  # atomic: a reader never sees half an image
    try:
        with transaction.atomic():
            asset.save()
    except IntegrityError:
        return MediaAsset.objects.get(sha256=digest)
    return asset


def enabled() -> bool:
    return bool(getattr(settings, "DATELINE_MEDIA_REHOST", False))


def rehost_images(*, source: Source, item: ParsedItem) -> ParsedItem:
    """Item with its images and body ``<img>`` re-hosted when ``DATELINE_MEDIA_REHOST`` is on."""
    if not enabled():
        return item
    local: dict[str, str] = {}
    warnings = list(item.warnings)
    remote = [image.url for image in item.images] + [html.unescape(m.group(2)) for m in _IMG_SRC.finditer(
        item.body_html)]
    for url in dict.fromkeys(u for u in remote if u.lower().startswith(("http://", "https://"))):
        if len(local) >= MAX_IMAGES_PER_ITEM:
            break
        try:
            local[url] = signed_path(media_asset_fetch(url=url, source=source))
        except (egress.EgressError, ValueError, OSError) as exc:
            code = getattr(exc, "reason", "image_rejected")
            log.info("%s: image %s kept remote: %s", source.slug, url[:200], exc)
            warnings.append(f"image_not_rehosted:{code}")
    if not local:
        return replace(item, warnings=warnings)
    images = [replace(image, url=local.get(image.url, image.url)) for image in item.images]

    def swap(match: re.Match) -> str:
        url = html.unescape(match.group(2))
        return match.group(1) + html.escape(local.get(url, url), quote=True) + match.group(3)

    return replace(item, images=images, body_html=_IMG_SRC.sub(swap, item.body_html), warnings=warnings)
