"""Side-by-side word differences between two versions of a story (pure: text in, marked spans out)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

# Long wire bodies: comparing beyond this many words costs time and shows nothing an editor reads.
MAX_WORDS = 4000
_WORDS = re.compile(r"\S+")


@dataclass(frozen=True)
class Span:
    text: str
    kind: str  # "same", "removed" (only on the left), "added" (only on the right), "changed"


@dataclass(frozen=True)
class SideBySide:
    left: list[Span]
    right: list[Span]
    ratio: float


def _join(words: list[str]) -> str:
    return " ".join(words)


def compare(left: str, right: str) -> SideBySide:
    """Mark what differs between ``left`` (the story) and ``right`` (another version or agency)."""
    a = _WORDS.findall(left)[:MAX_WORDS]
    b = _WORDS.findall(right)[:MAX_WORDS]
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    out_left: list[Span] = []
    out_right: list[Span] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out_left.append(Span(_join(a[i1:i2]), "same"))
            out_right.append(Span(_join(b[j1:j2]), "same"))
            continue
        if i2 > i1:
            out_left.append(Span(_join(a[i1:i2]), "removed" if tag == "delete" else "changed"))
        if j2 > j1:
            out_right.append(Span(_join(b[j1:j2]), "added" if tag == "insert" else "changed"))
    return SideBySide(out_left, out_right, round(matcher.ratio(), 3))
