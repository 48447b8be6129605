"""One way to touch a file (issue 27, item 1): every run-time file, content file, snapshot and export goes
through kiosk/core/files.py, so a FIFO, a device or a planted link never hangs the kiosk, floods it or is
written through; and a walk of the source keeps the next direct `open(` from slipping in."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from kiosk.core.files import replacing
from tests.bounded import within_seconds

KIOSK = Path(__file__).resolve().parent.parent / "kiosk"
CHECKED = KIOSK / "core" / "files.py"

# Calls that read, copy, list through links or write a file by themselves. `.open(`, `.save(` and `.load(`
# count only with an argument: the kiosk's layers have an `open()` of their own, QPainter a `save()`, and a
# `self.load(...)` is a callable the caller gave.
FORBIDDEN_NAMES = {"open", "QFile", "QSaveFile", "QPdfWriter", "QImageWriter", "QImageReader", "QTemporaryFile"}
FORBIDDEN_METHODS = {
    "read_text", "read_bytes", "write_text", "write_bytes", "copytree", "copyfile", "copyfileobj", "fdopen",
    "glob", "rglob", "iglob", "touch", "QFile", "QSaveFile", "QPdfWriter", "QImageWriter",
}  # fmt: skip
WITH_ARGUMENT = {"open", "save", "load"}
MODULE_CALLS = {
    ("os", "walk"),
    ("os", "open"),
    ("io", "open"),
    ("shutil", "copy"),
    ("shutil", "copy2"),
    ("shutil", "move"),
}
# Each exception, with why it is safe: Qt writes into memory, and files.replace_file puts the bytes in place.
ALLOWED = {
    ("kiosk/app/handout.py", "buffer.open"): "a QBuffer in memory",
    ("kiosk/app/handout.py", "QPdfWriter"): "writes into that QBuffer",
    ("kiosk/app/render.py", "buffer.open"): "a QBuffer in memory",
    ("kiosk/app/render.py", "save"): "a PNG into that QBuffer",
    ("kiosk/ui/widgets/raster.py", "buffer.open"): "a QBuffer over the photo's bytes, in memory",
    ("kiosk/ui/widgets/raster.py", "QImageReader"): "reads that QBuffer (the bytes came through files.read_file)",
    ("kiosk/core/i18n.py", "path.open"): "the package's own message catalog, bounded; files.py says its refusals "
    "through i18n, so i18n cannot read through files.py (an import cycle)",
    ("kiosk/ui/widgets/svg_drawing.py", "buffer.open"): "a QBuffer over the picture's bytes, in memory",
    ("kiosk/ui/widgets/svg_drawing.py", "QImageReader"): "reads that QBuffer (the bytes came through files.read_file)",
}


def offences(source: str) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in FORBIDDEN_NAMES:
            found.append((node.lineno, func.id))
        elif isinstance(func, ast.Attribute):
            owner = func.value.id if isinstance(func.value, ast.Name) else ""
            if (
                func.attr in FORBIDDEN_METHODS
                or (owner, func.attr) in MODULE_CALLS
                or (func.attr in WITH_ARGUMENT and node.args and owner != "self")
            ):
                found.append((node.lineno, f"{owner + '.' if owner else ''}{func.attr}"))
    return found


def test_no_file_is_touched_outside_the_checked_module() -> None:
    """No module of kiosk/ but core/files.py opens, copies, globs or writes a file itself."""
    found = [
        f"{path.relative_to(KIOSK.parent)}:{line}: {name}"
        for path in sorted(KIOSK.rglob("*.py"))
        if path != CHECKED
        for line, name in offences(path.read_text(encoding="utf-8"))
        if (path.relative_to(KIOSK.parent).as_posix(), name) not in ALLOWED
    ]
    assert found == [], (
        "use kiosk.core.files (read_file, open_regular, replace_file, replacing, copy_tree):\n" + "\n".join(found)
    )


@pytest.mark.parametrize(
    "code",
    [
        "open('x')",
        "Path('x').read_text()",
        "p.write_bytes(b'')",
        "shutil.copytree(a, b)",
        "shutil.copy(a, b)",
        "os.open('x', 0)",
        "os.walk(root)",
        "p.open('w')",
        "QPdfWriter(name)",
        "image.save(name)",
        "folder.rglob('*')",
    ],
)
def test_the_walk_finds_each_kind_of_call(code: str) -> None:
    """Each kind of direct file call is caught (and a layer's `open()` or a painter's `save()` is not)."""
    assert offences(code)
    assert not offences("settings.copy()\nself.pin_pad.open()\npainter.save()\nos.listdir(folder)\nself.load(snapshot)")


@pytest.mark.allow_warnings
@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_paired_devices_file_as_a_fifo_or_dev_zero_is_refused_at_once(tmp_path: Path, kind: str) -> None:
    """remote-devices.json as a FIFO (froze the event loop) or a link to /dev/zero (3 GB in 2 s): no device."""
    from kiosk.remote.devices import DeviceStore

    path = tmp_path / "remote-devices.json"
    os.mkfifo(path) if kind == "fifo" else path.symlink_to("/dev/zero")
    with within_seconds(5):
        store = DeviceStore(path)
    assert store.devices == []


@pytest.mark.allow_warnings
def test_kiosk_name_file_as_a_fifo_gives_a_generated_name_at_once(tmp_path: Path) -> None:
    """kiosk-name.txt as a FIFO: a generated name at once, never a wait for a writer."""
    from kiosk.fleet.outbox import kiosk_name

    os.mkfifo(tmp_path / "kiosk-name.txt")
    with within_seconds(5):
        assert kiosk_name("", tmp_path).startswith("kiosk-")


def test_content_version_skips_a_fifo_and_a_link_out(tmp_path: Path) -> None:
    """A FIFO in the content (no heartbeat was ever written) and a link to /dev/zero: the digest comes at once."""
    from kiosk.fleet.outbox import content_version

    (tmp_path / "deck.md").write_text("# one")
    before = content_version(tmp_path)
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "zero.md").symlink_to("/dev/zero")
    with within_seconds(5):
        assert content_version(tmp_path) == before


@pytest.mark.allow_warnings
def test_saving_an_option_over_a_fifo_settings_file_fails_at_once(tmp_path: Path) -> None:
    """settings.toml as a FIFO when staff change an option: not saved (False), at once."""
    from kiosk.config.settings import save_override

    path = tmp_path / "settings.toml"
    os.mkfifo(path)
    with within_seconds(5):
        assert save_override(path, "idle_seconds", 90) is False


def test_an_export_never_writes_through_a_planted_part_link(tmp_path: Path) -> None:
    """kiosk-visits-….csv.part as a link to pin.json: the PIN file is untouched and the export is written."""
    from kiosk.stats.export import write_csv

    pin = tmp_path / "pin.json"
    pin.write_text('{"pin": "kept"}')
    stick = tmp_path / "stick"
    stick.mkdir()
    target = stick / "kiosk-visits-20260101.csv"
    target.with_name(target.name + ".part").symlink_to(pin)
    with within_seconds(5):
        assert write_csv(target, ["q1"], [(("2026-01-01", 9), {"q1": True})]) == 1
    assert pin.read_text() == '{"pin": "kept"}'
    assert target.read_text(encoding="utf-8-sig").startswith("day,hour")


def test_an_export_never_blocks_on_a_planted_fifo(tmp_path: Path) -> None:
    """A FIFO named like the export's .part file: the export is written at once all the same."""
    from kiosk.stats.export import write_csv

    target = tmp_path / "kiosk-visits-20260101.csv"
    os.mkfifo(target.with_name(target.name + ".part"))
    with within_seconds(5):
        write_csv(target, [], [])
    assert target.is_file()


def test_a_link_named_like_the_target_is_replaced_not_written_through(tmp_path: Path) -> None:
    """A link planted under the export's own name: the link is replaced, its target keeps its bytes."""
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious")
    target = tmp_path / "handout.pdf"
    target.symlink_to(victim)
    with replacing(target, private=False) as handle:
        handle.write(b"%PDF")
    assert victim.read_bytes() == b"precious"
    assert not target.is_symlink() and target.read_bytes() == b"%PDF"


@pytest.mark.usefixtures("qapp")
def test_the_handout_replaces_a_planted_link_instead_of_its_target(tmp_path: Path) -> None:
    """A link named like the handout (to pin.json): the handout is written, the PIN file untouched."""
    from kiosk.app.handout_job import handout_for
    from tests.conftest import SHIPPED_CONTENT

    pin = tmp_path / "pin.json"
    pin.write_text("kept")
    out = tmp_path / "handout.pdf"
    out.symlink_to(pin)
    pages, why = handout_for(SHIPPED_CONTENT, "", "ja", out)
    assert why == "" and pages > 1
    assert pin.read_text() == "kept"
    assert out.read_bytes().startswith(b"%PDF")


def test_a_log_replaced_by_a_link_is_refused_not_written_through(tmp_path: Path) -> None:
    """kiosk.log swapped for a link to another of the kiosk's files (the PIN's): the log is not opened, and the
    file the link points at keeps its bytes (O_NOFOLLOW; a regular-file check alone would follow the link)."""
    from kiosk.core.files import open_private_text

    victim = tmp_path / "staff-pin.json"
    victim.write_bytes(b"{}")
    log = tmp_path / "kiosk.log"
    log.symlink_to(victim)
    with pytest.raises(OSError, match=r"kiosk\.log"):
        open_private_text(log, "a", "utf-8").close()
    assert victim.read_bytes() == b"{}"


def test_a_file_swapped_for_a_link_between_the_check_and_the_open_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race read_file closes with O_NOFOLLOW: the file is checked inside its folder, then swapped for a link
    to a file outside before the open. The swap is made by hand at the check (no timing), and nothing outside is
    read."""
    from kiosk.core import files

    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"another user's secret")
    folder = tmp_path / "content"
    folder.mkdir()
    inside = folder / "deck.md"
    inside.write_bytes(b"# a slide")
    real_stat, swapped = os.stat, list[bool]()

    def stat_then_swap(path: object, *args: object, **kwargs: object) -> os.stat_result:
        result = real_stat(path, *args, **kwargs)  # type: ignore[arg-type]
        if str(path) == str(inside) and not swapped:
            swapped.append(True)
            os.unlink(inside)
            os.symlink(outside, inside)  # the attacker's swap, after the check looked at the regular file
        return result

    monkeypatch.setattr(os, "stat", stat_then_swap)
    with pytest.raises(files.FileRefusedError, match="symbolic link"):
        files.read_file(inside, 1000)
    assert swapped
