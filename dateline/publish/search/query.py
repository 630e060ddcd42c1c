"""Pure search-query handling: limits, terms, and escape-then-highlight (no ORM, no settings).

A reader's query never reaches a database's query language as typed: it is cut into word terms and
each backend quotes them itself, so FTS5 operators (``NEAR``, ``*``, ``:``, ``^``) and tsquery syntax
in the input are plain words (THREATS WEB-8 for the caps below, HTML-5 for the highlighting).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from dateline.core.text import one_line

# Longer queries are refused with a message rather than truncated silently (WEB-8).
MAX_QUERY_CHARS = 200
# More terms add cost but no precision for news search; the rest are ignored.
MAX_TERMS = 12
MAX_TERM_CHARS = 40
PER_PAGE = 10
# Pagination stops here: no page=999999 offset scans (WEB-8). 20 pages × 10 = 200 results at most.
MAX_PAGES = 20
MAX_RESULTS = PER_PAGE * MAX_PAGES

# Backends wrap matches in these two control characters. Stored text never contains them: every
# indexed field goes through ``clean_text``, which strips C0 controls (ENC-2).
MARK_START = "\x01"
MARK_END = "\x02"
_TERM = re.compile(r"\w+", re.UNICODE)


class QueryError(ValueError):
    """The query cannot be run; ``message`` is shown to the reader."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Query:
    text: str  # the query as shown back to the reader (one line)
    terms: tuple[str, ...]


def parse(raw: str | None) -> Query:
    """Normalise a reader's query; refuse one longer than MAX_QUERY_CHARS."""
    text = one_line(raw)
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"Your search is too long: please use at most {MAX_QUERY_CHARS} characters.")
    terms = tuple(dict.fromkeys(t.lower()[:MAX_TERM_CHARS] for t in _TERM.findall(text)))[:MAX_TERMS]
    return Query(text=text, terms=terms)


def page_number(raw: str | None) -> int:
    """The requested page, 1 when missing or malformed; a page past MAX_PAGES raises QueryError."""
    try:
        number = int(raw or 1)
    except ValueError:
        return 1
    if number > MAX_PAGES:
        raise QueryError(f"Search shows at most {MAX_PAGES} pages of results: please refine your search.")
    return max(number, 1)


def fts5_match(query: Query) -> str:
    """An FTS5 MATCH expression: every term quoted as a string, all of them required."""
    return " ".join('"' + term.replace('"', '""') + '"' for term in query.terms)


def _term_pattern(query: Query) -> re.Pattern[str]:
    # Whole words, case-insensitive, longest first: the same words the index matched (diacritics aside).
    words = sorted(query.terms, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE | re.UNICODE)


def mark_terms(text: str, query: Query) -> str:
    """The text with every query term wrapped in MARK_START/MARK_END (escaped later by ``highlighted``)."""
    if not query.terms:
        return text
    return _term_pattern(query).sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_END}", text)


def snippet(text: str, query: Query, *, words: int = 32) -> str:
    """About ``words`` words of ``text`` around its first match, marked, with … where it was cut."""
    tokens = text.split()
    if not tokens:
        return ""
    pattern = _term_pattern(query) if query.terms else None
    first = next((i for i, token in enumerate(tokens) if pattern and pattern.search(token)), 0)
    start = max(0, min(first - words // 4, len(tokens) - words))
    piece = " ".join(tokens[start:start + words])
    return ("…" if start else "") + mark_terms(piece, query) + ("…" if start + words < len(tokens) else "")


def highlighted(marked: str) -> SafeString:
    """Escape the text first, then turn the backend's markers into <mark> (never the other way round)."""
    escaped = html.escape(marked.replace(MARK_END, "").replace(MARK_START, ""), quote=True)
    if MARK_START not in marked:
        return mark_safe(escaped)  # noqa: S308 - escaped just above
    out: list[str] = []
    open_mark = False
    for piece in re.split(f"([{MARK_START}{MARK_END}])", marked):
        if piece == MARK_START and not open_mark:
            out.append("<mark>")
            open_mark = True
        elif piece == MARK_END and open_mark:
            out.append("</mark>")
            open_mark = False
        elif piece not in (MARK_START, MARK_END):
            out.append(html.escape(piece, quote=True))
    if open_mark:  # a snippet cut inside a match
        out.append("</mark>")
    return mark_safe("".join(out))  # noqa: S308 - every text piece escaped above
