"""The CSV file staff take away (for example on a USB stick) and open in Excel.

Layout: a header row, then one row per visit, oldest day and hour first. Within one hour the rows are in
random order on purpose, so the file cannot be lined up against the reception book.

    day              YYYY-MM-DD
    hour             0-23 (the visit ended in this hour)
    lesson           the lesson's id, e.g. stretching (empty for visits recorded before lessons had ids)
    language         language code of the lesson, e.g. ja
    slides_seen      how far the visit got: furthest slide number (1 = only the first slide)
    slide_count      slides in the lesson
    finished_lesson  1 when the visit reached the quiz or the result, else 0
    started_quiz     1 or 0
    reached_result   1 or 0
    duration_min     whole minutes, 0-60 (60 means an hour or more)
    ended_by         finished, home, idle, staff or error
    q:<question id>  one column per quiz question ever answered, in quiz order: 1 = the first answer was
                     right, 0 = it was wrong, empty = not answered in that visit; when the file holds
                     visits of several lessons the column is q:<lesson>/<question id>, lesson by lesson

Written as UTF-8 with a byte order mark and CRLF line ends: Excel on Windows then reads Japanese text
correctly and every spreadsheet shows one visit per row. The file is written beside the target under a
random name the kiosk makes (never following a link or opening a FIFO planted on the stick) and renamed into
place, so a stick pulled out half-way never leaves half a file under the real name.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final

from kiosk.core.files import replacing_text

VISIT_COLUMNS: Final = (
    "day",
    "hour",
    "lesson",
    "language",
    "slides_seen",
    "slide_count",
    "finished_lesson",
    "started_quiz",
    "reached_result",
    "duration_min",
    "ended_by",
)
QUESTION_PREFIX: Final = "q:"
ENCODING: Final = "utf-8-sig"  # the BOM is what makes Excel pick UTF-8 instead of the Windows code page


def header(question_ids: Sequence[str]) -> list[str]:
    """The header row: the visit columns, then one column per question id."""
    return [*VISIT_COLUMNS, *(QUESTION_PREFIX + question_id for question_id in question_ids)]


def write_csv(
    path: Path,
    question_ids: Sequence[str],
    visits: Iterable[tuple[Sequence[object], dict[str, bool]]],
) -> int:
    """Write the rows (visit values in VISIT_COLUMNS order, answers by question id); returns the row count.

    Raises OSError when the file cannot be written; the target is then left as it was.
    """
    count = 0
    # durable: on the stick before we say it is done; not private: the file is for staff to take away.
    with replacing_text(Path(path), ENCODING, private=False) as file:
        writer = csv.writer(file, lineterminator="\r\n")
        writer.writerow(header(question_ids))
        for values, answers in visits:
            cells = [_cell(value) for value in values]
            cells += [_cell(answers[q]) if q in answers else "" for q in question_ids]
            writer.writerow(cells)
            count += 1
    return count


def _cell(value: object) -> str:
    """Booleans as 1/0 so a spreadsheet can average them; everything else as its plain text."""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)
