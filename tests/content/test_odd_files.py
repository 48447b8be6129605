"""Odd files in a content folder (editor locks, links, FIFOs) never stop the kiosk; validate and run agree."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.content.cache import inputs, load_content
from kiosk.content.loader import load_library
from kiosk.core.errors import ContentError
from kiosk.core.textfile import read_text
from tests.bounded import within_seconds


def _editor_leftovers(folder: Path) -> None:
    """What Emacs and Vim leave beside deck.md while it is being edited."""
    (folder / ".#deck.md").symlink_to("nurse@front-desk.4242:1700000000")  # Emacs lock: a dangling link
    (folder / "deck.md~").write_text("old backup", encoding="utf-8")  # Emacs backup
    (folder / ".deck.md.swp").write_bytes(b"\x00vim swap")  # Vim swap


def test_a_dangling_emacs_lock_does_not_stop_the_cached_start(shipped_copy: Path, tmp_path: Path) -> None:
    """`kiosk run`'s cached load survives .#deck.md (a link to nowhere) and Vim/Emacs swap and backup files."""
    _editor_leftovers(shipped_copy / "ja")
    library, problems = load_content(shipped_copy, tmp_path / "cache")
    assert problems == [] and library is not None
    again, _ = load_content(shipped_copy, tmp_path / "cache")
    assert again == library


def test_editor_files_are_not_inputs_of_the_cache(shipped_copy: Path) -> None:
    """Editor lock, swap and backup files come and go while editing: they never count as content."""
    before = inputs(shipped_copy)
    _editor_leftovers(shipped_copy / "ja")
    assert inputs(shipped_copy) == before


def test_validate_and_run_agree_on_a_folder_with_a_dangling_link(
    shipped_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """validate says OK and the cached load used by `kiosk run` loads the same library."""
    (shipped_copy / "en" / "notes.md").symlink_to(tmp_path / "gone.md")  # any dangling link, not only Emacs's
    assert cli.main(["validate", str(shipped_copy)]) == 0
    assert "OK" in capsys.readouterr().out
    library, problems = load_content(shipped_copy, tmp_path / "cache")
    assert problems == [] and library is not None


def test_a_content_file_linking_out_of_its_lesson_folder_is_refused(shipped_copy: Path, tmp_path: Path) -> None:
    """deck.md as a link to a file elsewhere (here a copy of the real deck) is refused by validate and run."""
    outside = tmp_path / "elsewhere.md"
    deck = shipped_copy / "en" / "deck.md"
    outside.write_bytes(deck.read_bytes())
    deck.unlink()
    deck.symlink_to(outside)
    for library, problems in (
        load_library(shipped_copy),
        load_content(shipped_copy, tmp_path / "cache"),
    ):
        assert library is None
        assert any(str(p).endswith("only files inside it are read") and "deck.md:1:" in str(p) for p in problems)


def test_a_link_between_language_folders_is_followed(shipped_copy: Path) -> None:
    """A link that stays inside the lesson folder is an ordinary file."""
    ui = shipped_copy / "en" / "ui.toml"
    (shipped_copy / "ui-en.toml").write_bytes(ui.read_bytes())
    ui.unlink()
    ui.symlink_to("../ui-en.toml")
    library, problems = load_library(shipped_copy)
    assert problems == [] and library is not None


def test_a_fifo_as_a_content_file_is_refused_at_once(shipped_copy: Path, tmp_path: Path) -> None:
    """quiz.md replaced by a FIFO is a located problem, not a hang (validate and run)."""
    quiz = shipped_copy / "ja" / "quiz.md"
    quiz.unlink()
    os.mkfifo(quiz)
    with within_seconds(10):
        with pytest.raises(ContentError, match="FIFO"):
            read_text(quiz)
        library, problems = load_content(shipped_copy, tmp_path / "cache")
    assert library is None and any("quiz.md:1:" in str(p) and "FIFO" in str(p) for p in problems)


def test_an_illustration_linking_out_of_its_folder_is_refused(tmp_path: Path, shipped_copy: Path) -> None:
    """A picture in the lesson's pictures/ that is a link to a file elsewhere is not read."""
    outside = tmp_path / "outside.svg"
    seiza = shipped_copy / "pictures" / "seiza.svg"
    outside.write_bytes(seiza.read_bytes())
    seiza.unlink()
    seiza.symlink_to(outside)
    library, problems = load_library(shipped_copy)
    assert library is None and any("seiza.svg" in str(p) and "outside" in str(p) for p in problems)
