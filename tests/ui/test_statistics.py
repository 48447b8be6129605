"""A real visit reaches the staff statistics screen; the CSV export needs no dialog."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk import cli
from kiosk.app.kiosk import Kiosk
from kiosk.config.settings import Settings
from kiosk.visit.flow import Screen


def full_visit(qtbot: QtBot, kiosk: Kiosk) -> None:
    qtbot.mouseClick(kiosk.window.attract.start, Qt.MouseButton.LeftButton)
    while kiosk.flow.state.screen is Screen.SLIDE:  # a slide's text may take more than one screen
        qtbot.mouseClick(kiosk.window.slide.nav.next, Qt.MouseButton.LeftButton)
    for question in kiosk.flow.lesson.questions:
        order = kiosk.flow.state.orders[kiosk.flow.state.question]
        qtbot.mouseClick(kiosk.window.question.answers[order.index(question.right_index)], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(kiosk.window.question.next, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(kiosk.window.result.finish, Qt.MouseButton.LeftButton)


def test_a_full_visit_appears_in_the_statistics(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One finished visit: 1 visit, 100 % finished and quiz (flagged as too few), every question right; as CSV."""
    export = tmp_path / "usb"
    export.mkdir()
    kiosk = make_kiosk(settings=Settings(stats_export_folder=str(export)))
    full_visit(qtbot, kiosk)
    kiosk.staff.show_statistics()
    page, strings = kiosk.staff.stats_page, kiosk.strings
    assert page.isVisible()
    assert page.visits.text() == strings.stats_visits.format(visits=1)
    few = " " + strings.stats_too_few.format(answered=1)
    assert page.finished.text() == strings.stats_finished.format(share=100) + few
    assert page.quiz.text() == strings.stats_quiz.format(share=100) + few
    shares = [label.text() for label in page.question_shares if label.isVisibleTo(page)]
    assert shares == [strings.stats_too_few.format(answered=1)] * len(kiosk.flow.lesson.questions)
    assert sum(count for _, count in page.chart.days) == 1 and len(page.chart.days) == 14
    shown = [label.text() for label in page.question_labels if label.isVisibleTo(page)]
    assert shown == [q.prompt for q in kiosk.flow.lesson.questions]
    assert all(bar.share == 1.0 for bar in page.question_bars if bar.isVisibleTo(page))
    qtbot.mouseClick(page.export, Qt.MouseButton.LeftButton)
    (written,) = export.glob("kiosk-visits-*.csv")
    assert str(written) in page.message.text()
    assert written.read_bytes().startswith(b"\xef\xbb\xbf")
    # The command line gives the same file.
    assert cli.cmd_stats_export(tmp_path / "cli.csv", kiosk.stats_path) == 0
    assert (tmp_path / "cli.csv").read_bytes() == written.read_bytes()


def test_export_without_a_folder_says_so(qtbot: QtBot, make_kiosk: Callable[..., Kiosk]) -> None:
    """With no export folder set the button explains the setting instead of opening anything."""
    kiosk = make_kiosk(settings=Settings())
    kiosk.staff.show_statistics()
    qtbot.mouseClick(kiosk.staff.stats_page.export, Qt.MouseButton.LeftButton)
    assert kiosk.staff.stats_page.message.text() == kiosk.strings.stats_no_folder


@pytest.mark.allow_warnings
def test_unwritable_statistics_never_stop_the_kiosk(
    qtbot: QtBot, make_kiosk: Callable[..., Kiosk], tmp_path: Path
) -> None:
    """A data folder that cannot hold the database: visits go on, staff see a note."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    kiosk = make_kiosk(settings=Settings(), data_dir=blocker)
    full_visit(qtbot, kiosk)
    assert kiosk.window.current_page is kiosk.window.attract
    kiosk.recorder.flush(2.0)
    assert not kiosk.recorder.available and kiosk.recorder.notes
