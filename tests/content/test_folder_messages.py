"""A misnamed file or folder is reported with the fix, and validate shows what a lesson folder holds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk import cli
from tests.conftest import ROOT


@pytest.fixture
def lesson(tmp_path: Path) -> Path:
    target = tmp_path / "content" / "stretching"
    shutil.copytree(ROOT / "content" / "stretching", target)
    return target


def _validate(content: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert cli.main(["validate", str(content)]) == 1
    return capsys.readouterr().out.splitlines()


def test_a_deck_under_another_name_is_named_with_the_rename(lesson: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """ja/lesson.md instead of ja/deck.md: one problem naming ja/ and the mv that fixes it, then the tree."""
    (lesson / "ja" / "deck.md").rename(lesson / "ja" / "lesson.md")
    out = _validate(lesson.parent, capsys)
    assert out[0].endswith(
        f"ja/ has no deck.md; the slides go in deck.md (rename: mv {lesson}/ja/lesson.md {lesson}/ja/deck.md)"
    )
    assert (
        "A lesson folder looks like this:" in out
        and "      result.md      the take-home points and the thanks on the result screen" in out
    )


def test_pictures_in_another_folder_is_one_message_with_the_rename(
    lesson: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """pictures/ named images/: one message (not one per picture) saying to rename images/ to pictures/."""
    (lesson / "pictures").rename(lesson / "images")
    out = _validate(lesson.parent, capsys)
    problems = [line for line in out if "not found" in line]
    assert len(problems) == 1
    assert f"there is no pictures/ folder in {lesson} (rename images/ to pictures/: mv {lesson}/images" in problems[0]


def test_a_missing_result_says_what_it_holds_and_how_to_start_it(
    lesson: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No result.md: what it holds (points and thanks) and the one cp command from the template."""
    (lesson / "en" / "result.md").unlink()
    out = _validate(lesson.parent, capsys)
    assert out[0].startswith(f"{lesson}/en/result.md:1: result.md not found; it holds the result screen: # a heading")
    assert out[0].endswith(
        f"(to start from the template: cp {ROOT}/kiosk/content/lesson_template/en/result.md {lesson}/en/result.md)"
    )
