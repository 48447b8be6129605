"""Hostile and random content files: never a crash or a hang, every problem `path:line: message`, safe HTML only."""

from __future__ import annotations

import codecs
import contextlib
import functools
import json
import os
import random
import re
import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, currently_in_test_context, event, given, settings
from hypothesis import strategies as st

from kiosk import cli
from kiosk.content import markup
from kiosk.content.deck import DECK_KEYS, parse_deck
from kiosk.content.images import IllustrationStore
from kiosk.content.loader import load_library
from kiosk.content.markup import MAX_NESTING, MAX_SLIDE_CHARS, render_markdown
from kiosk.content.model import Lesson, Library, ResultText, Translation
from kiosk.content.strings import FALLBACK, INTERFACE, purposes
from kiosk.content.words import line_starts
from kiosk.core import paths
from kiosk.core.textfile import MAX_FILE_BYTES

FILES = ("deck.md", "quiz.md", "result.md", "ui.toml")
SHIPPED_LESSON = paths.SHIPPED_CONTENT / "stretching"
SHIPPED = {name: (SHIPPED_LESSON / "ja" / name).read_bytes() for name in FILES[:-1]}
# A lesson's ui.toml may give every key: the kiosk's own Japanese words are such a file, so each key is there to break.
SHIPPED["ui.toml"] = (INTERFACE / "ja.toml").read_bytes()
TEXT = {name: data.decode("utf-8-sig").replace("\r\n", "\n") for name, data in SHIPPED.items()}
DECK_BODY = TEXT["deck.md"].split("\n---\n", 1)[1]  # the shipped deck without its front matter

# CPU seconds for one whole validation of the folder: the bound catches a runaway cost (a quadratic parse), and
# CPU time, unlike the clock on the wall, does not grow when other programs keep the machine busy.
TIME_LIMIT = 1.0
HARD_STOP = 30.0  # wall seconds: a hang is cut off here and reported, so the suite never stalls
PROBLEM = re.compile(r"^[^\n]+:\d+: \S.*$")
LOCATED = re.compile(r"(?P<path>[^\n]+?):(?P<line>\d+): (?P<message>\S[^\n]*)")
SAFE_TAGS = {"p", "strong", "em", "ul", "ol", "li", "br"}
SAFE_IMAGE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\.(svg|png)")
TAG_LIKE = re.compile(r"<\s*/?\s*[A-Za-z!?]")

# Hypothesis runs a fixed number of examples in a fixed order: the same work on every CI run.
BUDGET = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# ---------------------------------------------------------------------------------------------------------------------
# Running the engine: time limit, hard stop, and the checks every run must pass
# ---------------------------------------------------------------------------------------------------------------------


class _Overtime(BaseException):
    """Raised by the alarm inside a call that runs past HARD_STOP (BaseException: the engine cannot swallow it)."""


@contextlib.contextmanager
def _hard_stop(seconds: float) -> Iterator[None]:
    """Interrupt the block after `seconds` where the platform allows it (SIGALRM, main thread); else only measure."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _alarm(signum: int, frame: object) -> None:
        raise _Overtime

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(autouse=True, scope="module")
def _dictionary_loaded() -> None:
    """The dictionary analyser is loaded once per process (about 0.1-0.7 s); the time limit is for validating."""
    line_starts("辞書を読み込む")


def _timed(what: str, call: Callable[[], object]) -> object:
    """Run one engine call; fail when it raises, or takes TIME_LIMIT CPU seconds or longer."""
    start = time.thread_time()
    try:
        with _hard_stop(HARD_STOP):
            result = call()
    except _Overtime:
        raise AssertionError(f"{what} still running after {HARD_STOP} s (a hang)") from None
    elapsed = time.thread_time() - start
    assert elapsed < TIME_LIMIT, f"{what} took {elapsed:.2f} s of CPU"
    return result


def _content(tmp_path: Path, replace: dict[str, bytes]) -> Path:
    """A lesson folder holding ja/ with the shipped files, some of them replaced, and the shipped pictures."""
    root = tmp_path / "content"
    (root / "ja").mkdir(parents=True, exist_ok=True)
    if not (root / "pictures").exists():
        shutil.copytree(SHIPPED_LESSON / "pictures", root / "pictures")
    for name in FILES:
        (root / "ja" / name).write_bytes(replace.get(name, SHIPPED[name]))
    return root


def _assert_located(text: str, root: Path) -> None:
    """One problem reads `path:line: message`, names a file of the folder and a line the file has."""
    assert PROBLEM.fullmatch(text), f"not `path:line: message`: {text!r}"
    match = LOCATED.fullmatch(text)
    assert match, text
    path = Path(match["path"])
    path = (path if path.is_absolute() else Path.cwd() / path).resolve()
    assert path.parent == (root / "ja").resolve() and path.name in FILES, f"not a file of {root}: {text!r}"
    data = path.read_bytes()
    last = data.count(b"\n") + data.count(b"\r") + 1  # generous: CR alone also ends a line
    assert 1 <= int(match["line"]) <= last, f"line beyond the end of the file ({last} lines): {text!r}"


class _Markup(HTMLParser):
    """Everything in an HTML fragment that is not text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.other: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.tags.append(tag)

    def handle_comment(self, data: str) -> None:
        self.other.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.other.append(f"<!{decl}>")

    def unknown_decl(self, data: str) -> None:
        self.other.append(f"<![{data}]>")

    def handle_pi(self, data: str) -> None:
        self.other.append(f"<?{data}>")


def _assert_safe(library: Library) -> None:
    """Validated slides hold only the small tag set, no attribute, and no `javascript:` the validator did not see."""
    for lesson in library.first.translations.values():
        deck = lesson.deck
        assert deck.qr is None or deck.qr.startswith("https://"), deck.qr
        for image in [deck.image] + [slide.image for slide in deck.slides]:
            assert image is None or SAFE_IMAGE.fullmatch(image), image
        for slide in deck.slides:
            markup = _Markup()
            markup.feed(slide.body_html)
            markup.close()
            assert set(markup.tags) <= SAFE_TAGS, (slide.id, slide.body_html)
            assert markup.attributes == [], (slide.id, slide.body_html)
            assert markup.other == [], (slide.id, slide.body_html)
            # `javascript:` may only reach the screen as text the validator itself read (say in a code span).
            if "javascript:" in slide.body_html.lower():
                assert "javascript:" in slide.body_text.lower(), (slide.id, slide.body_html, slide.body_text)


def _check(tmp_path: Path, capsys: pytest.CaptureFixture[str], replace: dict[str, bytes]) -> Library | None:
    """Write the files, then load and validate the folder; every pass condition is asserted here."""
    return _validate(tmp_path, capsys, replace)[0]


def _reported(tmp_path: Path, capsys: pytest.CaptureFixture[str], replace: dict[str, bytes]) -> list[str]:
    """The folder must be refused: its problems as `file:line: message`, the folder's path left out."""
    library, texts = _validate(tmp_path, capsys, replace)
    assert library is None, "accepted, but it should have been reported"
    root = tmp_path / "content" / "ja"
    return [text.replace(f"{root}{os.sep}", "") for text in texts]


def _validate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], replace: dict[str, bytes]
) -> tuple[Library | None, list[str]]:
    """_check's work: the library (or None) and the problems, each pass condition asserted on the way."""
    root = _content(tmp_path, replace)
    library, problems = _timed("load_library", lambda: load_library(root))
    texts = [str(problem) for problem in problems]
    if currently_in_test_context():
        event("validates" if library is not None else "reported")  # shown by --hypothesis-show-statistics
    for text in texts:
        _assert_located(text, root)
    if library is None:
        assert texts, "no library and no problem"
    else:
        assert not texts
        _assert_safe(library)

    capsys.readouterr()
    code = _timed("kiosk validate", lambda: cli.main(["validate", str(root)]))
    out, err = capsys.readouterr()
    if library is None:
        assert code == 1
        assert out == "".join(f"{text}\n" for text in texts)
        assert err == f"{len(texts)} problem(s) found in {root}\n"
    else:
        assert code == 0
        *advice, lesson, last = out.rstrip("\n").split("\n")
        assert lesson.startswith(f"lesson {root.name}: ja ") and last.startswith(f"{root}: OK (1 lesson)"), out
        for line in advice:  # advice and the review reminder never fail the run, and are located like a problem
            assert ": advice: " in line or ": review: " in line, line
            _assert_located(line, root)
        assert err == ""
    return library, texts


# ---------------------------------------------------------------------------------------------------------------------
# Hostile material
# ---------------------------------------------------------------------------------------------------------------------

TARGETS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(document.cookie)",
    "  javascript:alert(1)",
    "java\tscript:alert(1)",
    "&#106;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "file:///etc/passwd",
    "file://C:/Windows/win.ini",
    "http://example.com/",
    "https://example.com/a?b=1#c",
    "//evil.example/x.svg",
    "../../etc/passwd",
    "..\\..\\Windows\\win.ini",
    "C:\\Windows\\System32\\cmd.exe",
    "\\\\server\\share\\a.svg",
    "/etc/shadow",
    "~/secret.png",
    "seiza.svg",
    "#top",
    "mailto:a@example.com",
    "",
]
LINK_FORMS = [
    "[link]({})",
    "[link](<{}>)",
    '[link]({} "title")',
    "![pic]({})",
    "![]({})",
    "<{}>",
    "[ref][r]\n\n[r]: {}",
    "![ref][p]\n\n[p]: {}",
    '<a href="{}">link</a>',
    "<a href='{}' onclick='alert(1)'>x</a>",
    '<img src="{}" onerror="alert(1)">',
    '<iframe src="{}"></iframe>',
    '<object data="{}"></object>',
    '<embed src="{}">',
    '<form action="{}"><button>x</button></form>',
    '<meta http-equiv="refresh" content="0;url={}">',
    '<link rel="stylesheet" href="{}">',
    '<base href="{}">',
    '<svg><a xlink:href="{}">x</a></svg>',
    '<p style="background:url({})">x</p>',
]
HTML_SNIPPETS = [
    "<![CDATA[<script>javascript:alert(1)</script>]]>",
    "<?php echo 1; ?>",
    "<script>alert(1)</script>",
    "<script src=//evil.example/x.js></script>",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    "<style>*{display:none}</style>",
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    '<p onclick="alert(1)">x</p>',
    "<b onmouseover=alert(1)>x</b>",
    "<em style=color:red>x</em>",
    "<br onload=alert(1)>",
    "<div>block</div>",
    "<span>x</span>",
    "<table><tr><td>x</td></tr></table>",
    "<h1>x</h1>",
    "<marquee>x</marquee>",
    "<!-- note -->",
    "<!-- id: other; image: a.svg -->",
    "<!-- unclosed",
    "-->",
    "<!-->",
    "<!--->",
    "<!---->",
    "<!-- a -- b -->",
    "<!-- x --!> javascript:alert(1) -->",
    "<?php echo 1; ?>",
    "<!DOCTYPE html>",
    "<!ENTITY x 'y'>",
    "<![if !IE]>x<![endif]>",
    "<!x javascript:alert(1)>",
    "</p>",
    "</li></ul>",
    "<p",
    "&lt;script&gt;",
    "&amp;lt;b&amp;gt;",
    "&#0;",
    "&#x110000;",
    "&nbsp;",
    "\u202e",
    "\ufeff",
    "\u200b",
    "\x1b[31m",
]
WORDS = [
    "正座",
    "筋肉",
    "神経の通り道",
    "ストレッチ",
    "text",
    "**bold**",
    "*em*",
    "_u_",
    "__x__",
    "`code`",
    "``",
    "a  b",
    "\u3000",
    "、",
    "。",
    "\t",
    " ",
    "  ",
    "\\",
    "&",
    "1.",
    "- ",
    "# ",
    "> ",
    "---",
    "***",
    "```",
    "~~~",
    "|a|b|",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "!",
    "{",
    "}",
    "==",
]
BLOCK_SNIPPETS = [
    "---",
    " ---",
    "--- ",
    "-----",
    "- - -",
    "* * *",
    "```",
    "~~~",
    "```python\nprint('---')\n---\n```",
    "    indented code [x](javascript:alert(1))",
    "<div>\n<script>alert(1)</script>\n</div>",
    "<!--\nmulti\nline\n-->",
    "<!-- id: x; image: ../../etc/passwd.svg -->",
    "<!--\n---\n-->",
    "# second heading",
    "#no-space heading",
    "## sub",
    "###### six",
    "Setext\n===",
    "Setext\n---",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "term\n: definition",
    "[^1]: footnote",
    "*[HTML]: abbreviation",
    "<br>",
    "line with two spaces  \nnext",
    "",
    "\n\n\n",
]
IMAGES = [
    "seiza.svg",
    "attract.svg",
    "missing.svg",
    "../../etc/passwd",
    "..\\x.svg",
    "C:\\x.svg",
    "/etc/x.svg",
    "//host/x.svg",
    "http://example.com/a.svg",
    "javascript:alert(1)",
    "data:image/svg+xml,<svg/>",
    "file:///etc/passwd",
    "a.png",
    ".svg",
    "seiza.SVG",
    "seiza.svg.exe",
    "a b.svg",
    "",
]

_RANDOM = st.text(st.characters(codec="utf-8"), max_size=12)
_LINK = st.builds(str.format, st.sampled_from(LINK_FORMS), st.sampled_from(TARGETS))
_INLINE = st.one_of(st.sampled_from(WORDS), _RANDOM, _LINK, st.sampled_from(HTML_SNIPPETS))
_LINE = st.lists(_INLINE, max_size=6).map("".join)


def _quote(prefix: str, block: str) -> str:
    return "\n".join(prefix + line for line in block.split("\n"))


def _item(marker: str, block: str) -> str:
    first, *rest = block.split("\n")
    return "\n".join([marker + first] + [" " * len(marker) + line for line in rest])


def _nest(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """One more level: a block quote, a list item, or several blocks in a row."""
    return st.one_of(
        st.builds(_quote, st.sampled_from([">", "> ", "> > ", ">>> "]), children),
        st.builds(_item, st.sampled_from(["- ", "* ", "+ ", "1. ", "10) ", "- [ ] ", "-   "]), children),
        st.lists(children, min_size=2, max_size=3).map("\n".join),
        st.lists(children, min_size=2, max_size=3).map("\n\n".join),
    )


# Random Markdown: lines and hostile blocks, nested in quotes and lists (depth stays far below the recursion bug).
_MARKDOWN = st.recursive(st.one_of(_LINE, st.sampled_from(BLOCK_SNIPPETS)), _nest, max_leaves=14)


def _splice(name: str, where: int, line: str, replace: bool) -> str:
    """The shipped file with one line inserted, or one line replaced."""
    lines = TEXT[name].split("\n")
    index = where % (len(lines) + 1)
    return "\n".join([*lines[:index], line, *lines[index + int(replace) :]])


def _spliced(name: str, lines: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(_splice, st.just(name), st.integers(0, 10_000), lines, st.booleans())


def _utf8(text: str) -> bytes:
    return text.encode("utf-8")


# deck.md ------------------------------------------------------------------------------------------------------------

_SLIDE_ID = st.sampled_from(["hostile", "seiza", "Upper", "-dash", "a" * 65, "ok-1", "", "id with space", "日本"])
_SLIDE_SETTINGS = st.one_of(
    st.just("<!-- id: hostile; image: seiza.svg -->"),
    st.just("<!-- id: hostile -->"),
    st.builds(
        "<!-- id: {}; image: {}; layout: {} -->".format,
        _SLIDE_ID,
        st.sampled_from(IMAGES),
        st.sampled_from(["split", "center", "left", "", "SPLIT"]),
    ),
    st.builds("<!--{}-->".format, _LINE),
    st.builds("<!-- id: hostile; {} -->".format, _LINE),
)
_BENIGN = st.sampled_from(["本文です。", "**太字**と*斜体*\n- 一\n- 二", "1. 一\n2. 二\n\n", "> 引用\n\n本文"])
# Valid text with one hostile piece: the piece alone decides, so whatever slips past the validator shows up here.
_ONE_HOSTILE = st.builds(
    "{}{}{}".format,
    _BENIGN,
    st.one_of(_LINK, st.sampled_from(HTML_SNIPPETS), st.sampled_from(BLOCK_SNIPPETS)),
    st.sampled_from(["", "\n", "\n\n本文", " 本文"]),
)
_SLIDE = st.builds(
    "{}\n# {}\n\n{}\n".format,
    _SLIDE_SETTINGS,
    st.one_of(st.sampled_from(["見出し", "Heading"]), _LINE),
    st.one_of(_BENIGN, _ONE_HOSTILE, _MARKDOWN),
)
_FRONT_VALUE = st.one_of(
    st.sampled_from(
        [
            " yes",
            " no",
            " maybe",
            " ",
            "",
            " https://share.google/x",
            " http://example.com",
            " javascript:alert(1)",
            " https://",
            " https:// x",
            " https://a b",
            " //host/x",
            ' "quoted"',
            " 'single'",
            " seiza.svg",
            " ../../etc/passwd",
            " C:\\evil.svg",
            " file:///etc/passwd",
            " <script>alert(1)</script>",
            " ---",
        ]
    ),
    _LINE,
)
_FRONT_LINE = st.one_of(
    st.builds(
        "{}:{}".format,
        st.sampled_from([*sorted(DECK_KEYS), "Title", " qr ", "id", "", "unknown", "#", "title\x00"]),
        _FRONT_VALUE,
    ),
    st.sampled_from(["---", "--- ", "----", " ---", "\t---", "- - -", "***", "", "# comment", ":", "title", "a: b: c"]),
    _LINE,
)
_FRONT_MATTER_DECK = st.builds(
    lambda lines, close, rest: "---\n" + "\n".join(lines) + close + rest,
    st.lists(_FRONT_LINE, max_size=8),
    st.sampled_from(["\n---\n", "\n", "\n--\n", "\n---", "\n----\n", "\n\n---\n\n"]),
    st.sampled_from([DECK_BODY, "", "\n---\n", "---\n" + DECK_BODY]),
)
_DECK_FILE = st.one_of(
    _FRONT_MATTER_DECK,
    _spliced("deck.md", st.one_of(_LINE, st.sampled_from(BLOCK_SNIPPETS))),
    _MARKDOWN,
    st.lists(st.one_of(_SLIDE, _MARKDOWN), max_size=4).map("\n---\n".join),
)

# quiz.md ------------------------------------------------------------------------------------------------------------

_QUESTION_ID = st.sampled_from(["q-new", "always-stretch", "", "Q 1", "x" * 80, "日本"])
_SLIDE_REF = st.sampled_from(["seiza", "chain", "missing", "", "../../etc/passwd", "javascript:alert(1)", "SEIZA"])
_QUIZ_COMMENT = st.one_of(
    st.builds("<!-- id: {}; slide: {} -->".format, _QUESTION_ID, _SLIDE_REF),
    st.sampled_from(
        [
            "<!--",
            "<!-- id: a",
            "-->",
            "<!-- id: q-x; slide: seiza; extra: 1 -->",
            "<!-- -->",
            "<!--id:q-x;slide:seiza-->",
            "<!-- presenter note -->",
            "<!-- id: q-x; slide: seiza --> trailing",
        ]
    ),
)
_ANSWER = st.builds(
    "{} [{}] {}".format,
    st.sampled_from(["-", "*", "+", " -", "-\t", "1.", "・"]),
    st.sampled_from([" ", "x", "X", "", "xx", "✓"]),
    _LINE,
)
_QUIZ_LINE = st.one_of(
    st.builds("## {}".format, _LINE),
    _QUIZ_COMMENT,
    _ANSWER,
    st.builds("> {}".format, _LINE),
    st.sampled_from(["---", "##", "## ", "#", "# タイトル", ">", "- [ ]", "- [x]", "", "   ", "```", "### small"]),
    _LINE,
)


def _question(prompt: str, comment: str, answers: list[str], right: int, explanation: str) -> str:
    marks = ["- [x] " if i == right % len(answers) else "- [ ] " for i in range(len(answers))]
    lines = [f"## {prompt}", comment] + [mark + answer for mark, answer in zip(marks, answers, strict=True)]
    return "\n".join([*lines, f"> {explanation}", ""])


# A well-formed question around hostile text: many of these validate, so the happy path is exercised too.
_QUESTION = st.builds(
    _question,
    st.one_of(st.just("新しい質問ですか？"), _LINE),
    st.one_of(st.just("<!-- id: q-new; slide: seiza -->"), _QUIZ_COMMENT),
    st.lists(st.one_of(st.sampled_from(["はい", "いいえ"]), _LINE), min_size=1, max_size=5),
    st.integers(0, 4),
    st.one_of(st.just("そのためです。"), _LINE),
)
_QUIZ_FILE = st.one_of(
    st.builds("{}\n{}".format, st.just(TEXT["quiz.md"]), _QUESTION),
    _spliced("quiz.md", _QUIZ_LINE),
    st.lists(st.one_of(_QUIZ_LINE, _QUESTION), max_size=16).map("\n".join),
)

# result.md ----------------------------------------------------------------------------------------------------------

_MIN = st.one_of(
    st.integers(-10, 200).map(str),
    st.sampled_from(
        ["50%", "0", "00", "100%", "1e2", "0x10", "-0", "+5", "５０", "٣", "²", "5.5", "True", "", "%", "100 %"]
    ),
)
_RESULT_LINE = st.one_of(
    st.builds("# {}".format, _LINE),
    st.builds("- {}".format, _LINE),
    st.builds("## {}".format, _LINE),
    st.builds("<!-- min: {} -->".format, _MIN),
    st.sampled_from(["<!-- min: 0 -->", "<!-- min -->", "<!--", "-->", "<!-- note -->", "#", "##", "-", "* a", "---"]),
    _LINE,
)
_RESULT_FILE = st.one_of(
    _spliced("result.md", _RESULT_LINE),
    st.builds("{}\n{}".format, st.just(TEXT["result.md"]), st.lists(_RESULT_LINE, max_size=6).map("\n".join)),
    st.lists(_RESULT_LINE, max_size=16).map("\n".join),
)

# ui.toml ------------------------------------------------------------------------------------------------------------

_FORMATS = [
    "{current.x}",
    "{current[0]}",
    "{current:\nd}",
    "{current} / {total}",
    "{right}/{total}",
    "{seconds}",
    "{left}",
    "{language}",
    "{}",
    "{0}",
    "{unknown}",
    "{",
    "}",
    "{{literal}}",
    "{current!r}",
    "{current!z}",
    "{current:>10}",
    "{current:x}",
    "{seconds:.2f}",
    "{current:s}",
    "{language:d}",
    "{current:{total}}",
    "{current:{current:{current:{current}}}}",
    "{ current }",
    "{current",
    "{current}}",
]


def _toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are all valid TOML escapes)."""
    return json.dumps(text, ensure_ascii=False)


_TOML_KEY = st.sampled_from(
    [
        *purposes(),
        "unknown",
        "a.b",
        '"quoted key"',
        "'literal'",
        '"キー"',
        "1",
        "-",
        "_",
        "a-b",
        "表示",
        "next.x",
        "[x]",
        '""',
        '"a\\nb"',
    ]
)
_TOML_VALUE = st.one_of(
    st.builds(_toml_string, _RANDOM),
    st.builds(_toml_string, st.sampled_from(_FORMATS)),
    st.builds(_toml_string, _LINE),
    st.sampled_from(
        [
            "1",
            "-1",
            "1.5",
            "inf",
            "nan",
            "true",
            "[]",
            "[1, 2]",
            '["a", 1]',
            "[[[1]]]",
            "{}",
            "{ a = 1 }",
            "1979-05-27T07:32:00Z",
            "1979-02-30",
            "0x1F",
            "0b1",
            "'literal'",
            "'''multi\nline'''",
            '"""multi\nline"""',
            '"unterminated',
            "'",
            '"\\x41"',
            '"\\u0000"',
            '"\\U0010FFFF"',
            '"\\uD800"',
            "",
            "=",
        ]
    ),
)
_TOML_LINE = st.one_of(
    st.builds("{} = {}".format, _TOML_KEY, _TOML_VALUE),
    st.sampled_from(["[table]", "[[array]]", "[", "]", "# comment", "=", "key", "key =", "a.b.c = 1", "[progress]"]),
    _LINE,
)
_UI_FILE = st.one_of(
    _spliced("ui.toml", _TOML_LINE),
    st.builds("{}\n{}".format, st.just(TEXT["ui.toml"]), st.lists(_TOML_LINE, max_size=4).map("\n".join)),
    st.lists(_TOML_LINE, max_size=12).map("\n".join),
)

# Encodings ----------------------------------------------------------------------------------------------------------

ENCODINGS = [
    "shift_jis",
    "cp932",
    "euc_jp",
    "iso2022_jp",
    "utf-16-le",
    "utf-16-be",
    "utf-16",
    "utf-32",
    "utf-32-be",
    "latin-1",
    "cp1252",
    "utf-8-sig",
    "utf-7",
    "gb18030",
    "koi8-r",
]


def _damage(data: bytes, how: str, where: int) -> bytes:
    """Line ends, NUL bytes, cut characters, stray bytes: what copying files between machines does."""
    at = where % (len(data) + 1)
    return {
        "none": data,
        "crlf": data.replace(b"\n", b"\r\n"),
        "cr": data.replace(b"\n", b"\r"),
        "nul": data[:at] + b"\x00" + data[at:],
        "cut": data[:at],
        "stray": data[:at] + b"\xff" + data[at:],
        "bom8": codecs.BOM_UTF8 + data,
        "bom8x2": codecs.BOM_UTF8 * 2 + data,
    }[how]


_ENCODED = st.builds(
    lambda text, encoding: text.encode(encoding, errors="replace"),
    st.one_of(st.sampled_from(list(TEXT.values())), _LINE),
    st.sampled_from(ENCODINGS),
)
_BYTES = st.one_of(
    st.builds(
        _damage,
        st.one_of(_ENCODED, st.sampled_from([_utf8(text) for text in TEXT.values()])),
        st.sampled_from(["none", "crlf", "cr", "nul", "cut", "stray", "bom8", "bom8x2"]),
        st.integers(0, 100_000),
    ),
    st.binary(max_size=2_000),
)

# ---------------------------------------------------------------------------------------------------------------------
# The properties
# ---------------------------------------------------------------------------------------------------------------------


def _one_slide_deck(snippet: str) -> str:
    return f"<!-- id: s; image: seiza.svg -->\n# 見出し\n\n本文\n{snippet}\n"


def test_every_hostile_snippet_alone(tmp_path: Path) -> None:
    """Each link form with each target, and each HTML or block snippet, in one slide: reported or safe, fast."""
    path = tmp_path / "content" / "ja" / "deck.md"
    path.parent.mkdir(parents=True)
    store = IllustrationStore(SHIPPED_LESSON / "pictures")
    snippets = [form.format(target) for form in LINK_FORMS for target in TARGETS] + HTML_SNIPPETS + BLOCK_SNIPPETS
    for snippet in snippets:
        text = _one_slide_deck(snippet)
        path.write_text(text, encoding="utf-8")
        deck, problems = _timed(repr(snippet), lambda text=text: parse_deck(text, path, store.problem))
        for problem in problems:
            _assert_located(str(problem), tmp_path / "content")
        if deck is not None:
            assert not problems
            lesson = Translation("ja", deck, (), ResultText("", (), ()), FALLBACK, {})
            _assert_safe(Library({"x": Lesson("x", {"ja": lesson})}))


def test_shipped_copy_passes_every_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The unchanged copy of the shipped Japanese content validates, fast, with safe slides."""
    assert _check(tmp_path, capsys, {}) is not None


@pytest.mark.slow  # ~11 s: 70 random slides
@settings(BUDGET, max_examples=70)
@given(slide=_SLIDE)
def test_hostile_slide(tmp_path: Path, capsys: pytest.CaptureFixture[str], slide: str) -> None:
    """A slide of random Markdown, links, pictures and raw HTML: reported or safe, never a crash or a hang."""
    _check(tmp_path, capsys, {"deck.md": _utf8(TEXT["deck.md"] + "\n---\n\n" + slide)})


@settings(BUDGET, max_examples=40)
@given(text=_DECK_FILE)
def test_hostile_deck_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> None:
    """Broken front matter, `---` in odd places, random decks: every problem is `path:line: message`."""
    _check(tmp_path, capsys, {"deck.md": _utf8(text)})


@settings(BUDGET, max_examples=40)
@given(text=_QUIZ_FILE)
def test_hostile_quiz_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> None:
    """Random and broken quiz files never crash or hang the loader or `kiosk validate`."""
    _check(tmp_path, capsys, {"quiz.md": _utf8(text)})


@settings(BUDGET, max_examples=40)
@given(text=_RESULT_FILE)
def test_hostile_result_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> None:
    """Random and broken result files never crash or hang the loader or `kiosk validate`."""
    _check(tmp_path, capsys, {"result.md": _utf8(text)})


@settings(BUDGET, max_examples=40)
@given(text=_UI_FILE)
def test_hostile_ui_toml(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> None:
    """Broken TOML, wrong types and odd placeholders in ui.toml are reported as `path:line: message`."""
    _check(tmp_path, capsys, {"ui.toml": _utf8(text)})


@pytest.mark.slow  # ~7 s: 60 damaged or mis-encoded files
@settings(BUDGET, max_examples=60)
@given(name=st.sampled_from(FILES), data=_BYTES)
def test_wrong_encodings_and_random_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes
) -> None:
    """Shift_JIS, EUC-JP, UTF-16 without BOM, Latin-1, NUL bytes, cut characters and random bytes are reported."""
    _check(tmp_path, capsys, {name: data})


def _big_slide(filler: bytes, size: int = MAX_FILE_BYTES) -> bytes:
    """The shipped deck plus one slide of whole `filler`s, then spaces, to exactly `size` bytes."""
    head = _utf8(TEXT["deck.md"] + "\n---\n\n<!-- id: big -->\n# 大きい\n\n")
    body = filler * ((size - len(head)) // len(filler))
    return head + body + b" " * (size - len(head) - len(body))


@functools.cache
def _big_cases() -> dict[str, tuple[str, bytes]]:
    """File name and bytes of each large case, built once."""
    noise = random.Random(0).randbytes(MAX_FILE_BYTES)
    sjis = TEXT["deck.md"].encode("cp932") * (MAX_FILE_BYTES // len(TEXT["deck.md"].encode("cp932")) + 1)
    return {
        "one byte over the limit": (
            "deck.md",
            SHIPPED["deck.md"] + b" " * (MAX_FILE_BYTES + 1 - len(SHIPPED["deck.md"])),
        ),
        "random bytes at the limit": ("quiz.md", noise),
        "Shift_JIS at the limit": ("result.md", sjis[:MAX_FILE_BYTES]),
        "NUL bytes at the limit": ("ui.toml", b"\x00" * MAX_FILE_BYTES),
        "one long line at the limit": ("deck.md", _big_slide(b"a")),
        "long TOML string at the limit": ("ui.toml", _utf8('x = "' + "x" * (MAX_FILE_BYTES - 7) + '"\n')),
        "long quiz line": ("quiz.md", _utf8(TEXT["quiz.md"] + "\n> " + "解説" * 30_000 + "\n")),
        "200 kB of plain paragraphs": ("deck.md", _big_slide("長く正座をすると、足がしびれます。\n".encode(), 200_000)),
    }


@pytest.mark.parametrize("case", list(_big_cases()))
def test_files_up_to_the_size_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str) -> None:
    """Files at and just over the 1 MB limit are handled (or refused) in under a second."""
    name, data = _big_cases()[case]
    _check(tmp_path, capsys, {name: data})


# ---------------------------------------------------------------------------------------------------------------------
# Bugs the properties above found (now fixed): each minimal example stays as a regression test.
# ---------------------------------------------------------------------------------------------------------------------


TOML_TOO_DEEP = "not valid for the kiosk: nested too deeply or a number far too long"
_LAST_UI_LINE = TEXT["ui.toml"].count("\n")  # _ui_with's line comes after the file and one more line break


def _line_of(start: str, text: str) -> int:
    """The number of the first line of `text` that starts with `start`."""
    return next(n for n, line in enumerate(text.split("\n"), start=1) if line.startswith(start))


def _ui_with(line: str) -> dict[str, bytes]:
    return {"ui.toml": _utf8(TEXT["ui.toml"] + "\n" + line + "\n")}


def _ui_progress(value: str) -> dict[str, bytes]:
    text = re.sub(r"(?m)^progress = .*$", lambda _: f"progress = {_toml_string(value)}", TEXT["ui.toml"])
    return {"ui.toml": _utf8(text)}


def _deck_with(body: str) -> dict[str, bytes]:
    slide = "<!-- id: extra; image: seiza.svg -->\n# 追加\n\n" + body
    return {"deck.md": _utf8(TEXT["deck.md"] + "\n---\n\n" + slide + "\n")}


@pytest.mark.parametrize("value", ["{current.x}", "{current[0]}"])
def test_placeholder_with_attribute_or_index_is_a_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    """`progress = "{current.x}"` or `"{current[0]}"` is reported on the progress line, not a traceback."""
    [problem] = _reported(tmp_path, capsys, _ui_progress(value))
    assert problem.startswith(
        f"ui.toml:{_line_of('progress = ', TEXT['ui.toml'])}: progress: write placeholders as {{name}} only"
    )


@pytest.mark.parametrize("line", ["a = " + "[" * 1000 + "]" * 1000, "a = " + "{b=" * 1000 + "1" + "}" * 1000])
def test_deeply_nested_toml_is_a_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str) -> None:
    """A 2 kB ui.toml line of nested arrays or inline tables is reported, not a RecursionError."""
    assert _reported(tmp_path, capsys, _ui_with(line)) == [f"ui.toml:1: {TOML_TOO_DEEP}"]


def test_huge_toml_integer_is_a_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`a = 1000…0` with 4300 zeros is reported, not a ValueError from int()."""
    assert _reported(tmp_path, capsys, _ui_with("a = 1" + "0" * 4300)) == [f"ui.toml:1: {TOML_TOO_DEEP}"]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (_ui_with('"a\\nb" = 1'), f"ui.toml:{_LAST_UI_LINE + 2}: unknown key 'a\\nb'"),
        (_ui_with('"" = 1'), f"ui.toml:{_LAST_UI_LINE + 2}: unknown key ''"),
        (_ui_progress("{current:\nd}"), "ui.toml:{progress}: progress: write placeholders as {{name}} only (Invalid"),
    ],
    ids=["key with a line break", "empty key", "format spec with a line break"],
)
def test_ui_toml_problem_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], files: dict[str, bytes], expected: str
) -> None:
    """A quoted key with a line break, an empty key, or a format spec with a line break yields a one-line problem."""
    [problem] = _reported(tmp_path, capsys, files)
    assert problem.startswith(expected.format(progress=_line_of("progress = ", TEXT["ui.toml"]))), problem


def test_min_with_a_superscript_digit_is_a_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`<!-- min: ² -->` in result.md is reported on its line, not a ValueError."""
    text = TEXT["result.md"].replace("<!-- min: 60 -->", "<!-- min: ² -->")
    problems = _reported(tmp_path, capsys, {"result.md": _utf8(text)})
    assert (
        f"result.md:{_line_of('<!-- min: ² -->', text)}: min must be a whole number from 0 to 100, not '²'" in problems
    )


@pytest.mark.parametrize("data", [b"\xff\xfea", b"\xff\xfe\x00\xd8a\x00"], ids=["odd length", "lone surrogate"])
def test_broken_utf16_after_a_bom_is_a_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes) -> None:
    """A file that starts with a UTF-16 BOM but is not valid UTF-16 is reported, not a UnicodeDecodeError."""
    assert _reported(tmp_path, capsys, {"deck.md": data}) == [
        "deck.md:1: the file starts like UTF-16 but is not valid UTF-16; save it as UTF-8"
    ]


def test_heading_with_many_spaces_is_fast(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A 2 kB heading line `# a<2000 spaces>b` is validated in under a second (it takes about 10 s)."""
    _check(tmp_path, capsys, {"deck.md": _utf8(TEXT["deck.md"] + "\n---\n\n<!-- id: x -->\n# a" + " " * 2000 + "b\n")})


def test_many_unclosed_comments_are_fast(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """40 kB of `<!--` in one slide is reported in under a second (the comment regex rescans to the end each time)."""
    _check(tmp_path, capsys, _deck_with("本文\n" + "<!--" * 10_000))


@pytest.mark.parametrize("body", ["![a" * 9000, "[" * 6000], ids=["27 kB of '![a'", "6 kB of '['"])
def test_unmatched_brackets_are_fast(tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str) -> None:
    """A few kB of unmatched `[` or `![` in a slide are validated in under a second."""
    _check(tmp_path, capsys, _deck_with(body))


NESTED = f"lists or quotes are nested too deeply (at most {MAX_NESTING} levels)"


@pytest.mark.parametrize("marker", ["- ", "1. ", "> "])
def test_deeply_nested_list_is_a_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str], marker: str) -> None:
    """`- - - … x`, `1. 1. … x` or `> > … x` (620 levels, under the slide length cap) is refused by our own guard."""
    body = marker * 620 + "x"
    assert len(body) < MAX_SLIDE_CHARS - 100, "the length cap must not be what reports it"
    files = _deck_with(body)
    slide = _line_of("<!-- id: extra", files["deck.md"].decode())
    assert f"deck.md:{slide}: {NESTED}" in _reported(tmp_path, capsys, files)


@pytest.mark.parametrize(
    "make",
    [
        lambda depth: "- " * depth + "x",
        lambda depth: "1. " * depth + "x",
        lambda depth: ">" * depth + " x",
        lambda depth: "\n".join("    " * level + "- item" for level in range(depth)),
        lambda depth: "\n".join("\t" * level + "1. item" for level in range(depth)),
    ],
    ids=["bullets", "numbers", "quotes", "indented-bullets", "tab-indented-numbers"],
)
def test_nesting_limit_is_exact(make: Callable[[int], str]) -> None:
    """MAX_NESTING levels are accepted and one more is refused, whatever the shape of the nesting."""
    assert render_markdown(make(MAX_NESTING))[2] == []
    assert render_markdown(make(MAX_NESTING + 1))[2] == [NESTED]


def test_nesting_guard_does_not_lean_on_the_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    """A parser that neither recurses nor refuses (as Markdown 3.11 does) cannot let deep nesting through."""
    deep = "<ul><li>" * (MAX_NESTING + 1) + "x" + "</li></ul>" * (MAX_NESTING + 1)
    monkeypatch.setattr(markup, "_convert", lambda source: deep)
    monkeypatch.setattr(markup, "nesting_depth", lambda source: 0)  # a shape the source scan does not know
    assert render_markdown("anything")[2] == [NESTED]


def test_ordinary_markdown_at_the_size_limit_is_fast(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A deck of short paragraphs with bold and italics at the 1 MB limit is validated in under a second."""
    _check(tmp_path, capsys, {"deck.md": _big_slide(b"**bold** and *em*\n\n")})


def test_cdata_section_is_not_hidden_from_the_validator(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Raw `<![CDATA[<script>…</script>]]>` is reported, or at least none of it reaches the screen unseen."""
    _check(tmp_path, capsys, _deck_with("本文\n\n<![CDATA[<script>javascript:alert(1)</script>]]>"))


def _plain_fields(library: Library) -> list[str]:
    """Every text that the screens show with a plain QLabel (which guesses rich text when it sees a tag)."""
    fields: list[str] = []
    for lesson in library.first.translations.values():
        fields += [lesson.deck.title, lesson.deck.subtitle, lesson.result.heading, *lesson.result.takeaways]
        fields += [slide.heading for slide in lesson.deck.slides]
        fields += [text for m in lesson.result.messages for text in (m.headline, m.text)]
        for question in lesson.questions:
            fields += [question.prompt, question.explanation, *(answer.text for answer in question.answers)]
    return fields


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("quiz.md", "> 筋肉が硬いとは限りません", '> <img src="file:///etc/passwd">筋肉が硬いとは限りません'),
        ("quiz.md", "## 腰やお尻が痛いとき", "## &lt;b&gt;腰やお尻が痛いとき&lt;/b&gt;"),
        ("result.md", "- ストレッチは", "- &lt;img src=x&gt;ストレッチは"),
        ("deck.md", "title: ", 'title: <a href="javascript:alert(1)">x</a>'),
    ],
    ids=["explanation raw html", "prompt entities", "takeaway entities", "title raw html"],
)
def test_plain_text_fields_hold_no_markup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, old: str, new: str
) -> None:
    """HTML in a quiz, result or deck text field is reported, or never reaches a field the screens show."""
    assert old in TEXT[name]
    library = _check(tmp_path, capsys, {name: _utf8(TEXT[name].replace(old, new, 1))})
    assert library is None or not [field for field in _plain_fields(library) if TAG_LIKE.search(field)]
