"""Parse deck.md: front matter, slides split on `---`, per-slide settings and presenter notes."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.fences import code_lines
from kiosk.content.frontmatter import parse_yes_no, split_front_matter
from kiosk.content.limits import CAPTION_UNITS, HEADING_UNITS, MAX_SLIDES, too_long, width_units
from kiosk.content.markup import TAG_ADVICE, inline_text, render_markdown, soft_joined
from kiosk.content.model import Deck, Slide
from kiosk.content.settings_comment import comments, line_of, parse_settings, unclosed_comment, without_comments
from kiosk.core.errors import ContentError
from kiosk.core.i18n import _
from kiosk.core.typeset import plain

DECK_KEYS = {"title", "subtitle", "image", "qr", "shuffle_answers", "audio", "credit", "terms"}  # terms: for the advice
SLIDE_KEYS = {"id", "image", "layout", "audio", "handout"}
HANDOUT = ("yes", "no", "front")  # the handout: with the illustrated slides, left off, or on the first page
LAYOUTS = {"split", "center", "card"}  # slide_page.py draws each
SLIDE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


@dataclass(frozen=True)
class SlideSource:
    """The raw text of one slide and the line it starts on."""

    text: str
    first_line: int


def split_slides(text: str, first_line: int = 1) -> list[SlideSource]:
    """Split on lines that are exactly `---`, never inside a code fence."""
    chunks: list[SlideSource] = []
    current: list[str] = []
    start = first_line
    for number, (line, in_code) in enumerate(code_lines(text.split("\n")), start=first_line):
        if not in_code and line.strip() == "---":
            chunks.append(SlideSource("\n".join(current), start))
            current, start = [], number + 1
        else:
            current.append(line)
    chunks.append(SlideSource("\n".join(current), start))
    return [_trim(chunk) for chunk in chunks if chunk.text.strip()]


def _trim(chunk: SlideSource) -> SlideSource:
    """Drop leading blank lines so a slide's line number points at its first real line."""
    lines = chunk.text.split("\n")
    blank = next(i for i, line in enumerate(lines) if line.strip())
    return SlideSource("\n".join(lines[blank:]), chunk.first_line + blank)


class _SlideReader:
    """One slide's source read in steps: its comments (settings, caption, keep marks, notes), its settings checked,
    then its heading and body; each problem at its line as it is found."""

    def __init__(self, source: SlideSource, path: Path) -> None:
        self.source, self.path = source, path
        self.problems: list[ContentError] = []
        self.settings: dict[str, str] | None = None
        self.settings_line = 1
        self.notes: list[str] = []
        self.keep_lines: list[int] = []  # lines of `<!-- keep together -->` marks: the next block stays on one screen
        self.caption, self.caption_line = "", 0

    def problem(self, offset_line: int, message: str) -> None:
        self.problems.append(ContentError(self.path, self.source.first_line + offset_line - 1, message))

    def read_comments(self) -> None:
        """Each comment by its kind: a keep mark, the caption, the settings (the first with an id), else a note."""
        text = self.source.text
        for comment in comments(text):
            parsed = parse_settings(comment.body)
            if KEEP_MARK.fullmatch(comment.body):
                self.keep_lines.append(line_of(text, comment.start))
            elif found := CAPTION_MARK.fullmatch(comment.body):
                self.read_caption(found.group(1), line_of(text, comment.start))
            elif self.settings is None and parsed is not None and "id" in parsed:
                self.read_settings(parsed, line_of(text, comment.start))
            else:
                self.notes.append(comment.body.strip())
        unclosed = unclosed_comment(text)
        if unclosed is not None:
            self.problem(line_of(text, unclosed), _("a comment opened with '<!--' is never closed with '-->'"))

    def read_caption(self, source: str, at: int) -> None:
        if self.caption_line:
            first = self.source.first_line + self.caption_line - 1
            self.problem(at, _("a slide has one caption (the first is at line {line})").format(line=first))
            return
        self.caption_line = at
        self.caption, why = _caption(source)
        if why:
            self.problem(at, why)

    def read_settings(self, parsed: dict[str, str], at: int) -> None:
        self.settings, self.settings_line = parsed, at
        for key in parsed:
            if key not in SLIDE_KEYS:
                self.problem(
                    at,
                    _("unknown slide setting {key!r} (known: {slide_keys})").format(
                        key=key, slide_keys=", ".join(sorted(SLIDE_KEYS))
                    ),
                )

    def check_settings(self, image_problem: Callable[[str], str | None]) -> dict[str, str]:
        """The settings, each value checked (id, layout, image, caption, handout); id, layout and handout given
        even where the comment leaves them out (their defaults), so the slide reads them from here."""
        settings, at = self.settings, self.settings_line
        if settings is None:
            self.problem(1, _("the slide has no settings comment such as <!-- id: seiza; image: seiza.svg -->"))
            settings = {}
        slide_id = settings.get("id", "")
        if settings and not SLIDE_ID.match(slide_id):
            self.problem(
                at, _("slide id {slide_id!r} must be lower-case letters, digits and '-'").format(slide_id=slide_id)
            )
        layout = settings.get("layout", "split")
        if layout not in LAYOUTS:
            known = ", ".join(sorted(LAYOUTS))
            self.problem(at, _("unknown layout {layout!r} (known: {layouts})").format(layout=layout, layouts=known))
        image = settings.get("image") or None
        if image is not None and (why := image_problem(image)):
            self.problem(at, why)
        if self.caption_line and image is None:
            self.problem(
                self.caption_line, _("a caption describes the slide's picture, and this slide has none (add 'image:')")
            )
        handout = settings.get("handout", "yes")
        if handout not in HANDOUT:
            why = _("no: left off the handout; front: on its first page")
            message = _("handout must be {choices}, not {value!r} ({why})")
            self.problem(at, message.format(choices=", ".join(HANDOUT), value=handout, why=why))
        return {"id": slide_id, "layout": layout, "handout": handout, **settings}

    def heading_and_body(self, text: str) -> tuple[str, list[str]]:
        """The one `# ` heading, and the body's lines (the heading's line left blank, so lines keep their numbers)."""
        heading = ""
        body_lines: list[str] = []
        for number, (line, in_code) in enumerate(code_lines(text.split("\n")), start=1):
            if not in_code and line.startswith("#") and not line.startswith("##"):
                if heading:
                    self.problem(
                        number, _("a slide has one '# ' heading; start a new slide with '---' for another idea")
                    )
                heading, why = inline_text(line[1:].strip().rstrip("#").strip())
                why = why or too_long(heading, HEADING_UNITS, _("the heading"))
                if why:
                    self.problem(number, why)
                body_lines.append("")
            else:
                body_lines.append(line)
        if not heading:
            self.problem(1, _("the slide has no '# ' heading"))
        return heading, body_lines

    def body(self, text: str, body_lines: list[str]) -> tuple[str, str, tuple[int, ...]]:
        """The body's HTML, its plain text and the blocks kept together; markup problems at their likely line."""
        _mark_kept(body_lines, self.keep_lines)
        body_html, body_text, markup_problems = render_markdown("\n".join(body_lines))
        body_html, keep = kept_blocks(body_html)
        body_text = body_text.replace(KEEP_SENTINEL, "")
        for message in markup_problems:
            self.problem(_guess_line(text, message), message)
        if not body_text:
            self.problem(1, _("the slide has no text under its heading"))
        return body_html, body_text, keep


def _parse_slide(
    source: SlideSource, path: Path, image_problem: Callable[[str], str | None]
) -> tuple[Slide | None, list[ContentError]]:
    reader = _SlideReader(source, path)
    reader.read_comments()
    text = without_comments(source.text)
    settings = reader.check_settings(image_problem)
    heading, body_lines = reader.heading_and_body(text)
    body_html, body_text, keep = reader.body(text, body_lines)
    if reader.problems:
        return None, reader.problems
    image, audio = settings.get("image") or None, settings.get("audio") or None
    notes = tuple(reader.notes)
    slide_id, layout = settings["id"], settings["layout"]
    slide = Slide(slide_id, heading, body_html, body_text, image, layout, notes, source.first_line, audio, keep)
    return slide._replace(handout=settings["handout"], caption=reader.caption), []


CAPTION_MARK = re.compile(r"\s*caption\s*:(.*)", re.IGNORECASE | re.DOTALL)


def _caption(source: str) -> tuple[str, str | None]:
    """A caption's text (its lines joined as soft breaks, Markdown marks gone), and why it is refused (or None)."""
    caption, why = inline_text(soft_joined([line.strip() for line in source.split("\n") if line.strip()]))
    caption = plain(caption)  # printed and read as it is: no marks for the screen's line breaker
    if why:
        return caption, _("caption: {why}").format(why=why)
    if not caption:
        return caption, _("the caption is empty: say in a few words what the picture shows")
    if (units := width_units(caption)) > CAPTION_UNITS:
        return caption, _(
            "the caption is {units:g} characters long (a letter counts 0.6); at most {limit} fit under the picture on"
            " the handout: shorten it"
        ).format(units=units, limit=CAPTION_UNITS)
    return caption, None


KEEP_MARK = re.compile(r"\s*keep[ -]together\s*", re.IGNORECASE)
KEEP_SENTINEL = "\ue000"  # where a kept block starts, between Markdown and the slide's HTML only
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_TOP_BLOCK = re.compile(r"<(p|ul|ol)\b[^>]*>.*?</\1>", re.S)  # the blocks kiosk.ui.pages.slide_fit counts


def _mark_kept(body_lines: list[str], keep_lines: list[int]) -> None:
    """Put the sentinel at the start of the first text line after each keep mark (after a list marker)."""
    for mark_line in keep_lines:
        for index in range(mark_line - 1, len(body_lines)):
            line = body_lines[index]
            if line.strip():
                marker = _LIST_MARKER.match(line)
                cut = marker.end() if marker else len(line) - len(line.lstrip())
                body_lines[index] = line[:cut] + KEEP_SENTINEL + line[cut:]
                break


def kept_blocks(body_html: str) -> tuple[str, tuple[int, ...]]:
    """The HTML without sentinels, and the numbers of the top-level blocks that held one."""
    if KEEP_SENTINEL not in body_html:
        return body_html, ()
    kept = tuple(n for n, block in enumerate(_TOP_BLOCK.finditer(body_html)) if KEEP_SENTINEL in block.group(0))
    return body_html.replace(KEEP_SENTINEL, ""), kept


def _guess_line(text: str, message: str) -> int:
    """Point a markup problem at the first line that looks like its cause."""
    needles = {"a": ("](", "<a", "http"), "img": ("![", "<img")}  # by the message's tag, in any language
    keys = next((v for k, v in needles.items() if message == _(TAG_ADVICE[k])), ("<",))
    for number, line in enumerate(text.split("\n"), start=1):
        if any(needle in line.lower() for needle in keys):
            return number
    return 1


def _parse_slides(
    body: str, first_line: int, path: Path, image_problem: Callable[[str], str | None]
) -> tuple[list[Slide], list[ContentError]]:
    """Every slide that parses, and every problem of the slides: each slide's, ids used twice, too many slides."""
    problems: list[ContentError] = []
    slides: list[Slide] = []
    seen: dict[str, int] = {}
    for source in split_slides(body, first_line):
        slide, slide_problems = _parse_slide(source, path, image_problem)
        problems.extend(slide_problems)
        if slide is None:
            continue
        if slide.id in seen:
            message = _("slide id {id!r} is already used at line {line}").format(id=slide.id, line=seen[slide.id])
            problems.append(ContentError(path, slide.line, message))
        seen[slide.id] = slide.line
        slides.append(slide)
    if not slides and not problems:
        problems.append(ContentError(path, 1, _("the deck has no slides")))
    if len(slides) > MAX_SLIDES:  # beyond it no visit could be recorded (kiosk.content.limits)
        where = slides[MAX_SLIDES].line
        message = _("a deck has at most {most:,} slides, found {count:,}").format(most=MAX_SLIDES, count=len(slides))
        problems.append(ContentError(path, where, message))
    return slides, problems


def parse_deck(
    text: str, path: Path, image_problem: Callable[[str], str | None]
) -> tuple[Deck | None, list[ContentError]]:
    """Parse a whole deck file; return the deck, or None with every problem found."""
    settings, key_lines, used, problems = split_front_matter(text, path, DECK_KEYS)
    body = "\n".join(text.split("\n")[used:])
    slides, slide_problems = _parse_slides(body, used + 1, path, image_problem)
    problems += slide_problems

    shuffle = parse_yes_no(settings.get("shuffle_answers", "no"))
    if shuffle is None:
        problems.append(ContentError(path, key_lines["shuffle_answers"], _("shuffle_answers must be yes or no")))
    qr = settings.get("qr") or None
    if qr is not None and not re.match(r"^https://[^\s/$.?#][^\s]*$", qr):
        problems.append(
            ContentError(path, key_lines["qr"], _("qr must be an https:// address, not {qr!r}").format(qr=qr[:60]))
        )
    image = settings.get("image") or None
    if image is not None and (why := image_problem(image)):
        problems.append(ContentError(path, key_lines["image"], why))
    if problems:
        return None, problems
    texts = {}
    for key in ("title", "subtitle", "credit"):
        texts[key], why = inline_text(settings.get(key, ""))
        if why:
            problems.append(ContentError(path, key_lines[key], f"{key}: {why}"))
    if problems:
        return None, problems
    title = texts["title"] or (slides[0].heading if slides else "")
    audio = settings.get("audio") or None
    deck = Deck(title, texts["subtitle"], image, qr, bool(shuffle), tuple(slides), audio, texts["credit"])
    return deck, []
