"""A post's text to safe HTML: the Markdown subset, and what an attacker may try."""

from __future__ import annotations

import re

import pytest

from intake.community.rendering import render, sanitise

REL = 'rel="nofollow ugc noopener"'


def test_it_renders_paragraphs_line_breaks_emphasis_and_lists():
    html = render("hello *world* **bold**\nnext line\n\n- a\n- b\n\n1. one")
    assert html == (
        "<p>hello <em>world</em> <strong>bold</strong><br>\nnext line</p>\n"
        "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<ol>\n<li>one</li>\n</ol>\n"
    )


def test_it_renders_quotes_inline_code_and_links_marked_nofollow():
    assert (
        render("> quoted `x < y`")
        == "<blockquote>\n<p>quoted <code>x &lt; y</code></p>\n</blockquote>\n"
    )
    assert render("[flats](https://example.org/flats)") == (
        f'<p><a href="https://example.org/flats" {REL}>flats</a></p>\n'
    )
    assert render("[me](mailto:person@example.org)") == (
        f'<p><a href="mailto:person@example.org" {REL}>me</a></p>\n'
    )


def test_plain_text_stays_plain_text():
    assert render("Rue de la Loi 1, 1000 Bruxelles") == "<p>Rue de la Loi 1, 1000 Bruxelles</p>\n"


def test_it_offers_no_headings_and_no_images():
    assert render("# Big") == "<p># Big</p>\n"
    html = render("![cat](https://example.org/cat.png)")
    assert "<img" not in html
    assert f'<a href="https://example.org/cat.png" {REL}>cat</a>' in html


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        "<svg onload=alert(1)>",
        "<iframe src=https://example.org></iframe>",
        '<p style="background:url(javascript:alert(1))">x</p>',
    ],
)
def test_raw_html_is_shown_as_text(payload):
    html = render(payload)
    assert "<" not in html.replace("<p>", "").replace("</p>", "")


@pytest.mark.parametrize(
    "payload",
    [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](  javascript:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](file:///etc/passwd)",
        "[x](/admin/)",
        "<javascript:alert(1)>",
        '[x](https://example.org" onclick="alert(1))',
        "[**[y](javascript:alert(1))**](https://example.org)",
        "[x](&#106;avascript:alert(1))",
    ],
)
def test_no_dangerous_link_survives(payload):
    html = render(payload)
    tags = re.findall(r"<[^>]+>", html)
    assert [t for t in tags if re.search(r"\son\w+=|javascript:|data:|vbscript:|file:", t)] == []
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert [h for h in hrefs if not h.startswith(("https://", "http://", "mailto:"))] == []


def test_the_sanitiser_alone_drops_what_is_not_allowed():
    dirty = (
        '<p onclick="x">a<script>alert(1)</script><img src=x onerror=y>'
        '<a href="javascript:alert(1)">j</a><a href="https://example.org" target="_blank">k</a>'
        "<h1>h</h1></p>"
    )
    assert sanitise(dirty) == (
        f'<p>a<a {REL}>j</a><a href="https://example.org" {REL}>k</a></p>h<p></p>'
    )
