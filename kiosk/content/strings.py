"""The interface strings of one language: the kiosk's own (interface/LANG.toml) with a lesson's ui.toml over them.

A new language needs no code: a lesson in it gives every required key in its ui.toml. A key the kiosk learnt
after lessons in other languages were written is optional (its field has a default): the kiosk's own words
give it for ja and en, and a whole ui.toml written before it still validates (`kiosk validate` advises it).
"""

# No `from __future__ import annotations` here: this module's NamedTuples are made at every start-up, and
# typing compiles each string annotation of a NamedTuple field (~10 us each); real types cost it nothing.

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Annotated, NamedTuple, get_type_hints

from kiosk.core.errors import ContentError
from kiosk.core.files import entries
from kiosk.core.i18n import _
from kiosk.core.textfile import key_line, read_text

# The kiosk's own interface words, one file per language; a lesson's ui.toml changes any of them for that lesson.
INTERFACE = Path(__file__).resolve().parent / "interface"


class UiStrings(NamedTuple):
    """The interface strings of one language: one field per ui.toml key.

    A field is named as its key; a key that is a Python keyword takes a trailing underscore (`continue_`).
    A field without a default is required of every language; one with a default ("": not given) is optional,
    added after lessons were written: new keys go at the end, each with a default.
    Each field's annotation says what the string is for. A NamedTuple rather than a dataclass: it is made
    at every start-up (the cached lessons hold one per language), and a dataclass of 80 fields costs ~2.7 ms
    to define against ~1.3 ms.
    """

    language_name: Annotated[str, "the language's own name on the language button"]
    touch_to_start: Annotated[str, "the call on the attract screen"]
    choose_lesson: Annotated[str, "the call above the topic cards when the kiosk offers several lessons"]
    next: Annotated[str, "the Next button"]
    back: Annotated[str, "the Back button"]
    home: Annotated[str, "the Home button (ends the visit)"]
    start_quiz: Annotated[str, "Next on the last slide, which starts the quiz"]
    progress: Annotated[str, "slide counter, with {current} and {total}"]
    question_progress: Annotated[str, "question counter, with {current} and {total}"]
    right: Annotated[str, "shown when an answer is right"]
    wrong: Annotated[str, "shown when an answer is not right"]
    answer_right_tag: Annotated[str, "the word on the right answer once answered (a short word)"]
    answer_chosen_tag: Annotated[str, "the word on the chosen answer when it was not right (a short word)"]
    see_slide: Annotated[str, "button that shows the slide that teaches the question"]
    back_to_question: Annotated[str, "button that returns from that slide to the question"]
    next_question: Annotated[str, "Next after an answer"]
    see_result: Annotated[str, "Next after the last answer"]
    score: Annotated[str, "the result's largest line: the score in friendly words, with {right} and {total}"]
    score_none: Annotated[str, "that line when no answer was right (every question was tried), with {total}"]
    qr_caption: Annotated[str, "text beside the QR code"]
    ask_front_desk: Annotated[str, "the call to action on the result screen"]
    finish: Annotated[str, "button that ends the visit"]
    aid_large_text: Annotated[str, "the aid button that makes text larger"]
    aid_contrast: Annotated[str, "the aid button for high contrast"]
    aid_read_aloud: Annotated[str, "the aid button that reads the screen aloud"]
    still_there: Annotated[str, "the idle prompt's question"]
    still_there_hint: Annotated[str, "the idle prompt's explanation"]
    countdown: Annotated[str, "the idle countdown, with {seconds}"]
    continue_: Annotated[str, "the idle prompt's button"]
    staff_pin_title: Annotated[str, "heading of the staff PIN pad"]
    staff_pin_hint: Annotated[str, "what to do on the PIN pad"]
    staff_pin_wrong: Annotated[str, "after a wrong PIN, with {left} tries left"]
    staff_pin_checking: Annotated[str, "while the PIN is being checked (under a second), the keys resting"]
    staff_pin_locked: Annotated[str, "while the pad is locked, with {seconds}"]
    staff_pin_not_set: Annotated[str, "on the pad when no PIN is set"]
    cancel: Annotated[str, "button that closes the PIN pad"]
    staff_title: Annotated[str, "heading of the staff menu"]
    staff_start_over: Annotated[str, "staff menu: end the visit now"]
    staff_reload: Annotated[str, "staff menu: reload the content"]
    staff_language: Annotated[str, "staff menu: default language, with {language}"]
    staff_statistics: Annotated[str, "staff menu: visit statistics"]
    staff_handout: Annotated[str, "staff menu: write the lesson as a PDF handout into the export folder"]
    staff_handout_written: Annotated[str, "after the handout is written, with {path} and {pages}"]
    staff_handout_failed: Annotated[str, "when the handout cannot be written, with {error}"]
    staff_leave: Annotated[str, "staff menu: leave the kiosk"]
    staff_close: Annotated[str, "staff menu: close the menu"]
    staff_reloaded: Annotated[str, "after a successful reload"]
    staff_reload_failed: Annotated[str, "heading of the problems when a reload failed"]
    stats_title: Annotated[str, "heading of the statistics screen, with {days}"]
    stats_visits: Annotated[str, "visit count line, with {visits}"]
    stats_finished: Annotated[str, "share that finished the lesson, with {share}"]
    stats_quiz: Annotated[str, "share that took the quiz, with {share}"]
    stats_questions: Annotated[str, "heading of the per-question list"]
    stats_question_line: Annotated[str, "one question, with {share} right of {answered}"]
    stats_too_few: Annotated[str, "instead of a share resting on fewer than 10 answers or visits, with {answered}"]
    stats_export: Annotated[str, "button that writes the CSV file"]
    stats_exported: Annotated[str, "after export, with {path} and {rows}"]
    stats_export_failed: Annotated[str, "when the export failed, with {error}"]
    stats_busy: Annotated[str, "instead of the figures when the statistics writer cannot answer yet"]
    stats_no_folder: Annotated[str, "when no export folder is set"]
    stats_close: Annotated[str, "button that closes the statistics"]
    stats_lesson: Annotated[
        str, "button choosing whose figures are shown when there are several lessons, with {lesson}"
    ]
    stats_all_lessons: Annotated[str, "that button's word for every lesson together"]
    staff_lessons: Annotated[str, "staff menu: choose which lessons are offered and their order"]
    lessons_title: Annotated[str, "heading of the screen that chooses the lessons offered"]
    lesson_shown: Annotated[str, "button of a lesson that is offered (touch to hide it)"]
    lesson_hidden: Annotated[str, "button of a lesson that is not offered (touch to offer it)"]
    lesson_up: Annotated[str, "button that moves a lesson one place earlier"]
    lessons_back: Annotated[str, "button that returns from the lessons screen to the staff menu"]
    staff_remote: Annotated[str, "staff menu: the front desk's remote (desk page and pairing)"]
    remote_title: Annotated[str, "heading of the desk remote screen"]
    remote_off: Annotated[str, "when the desk page is off"]
    remote_on: Annotated[str, "while the desk page is served, with {url}"]
    remote_turn_on: Annotated[str, "button that turns the desk page on"]
    remote_turn_off: Annotated[str, "button that turns the desk page off"]
    remote_pair: Annotated[str, "button that shows a new pairing code"]
    remote_code: Annotated[str, "under the pairing QR code and code, with {minutes}"]
    remote_devices: Annotated[str, "heading of the paired devices"]
    remote_no_devices: Annotated[str, "when no device is paired"]
    remote_revoke: Annotated[str, "button that unpairs one device"]
    remote_back: Annotated[str, "button that returns to the staff menu"]
    remote_failed: Annotated[str, "when the desk page cannot start, with {error}"]
    remote_fingerprint: Annotated[
        str, "the TLS certificate's fingerprint to compare on the desk device, with {fingerprint}"
    ]
    held: Annotated[str, "the attract screen while staff hold it (cleaning): touches start nothing"]
    reviewed: Annotated[str, "the lesson's recorded review (staff menu, handout), with {reviewer} and {date}"]
    not_reviewed: Annotated[str, "on the staff menu when lesson.toml records no review, with {lesson}"]
    contact_address: Annotated[str, "the clinic's address on the handout, with {address}"]
    contact_phone: Annotated[str, "the clinic's phone number on the handout, with {phone}"]
    contact_hours: Annotated[str, "the clinic's opening hours on the handout, with {hours}"]
    # Optional keys (a default each): a ui.toml without them validates; "" shows nothing.
    lesson_only: Annotated[
        str, "on a topic card whose lesson is not in this language: the language it is in, with {language}"
    ] = ""
    name_ja: Annotated[str, "the name of Japanese in this language (for lesson_only)"] = ""
    name_en: Annotated[str, "the name of English in this language (for lesson_only)"] = ""

    def mapped(self, change: Callable[[str], str]) -> "UiStrings":
        """The same record with every string passed through `change` (phrase-break marks, say)."""
        return UiStrings(*map(change, self))


def language_only(shown: UiStrings, language: str, own: UiStrings) -> str:
    """The note on a topic card whose lesson is in `language` only, not in the language shown ("Japanese only").

    In the words of the language shown (`shown`), the language named there (name_ja, name_en; another by its own
    name); when those words lack lesson_only (a ui.toml written before it), in the lesson's own words (`own`),
    as the rest of its card is; "" when neither has it."""
    names = {"ja": shown.name_ja, "en": shown.name_en}
    if shown.lesson_only:
        return shown.lesson_only.format(language=names.get(language) or own.language_name)
    return own.lesson_only.format(language=own.language_name) if own.lesson_only else ""


def _key(name: str) -> str:
    return name.removesuffix("_")


@cache
def purposes() -> dict[str, str]:
    """Every key the screens use, with what it is for: read from the record's annotations, so declared once.

    Evaluating the annotations takes a while, so it is done only when ui.toml is checked, never at start-up."""
    hints = get_type_hints(UiStrings, include_extras=True)
    return {_key(name): hints[name].__metadata__[0] for name in UiStrings._fields}


def required() -> dict[str, str]:
    """The keys every language must give (a whole ui.toml for a language the kiosk has no words of)."""
    return {key: purpose for key, purpose in purposes().items() if _FIELD[key] not in UiStrings._field_defaults}


def optional() -> dict[str, str]:
    """The keys a ui.toml may leave out even in a language the kiosk has no words of (the screens then do
    without them); the kiosk's own words give them all."""
    return {key: purpose for key, purpose in purposes().items() if _FIELD[key] in UiStrings._field_defaults}


def formatted() -> list[str]:
    """The keys whose strings take placeholders (their purpose names them: "with {current} and {total}")."""
    return [key for key, purpose in purposes().items() if "with {" in purpose]


_FIELD = {_key(name): name for name in UiStrings._fields}


def string_of(strings: UiStrings, key: str) -> str:
    """The string a ui.toml key gives (`continue` is the field `continue_`)."""
    return str(getattr(strings, _FIELD[key]))


_LINE = re.compile(r"line (\d+)")
# The values every placeholder is tried with.
PLACEHOLDERS = {
    "current": 1, "total": 2, "right": 1, "seconds": 3, "left": 2, "language": "x", "days": 14,
    "visits": 3, "share": 50, "answered": 4, "path": "x", "rows": 1, "error": "x", "url": "x",
    "code": "123456", "minutes": 5, "pages": 2, "fingerprint": "AA:BB", "lesson": "x",
    "reviewer": "x", "date": "2026-04-01", "address": "x", "phone": "x", "hours": "x",
}  # fmt: skip


def _one_line(value: object) -> str:
    """A message part on one line, so every problem stays `path:line: message`."""
    return " ".join(str(value).split()) or repr(str(value))


def parse_strings(text: str | None, path: Path, language: str = "") -> tuple[UiStrings | None, list[ContentError]]:
    """A language's interface strings: the kiosk's own for `language`, with the lesson's ui.toml (`text`) over them.

    A lesson's ui.toml names only what it changes, so a lesson made for an older kiosk keeps working when the
    kiosk learns a new string. A language the kiosk has no words of (INTERFACE) must give every required key, so
    must a ui.toml read with no language; optional keys it leaves out are "" (not shown). Returns the strings
    (None when there is any problem) and every problem.
    """
    base, broken = _kiosk_words(language) if language else ({}, ())
    if broken:  # the kiosk's own file is broken: a bug the tests catch, reported all the same
        return None, list(broken)
    strings: dict[str, str] = {}
    given: set[str] = set()  # the keys the ui.toml assigns, good or bad: a bad one is not reported missing too
    problems: list[ContentError] = []
    if text is not None:
        table, given, problems = _table(text, path)
        if table is None:
            return None, problems
        strings = table
    hint = _(" (the kiosk has its own words only for {languages})").format(languages=", ".join(_languages()))
    hint = hint if language and not base else ""
    problems += _missing(given | set(base), path, (text or "").count("\n") + 1, hint, required())
    if problems:
        return None, problems
    merged = {**base, **strings}
    return UiStrings(**{_FIELD[key]: value for key, value in merged.items()}), []


@cache
def _kiosk_words(language: str) -> tuple[dict[str, str], tuple[ContentError, ...]]:
    """The kiosk's own words for a language ({} when it has none), read and checked once: every lesson shares them."""
    path = INTERFACE / f"{language}.toml"
    if not path.is_file():
        return {}, ()
    try:
        source = read_text(path)
    except ContentError as error:
        return {}, (error,)
    table, keys, problems = _table(source, path)
    if table is None:
        return {}, tuple(problems)
    problems += _missing(keys, path, source.count("\n") + 1, "", purposes())  # the kiosk's own: every key
    return (table, ()) if not problems else ({}, tuple(problems))


def _languages() -> list[str]:
    return sorted(entry.name.removesuffix(".toml") for entry in entries(INTERFACE) if entry.name.endswith(".toml"))


def _missing(given: set[str], path: Path, last: int, hint: str, needed: dict[str, str]) -> list[ContentError]:
    """A problem for every key of `needed` (key -> purpose) that is not among `given`."""
    return [
        ContentError(path, last, _("missing {key} ({purpose}){hint}").format(key=key, purpose=purpose, hint=hint))
        for key, purpose in needed.items()
        if key not in given
    ]


def _table(text: str, path: Path) -> tuple[dict[str, str] | None, set[str], list[ContentError]]:
    """The good strings a ui.toml gives (None when it is not TOML), the keys it assigns, and its problems."""
    import tomllib  # only when content is validated: a cached start-up never parses TOML

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = _LINE.search(str(error))
        line = int(match.group(1)) if match else 1
        return (
            None,
            set(),
            [ContentError(path, line, _("not valid TOML: {error}").format(error=_one_line(error)))],
        )
    except (RecursionError, ValueError):  # absurd nesting, or an integer of thousands of digits
        message = _("not valid for the kiosk: nested too deeply or a number far too long")
        return None, set(), [ContentError(path, 1, message)]

    def line_of(key: str) -> int:
        return key_line(text, key)

    problems: list[ContentError] = []
    strings: dict[str, str] = {}
    known = purposes()
    for key, value in data.items():
        if key not in known:  # most likely a misspelt key
            problems.append(ContentError(path, line_of(key), _("unknown key {key}").format(key=_one_line(repr(key)))))
        elif not isinstance(value, str):
            problems.append(
                ContentError(path, line_of(key), _("{key} must be text in quotes").format(key=_one_line(repr(key))))
            )
        else:
            strings[key] = value
    for key in formatted():
        if key not in strings:
            continue
        try:
            strings[key].format(**PLACEHOLDERS)
        except KeyError as error:
            problems.append(
                ContentError(
                    path,
                    line_of(key),
                    _("{key}: unknown placeholder {error}").format(key=key, error=_one_line(error)),
                )
            )
        except Exception as error:  # any format mistake (index, attribute, spec): all are reported
            message = _("{key}: write placeholders as {{name}} only ({error})").format(key=key, error=_one_line(error))
            problems.append(ContentError(path, line_of(key), message))
    return strings, set(data), problems


# Used when no content could be loaded at all (so staff can still open the menu and reload): both languages.
FALLBACK = UiStrings(
    language_name="日本語 / English",
    touch_to_start="画面にタッチしてください / Touch the screen to start",
    choose_lesson="テーマを選んでください / Choose a topic",
    next="次へ / Next",
    back="戻る / Back",
    home="最初に戻る / Start over",
    start_quiz="クイズ / Quiz",
    progress="{current} / {total}",
    question_progress="クイズ / Quiz {current} / {total}",
    right="正解 / Correct",
    wrong="おしい / So close",
    answer_right_tag="正解 / Right",
    answer_chosen_tag="選んだ答え / Yours",
    see_slide="スライドを見る / Review the slide",
    back_to_question="クイズに戻る / Back to the quiz",
    next_question="次の問題 / Next question",
    see_result="結果を見る / See results",
    score="{total}問中{right}問 / {right} of {total} correct",
    score_none="{total} 問 すべてに挑戦 / You tried all {total}",
    qr_caption="スマートフォンで読み取れます / Scan with your smartphone",
    ask_front_desk="受付でお気軽にお尋ねください / Please ask at the front desk",
    finish="終わる / Finish",
    aid_large_text="文字を大きく / Larger text",
    aid_contrast="見やすい色 / High contrast",
    aid_read_aloud="読み上げ / Read aloud",
    still_there="まだご覧になっていますか / Are you still reading?",
    still_there_hint="画面にタッチすると続きます / Touch the screen to carry on.",
    countdown="{seconds} 秒で最初に戻ります / Back to the start in {seconds} s",
    continue_="続ける / Continue",
    staff_pin_title="スタッフ用 暗証番号 / Staff PIN",
    staff_pin_hint="暗証番号を入れて OK / Enter the PIN, then OK",
    staff_pin_wrong="違います / Wrong PIN ({left})",
    staff_pin_checking="確認しています / Checking",
    staff_pin_locked="{seconds} 秒お待ちください / Locked: wait {seconds} s",
    staff_pin_not_set="暗証番号が未設定です。設置した担当者へ / No PIN yet: ask whoever set up the kiosk",
    cancel="閉じる / Close",
    staff_title="スタッフメニュー / Staff menu",
    staff_start_over="最初に戻す / Start over",
    staff_reload="読み込み直す / Reload content",
    staff_language="言語 / Language: {language}",
    staff_statistics="利用の記録 / Statistics",
    staff_handout="資料（PDF）/ Handout (PDF)",
    staff_handout_written="書き出しました / written ({pages}): {path}",
    staff_handout_failed="書き出せませんでした / not written: {error}",
    staff_leave="終了 / Leave the kiosk",
    staff_close="閉じる / Close menu",
    staff_reloaded="読み込み直しました / Content reloaded.",
    staff_reload_failed="問題があります / The content has problems:",
    stats_title="利用の記録（{days}日間）/ Visits, last {days} days",
    stats_visits="{visits}件 / visits",
    stats_finished="最後まで読んだ / finished the lesson: {share}%",
    stats_quiz="クイズに進んだ / took the quiz: {share}%",
    stats_questions="問題ごとの正解率 / Right answers per question",
    stats_question_line="{share}% ({answered})",
    stats_too_few="{answered}件のみ / only {answered}: too few to judge",
    stats_export="CSV に書き出す / Export CSV",
    stats_exported="{rows}件を書き出しました / exported: {path}",
    stats_export_failed="書き出せませんでした / export failed: {error}",
    stats_busy="記録を書き込み中です。少し待って開き直してください / statistics are busy: open again in a moment",
    stats_no_folder="書き出し先が未設定です / no export folder set (stats_export_folder)",
    stats_close="閉じる / Close",
    stats_lesson="レッスン / Lesson: {lesson}",
    stats_all_lessons="すべて / all",
    staff_lessons="表示するレッスン / Lessons offered",
    lessons_title="表示するレッスンと順番 / Lessons offered, in order",
    lesson_shown="表示中 / Shown",
    lesson_hidden="非表示 / Hidden",
    lesson_up="上へ / Up",
    lessons_back="戻る / Back",
    staff_remote="受付からの操作 / Front desk remote",
    remote_title="受付からの操作 / Front desk remote",
    remote_off="オフ / Off",
    remote_on="オン / On: {url}",
    remote_turn_on="オンにする / Turn on",
    remote_turn_off="オフにする / Turn off",
    remote_pair="端末を追加 / Add a device",
    remote_code="コードを入力 / Type this code ({minutes} min)",
    remote_devices="ペアリング済み / Paired devices",
    remote_no_devices="なし / None",
    remote_revoke="解除 / Unpair",
    remote_back="戻る / Back",
    remote_failed="開始できません / Cannot start: {error}",
    remote_fingerprint="証明書 / Certificate SHA-256: {fingerprint}",
    held="準備中 / One moment, please",
    reviewed="内容の確認 / Reviewed: {reviewer} ({date})",
    not_reviewed="内容の確認が未記録 / No review recorded: {lesson}",
    contact_address="住所 / Address: {address}",
    contact_phone="電話 / Phone: {phone}",
    contact_hours="受付時間 / Hours: {hours}",
    lesson_only="{language}",
    name_ja="日本語 / Japanese",
    name_en="英語 / English",
)
