"""The chain's commands from the command line: merge (text and CSV), fleet status, fleet config."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config.settings import parse_settings
from kiosk.fleet.outbox import HEARTBEAT, Heartbeat
from tests.fleet.outboxes import write_outboxes


def test_stats_merge_prints_the_report_and_writes_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`kiosk stats merge DIR --csv FILE` prints each kiosk and all, and writes the CSV."""
    write_outboxes(tmp_path / "hub", kiosks=3, days=5)
    assert main(["stats", "merge", str(tmp_path / "hub"), "--csv", str(tmp_path / "r.csv")]) == 0
    out = capsys.readouterr().out
    assert "15 summaries from 3 kiosks, 0 skipped" in out and (tmp_path / "r.csv").exists()


def test_fleet_status_exits_1_when_a_kiosks_clock_is_off(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A heartbeat that says 2020 but just arrived: the kiosk is alive, its clock is wrong; exit 1 saying so."""
    folder = tmp_path / "k1"
    folder.mkdir()
    old = datetime(2020, 1, 1, tzinfo=UTC)
    (folder / HEARTBEAT).write_bytes(Heartbeat("k1", old, "v", (), ()).dumps())
    assert main(["fleet", "status", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "k1: CLOCK BEHIND" in out and "SILENT" not in out


def test_fleet_config_prints_folders_and_settings_that_parse(capsys: pytest.CaptureFixture[str]) -> None:
    """The printed settings lines are valid settings; the folder types pair Send Only with Receive Only."""
    assert main(["fleet", "config", "--kiosk", "shibuya-1", "--content", "C:\\kiosk\\content"]) == 0
    out = capsys.readouterr().out
    assert out.count("Send Only") == 2 and out.count("Receive Only") == 2
    keys = ("content_", "outbox_", "kiosk_")
    lines = "\n".join(line.strip() for line in out.splitlines() if line.strip().startswith(keys))
    settings, problems = parse_settings(lines, Path("settings.toml"))
    assert not problems and settings.content_folder == "C:\\kiosk\\content" and settings.kiosk_name == "shibuya-1"


def test_fleet_config_refuses_a_bad_name(capsys: pytest.CaptureFixture[str]) -> None:
    """A kiosk name with a slash or spaces is refused (it becomes a folder ID and a file name)."""
    assert main(["fleet", "config", "--kiosk", "a/b c"]) == 2
