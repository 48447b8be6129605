"""The daily summary: sums only, a checksummed file, and every way a file can be unsound is caught."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.fleet import summary
from kiosk.fleet.summary import SummaryError, progress_bucket, summarise

DAY = date(2026, 11, 30)


def rows() -> list[tuple[tuple[object, ...], tuple[tuple[str, bool], ...]]]:
    return [
        (("ja", 15, 15, 1, 1, 1), (("q1", True), ("q2", False))),
        (("ja", 4, 15, 0, 0, 0), ()),
        (("en", 15, 15, 1, 1, 0), (("q1", False),)),
    ]


def test_summarise_adds_up_visits_by_lesson_and_language() -> None:
    """Counts, progress quarters and first answers are summed per (lesson, language); nothing per visit."""
    result = summarise("k1", DAY, rows(), lesson="stretching")
    ja = result.groups[("stretching", "ja")]
    assert (ja.visits, ja.finished_lesson, ja.started_quiz, ja.reached_result) == (2, 1, 1, 1)
    assert ja.progress == [1, 0, 0, 1]
    assert ja.questions == {"q1": [1, 1], "q2": [1, 0]}
    assert result.groups[("stretching", "en")].questions == {"q1": [1, 0]} and result.visits == 3


def test_a_lesson_column_in_the_rows_wins_over_the_default() -> None:
    """Rows that carry their lesson (a seventh value) are grouped by it."""
    result = summarise("k1", DAY, [(("ja", 1, 2, 0, 0, 0, "sleep"), ())], lesson="stretching")
    assert list(result.groups) == [("sleep", "ja")]


@pytest.mark.parametrize(("seen", "count", "bucket"), [(1, 12, 0), (3, 12, 0), (4, 12, 1), (12, 12, 3), (1, 1, 0)])
def test_progress_bucket_is_the_quarter_reached(seen: int, count: int, bucket: int) -> None:
    """Slide 1 of 12 is the first quarter, the last slide the last quarter."""
    assert progress_bucket(seen, count) == bucket


def test_round_trip() -> None:
    """A written summary reads back equal."""
    written = summarise("k1", DAY, rows(), lesson="stretching")
    assert summary.loads(summary.dumps(written)) == written


def test_the_file_holds_the_day_and_never_a_time() -> None:
    """No field of the file is finer than the day."""
    body = json.loads(summary.dumps(summarise("k1", DAY, rows())).split(b"\n")[1])
    assert body["day"] == "2026-11-30" and "T" not in json.dumps(body).replace('"kiosk":"k1"', "")


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda d: d[: len(d) // 2], "checksum"),
        (lambda d: d.replace(b'"visits":2', b'"visits":9'), "checksum"),
        (lambda d: b"", "header"),
        (lambda d: b"\x00" * 40, "header"),
        (lambda d: d.replace(b'"format":2', b'"format":3'), "newer kiosk"),
        (lambda d: d.replace(b'"kind":"daily-summary"', b'"kind":"heartbeat"'), "not a daily-summary"),
        (lambda d: d + b"x" * summary.MAX_BYTES, "larger than"),
    ],
)
def test_unsound_files_are_refused_with_the_reason(damage: object, reason: str) -> None:
    """Half-synced, edited, empty, binary, newer and foreign files raise SummaryError saying why."""
    data = summary.dumps(summarise("k1", DAY, rows()))
    with pytest.raises(SummaryError, match=reason):
        summary.loads(damage(data))  # type: ignore[operator]


def test_a_negative_count_with_a_valid_checksum_is_refused() -> None:
    """A body that checks out but holds nonsense is refused too."""
    body = {"kiosk": "k1", "day": "2026-11-30", "groups": [{"lesson": "", "language": "ja", "visits": -1}]}
    with pytest.raises(SummaryError):
        summary.loads(summary.envelope(summary.KIND, body))


def test_a_header_spelled_otherwise_is_read_as_json_reads_it() -> None:
    """The quick reading of the header is only a short cut: spaces or another key order are read the same."""
    written = summarise("k1", DAY, rows(), lesson="stretching")
    data = summary.dumps(written)
    head, _newline, rest = data.partition(b"\n")
    header = json.loads(head)
    respelled = json.dumps(dict(reversed(header.items())), indent=1).replace("\n", " ").encode() + b"\n" + rest
    assert summary.loads(respelled) == written
    with pytest.raises(SummaryError, match="newer kiosk"):
        summary.loads(json.dumps({**header, "format": 3}).encode() + b"\n" + rest)


def test_a_body_refused_anywhere_is_refused_with_the_first_reason() -> None:
    """The one-pass reading of a sound body gives way to the field-by-field one, whose message names the fault."""
    body = json.loads(summary.dumps(summarise("k1", DAY, rows(), lesson="stretching")).partition(b"\n")[2])
    body["groups"][0]["questions"]["q1"]["right"] = True
    with pytest.raises(SummaryError, match="count True is not a whole number"):
        summary.loads(summary.envelope(summary.KIND, body, summary.SUMMARY_FORMAT))


_ODD_VALUES = st.sampled_from([-1, True, False, 1.5, "3", None, [], {}, 2**70, 0])
_FIELDS = ("visits", "finished_lesson", "started_quiz", "reached_result")


@st.composite
def _bodies(draw: st.DrawFn) -> tuple[dict[str, object], int]:
    """A sound body (up to 3 groups, up to 3 questions each), then up to 3 faults of the kinds a file may hold."""
    groups: list[dict[str, object]] = []
    for index in range(draw(st.integers(0, 3))):
        questions = {
            f"q{n}": {"answered": draw(st.integers(0, 9)), "right": draw(st.integers(0, 9))}
            for n in range(draw(st.integers(0, 3)))
        }
        group: dict[str, object] = {field: draw(st.integers(0, 99)) for field in _FIELDS}
        group["progress"] = {bucket: draw(st.integers(0, 9)) for bucket in summary.PROGRESS_BUCKETS}
        group.update(lesson=f"lesson{index}", language="ja", questions=questions)
        groups.append(group)
    body: dict[str, object] = {"kiosk": "k1", "day": "2026-11-30", "period": "day", "groups": groups}
    faults = draw(st.integers(0, 3))
    for _fault in range(faults):
        where = draw(st.sampled_from(["top", "group", "progress", "question", "twice", "drop"]))
        if where == "top":
            body[draw(st.sampled_from(["kiosk", "day", "period", "groups"]))] = draw(
                st.sampled_from(["", "x y", "2026-13-01", "hour", 1, None, [], "k2"])
            )
        elif groups and where == "group":
            draw(st.sampled_from(groups))[draw(st.sampled_from(_FIELDS))] = draw(_ODD_VALUES)
        elif groups and where == "progress":
            progress = draw(st.sampled_from(groups)).get("progress")
            if isinstance(progress, dict):
                progress[draw(st.sampled_from(summary.PROGRESS_BUCKETS))] = draw(_ODD_VALUES)
        elif groups and where == "question":
            questions = draw(st.sampled_from(groups)).get("questions")
            if isinstance(questions, dict) and questions:
                pair = questions[draw(st.sampled_from(sorted(questions)))]
                pair[draw(st.sampled_from(["answered", "right"]))] = draw(_ODD_VALUES)
        elif groups and where == "twice":
            groups.append(dict(draw(st.sampled_from(groups))))
        elif groups:
            draw(st.sampled_from(groups)).pop(
                draw(st.sampled_from([*_FIELDS, "progress", "questions", "lesson"])), None
            )
    return body, faults


@settings(max_examples=400, deadline=None)
@given(_bodies())
def test_the_one_pass_reading_accepts_exactly_what_the_careful_one_accepts(
    drawn: tuple[dict[str, object], int],
) -> None:
    """The merge reads each body in one quick pass and falls back to the field-by-field reading on any doubt:
    the quick pass never accepts a body the careful one refuses, reads what it accepts the same way, and
    accepts every sound body (else it would be no short cut)."""
    body, faults = drawn
    try:
        careful: summary.DailySummary | None = summary._checked(body)
    except SummaryError:
        careful = None
    try:
        quick: summary.DailySummary | None = summary._sound(body)
    except Exception:  # any exception sends the body to the careful reading
        quick = None
    if quick is not None:
        assert quick == careful
    if not faults:
        assert quick is not None and careful is not None
