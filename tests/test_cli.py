"""The `kiosk` command as a practitioner uses it: validate prints path:line: message, never a traceback."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import cli
from tests.conftest import ROOT


def test_validate_shipped_content_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    """The shipped content validates: exit 0, and it says what it checked, lesson by lesson, Japanese first."""
    assert cli.main(["validate", str(ROOT / "content")]) == 0
    out = capsys.readouterr().out
    assert "lesson stretching: ja 19 slides 5 questions, en 19 slides 5 questions\n" in out
    assert ": OK (1 lesson)" in out


def test_validate_takes_a_lesson_or_a_language_folder(capsys: pytest.CaptureFixture[str]) -> None:
    """`kiosk validate content/stretching/ja`, the folder just edited, checks that language with its pictures."""
    assert cli.main(["validate", str(ROOT / "content" / "stretching" / "ja")]) == 0
    assert "lesson stretching: ja 19 slides 5 questions\n" in capsys.readouterr().out
    assert cli.main(["validate", str(ROOT / "content" / "stretching")]) == 0
    assert "lesson stretching: ja 19 slides 5 questions, en" in capsys.readouterr().out


def test_new_lesson_makes_a_folder_that_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The template is whole but for its words, listed as what is left to write; a second run changes nothing."""
    content = tmp_path / "content"
    assert cli.main(["new-lesson", "back-pain", "--content", str(content)]) == 0
    out = capsys.readouterr().out
    assert "back-pain/ja/deck.md:9: still the template's words (最初のスライドの見出し)" in out
    assert "30 lines above still hold the template's words" in out
    assert cli.main(["validate", str(content)]) == 1  # never shown to a patient as it is
    capsys.readouterr()
    assert (content / "back-pain" / "pictures" / "cover.svg").is_file()
    assert sorted(p.name for p in content.iterdir()) == ["back-pain"]  # no half-made folder left behind
    before = (content / "back-pain" / "ja" / "deck.md").read_bytes()
    assert cli.main(["new-lesson", "back-pain", "--content", str(content)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert (content / "back-pain" / "ja" / "deck.md").read_bytes() == before
    assert cli.main(["new-lesson", "Back Pain", "--content", str(content)]) == 1
    assert "lower-case letters" in capsys.readouterr().err


def test_new_lesson_needs_a_folder_named(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --content, new-lesson refuses: a template must never land where the kiosk shows lessons."""
    with pytest.raises(SystemExit) as exit_:
        cli.main(["new-lesson", "back-pain"])
    assert exit_.value.code == 2
    assert "--content" in capsys.readouterr().err


def test_version_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    """`kiosk --version` prints the installed version and exits 0."""
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--version"])
    assert exit_.value.code == 0
    assert re.fullmatch(r"kiosk \d+\.\d+\.\d+\n", capsys.readouterr().out)


def test_validate_broken_content_prints_every_problem_and_exits_1(
    shipped_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each problem is one `path:line: message` line; the exit code is 1."""
    quiz = shipped_copy / "ja" / "quiz.md"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("- [x]", "- [ ]", 2), encoding="utf-8")
    deck = shipped_copy / "ja" / "deck.md"
    deck.write_bytes(deck.read_bytes() + "\n---\n<!-- id: extra -->\n# 追加\n\n[リンク](https://x.org)\n".encode())
    assert cli.main(["validate", str(shipped_copy)]) == 1
    lines = capsys.readouterr().out.strip().split("\n")
    assert len(lines) == 3
    for line in lines:
        path, number, message = line.split(":", 2)
        assert Path(path).name in {"quiz.md", "deck.md"} and number.isdigit() and message.strip()


def test_validate_shift_jis_file_from_a_subprocess_has_no_traceback(shipped_copy: Path) -> None:
    """Run as a real command on a Shift_JIS deck: a clear message, exit 1, no traceback."""
    deck = shipped_copy / "ja" / "deck.md"
    deck.write_bytes(deck.read_text(encoding="utf-8").encode("cp932", errors="replace"))
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "validate", str(shipped_copy)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert "deck.md:2: this looks like Shift_JIS; save the file as UTF-8" in done.stdout


def test_main_py_passes_subcommands_through() -> None:
    """`python main.py validate` validates instead of starting the kiosk."""
    done = subprocess.run([sys.executable, "main.py", "validate"], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def test_bad_size_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """A malformed --size is refused by the argument parser with a clear message."""
    with pytest.raises(SystemExit) as caught:
        cli.main(["render", "--out", "x", "--size", "big"])
    assert caught.value.code == 2
    assert "size must look like 1920x1080" in capsys.readouterr().err


def test_set_pin_asks_twice_and_stores_only_a_hash(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """`kiosk set-pin` saves a hash the kiosk accepts; mismatched or short PINs change nothing."""
    from kiosk.core import paths
    from kiosk.staff.pin import check_pin

    monkeypatch.setattr(paths, "config_dir", lambda: tmp_path)
    answers = iter(["123", "123"])
    assert cli.cmd_set_pin(lambda prompt: next(answers)) == 1
    answers = iter(["246810", "246811"])
    assert cli.cmd_set_pin(lambda prompt: next(answers)) == 1
    assert not (tmp_path / "pin.json").exists()
    answers = iter(["246810", "246810"])
    assert cli.cmd_set_pin(lambda prompt: next(answers)) == 0
    assert check_pin(tmp_path / "pin.json", "246810")
    assert "246810" not in (tmp_path / "pin.json").read_text(encoding="utf-8")


def test_config_check_prints_located_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`kiosk config check FILE` prints path:line: option: message and exits 1; a good file exits 0."""
    path = tmp_path / "settings.toml"
    path.write_text("idle_seconds = 90\nresult_timeout_seconds = 1\n", encoding="utf-8")
    assert cli.main(["config", "check", str(path)]) == 1
    assert capsys.readouterr().out.startswith(f"{path}:2: result_timeout_seconds: must be between 10 and 600")
    path.write_text("idle_seconds = 120\n", encoding="utf-8")
    assert cli.main(["config", "check", str(path)]) == 0


def test_commands_without_a_window_do_not_load_qt(tmp_path: Path) -> None:
    """validate and config run without Qt: quick for the practitioner, and fine on a machine with no display."""
    script = (
        "import sys\n"
        "from kiosk.cli import main\n"
        f"assert main(['validate', {str(ROOT / 'content')!r}]) == 0\n"
        "main(['config', 'path'])\n"
        "print(sorted(name for name in sys.modules if name.startswith('PySide6')))\n"
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def _add_advice(shipped_copy: Path) -> Path:
    """Make one sentence of the shipped Japanese deck too long: one advice, no problem (and a second: the slide's
    narration was made for its words before)."""
    deck = shipped_copy / "ja" / "deck.md"
    text = deck.read_text(encoding="utf-8")
    deck.write_text(
        text.replace("その理由を、順番にご説明します。", "その理由を、" + "じゅんばんに" * 6 + "説明します。"), "utf-8"
    )
    return deck


def test_advice_is_printed_but_never_fails_the_run(shipped_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An advice line reads `path:line: advice: ... [PEMAT-P n: ...]`, and the exit code stays 0."""
    deck = _add_advice(shipped_copy)
    line = next(n for n, text in enumerate(deck.read_text("utf-8").split("\n"), 1) if "じゅんばんに" in text)
    assert cli.main(["validate", str(shipped_copy)]) == 0
    lines = [line for line in capsys.readouterr().out.strip().split("\n") if ": review: " not in line]
    assert (
        len(lines) == 4
        and lines[2].startswith("lesson stretching: ja ")
        and lines[3].endswith(": OK (1 lesson); 2 advice; 1 review reminder")
    )
    assert "slide 'stretch-not-always': its narration was made for words since changed" in lines[0]
    path, number, message = lines[1].split(":", 2)
    assert Path(path).name == "deck.md" and int(number) == line
    assert message.startswith(" advice: a sentence of ") and "[PEMAT-P 3: uses common, everyday language]" in message


def test_strict_makes_advice_fail(shipped_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With --strict one advice is enough for exit 1; the shipped lesson passes --strict."""
    _add_advice(shipped_copy)
    assert cli.main(["validate", "--strict", str(shipped_copy)]) == 1
    assert "2 advice" in capsys.readouterr().err
    assert cli.main(["validate", "--strict", str(ROOT / "content")]) == 0


def test_report_prints_the_automatic_pemat_items_per_language(capsys: pytest.CaptureFixture[str]) -> None:
    """--report gives each language's automatic PEMAT-P items and shares; the shipped lesson agrees with all."""
    assert cli.main(["validate", "--report", str(ROOT / "content")]) == 0
    out = capsys.readouterr().out
    for code in ("ja", "en"):
        assert f"{code}: PEMAT-P, the items a program can judge" in out
    assert out.count("understandability: 8/8 automatic items agree (100 %)") == 2
    assert out.count("actionability: 2/2 automatic items agree (100 %)") == 2
    assert "disagree" not in out


def test_a_missing_review_is_a_reminder_that_never_fails_the_run(
    shipped_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The shipped lesson records no review: validate says so at lesson.toml, and exits 0 even with --strict."""
    assert cli.main(["validate", "--strict", str(shipped_copy)]) == 0
    out = capsys.readouterr().out
    reminder = next(line for line in out.split("\n") if ": review: " in line)
    assert reminder.split(":")[0].endswith("lesson.toml") and "no review recorded" in reminder
    assert out.rstrip().endswith("; 1 review reminder")


def test_a_recent_review_is_not_reminded_and_an_old_one_is(
    shipped_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """reviewed_by and reviewed_on of today: no reminder; of 400 days ago: a reminder at the reviewed_on line."""
    from datetime import date, timedelta

    settings = shipped_copy / "lesson.toml"
    original = settings.read_text(encoding="utf-8")
    settings.write_text(original + f'reviewed_by = "Test"\nreviewed_on = {date.today()}\n', encoding="utf-8")
    assert cli.main(["validate", str(shipped_copy)]) == 0
    assert ": review: " not in capsys.readouterr().out
    old = date.today() - timedelta(days=400)
    settings.write_text(original + f'reviewed_by = "Test"\nreviewed_on = {old}\n', encoding="utf-8")
    assert cli.main(["validate", str(shipped_copy)]) == 0
    reminder = next(line for line in capsys.readouterr().out.split("\n") if ": review: " in line)
    assert reminder.split(":")[1] == str(len(original.split("\n")) + 1) and "over a year" in reminder


def test_every_sub_command_has_its_run_and_nothing_else() -> None:
    """`kiosk main` dispatches by a table: every sub-command listed has its run, and no run is left over."""
    assert set(cli.COMMAND_RUNS) == set(cli.COMMANDS)
