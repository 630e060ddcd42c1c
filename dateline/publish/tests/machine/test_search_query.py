"""The pure side of search: query limits, terms and escape-then-highlight."""

from __future__ import annotations

import pytest

from dateline.publish.search.query import (
    MARK_END,
    MARK_START,
    MAX_PAGES,
    MAX_QUERY_CHARS,
    MAX_TERMS,
    QueryError,
    fts5_match,
    highlighted,
    mark_terms,
    page_number,
    parse,
    snippet,
)


def test_web8_a_query_longer_than_the_limit_is_refused_with_a_message():
    parse("a" * MAX_QUERY_CHARS)
    with pytest.raises(QueryError, match=f"at most {MAX_QUERY_CHARS} characters"):
        parse("a" * (MAX_QUERY_CHARS + 1))


def test_web8_pages_past_the_cap_are_refused_and_garbage_means_page_one():
    assert page_number(None) == 1 and page_number("x") == 1 and page_number("-4") == 1
    assert page_number(str(MAX_PAGES)) == MAX_PAGES
    with pytest.raises(QueryError):
        page_number("999999")


def test_terms_are_words_lowercased_deduplicated_and_capped():
    assert parse("  Mars  ROVER mars, rover!  ").terms == ("mars", "rover")
    assert len(parse(" ".join(f"w{i}" for i in range(40))).terms) == MAX_TERMS


def test_fts5_operators_in_the_input_are_plain_quoted_words():
    query = parse('mars NEAR(rover) OR "x" col:term ^start *')
    assert fts5_match(query) == '"mars" "near" "rover" "or" "x" "col" "term" "start"'


def test_html5_highlighting_escapes_first_then_marks():
    marked = f"<img src=x onerror=alert(1)> {MARK_START}Mars{MARK_END} & <b>"
    assert highlighted(marked) == "&lt;img src=x onerror=alert(1)&gt; <mark>Mars</mark> &amp; &lt;b&gt;"


def test_a_snippet_cut_inside_a_match_still_closes_its_mark():
    assert highlighted(f"on {MARK_START}Mar") == "on <mark>Mar</mark>"
    assert highlighted(f"stray {MARK_END} end") == "stray  end"


def test_terms_are_marked_as_whole_words_in_any_case():
    query = parse("mars rover")
    assert mark_terms("Mars rovers and a MARS rover", query) == (
        f"{MARK_START}Mars{MARK_END} rovers and a {MARK_START}MARS{MARK_END} {MARK_START}rover{MARK_END}")


def test_a_snippet_is_a_window_around_the_first_match_with_ellipses():
    text = " ".join(f"w{i}" for i in range(100)) + " rover " + " ".join(f"x{i}" for i in range(100))
    cut = snippet(text, parse("rover"), words=8)
    assert cut.startswith("…") and cut.endswith("…")
    assert f"{MARK_START}rover{MARK_END}" in cut and len(cut.split()) == 8
    assert snippet("short text", parse("absent"), words=8) == "short text"
