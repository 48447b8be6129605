"""The interface strings of one language, from ui.toml, so a new language needs no code."""

from __future__ import annotations

import re
from pathlib import Path

from kiosk.core.errors import ContentError

# Every key the screens need, with what it is for (the English text is only a description).
REQUIRED: dict[str, str] = {
    "language_name": "the language's own name on the language button",
    "touch_to_start": "the call on the attract screen",
    "next": "the Next button",
    "back": "the Back button",
    "home": "the Home button (ends the visit)",
    "start_quiz": "Next on the last slide, which starts the quiz",
    "progress": "slide counter, with {current} and {total}",
    "question_progress": "question counter, with {current} and {total}",
    "right": "shown when an answer is right",
    "wrong": "shown when an answer is not right",
    "see_slide": "button that shows the slide that teaches the question",
    "back_to_question": "button that returns from that slide to the question",
    "next_question": "Next after an answer",
    "see_result": "Next after the last answer",
    "score": "score line, with {right} and {total}",
    "qr_caption": "text beside the QR code",
    "ask_front_desk": "the call to action on the result screen",
    "finish": "button that ends the visit",
    "content_error_title": "heading of the screen shown when content cannot be loaded",
    "aid_large_text": "the aid button that makes text larger",
    "aid_contrast": "the aid button for high contrast",
    "aid_read_aloud": "the aid button that reads the screen aloud",
    "still_there": "the idle prompt's question",
    "still_there_hint": "the idle prompt's explanation",
    "countdown": "the idle countdown, with {seconds}",
    "continue": "the idle prompt's button",
    "staff_pin_title": "heading of the staff PIN pad",
    "staff_pin_hint": "what to do on the PIN pad",
    "staff_pin_wrong": "after a wrong PIN, with {left} tries left",
    "staff_pin_locked": "while the pad is locked, with {seconds}",
    "staff_pin_not_set": "on the pad when no PIN is set",
    "cancel": "button that closes the PIN pad",
    "staff_title": "heading of the staff menu",
    "staff_start_over": "staff menu: end the visit now",
    "staff_reload": "staff menu: reload the content",
    "staff_language": "staff menu: default language, with {language}",
    "staff_statistics": "staff menu: visit statistics",
    "staff_handout": "staff menu: write the lesson as a PDF handout into the export folder",
    "staff_handout_written": "after the handout is written, with {path} and {pages}",
    "staff_handout_failed": "when the handout cannot be written, with {error}",
    "staff_leave": "staff menu: leave the kiosk",
    "staff_close": "staff menu: close the menu",
    "staff_reloaded": "after a successful reload",
    "staff_reload_failed": "heading of the problems when a reload failed",
    "stats_title": "heading of the statistics screen, with {days}",
    "stats_visits": "visit count line, with {visits}",
    "stats_finished": "share that finished the lesson, with {share}",
    "stats_quiz": "share that took the quiz, with {share}",
    "stats_questions": "heading of the per-question list",
    "stats_question_line": "one question, with {share} right of {answered}",
    "stats_too_few": "instead of a share resting on fewer than 10 answers or visits, with {answered}",
    "stats_export": "button that writes the CSV file",
    "stats_exported": "after export, with {path} and {rows}",
    "stats_export_failed": "when the export failed, with {error}",
    "stats_no_folder": "when no export folder is set",
    "stats_close": "button that closes the statistics",
    "staff_remote": "staff menu: the front desk's remote (desk page and pairing)",
    "remote_title": "heading of the desk remote screen",
    "remote_off": "when the desk page is off",
    "remote_on": "while the desk page is served, with {url}",
    "remote_turn_on": "button that turns the desk page on",
    "remote_turn_off": "button that turns the desk page off",
    "remote_pair": "button that shows a new pairing code",
    "remote_code": "under the pairing QR code and code, with {minutes}",
    "remote_devices": "heading of the paired devices",
    "remote_no_devices": "when no device is paired",
    "remote_revoke": "button that unpairs one device",
    "remote_back": "button that returns to the staff menu",
    "remote_failed": "when the desk page cannot start, with {error}",
    "held": "the attract screen while staff hold it (cleaning): touches start nothing",
}
_LINE = re.compile(r"line (\d+)")
# The values every placeholder is tried with; FORMATTED: the strings that take placeholders.
PLACEHOLDERS = {
    "current": 1, "total": 2, "right": 1, "seconds": 3, "left": 2, "language": "x", "days": 14,
    "visits": 3, "share": 50, "answered": 4, "path": "x", "rows": 1, "error": "x", "url": "x",
    "code": "123456", "minutes": 5, "pages": 2,
}  # fmt: skip
FORMATTED = [key for key, purpose in REQUIRED.items() if "with {" in purpose]


def _one_line(value: object) -> str:
    """A message part on one line, so every problem stays `path:line: message`."""
    return " ".join(str(value).split()) or repr(str(value))


def parse_strings(text: str, path: Path) -> tuple[dict[str, str], list[ContentError]]:
    """Parse ui.toml; return the strings and every problem found."""
    import tomllib  # only when content is validated: a cached start-up never parses TOML

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = _LINE.search(str(error))
        return {}, [ContentError(path, int(match.group(1)) if match else 1, f"not valid TOML: {_one_line(error)}")]
    except (RecursionError, ValueError):  # absurd nesting, or an integer of thousands of digits
        return {}, [ContentError(path, 1, "not valid for the kiosk: nested too deeply or a number far too long")]
    lines = text.split("\n")

    def line_of(key: str) -> int:
        """The line that assigns `key` (bare or quoted), never one whose key merely starts the same."""
        assigns = re.compile(rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*=""")
        return next((n for n, line in enumerate(lines, start=1) if assigns.match(line)), 1)

    problems: list[ContentError] = []
    strings: dict[str, str] = {}
    for key, value in data.items():
        if not isinstance(value, str):
            problems.append(ContentError(path, line_of(key), f"{_one_line(repr(key))} must be text in quotes"))
        else:
            strings[key] = value
    for key, purpose in REQUIRED.items():
        if key not in data:
            problems.append(ContentError(path, len(lines), f"missing {key} ({purpose})"))
    for key in FORMATTED:
        try:
            strings.get(key, "").format(**PLACEHOLDERS)
        except KeyError as error:
            problems.append(ContentError(path, line_of(key), f"{key}: unknown placeholder {_one_line(error)}"))
        except Exception as error:  # noqa: BLE001 (any format mistake: index, attribute, spec; all are reported)
            message = f"{key}: write placeholders as {{name}} only ({_one_line(error)})"
            problems.append(ContentError(path, line_of(key), message))
    return strings, problems


# Used by the staff layer when no content could be loaded at all (so staff can still reload).
FALLBACK: dict[str, str] = {
    "staff_pin_title": "スタッフ用 暗証番号 / Staff PIN",
    "staff_pin_hint": "暗証番号を入れて OK / Enter the PIN, then OK",
    "staff_pin_wrong": "違います / Wrong PIN ({left})",
    "staff_pin_locked": "{seconds} 秒お待ちください / Locked: wait {seconds} s",
    "staff_pin_not_set": "暗証番号が未設定です。設置した担当者へ / No PIN yet: ask whoever set up the kiosk",
    "cancel": "閉じる / Close",
    "staff_title": "スタッフメニュー / Staff menu",
    "staff_start_over": "最初に戻す / Start over",
    "staff_reload": "読み込み直す / Reload content",
    "staff_language": "言語 / Language: {language}",
    "staff_statistics": "利用の記録 / Statistics",
    "staff_handout": "資料（PDF）/ Handout (PDF)",
    "staff_handout_written": "書き出しました / written ({pages}): {path}",
    "staff_handout_failed": "書き出せませんでした / not written: {error}",
    "staff_leave": "終了 / Leave the kiosk",
    "staff_close": "閉じる / Close menu",
    "staff_reloaded": "読み込み直しました / Content reloaded.",
    "stats_title": "利用の記録（{days}日間）/ Visits, last {days} days",
    "stats_visits": "{visits} 件 / visits",
    "stats_finished": "最後まで読んだ / finished the lesson: {share}%",
    "stats_quiz": "クイズに進んだ / took the quiz: {share}%",
    "stats_questions": "問題ごとの正解率 / Right answers per question",
    "stats_question_line": "{share}% ({answered})",
    "stats_too_few": "{answered} 件のみ / only {answered}: too few to judge",
    "stats_export": "CSV に書き出す / Export CSV",
    "stats_exported": "{rows} 件を書き出しました / exported: {path}",
    "stats_export_failed": "書き出せませんでした / export failed: {error}",
    "stats_no_folder": "書き出し先が未設定です / no export folder set (stats_export_folder)",
    "stats_close": "閉じる / Close",
    "staff_reload_failed": "問題があります / The content has problems:",
    "staff_remote": "受付からの操作 / Front desk remote",
    "remote_title": "受付からの操作 / Front desk remote",
    "remote_off": "オフ / Off",
    "remote_on": "オン / On: {url}",
    "remote_turn_on": "オンにする / Turn on",
    "remote_turn_off": "オフにする / Turn off",
    "remote_pair": "端末を追加 / Add a device",
    "remote_code": "コードを入力 / Type this code ({minutes} min)",
    "remote_devices": "ペアリング済み / Paired devices",
    "remote_no_devices": "なし / None",
    "remote_revoke": "解除 / Unpair",
    "remote_back": "戻る / Back",
    "remote_failed": "開始できません / Cannot start: {error}",
    "held": "準備中 / One moment, please",
}
