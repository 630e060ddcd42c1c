"""Text normalisation shared by every stage (ENC-2: controls, bidi and zero-width characters)."""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls except TAB, LF, CR; DEL too.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Bidi overrides/isolates and zero-width characters: invisible, and used to spoof text.
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Lone surrogates cannot be encoded to UTF-8 and break both database backends (ENC-3).
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_SPACES = re.compile(r"\s+")


def clean_text(value: str | None) -> str:
    """Remove control characters and lone surrogates; keep TAB, LF and CR."""
    if not value:
        return ""
    value = _SURROGATES.sub("\ufffd", value)
    return _CONTROLS.sub("", value)


def one_line(value: str | None) -> str:
    """A single line with no invisible characters: titles, subjects, names (HTML-6, ENC-2)."""
    value = _INVISIBLE.sub("", clean_text(value))
    return _SPACES.sub(" ", value).strip()


def slugify(value: str, max_length: int = 80) -> str:
    value = unicodedata.normalize("NFKD", one_line(value)).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value.lower())
    value = re.sub(r"[-\s_]+", "-", value).strip("-")
    return value[:max_length].rstrip("-") or "story"
