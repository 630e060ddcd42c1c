"""The body template tag (THREATS HTML-1, HTML-4, HTML-7): a sanitiser fixed point with no remote media."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.publish.templatetags.body import _clean, is_local, render_body

FRAGMENTS = ['<img src="https://t.example/p.gif">', '<img src="//t.example/x">', "<script>alert(1)</script>",
             '<a href="javascript:alert(1)">x</a>', "<p>", "</p>", "<iframe src=x>", '<img src="/media/a.png">',
             "&lt;", "&amp;", "<svg onload=alert(1)>", '"', "'", "<", ">", "text ", "<b>", "</b>", "<!--",
             "-->", '<img src="https://a.example/x" alt="<b>">', "<style>p{}</style>", "<math>"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=12))
def test_html4_rendering_is_a_fixed_point_without_scripts_or_remote_media(parts):
    html = render_body("".join(parts))
    assert render_body(html) == html
    assert "<script" not in html and "javascript:" not in html and "<iframe" not in html and "<svg" not in html
    for src in re.findall(r'<img[^>]*\ssrc="([^"]*)"', html):
        assert is_local(src), src


def test_is_local_accepts_only_paths_on_our_own_host():
    assert is_local("/media/wire/ab.png?s=x")
    for url in ("//evil.example/x", "https://evil.example/", "/\\evil.example", "data:image/png;base64,AA", ""):
        assert not is_local(url), url


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=12))
def test_html4_a_clean_body_renders_as_two_sanitiser_passes_do(parts):
    """A body the sanitiser leaves as it is skips the second pass: the output must not differ."""
    html = render_body("".join(parts))
    assert render_body(html) == html
    if "<img" not in html:
        assert render_body(html) == _clean(_clean(html))
