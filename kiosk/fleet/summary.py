"""A kiosk's anonymous daily summary: the counts a clinic chain may see, and its file format.

A summary holds sums over one whole day and nothing per visit: how many visits each lesson and language
had, how far they got (in quarters of the lesson), how many took and finished the quiz, and for each
question how many first answers were right. Nothing finer than the day is ever written.

The file is two lines of JSON: a header `{"format": 1, "kind": ..., "sha256": ...}` and the body. The
checksum covers the body's bytes exactly as written, so a reader detects a damaged or half-synced file
without re-serialising it (and merging 36,500 files stays quick).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

from kiosk.core.i18n import _

FORMAT: Final = 1  # the heartbeat's format
SUMMARY_FORMAT: Final = 2  # 2: a summary covers a day, a week or a month (kiosk.fleet.periods); 1 was a day
KIND: Final = "daily-summary"
PERIOD_KINDS: Final = ("day", "week", "month")
PROGRESS_BUCKETS: Final = ("0-25", "25-50", "50-75", "75-100")  # share of the lesson's slides seen, in %
KIOSK_NAME: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
MAX_BYTES: Final = 256 * 1024  # a day's counts are a few hundred bytes; anything near this is not ours
# The header exactly as `envelope` writes it, read without the JSON parser (the merge reads 36,500 of them);
# any other spelling goes through json.loads and its checks as before.
_JSON: Final = json.JSONDecoder()
_HEADER: Final = re.compile(rb'\{"format":(0|[1-9][0-9]{0,8}),"kind":"([a-z-]{1,40})","sha256":"([0-9a-f]{64})"\}')


class SummaryError(ValueError):
    """A file that is not a sound summary (damaged, half-synced, from a newer kiosk); the message says why."""


@dataclass
class Group:
    """The sums for one lesson and language on one day."""

    visits: int = 0
    finished_lesson: int = 0
    started_quiz: int = 0
    reached_result: int = 0
    progress: list[int] = field(default_factory=lambda: [0] * len(PROGRESS_BUCKETS))
    questions: dict[str, list[int]] = field(default_factory=dict)  # question id -> [answered, first right]

    def add(self, other: Group) -> None:
        self.visits += other.visits
        self.finished_lesson += other.finished_lesson
        self.started_quiz += other.started_quiz
        self.reached_result += other.reached_result
        progress = self.progress
        for index, count in enumerate(other.progress):
            progress[index] += count
        questions = self.questions
        for question, (answered, right) in other.questions.items():
            mine = questions.get(question)
            if mine is None:
                questions[question] = [answered, right]
            else:
                mine[0] += answered
                mine[1] += right


@dataclass(frozen=True)
class DailySummary:
    kiosk: str
    day: date  # the first day of its period
    groups: dict[tuple[str, str], Group]  # (lesson, language) -> sums
    period: str = "day"  # or "week", "month": small groups are merged into a coarser period (kiosk.fleet.periods)

    @property
    def visits(self) -> int:
        return sum(group.visits for group in self.groups.values())


def progress_bucket(slides_seen: int, slide_count: int) -> int:
    """Which quarter of the lesson a visit reached (0-3); the last quarter includes the whole lesson."""
    return min(len(PROGRESS_BUCKETS) - 1, (4 * max(0, slides_seen - 1)) // max(1, slide_count))


def summarise(
    kiosk: str,
    day: date,
    visits: Iterable[tuple[tuple[Any, ...], Sequence[tuple[str, bool]]]],
    lesson: str = "",
) -> DailySummary:
    """Add up one day's visits (rows as StatsStore.day_visits gives them) into a summary."""
    groups: dict[tuple[str, str], Group] = {}
    for row, answers in visits:
        language, seen, count, finished, started, reached = row[:6]
        visit_lesson = str(row[6]) if len(row) > 6 and row[6] else lesson
        group = groups.setdefault((visit_lesson, str(language)), Group())
        group.visits += 1
        group.finished_lesson += int(bool(finished))
        group.started_quiz += int(bool(started))
        group.reached_result += int(bool(reached))
        group.progress[progress_bucket(int(seen), int(count))] += 1
        for question, right in answers:
            counts = group.questions.setdefault(question, [0, 0])
            counts[0] += 1
            counts[1] += int(right)
    return DailySummary(kiosk, day, groups)


def dumps(summary: DailySummary) -> bytes:
    """The file's bytes: header line, then the body whose exact bytes the header's checksum covers."""
    body = {
        "kiosk": summary.kiosk,
        "day": summary.day.isoformat(),
        "period": summary.period,
        "groups": [
            {
                "lesson": lesson,
                "language": language,
                "visits": g.visits,
                "finished_lesson": g.finished_lesson,
                "started_quiz": g.started_quiz,
                "reached_result": g.reached_result,
                "progress": dict(zip(PROGRESS_BUCKETS, g.progress, strict=True)),
                "questions": {q: {"answered": a, "right": r} for q, (a, r) in sorted(g.questions.items())},
            }
            for (lesson, language), g in sorted(summary.groups.items())
        ],
    }
    return envelope(KIND, body, SUMMARY_FORMAT)


def envelope(kind: str, body: dict[str, Any], form: int = FORMAT) -> bytes:
    """Header line + body line; the header names the format version and the body's checksum."""
    data = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    header = {"format": form, "kind": kind, "sha256": hashlib.sha256(data).hexdigest()}
    return json.dumps(header, separators=(",", ":")).encode("ascii") + b"\n" + data + b"\n"


def open_envelope(data: bytes, kind: str, newest: int = FORMAT) -> dict[str, Any]:
    """The body of a file written by `envelope`; SummaryError when it is damaged, foreign or too new."""
    if len(data) > MAX_BYTES:
        raise SummaryError(_("larger than {size} kB").format(size=MAX_BYTES // 1024))
    head, newline, rest = data.partition(b"\n")
    quick = _HEADER.fullmatch(head)
    if quick is not None:
        header: object = {"format": int(quick[1]), "kind": quick[2].decode(), "sha256": quick[3].decode()}
    else:
        try:
            header = json.loads(head)
        except ValueError as error:
            raise SummaryError(_("damaged header ({error})").format(error=error)) from None
    if not isinstance(header, dict) or header.get("kind") != kind:
        raise SummaryError(_("not a {kind} file").format(kind=kind))
    version = header.get("format")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SummaryError(_("no format version"))
    if version > newest:
        message = _("written in format {version} by a newer kiosk (this one reads up to {newest})")
        raise SummaryError(message.format(version=version, newest=newest))
    body = rest[:-1] if rest.endswith(b"\n") else rest
    if not newline or hashlib.sha256(body).hexdigest() != header.get("sha256"):
        raise SummaryError(_("damaged or only partly synced (checksum does not match)"))
    try:  # text, not bytes: json.loads would first guess the encoding of every file; ours are UTF-8
        parsed = _JSON.decode(body.decode("utf-8"))
    except ValueError as error:  # a matching checksum over bad JSON: written by something else
        raise SummaryError(_("damaged body ({error})").format(error=error)) from None
    if not isinstance(parsed, dict):
        raise SummaryError(_("the body is not an object"))
    return parsed


def loads(data: bytes) -> DailySummary:
    """Read a summary file's bytes; SummaryError with the reason when it cannot be trusted."""
    body = open_envelope(data, KIND, SUMMARY_FORMAT)
    try:
        return _sound(body)
    except Exception:  # anything amiss: the careful reading below says what, as it always did
        return _checked(body)


def _sound(body: dict[str, Any]) -> DailySummary:
    """A body that is sound in every way `_checked` checks, read in one pass; any exception if it is not."""
    kiosk, period = body["kiosk"], body.get("period", "day")
    if type(kiosk) is not str or not KIOSK_NAME.fullmatch(kiosk) or period not in PERIOD_KINDS:
        raise ValueError
    groups: dict[tuple[str, str], Group] = {}
    for item in body["groups"]:
        key = (str(item["lesson"]), str(item["language"]))
        progress = item["progress"]
        counts = [item["visits"], item["finished_lesson"], item["started_quiz"], item["reached_result"]]
        counts += [progress[bucket] for bucket in PROGRESS_BUCKETS]
        questions: dict[str, list[int]] = {}
        for question, value in item["questions"].items():
            pair = questions[str(question)] = [value["answered"], value["right"]]
            counts += pair
        # every count an int (bool is a subclass: `type` refuses it) and none below 0, at C speed
        if set(map(type, counts)) != _INT or min(counts) < 0 or key in groups:
            raise ValueError
        groups[key] = Group(counts[0], counts[1], counts[2], counts[3], counts[4:8], questions)
    return DailySummary(kiosk, date.fromisoformat(body["day"]), groups, period)


_INT: Final = {int}


def _checked(body: dict[str, Any]) -> DailySummary:
    """The body read field by field; SummaryError naming the first thing wrong."""
    try:
        kiosk, day = body["kiosk"], date.fromisoformat(body["day"])
        if not isinstance(kiosk, str) or not KIOSK_NAME.fullmatch(kiosk):
            raise SummaryError(_("kiosk name {kiosk!r} is not a kiosk name").format(kiosk=kiosk))
        period = body.get("period", "day")
        if period not in PERIOD_KINDS:
            message = _("period {period!r} is not one of {kinds}")
            raise SummaryError(message.format(period=period, kinds=", ".join(PERIOD_KINDS)))
        groups: dict[tuple[str, str], Group] = {}
        for item in body["groups"]:
            key = (str(item["lesson"]), str(item["language"]))
            if key in groups:
                message = _("lesson {lesson!r} language {language!r} appears twice")
                raise SummaryError(message.format(lesson=key[0], language=key[1]))
            groups[key] = Group(
                visits=_count(item["visits"]),
                finished_lesson=_count(item["finished_lesson"]),
                started_quiz=_count(item["started_quiz"]),
                reached_result=_count(item["reached_result"]),
                progress=[_count(item["progress"][bucket]) for bucket in PROGRESS_BUCKETS],
                questions={str(q): [_count(v["answered"]), _count(v["right"])] for q, v in item["questions"].items()},
            )
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        if isinstance(error, SummaryError):
            raise
        raise SummaryError(_("missing or wrong field ({error!r})").format(error=error)) from None
    return DailySummary(kiosk, day, groups, period)


def _count(value: object) -> int:
    if type(value) is not int or value < 0:  # bool is an int subclass: `type` refuses it too
        raise SummaryError(_("count {value!r} is not a whole number of 0 or more").format(value=value))
    return value
