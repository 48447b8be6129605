"""Whole content folders: the shipped one validates; problems from every file come together."""

from __future__ import annotations

import shutil
from pathlib import Path

from kiosk.content.loader import load_library
from kiosk.content.strings import INTERFACE
from tests.conftest import SHIPPED_CONTENT


def test_every_shipped_content_folder_validates() -> None:
    """The content shipped in content/ has no problems at all."""
    library, problems = load_library(SHIPPED_CONTENT)
    assert [str(p) for p in problems] == []
    assert "ja" in library.first.translations


def test_problems_from_all_files_are_reported_together(shipped_copy: Path) -> None:
    """A broken deck, quiz and strings file are all reported in one run."""
    ja = shipped_copy / "ja"
    (ja / "deck.md").write_text((ja / "deck.md").read_text() + "\n---\n# 設定なし\n\n本文\n", encoding="utf-8")
    (ja / "quiz.md").write_text((ja / "quiz.md").read_text().replace("- [x]", "- [ ]", 1), encoding="utf-8")
    (ja / "ui.toml").write_text("broken = \n", encoding="utf-8")
    library, problems = load_library(shipped_copy)
    assert library is None
    files = {p.path.name for p in problems}
    assert files == {"deck.md", "quiz.md", "ui.toml"}


def test_missing_folder_and_no_languages(tmp_path: Path) -> None:
    """A content folder that does not exist, holds no lesson, or a lesson with no language, says so."""
    _, problems = load_library(tmp_path / "nope")
    assert "content folder not found" in str(problems[0])
    _, problems = load_library(tmp_path)
    assert "no lesson folder here" in str(problems[0])
    (tmp_path / "empty").mkdir()
    _, problems = load_library(tmp_path)
    assert str(problems[0]).endswith(
        f"empty:1: lesson folder with no language folder (for example {tmp_path / 'empty' / 'ja' / 'deck.md'})"
    )


def test_languages_must_match(shipped_copy: Path) -> None:
    """A second language missing a slide and a question is told what is missing where."""
    shutil.copytree(shipped_copy / "ja", shipped_copy / "xx")
    shutil.copy(INTERFACE / "ja.toml", shipped_copy / "xx" / "ui.toml")  # the kiosk has no words of its own for xx
    deck = shipped_copy / "xx" / "deck.md"
    text = deck.read_text(encoding="utf-8")
    cut = text.index("<!-- id: seiza")
    end = text.index("---", cut)
    deck.write_text(text[:cut] + text[end + 3 :], encoding="utf-8")
    quiz = shipped_copy / "xx" / "quiz.md"
    quiz_text = quiz.read_text(encoding="utf-8")
    quiz.write_text(quiz_text[: quiz_text.index("## 正座")], encoding="utf-8")
    library, problems = load_library(shipped_copy)
    found = [str(p) for p in problems]
    assert library is None
    assert any("xx/deck.md:1: slide 'seiza' of ja/deck.md is missing here" in m for m in found), found
    assert any("xx/quiz.md:1: question 'seiza-numb' of ja/quiz.md is missing here" in m for m in found), found


def test_languages_must_have_the_same_answer_counts(shipped_copy: Path) -> None:
    """A translation that drops an answer is told which question, where, and how many the reference has."""
    quiz = shipped_copy / "en" / "quiz.md"
    text = quiz.read_text(encoding="utf-8")
    start = text.index("<!-- id: seiza-numb")
    wrong = text.index("- [ ]", start)
    quiz.write_text(text[:wrong] + text[text.index("\n", wrong) + 1 :], encoding="utf-8")
    library, problems = load_library(shipped_copy)
    assert library is None
    (problem,) = problems
    assert "en/quiz.md:" in str(problem)
    assert "question 'seiza-numb' has 2 answers here but 3 in ja/quiz.md" in str(problem)
