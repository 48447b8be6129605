"""Publishing: a kiosk takes a lesson only when every file matches its manifest; drafts never reach patients."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.content.cache import load_content
from kiosk.content.new_lesson import new_lesson
from kiosk.content.publish import MANIFEST, Manifest, check_manifest, publish, read_manifest, write_manifest
from kiosk.content.updates import UpdateChecker
from tests.conftest import SHIPPED_LESSON, written_lesson


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(SHIPPED_LESSON, root / "stretching")
    return root


def shown(root: Path, cache: Path | None = None) -> tuple[list[str], list[str]]:
    """The lessons a kiosk would show from root, and its problems as text."""
    library, problems = load_content(root, cache, published=True)
    return (list(library.lessons) if library else []), [str(p) for p in problems]


def test_the_shipped_lesson_is_published_and_its_manifest_matches_every_file() -> None:
    """content/stretching ships published; a content edit without `kiosk publish` fails here, saying what to run."""
    manifest = read_manifest(SHIPPED_LESSON)
    assert isinstance(manifest, Manifest), f"{SHIPPED_LESSON / MANIFEST} missing: run kiosk publish {SHIPPED_LESSON}"
    problems = check_manifest(SHIPPED_LESSON, "stretching", manifest)
    hint = f"the shipped lesson was edited without publishing: run `.venv/bin/kiosk publish {SHIPPED_LESSON}`"
    assert not problems, hint + "\n" + "\n".join(map(str, problems))


def test_a_published_lesson_is_shown_and_publishing_again_raises_the_version(content: Path) -> None:
    """publish validates and writes the manifest (id, version, every file's size and SHA-256); the kiosk shows it."""
    folder = content / "stretching"
    first = read_manifest(folder)
    assert isinstance(first, Manifest) and first.lesson == "stretching"
    assert shown(content) == (["stretching"], [])
    again, problems = publish(folder)
    assert problems == [] and again is not None and again.version == first.version + 1
    body = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    entry = body["files"]["ja/deck.md"]
    assert entry["size"] == (folder / "ja" / "deck.md").stat().st_size and len(entry["sha256"]) == 64
    assert MANIFEST not in body["files"] and body["lesson"] == "stretching"


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ("cut", "bytes, the manifest says"),  # a write that stalled at 97 %
        ("same-size", "does not match the manifest's checksum"),
        ("missing", "in the manifest but missing"),  # a language that has not arrived yet
        ("extra", "not in the lesson's manifest"),
    ],
)
def test_a_lesson_that_does_not_match_its_manifest_is_refused(content: Path, change: str, said: str) -> None:
    """Cut short, changed, missing or added: the kiosk refuses the lesson and names the file and the cause."""
    deck = content / "stretching" / "ja" / "deck.md"
    data = deck.read_bytes()
    if change == "cut":
        deck.write_bytes(data[: len(data) * 97 // 100])
    elif change == "same-size":
        deck.write_bytes(data.replace("には個人差があります".encode(), "には個人差がありませ".encode()))
        assert len(deck.read_bytes()) == len(data)
    elif change == "missing":
        shutil.rmtree(content / "stretching" / "ja")
    else:
        (content / "stretching" / "en" / "notes.md").write_text("x", encoding="utf-8")
    lessons, problems = shown(content)
    assert lessons == []
    assert any(said in p for p in problems), problems
    assert all("kiosk publish" in p for p in problems if said in p)
    if change in ("same-size", "extra"):
        assert load_content(content, None)[0] is not None  # render and validate still see the lesson as it is


def test_drafts_are_never_shown_but_render_and_validate_see_them(content: Path) -> None:
    """A new lesson (no manifest) and one with draft = true are left out; the published one is shown."""
    written_lesson(content, "back-pain")  # a lesson whose template words were replaced: valid, a draft
    shutil.copytree(content / "stretching", content / "later")
    (content / "later" / "lesson.toml").write_text('id = "later"\ndraft = true\n', encoding="utf-8")
    write_manifest(content / "later", "later")  # even with a manifest, draft = true keeps it out
    assert shown(content) == (["stretching"], [])
    everything = load_content(content, None)[0]
    assert everything is not None and sorted(everything.lessons) == ["back-pain", "later", "stretching"]
    (content / "stretching" / MANIFEST).unlink()
    lessons, problems = shown(content)
    assert lessons == [] and any("no published lesson here, only drafts" in p for p in problems)


def test_publish_refuses_a_draft_and_a_lesson_that_fails_validation(content: Path) -> None:
    """Nothing is published that a kiosk would refuse: the manifest stays as it was."""
    folder = content / "stretching"
    before = (folder / MANIFEST).read_bytes()
    (folder / "pictures" / "seiza.svg").unlink()
    manifest, problems = publish(folder)
    assert manifest is None and any("seiza.svg" in str(p) for p in problems)
    new = new_lesson(content, "back-pain")
    (new / "lesson.toml").write_text('id = "back-pain"\ndraft = true\n', encoding="utf-8")
    manifest, problems = publish(new)
    assert manifest is None and "draft = true" in str(problems[0])
    assert (folder / MANIFEST).read_bytes() == before and not (new / MANIFEST).exists()


def test_a_damaged_manifest_is_a_problem_not_a_crash(content: Path) -> None:
    """A manifest cut short in transit refuses the lesson with its path."""
    path = content / "stretching" / MANIFEST
    path.write_bytes(path.read_bytes()[:40])
    lessons, problems = shown(content)
    assert lessons == [] and any("manifest damaged or cut short" in p and MANIFEST in p for p in problems)


def test_the_cache_never_serves_a_lesson_that_no_longer_matches(content: Path, tmp_path: Path) -> None:
    """Shown from the cache while it matches; an edit without publishing is refused though the old entry exists."""
    cache = tmp_path / "cache"
    assert shown(content, cache) == (["stretching"], [])
    assert shown(content, cache) == (["stretching"], [])  # from the cache
    deck = content / "stretching" / "ja" / "deck.md"
    deck.write_text(deck.read_text(encoding="utf-8") + "\n<!-- a note -->\n", encoding="utf-8")
    lessons, problems = shown(content, cache)
    assert lessons == [] and any("deck.md" in p and "kiosk publish" in p for p in problems)
    assert publish(content / "stretching")[0] is not None
    assert shown(content, cache) == (["stretching"], [])


def test_an_update_arriving_file_by_file_is_taken_only_when_whole(content: Path, tmp_path: Path) -> None:
    """The manifest arrives first, then the deck cut short: refused; once the deck is whole the update is taken."""
    hub = tmp_path / "hub"
    shutil.copytree(content, hub)
    deck = hub / "stretching" / "ja" / "deck.md"
    deck.write_text(deck.read_text(encoding="utf-8").replace("title: ", "title: 改訂 ", 1), encoding="utf-8")
    assert publish(hub / "stretching")[0] is not None
    now = [100.0]
    check = UpdateChecker(
        content, tmp_path / "snapshots", 2.0, lambda root: load_content(root, None, True), lambda: now[0]
    )
    shutil.copy2(hub / "stretching" / MANIFEST, content / "stretching" / MANIFEST)
    whole = deck.read_bytes()
    (content / "stretching" / "ja" / "deck.md").write_bytes(whole[: len(whole) * 97 // 100])
    check.step()
    now[0] += 3
    update = check.step()
    assert update is not None and update.library is None
    assert any("deck.md" in str(p) and "still arriving" in str(p) for p in update.problems)
    (content / "stretching" / "ja" / "deck.md").write_bytes(whole)
    check.step()
    now[0] += 3
    update = check.step()
    assert update is not None and update.library is not None and update.problems == ()
    assert "改\u2060訂" in update.library.lessons["stretching"].translations["ja"].deck.title  # with its phrase marks


def test_kiosk_publish_prints_what_it_wrote_or_every_problem(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`kiosk publish DIR` exits 0 naming the version; a broken lesson exits 1 with path:line: message."""
    assert main(["publish", str(content / "stretching")]) == 0
    assert "published lesson stretching version" in capsys.readouterr().out
    assert main(["publish", "stretching", "--content", str(content)]) == 0
    (content / "stretching" / "pictures" / "seiza.svg").unlink()
    assert main(["publish", str(content / "stretching")]) == 1
    captured = capsys.readouterr()
    assert "seiza.svg" in captured.out and "not published" in captured.err
