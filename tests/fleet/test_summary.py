"""The daily summary: sums only, a checksummed file, and every way a file can be unsound is caught."""

from __future__ import annotations

import json
from datetime import date

import pytest

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
