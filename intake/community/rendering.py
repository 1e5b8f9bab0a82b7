"""A post's text as safe HTML (decision 0017), pure: plain text or a small Markdown subset —
paragraphs, line breaks, emphasis, strong, lists, links, inline code (and fenced code), block
quotes. No raw HTML (shown as text), no images, no headings (a "# " line stays a line), no
tables or rules. Two layers: markdown-it-py (CommonMark, ``html=False``) writes the HTML, then
nh3 (Ammonia) keeps only the allowed tags and attributes, http/https/mailto links, and marks
each link ``rel="nofollow ugc noopener"``."""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset(
    {"p", "br", "em", "strong", "ul", "ol", "li", "a", "code", "pre", "blockquote"}
)
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"
# markdown-it's rules we do not offer: raw HTML, images, headings, indented code (people indent
# plain text), tables, horizontal rules, link reference definitions.
DISABLED_RULES = [
    "html_block",
    "html_inline",
    "image",
    "heading",
    "lheading",
    "code",
    "table",
    "hr",
    "reference",
]


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False})
    md.disable(DISABLED_RULES, ignoreInvalid=True)
    md.validateLink = _link_allowed  # type: ignore[method-assign]
    return md


def _link_allowed(url: str) -> bool:
    scheme, colon, _ = url.strip().partition(":")
    return bool(colon) and scheme.lower() in URL_SCHEMES


_MD = _parser()


def sanitise(html: str) -> str:
    """Any HTML fragment cut down to the allow-list (the second layer; also used on its own)."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        url_relative="deny",
        link_rel=LINK_REL,
        strip_comments=True,
    )


def render(text: str) -> str:
    """A post's body (as typed) to the HTML stored with it and shown on the board."""
    return sanitise(_MD.render(text.replace("\r\n", "\n")))
