"""Settings that pass `config check` must not harm (issue 27, item 6): a poll interval has a floor, content
folder problems are flagged by `kiosk config check`, and a config folder the kiosk cannot search means
defaults and a message, never an exit."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.config.settings import Settings, folder_problems, load_settings, parse_settings
from kiosk.staff.pin import pin_is_set


@pytest.mark.parametrize(("value", "kept"), [(0, True), (0.5, True), (0.49, False), (1e-9, False), (3600, True)])
def test_content_poll_has_a_floor_with_0_still_meaning_off(value: float, kept: bool) -> None:
    """1e-9 s used a whole core: below 0.5 s is refused (0 still turns polling off); 0.5 itself is kept."""
    values, problems = parse_settings(f"content_poll_seconds = {value}\n", Path("s.toml"))
    assert (values.content_poll_seconds == value) is kept
    assert (problems == []) is kept
    if not kept:
        assert "must be 0 (off) or between 0.5 and 3600" in str(problems[0])


def test_the_example_file_says_the_off_value() -> None:
    """`kiosk config example` names 0 as off beside the bounds."""
    from kiosk.config.settings import example_file

    assert "(0 turns it off, or 0.5 to 3600)" in example_file()


def test_config_check_flags_a_missing_content_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A content_folder that is not there: `config check` says so, located, and exits 1."""
    path = tmp_path / "settings.toml"
    path.write_text(f'\ncontent_folder = "{tmp_path / "gone"}"\n')
    assert cli.main(["config", "check", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:2: content_folder: " in out and "not found" in out


def test_config_check_flags_a_device_as_content_folder(tmp_path: Path) -> None:
    """content_folder = /dev/zero: not a folder (a device)."""
    problems = folder_problems(Settings(content_folder="/dev/zero"), tmp_path / "s.toml", "x\n")
    assert len(problems) == 1 and "not a folder" in str(problems[0])


def test_a_content_folder_that_is_fine_is_no_problem(tmp_path: Path) -> None:
    """An existing readable folder, or the default (the shipped content), gives no problem."""
    assert folder_problems(Settings(content_folder=str(tmp_path)), tmp_path / "s.toml", "") == []
    assert folder_problems(Settings(), tmp_path / "s.toml", "") == []


@pytest.fixture
def unsearchable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A config folder the kiosk may not search (mode 000; root ignores modes, so the refusal is simulated)."""
    folder = tmp_path / "config"
    folder.mkdir()
    folder.chmod(0)
    real_stat, real_lstat = os.stat, os.lstat

    def refuse(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if str(path).startswith(str(folder) + os.sep):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return (real_lstat if kwargs.pop("follow_symlinks", True) is False else real_stat)(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", refuse)
    monkeypatch.setattr(os, "lstat", lambda path, *a, **k: refuse(path, *a, follow_symlinks=False, **k))
    yield folder
    folder.chmod(0o700)


@pytest.mark.allow_warnings
def test_an_unsearchable_config_folder_means_defaults_and_a_message(unsearchable: Path) -> None:
    """settings.toml in a folder that cannot be searched: defaults and a located message, no exception."""
    values, problems = load_settings(unsearchable / "settings.toml")
    assert values == Settings()
    assert len(problems) == 1 and "cannot be read" in str(problems[0])


def test_an_unsearchable_pin_file_counts_as_set(unsearchable: Path) -> None:
    """pin.json that cannot be looked at: counted as set (fails closed), never an exception."""
    assert pin_is_set(unsearchable / "pin.json")
