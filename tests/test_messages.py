"""Every message a person reads is in Japanese and English (kiosk/locale/*.po), chosen from the locale or --lang."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.core import i18n
from kiosk.core.i18n import LOCALE_DIR, language_from_environment, parse_po
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from update_catalogs import messages

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")  # kana, kanji, Japanese punctuation
FIELDS = re.compile(r"\{[^{}]*\}|%\(\w+\)[rsd]|%[sd]")


def test_every_message_has_both_languages() -> None:
    """Each _()/N_() message of the code is in ja.po and en.po, translated, with the same {placeholders}."""
    found = messages()
    assert len(found) > 200
    for code in ("ja", "en"):
        catalog = parse_po((LOCALE_DIR / f"{code}.po").read_text(encoding="utf-8"))
        for message in found:
            translated = catalog.get(message, "")
            assert translated, f"{code}.po has no translation of {message!r}"
            assert sorted(FIELDS.findall(translated)) == sorted(FIELDS.findall(message)), (code, message)
            if code == "ja" and JAPANESE.search(message) is None and message.strip() not in {"", "orphan"}:
                assert JAPANESE.search(translated) or translated.strip() in {"、"}, f"not Japanese: {translated!r}"


def test_a_translation_left_empty_is_the_english_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty msgstr (a translator not done yet) shows the English message rather than nothing."""
    (tmp_path / "ja.po").write_text('msgid "hello {name}"\nmsgstr ""\n\nmsgid "bye"\nmsgstr "さようなら"\n', "utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    monkeypatch.setattr(i18n, "_catalogs", {})
    assert i18n.gettext_for("ja", "hello {name}") == "hello {name}"
    assert i18n.gettext_for("ja", "bye") == "さようなら"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "ja_JP.UTF-8"}, "ja"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "ja_JP.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "ja_JP.eucJP"}, "ja"),
        ({"LANG": "en_US.UTF-8", "LANGUAGE": "fr:ja"}, "ja"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_language_comes_from_the_locale_as_gettext_reads_it(environ: dict[str, str], expected: str) -> None:
    """LANGUAGE, then LC_ALL, LC_MESSAGES, LANG; a language we lack falls back to English."""
    assert language_from_environment(environ) == expected


@pytest.mark.parametrize(
    ("langid", "expected"),
    [(0x0411, "ja"), (0x0409, "en"), (0x0809, "en"), (0x040C, "en"), (0x7FFF, "en"), (OSError, "en")],
    ids=["ja-JP", "en-US", "en-GB", "fr-FR falls back", "unknown id", "kernel32 fails"],
)
def test_windows_takes_the_ui_language(langid: int | type[Exception], expected: str) -> None:
    """On Windows (no LANG set) the user's UI language decides: what GetUserDefaultUILanguage would return."""

    def ui_language_id() -> int:
        if isinstance(langid, type):
            raise langid("no kernel32")
        return langid

    assert language_from_environment({}, platform="win32", ui_language_id=ui_language_id) == expected


def test_windows_variables_still_win_and_other_systems_never_ask_windows() -> None:
    """LANG set on Windows (a Git Bash, say) is read first; Linux and macOS never call the Windows function."""

    def japanese() -> int:
        return 0x0411

    def never() -> int:
        raise AssertionError("asked Windows on another system")

    assert language_from_environment({"LANG": "en_US.UTF-8"}, platform="win32", ui_language_id=japanese) == "en"
    assert language_from_environment({}, platform="win32", ui_language_id=japanese) == "ja"
    for platform in ("linux", "darwin"):
        assert language_from_environment({}, platform=platform, ui_language_id=never) == "en"
        assert language_from_environment({"LANG": "ja_JP.UTF-8"}, platform=platform, ui_language_id=never) == "ja"


def _run(args: list[str], lang: str, home: Path) -> str:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "LANG": lang,
        "QT_QPA_PLATFORM": "offscreen",
    }
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    return done.stdout + done.stderr


COMMANDS: list[tuple[list[str], str, str]] = [
    # (arguments, a phrase in English, the same in Japanese)
    ([], "show this help message and exit", "このヘルプを表示して終わる"),
    (["run", "--help"], "an ordinary window", "ふつうのウィンドウ"),
    (["validate", "--help"], "plain-language advice fails the check too", "わかりやすさの助言"),
    (["validate", "content"], ": OK (1 lesson)", "問題なし（レッスン 1 件）"),
    (["validate", "content", "--report"], "automatic items agree", "理解しやすさ"),
    (["new-lesson", "--help"], "the lesson's folder name and id", "レッスンのフォルダ名"),
    (["new-lesson", "x", "--content", "{tmp}/c"], "still the template's words", "ひな形の文のままです"),
    (["render", "--help"], "folder for the PNG files", "PNG ファイルを置くフォルダ"),
    (["render", "--check", "--lang", "fr"], "no lesson has the language 'fr'", "言語 'fr' のレッスンはありません"),
    (["render", "--check", "--content", "{tmp}/nope"], "no such folder", "このフォルダはありません"),
    (["handout", "--help"], "the PDF file to write", "書き出す PDF ファイル"),
    (["set-pin", "--help"], "language of the messages", "メッセージの言語"),
    (["set-pin"], "no PIN given", "暗証番号が入力されませんでした"),
    (["config", "--help"], "print path:line: message", "誤りのある設定"),
    (["config", "check", "{tmp}/missing.toml"], "no such settings file", "この設定ファイルはありません"),
    (["config", "check"], "every option has its default", "すべての設定は既定値です"),
    (["config", "path"], "statistics and lockout", "利用統計とロック情報"),
    (["config", "example", "--help"], "language of the messages", "メッセージの言語"),
    (["config", "example"], "seconds the result screen stays", "結果画面を表示してから"),
    (["stats", "--help"], "write every visit to a CSV file", "CSV ファイルに書き出す"),
    (["stats", "export", "--csv", "{tmp}/v.csv"], "no statistics yet", "まだ利用統計がありません"),
    (["stats", "merge", "{tmp}/nope"], "no such folder", "このフォルダはありません"),
    (["stats", "merge", "{tmp}"], "0 summaries from 0 kiosks", "キオスク 0 台から集計 0 件"),
    (["fleet", "status", "{tmp}"], "no kiosk outboxes found", "送信フォルダが見つかりません"),
    (["fleet", "--help"], "print the Syncthing folders", "Syncthing フォルダと設定"),
    (["fleet", "status", "--help"], "silent after this long", "応答なしとする"),
    (["rendr"], "did you mean render?", "render のことですか？"),
    (["render", "--sze", "1x1"], "did you mean --size?", "--size のことですか？"),
]


@pytest.mark.parametrize(("args", "english", "japanese"), COMMANDS, ids=[" ".join(c[0]) or "kiosk" for c in COMMANDS])
def test_every_command_speaks_the_locale(tmp_path: Path, args: list[str], english: str, japanese: str) -> None:
    """Run as a person would, with LANG=ja_JP.UTF-8 and LANG=en_US.UTF-8: each time that language."""
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in args]
    out_ja = _run(args, "ja_JP.UTF-8", tmp_path)
    assert japanese in out_ja, out_ja
    if (tmp_path / "c").exists():
        import shutil

        shutil.rmtree(tmp_path / "c")
    out_en = _run(args, "en_US.UTF-8", tmp_path)
    assert english in out_en, out_en
    assert not JAPANESE.search(out_en.replace("/", "")) or "ja/" in out_en or "(…してください" in out_en, out_en


def test_lang_overrides_the_locale(tmp_path: Path) -> None:
    """`--lang en` on a Japanese machine, `--lang ja` on an English one."""
    assert "OK (1 lesson)" in _run(["validate", "content", "--lang", "en"], "ja_JP.UTF-8", tmp_path)
    assert "問題なし" in _run(["validate", "content", "--lang", "ja"], "en_US.UTF-8", tmp_path)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_link_problem_points_at_its_line_in_either_language(language: str) -> None:
    """The deck finds the line of a markup problem from the message: a Japanese message must find it too."""
    from kiosk.content.deck import parse_deck

    text = "---\ntitle: t\n---\n\n<!-- id: a -->\n# 見出し\n\n本文です。\n\n[リンク](https://x.org)\n"
    i18n.set_language(language)
    try:
        deck, problems = parse_deck(text, Path("deck.md"), lambda name: None)
    finally:
        i18n.set_language(None)
    assert deck is None
    assert [problem.line for problem in problems] == [10], [str(p) for p in problems]


# -- bad input, both languages: every line a person is shown is in the chosen language -------------------------

_QUOTED = re.compile(r"`[^`]*`|'[^']*'|\"[^\"]*\"|<[^<>]*>|「[^」]*」")
_PATHISH = re.compile(r"\S*[/\\]\S*|\S+\.(?:svg|ogg|md|toml|json|png|jpg|opus|mp3|wav)\b|--[\w-]+|https?://\S+")


def _bare(line: str) -> str:
    """A line without what is the same in every language: quoted text, tags, paths, file names, options."""
    return _PATHISH.sub(" ", _QUOTED.sub(" ", line))


def _english_leaks(output: str) -> list[str]:
    """Lines of a Japanese run with English words and not a word of Japanese (file names and quotes aside)."""
    return [
        line
        for line in output.splitlines()
        if line.strip() and not JAPANESE.search(line) and re.search(r"[A-Za-z]{3,}", _bare(line))
    ]


def _japanese_leaks(output: str) -> list[str]:
    """Lines of an English run with Japanese outside quotes and paths (a lesson's own words may be quoted)."""
    return [line for line in output.splitlines() if JAPANESE.search(_bare(line).replace("ja/", ""))]


def _lesson(tmp_path: Path, name: str) -> Path:
    import shutil

    folder = tmp_path / name / "stretching"
    shutil.copytree(ROOT / "content" / "stretching", folder)
    return folder


def _broken_deck(tmp_path: Path) -> list[str]:
    deck = _lesson(tmp_path, "deck") / "ja" / "deck.md"
    deck.write_text(deck.read_text("utf-8") + "\n---\n<!-- id: extra -->\n# 追加\n\n[リンク](https://x.org)\n", "utf-8")
    return ["validate", str(tmp_path / "deck")]


def _bad_svg(tmp_path: Path) -> list[str]:
    picture = _lesson(tmp_path, "svg") / "pictures" / "attract.svg"
    picture.write_text(picture.read_text("utf-8").replace("</svg>", "<script>alert(1)</script></svg>"), "utf-8")
    return ["validate", str(tmp_path / "svg")]


def _bad_sound(tmp_path: Path) -> list[str]:
    lesson = _lesson(tmp_path, "sound")
    (lesson / "ja" / "audio" / "bad.ogg").write_bytes(b"OggS not really a sound file" * 40)
    deck = lesson / "ja" / "deck.md"
    slide = "<!-- id: stretch-not-always; image: stretch-doubt.svg"
    deck.write_text(deck.read_text("utf-8").replace(slide, slide + "; audio: bad.ogg"), "utf-8")
    return ["validate", str(tmp_path / "sound")]


def _refused_link(tmp_path: Path) -> list[str]:
    picture = _lesson(tmp_path, "link") / "pictures" / "case-story.svg"
    outside = tmp_path / "outside.svg"
    outside.write_bytes(picture.read_bytes())
    picture.unlink()
    picture.symlink_to(outside)
    return ["validate", str(tmp_path / "link")]


def _unpublished(tmp_path: Path) -> list[str]:
    lesson = _lesson(tmp_path, "draft")
    (lesson / "manifest.json").unlink()
    with (lesson / "lesson.toml").open("a", encoding="utf-8") as handle:
        handle.write("draft = true\n")
    return ["publish", str(lesson)]


def _bad_settings(tmp_path: Path) -> list[str]:
    path = tmp_path / "settings.toml"
    path.write_text('opening_hours = "mon-fri 09:00-25:00"\ncontent_folder = "/nope/nowhere"\n', "utf-8")
    return ["config", "check", str(path)]


def _fleet(tmp_path: Path) -> list[str]:
    from datetime import UTC, datetime, timedelta

    from kiosk.fleet.outbox import HEARTBEAT, Heartbeat

    hub = tmp_path / "hub"
    (hub / "a").mkdir(parents=True)  # never sent a heartbeat
    (hub / "b").mkdir()
    ahead = Heartbeat("b", datetime.now(UTC) + timedelta(hours=2), "v1", ("stretching",), ("deck.md:3: x",))
    (hub / "b" / HEARTBEAT).write_bytes(ahead.dumps())
    (hub / "c").mkdir()
    (hub / "c" / HEARTBEAT).write_bytes(b"{damaged")
    return ["fleet", "status", str(hub)]


BAD_INPUT = {
    "fleet status": (_fleet, "CLOCK AHEAD", "分進んでいます"),
    # what is broken: (how to make it, a phrase of the English output, the same in Japanese)
    "broken deck": (_broken_deck, "links cannot be opened", "キオスクではリンクを開けません"),
    "missing folder (validate)": (lambda t: ["validate", str(t / "nope")], "folder not found", "見つかりません"),
    "missing folder (publish)": (lambda t: ["publish", str(t / "nope")], "no lesson folder", "レッスンのフォルダ"),
    "missing folder (narrate)": (lambda t: ["narrate", str(t / "nope")], "fix them first", "先に直してください"),
    "missing folder (render)": (
        lambda t: ["render", "--check", "--content", str(t / "nope")],
        "no such folder",
        "このフォルダはありません",
    ),
    "bad SVG": (_bad_svg, "SVG element <script> is not allowed", "SVG の要素 <script> は使えません"),
    "bad sound file": (_bad_sound, "is not Ogg Vorbis, Ogg Opus, MP3 or WAV", "のどれでもありません"),
    "refused link": (_refused_link, "only files inside it are read", "このフォルダの中のファイルだけです"),
    "unpublished lesson": (_unpublished, "not published (kiosks keep what they show)", "公開していません"),
    "bad settings": (_bad_settings, "is not a time of day", "時刻ではありません"),
}


@pytest.mark.parametrize("case", BAD_INPUT)
def test_bad_input_is_told_in_the_locale_language(tmp_path: Path, case: str) -> None:
    """Broken lessons, missing folders, a bad SVG or sound file, a picture linking out of its folder, a draft, bad
    settings: under LANG=ja_JP.UTF-8 every line printed is Japanese, under en_US.UTF-8 every line English."""
    make, english, japanese = BAD_INPUT[case]
    args = make(tmp_path)
    out_ja = _run(args, "ja_JP.UTF-8", tmp_path)
    assert japanese in out_ja, out_ja
    assert not _english_leaks(out_ja), out_ja
    out_en = _run(args, "en_US.UTF-8", tmp_path)
    assert english in out_en, out_en
    assert not _japanese_leaks(out_en), out_en


def test_the_leak_checks_see_a_leak() -> None:
    """The checks themselves: an English line in a Japanese run and Japanese in an English run are found; paths,
    file names and quoted lesson words are not leaks."""
    assert _english_leaks("deck.md:3: 問題があります\ndeck.md:4: picture 'a.svg' cannot be read") == [
        "deck.md:4: picture 'a.svg' cannot be read"
    ]
    assert _english_leaks("ja/deck.md:4: 'x.svg'\n  my-lesson/\n") == []
    assert _japanese_leaks("slide 'まとめ': too long\nja/deck.md:1: fine") == []
    assert _japanese_leaks("deck.md:1: 絵がありません") == ["deck.md:1: 絵がありません"]
