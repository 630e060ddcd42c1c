"""The process-wide near-duplicate index, kept in step with the database.

Each process holds one ``dedup.ClusterIndex`` of the wire items added in the last ``WINDOW``. It is
built on first use from the signatures persisted on ``StoryItem.minhash`` and, before every query,
catches up with rows other processes (or this one) added since the last look, so several workers
share one view without a shared cache. Matches are checked against the database before use: an index
entry may point at a rolled-back row or at a story an editor has since merged.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from dateline.core import clock
from dateline.desk import dedup
from dateline.desk.models import StoryItem

# A week covers follow-ups and updates of a running story; older events start a new story.
WINDOW = timedelta(days=7)
# Rows may commit in a different order than their timestamps (concurrent workers): look back a while.
OVERLAP = timedelta(minutes=5)

_index: dedup.ClusterIndex | None = None
_synced_at: datetime | None = None


def reset() -> None:
    """Forget the in-memory index (tests, or after a bulk change such as a merge)."""
    global _index, _synced_at
    _index, _synced_at = None, None


def _load(index: dedup.ClusterIndex, since: datetime) -> None:
    rows = (StoryItem.objects.filter(added_at__gte=since, minhash__isnull=False)
            .exclude(role=StoryItem.Role.STALE).order_by("added_at")
            .values_list("item_id", "story_id", "minhash", "added_at"))
    for item_id, story_id, blob, added_at in rows.iterator(chunk_size=2000):
        known = index.added_at(item_id)
        if known == added_at:
            continue
        if known is not None:
            # The id was used before by a row that is gone (rolled back or flushed): replace the entry.
            index.remove(item_id)
        index.add(key=item_id, story=story_id, sig=dedup.signature_from_bytes(blob), at=added_at)


def get_index() -> dedup.ClusterIndex:
    global _index, _synced_at
    now = clock.now()
    # A clock that moved backwards (tests travel in time) makes the incremental view unreliable.
    if _index is None or _synced_at is None or now < _synced_at - OVERLAP:
        _index = dedup.ClusterIndex()
        _load(_index, now - WINDOW)
    else:
        _load(_index, _synced_at - OVERLAP)
        _index.evict(before=now - WINDOW)
    _synced_at = now
    return _index


def find_story(sig: dedup.Signature) -> tuple[int, float] | None:
    """(story id, similarity) of the most similar recent story, verified against the database."""
    matches = get_index().query(sig)
    if not matches:
        return None
    rows = StoryItem.objects.filter(item_id__in=[m.key for m in matches]).values_list("item_id", "story_id",
                                                                                      "added_at")
    live = {item_id: (story_id, added_at) for item_id, story_id, added_at in rows}
    for match in matches:
        # The same item id added at another time is a different row (a rolled-back one was reused).
        if match.key in live and live[match.key][1] == match.at:
            return live[match.key][0], match.similarity
    return None
