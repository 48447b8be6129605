"""Slide Markdown to the small, safe HTML subset the slide view draws.

Python-Markdown turns the text into HTML; anything outside the subset (links, images, raw HTML, attributes,
declarations) is reported as a problem at validation time; then nh3 cleans the HTML anyway, and the plain text
that is checked and read aloud is taken from the cleaned HTML, so what is validated is what is shown.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import nh3

from kiosk.content.list_breaks import loosen_lists
from kiosk.core.i18n import N_, _

ALLOWED_TAGS = {"p", "strong", "em", "ul", "ol", "li", "br"}
# Tags Markdown may produce that we drop silently (they would only restyle the text).
HARMLESS_TAGS = ALLOWED_TAGS | {"b", "i", "code", "blockquote", "hr", "pre", "h2", "h3", "h4", "h5", "h6"}
# Python-Markdown is quadratic on some inputs (runs of unmatched brackets): a kiosk slide is a few hundred
# characters, so these bounds cost nothing real and keep validation of any file under a second.
MAX_SLIDE_CHARS = 2000
MAX_INLINE_CHARS = 300
# Lists and quotes inside one another: a slide needs two levels at most. Checked by our own scan of the source
# (before Python-Markdown sees it) and again on the HTML it makes, so no release of the parser, recursing or
# not, can turn this refusal into an acceptance.
MAX_NESTING = 6
# One container opening at the start of a line: a quote mark, or a bullet or number followed by white space.
_CONTAINER = re.compile(r"[ \t]{0,3}(?:>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)")
_NESTING_TAGS = frozenset({"ul", "ol", "blockquote"})
_TAG_ADVICE = {
    "a": N_("links cannot be opened on the kiosk; write the address as plain text (or use the deck's 'qr' setting)"),
    "img": N_("pictures inside the text are not allowed; use the slide's 'image' setting"),
}
TAG_LIKE = re.compile(r"<\s*[A-Za-z/!?]")


class _HtmlReader(HTMLParser):
    """Collects the tags, attributes, declarations and text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.declarations = 0
        self.text: list[str] = []
        self.depth = 0  # lists and quotes open now
        self.deepest = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in _NESTING_TAGS:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)
        # Markdown's own output carries one attribute: the start number of a numbered list.
        if tag not in _TAG_ADVICE:  # a link's or picture's attributes are part of that one problem
            self.attributes += [name for name, _ in attrs if not (tag == "ol" and name == "start")]
        if tag in {"li", "p", "br"} and self.text:
            self.text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _NESTING_TAGS:
            self.depth = max(0, self.depth - 1)

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_decl(self, decl: str) -> None:
        self.declarations += 1

    def unknown_decl(self, data: str) -> None:  # <![CDATA[ ... ]]> and the like
        self.declarations += 1

    def handle_pi(self, data: str) -> None:
        self.declarations += 1


def _read(fragment: str) -> _HtmlReader:
    reader = _HtmlReader()
    reader.feed(fragment)
    reader.close()
    return reader


def _nested_too_deep() -> str:
    return _("lists or quotes are nested too deeply (at most {most} levels)").format(most=MAX_NESTING)


def nesting_depth(source: str) -> int:
    """How many lists and quotes the deepest line opens, read from the text itself (indentation counts a level
    per four columns, as Python-Markdown nests)."""
    deepest = 0
    for line in source.split("\n"):
        expanded = line.expandtabs(4)
        indent = len(expanded) - len(expanded.lstrip(" "))
        depth, rest = indent // 4, expanded[indent - indent % 4 :]
        while match := _CONTAINER.match(rest):
            depth, rest = depth + 1, rest[match.end() :]
        deepest = max(deepest, depth)
    return deepest


def _new_markdown() -> markdown.Markdown:
    # nl2br: a line break in the file is a line break on screen. Japanese has no spaces between
    # sentences, so joining lines the Markdown way would insert stray spaces; one sentence a line also
    # reads well from a distance.
    return markdown.Markdown(extensions=["sane_lists", "nl2br", "fenced_code"], output_format="html")


_markdown = _new_markdown()


def _convert(source: str) -> str:
    """Markdown to HTML; anything that interrupts it (RecursionError on absurd nesting, a KeyboardInterrupt, a test's
    time limit) is raised after the parser is replaced by a fresh one."""
    global _markdown
    try:
        _markdown.reset()
        return _markdown.convert(loosen_lists(source))
    except BaseException:
        _markdown = _new_markdown()  # a parser interrupted half-way keeps state that spoils every later slide
        raise


def render_markdown(source: str) -> tuple[str, str, list[str]]:
    """Return (safe HTML, plain text, problems as messages) for one slide body."""
    if len(source) > MAX_SLIDE_CHARS:
        message = _("the slide text is {count:,} characters; a slide holds at most {most:,}").format(
            count=len(source), most=MAX_SLIDE_CHARS
        )
        return "", "", [message]
    if nesting_depth(source) > MAX_NESTING:
        return "", "", [_nested_too_deep()]
    try:
        raw_html = _convert(source)
    except RecursionError:
        return "", "", [_nested_too_deep()]
    reader = _read(raw_html)
    if reader.deepest > MAX_NESTING:  # a shape the scan above does not know still cannot pass
        return "", "", [_nested_too_deep()]
    problems: list[str] = []
    for tag in dict.fromkeys(reader.tags):
        if tag in _TAG_ADVICE:
            problems.append(_(_TAG_ADVICE[tag]))
        elif tag not in HARMLESS_TAGS:
            problems.append(_("HTML tag <{tag}> is not allowed in slide text; write plain Markdown").format(tag=tag))
    if reader.attributes:
        names = ", ".join(dict.fromkeys(reader.attributes))
        problems.append(_("HTML attributes ({names}) are not allowed in slide text").format(names=names))
    if reader.declarations:
        problems.append(_("HTML declarations (<!...> or <?...>) are not allowed in slide text"))
    safe = nh3.clean(raw_html, tags=ALLOWED_TAGS, attributes={}, strip_comments=True)
    plain = re.sub(r"[ \t]*\n[ \t\n]*", "\n", "".join(_read(safe).text)).strip()
    return safe, plain, problems


def inline_text(source: str) -> tuple[str, str | None]:
    """Inline Markdown to plain text, and why it is not acceptable as a one-line text (or None)."""
    if len(source) > MAX_INLINE_CHARS:
        why = _("the text is {count:,} characters; at most {most} here").format(
            count=len(source), most=MAX_INLINE_CHARS
        )
        return source[:MAX_INLINE_CHARS], why
    if nesting_depth(source) > MAX_NESTING:
        return "", _("the text is nested too deeply")
    try:
        raw_html = _convert(source)
    except RecursionError:
        return "", _("the text is nested too deeply")
    reader = _read(raw_html)
    text = " ".join("".join(reader.text).split())
    unexpected = [tag for tag in reader.tags if tag not in {"p", "strong", "em", "b", "i", "code", "br"}]
    if unexpected or reader.attributes or reader.declarations or TAG_LIKE.search(text):
        return text, _("HTML is not allowed here; write plain text (**bold** is fine)")
    return text, None
