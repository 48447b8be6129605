"""Commands that cannot do what was asked say why and exit non-zero; a typo gets a suggestion, not a list."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import cli
from tests.conftest import ROOT


def _fails(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert cli.main(argv) != 0
    return capsys.readouterr().err


def test_unknown_language_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """`render --lang fr` names the languages there are instead of silently drawing Japanese."""
    err = _fails(["render", "--check", "--lang", "fr"], capsys)
    assert "no lesson has the language 'fr'; the languages here: en, ja" in err
    err = _fails(["run", "--windowed", "--lang", "jp", "--content", str(ROOT / "content")], capsys)
    assert "'jp'" in err and "(did you mean ja?)" in err


def test_missing_folders_are_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """render, handout, stats merge and fleet status on a folder that is not there: a message and exit 2."""
    nope = str(tmp_path / "nope")
    assert "no such folder; give a content folder" in _fails(["render", "--check", "--content", nope], capsys)
    assert "no such folder" in _fails(["handout", "--out", str(tmp_path / "h.pdf"), "--content", nope], capsys)
    assert "no such folder; give an outbox folder" in _fails(["stats", "merge", nope], capsys)
    assert "no such folder" in _fails(["fleet", "status", nope], capsys)
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert "not a folder" in _fails(["render", "--check", "--content", str(tmp_path / "file")], capsys)


def test_validate_missing_folder_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """validate on a folder that is not there says so and fails."""
    assert cli.main(["validate", str(tmp_path / "nope")]) == 1
    assert "content folder not found" in capsys.readouterr().out


def test_missing_settings_file_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`config check missing.toml` fails; without a file name a missing default file still means defaults."""
    err = _fails(["config", "check", str(tmp_path / "missing.toml")], capsys)
    assert "missing.toml: no such settings file" in err


def test_mistyped_option_and_command_get_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    """`--sze` suggests --size, `rendr` suggests render: one name, not the list of all."""
    with pytest.raises(SystemExit) as caught:
        cli.main(["render", "--check", "--sze", "1280x800"])
    assert caught.value.code == 2
    assert "(did you mean --size?)" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["rendr"])
    assert "(did you mean render?)" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["validate", "--strct"])
    assert "(did you mean --strict?)" in capsys.readouterr().err


def test_mistyped_setting_gets_a_suggestion(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A settings file's `idle_second` suggests idle_seconds, and never lists every option."""
    path = tmp_path / "settings.toml"
    path.write_text("idle_second = 90\nzzz = 1\n", encoding="utf-8")
    assert cli.main(["config", "check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "idle_second: unknown option (did you mean idle_seconds?)" in out
    assert "zzz: unknown option (`kiosk config example` lists every option)" in out
    assert "result_timeout_seconds" not in out


def test_bare_kiosk_prints_help_and_starts_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    """A bare `kiosk` explains the commands and returns; it does not start a fullscreen kiosk."""
    assert cli.main([]) == 0
    out = capsys.readouterr().out
    assert "usage: kiosk" in out and "render" in out


def test_run_kiosk_and_main_py_still_start_the_kiosk() -> None:
    """./run-kiosk runs main.py, which puts `run` in front of bare arguments: the kiosk, not the help."""
    assert "main.py" in (ROOT / "run-kiosk").read_text(encoding="utf-8")
    script = (
        "import sys, kiosk.cli as c\n"
        # The sub-command table is the one place `run` is looked up, so that is what is replaced.
        "c.COMMAND_RUNS['run'] = lambda args: print('RUN', args.windowed) or 0\n"
        "sys.argv = ['main.py', *sys.argv[1:]]\n"
        "exec(compile(open('main.py').read(), 'main.py', 'exec'), {'__name__': '__main__'})\n"
    )
    for extra in ([], ["--windowed"]):
        done = subprocess.run(
            [sys.executable, "-c", script, *extra], capture_output=True, text=True, cwd=ROOT, timeout=60
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == f"RUN {bool(extra)}"
