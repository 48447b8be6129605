"""Slide Markdown to the small, safe HTML subset the slide view draws.

Python-Markdown turns the text into HTML; anything outside the subset (links, images, raw HTML) is
reported as a problem at validation time, then nh3 cleans the HTML anyway, so nothing unexpected can
ever reach the screen.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown
import nh3

ALLOWED_TAGS = {"p", "strong", "em", "ul", "ol", "li", "br"}
# Tags Markdown may produce that we drop silently (they would only restyle the text).
HARMLESS_TAGS = ALLOWED_TAGS | {"b", "i", "code", "blockquote", "hr", "pre", "h2", "h3", "h4", "h5", "h6"}
_TAG_ADVICE = {
    "a": "links cannot be opened on the kiosk; write the address as plain text (or use the deck's 'qr' setting)",
    "img": "pictures inside the text are not allowed; use the slide's 'image' setting",
}


class _TagCollector(HTMLParser):
    """Collects the start tags of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in {"li", "p", "br"} and self.text:
            self.text.append("\n")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


# nl2br: a line break in the file is a line break on screen. Japanese has no spaces between
# sentences, so joining lines the Markdown way would insert stray spaces; one sentence a line also
# reads well from a distance.
_MARKDOWN = markdown.Markdown(extensions=["sane_lists", "nl2br", "fenced_code"], output_format="html")


def render_markdown(source: str) -> tuple[str, str, list[str]]:
    """Return (safe HTML, plain text, problems as messages) for one slide body."""
    _MARKDOWN.reset()
    raw_html = _MARKDOWN.convert(source)
    collector = _TagCollector()
    collector.feed(raw_html)
    collector.close()
    problems: list[str] = []
    for tag in dict.fromkeys(collector.tags):
        if tag in _TAG_ADVICE:
            problems.append(_TAG_ADVICE[tag])
        elif tag not in HARMLESS_TAGS:
            problems.append(f"HTML tag <{tag}> is not allowed in slide text; write plain Markdown")
    safe = nh3.clean(raw_html, tags=ALLOWED_TAGS, attributes={}, strip_comments=True)
    plain = re.sub(r"[ \t]*\n[ \t\n]*", "\n", "".join(collector.text)).strip()
    return safe, html.unescape(plain), problems


def plain_inline(source: str) -> str:
    """Inline Markdown (a heading, an answer) to plain text: emphasis markers and tags removed."""
    _MARKDOWN.reset()
    collector = _TagCollector()
    collector.feed(_MARKDOWN.convert(source))
    collector.close()
    return " ".join("".join(collector.text).split())
