"""Pure rules for idempotence and versions (THREATS DUP-1…3): keys, content hashes, which version wins.

The result must not depend on arrival order: processing v1, v2, v3 or v3, v2, v1 leaves v3 current and
the others recorded but not current.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import asdict
from datetime import datetime

from dateline.core.text import one_line

GUID_MAX = 500


def normalise_guid(guid: str, *, fallback: str = "") -> str:
    """The idempotency key within a source: NFC, no controls or invisible characters, whitespace collapsed.

    Case is kept: guids are often URLs, whose paths are case-sensitive (RFC 3986 §6.2.2.1). An item with no
    guid is keyed by ``fallback`` (its link, else a hash of its headline and date) so a repeat still matches.
    """
    key = unicodedata.normalize("NFC", one_line(guid)) or one_line(fallback)
    if len(key) > GUID_MAX:  # keep long keys unique rather than truncating two of them into one
        key = key[: GUID_MAX - 65] + "#" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    return key


def _squeeze(value):
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [_squeeze(v) for v in value]
    if isinstance(value, dict):
        return {k: _squeeze(v) for k, v in value.items()}
    return value


def content_hash(item) -> str:
    """Hash of what an item says; warnings and whitespace-only differences do not make a new version."""
    data = asdict(item)
    data.pop("warnings", None)
    data = _squeeze(data)
    encoded = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(encoded.encode("utf-8", "surrogatepass")).hexdigest()


def is_newer(*, version: int | None, stamp: datetime | None, current_version: int | None,
             current_declared: bool, current_stamp: datetime | None) -> bool:
    """Does an incoming version supersede the current one?

    Declared versions (NewsML-G2 ``version``, ninjs ``version``) decide when both sides have one. Otherwise
    the item's own update time decides; with no way to order them, the later arrival wins, as a feed that
    rewrites an item in place means it.
    """
    if version is not None and current_declared and current_version is not None:
        return version > current_version
    if stamp is not None and current_stamp is not None:
        return stamp >= current_stamp
    return True
