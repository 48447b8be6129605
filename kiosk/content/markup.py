"""Slide Markdown to the small, safe HTML subset the slide view draws.

Python-Markdown turns the text into HTML; anything outside the subset (links, images, raw HTML, attributes,
declarations) is reported as a problem at validation time; then nh3 cleans the HTML anyway, and the plain text
that is checked and read aloud is taken from the cleaned HTML, so what is validated is what is shown.

A line break typed inside a paragraph is soft, as in CommonMark: it joins the lines, with nothing between
two Japanese characters and a space otherwise (CSS Text 3's segment-break rule); a hard break is a blank
line (a new paragraph), a backslash or two spaces at the line's end. `{{...}}` keeps a phrase whole on one line.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from itertools import pairwise
from xml.etree.ElementTree import Element

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from kiosk.content.list_breaks import loosen_lists
from kiosk.core.i18n import N_, _
from kiosk.core.typeset import NBSP, WJ, is_cjk, plain

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
TAG_ADVICE = _TAG_ADVICE = {
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


_KEEP = re.compile(r"\{\{(.+?)\}\}", re.S)
_SOFT_BREAK = re.compile(r"[ \t]*\n[ \t]*")
_BACKSLASH_BREAK = re.compile(r"(?<!\\)\\\n")  # CommonMark's hard break: a backslash at the line's end


def keep_whole(source: str) -> str:
    """`{{...}}` as its text with no break inside: a WORD JOINER beside each Japanese character, spaces
    that never break (kiosk.content.phrases honours both)."""

    def joined(match: re.Match[str]) -> str:
        text = " ".join(match.group(1).split()).replace(" ", NBSP)
        out = text[:1]
        for before, char in pairwise(text):
            out += (WJ if is_cjk(before) or is_cjk(char) else "") + char
        return out

    return _KEEP.sub(joined, source)


def soft_join(before: str, after: str) -> str:
    """What a soft line break between these two texts becomes: nothing between Japanese, else a space."""
    if not before or not after:
        return ""
    return "" if is_cjk(before[-1]) or is_cjk(after[0]) else " "


def soft_joined(parts: list[str]) -> str:
    """Lines joined as soft breaks join them (a quiz explanation's `>` lines, a score message's lines)."""
    text = ""
    for part in (p.strip() for p in parts):
        if part:
            text += soft_join(text, part) + part
    return text


def _unbreak(text: str, before: str = "", after: str = "") -> str:
    """A text's soft line breaks joined; `before`/`after` are the texts around it (for a break at an end)."""
    pieces = _SOFT_BREAK.split(text)
    if len(pieces) == 1:
        return text
    out = pieces[0]
    for index, piece in enumerate(pieces[1:], start=1):
        left = out or (before if index == 1 else "")
        right = piece or (after if index == len(pieces) - 1 else "")
        out += soft_join(left, right) + piece
    return out


class _SoftBreaks(Treeprocessor):
    """Every line break left in a paragraph's or item's text after Markdown's own passes is soft."""

    def run(self, root: Element) -> None:
        for element in root.iter():
            if element.tag in ("pre", "code"):
                continue
            if element.text and "\n" in element.text:
                element.text = _unbreak(element.text, "", (element[0].text or "") if len(element) else "")
            children = list(element)
            for index, child in enumerate(children):
                if child.tail and "\n" in child.tail and child.tag not in ("ul", "ol", "p", "li", "pre"):
                    after = (children[index + 1].text or "") if index + 1 < len(children) else ""
                    child.tail = _unbreak(child.tail, child.text or "", after)


class _SoftBreakExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(_SoftBreaks(md), "soft_breaks", 15)  # after inline (20), before prettify (10)


def _new_markdown() -> markdown.Markdown:
    # Line breaks typed inside a paragraph are soft (CommonMark); see _SoftBreaks and soft_join.
    return markdown.Markdown(extensions=["sane_lists", "fenced_code", _SoftBreakExtension()], output_format="html")


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
        raw_html = _convert(_BACKSLASH_BREAK.sub("  \n", keep_whole(source)))
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
    text = re.sub(r"[ \t]*\n[ \t\n]*", "\n", "".join(_read(safe).text)).strip()
    return safe, plain(text), problems


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
        raw_html = _convert(keep_whole(source))
    except RecursionError:
        return "", _("the text is nested too deeply")
    reader = _read(raw_html)
    text = re.sub(r"[ \t\r\n]+", " ", "".join(reader.text)).strip()  # a kept phrase's no-break space stays
    unexpected = [tag for tag in reader.tags if tag not in {"p", "strong", "em", "b", "i", "code", "br"}]
    if unexpected or reader.attributes or reader.declarations or TAG_LIKE.search(text):
        return text, _("HTML is not allowed here; write plain text (**bold** is fine)")
    return text, None
