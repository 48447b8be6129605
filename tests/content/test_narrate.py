"""`kiosk narrate`: a short lesson is synthesised offline, and each file plays, fits its words and is validated.

The lesson is `kiosk new-lesson`'s template (two slides and one question, in ja and en), narrated once for
the module (about half a minute on a busy two-core machine) and copied for tests that change it.
"""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.content.advice import advise
from kiosk.content.audio import audio_problem
from kiosk.content.loader import load_library
from kiosk.content.narrate import expected_seconds, morae, narrate, syllables
from kiosk.content.spoken import SYNTH_NAME
from tests.conftest import written_lesson
from tests.content.test_audio import name_audio, write_wav

soundfile = pytest.importorskip("soundfile", reason="the narrate extra is not installed")
np = pytest.importorskip("numpy")
RMS_FLOOR = 0.02  # speech peaks at -1 dBFS here; silence, or a click, is far below this
SCREENS = ["slide-first", "slide-second", "question-first-question", "explanation-first-question"]


def units_for(language: str):
    """Morae by the engine's own reading (Open JTalk's analysis) in Japanese, syllables in English."""
    if language == "ja":
        with contextlib.redirect_stdout(io.StringIO()):
            import pyopenjtalk
        return lambda line: morae(pyopenjtalk.g2p(line, kana=True))
    return syllables


@pytest.fixture(scope="module")
def narrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The new-lesson template, narrated in ja and en (once for the module: treat it as read-only)."""
    lesson = written_lesson(tmp_path_factory.mktemp("content"), "short")
    done = narrate(lesson)
    assert done.problems == [] and [m.state for m in done.made] == ["made"] * 8
    return lesson


@pytest.fixture
def lesson(narrated_template: Path, tmp_path: Path) -> Path:
    """A copy of the narrated template this test may change."""
    return Path(shutil.copytree(narrated_template, tmp_path / "content" / "short"))


@pytest.mark.parametrize("language", ["ja", "en"])
def test_each_file_plays_fits_its_words_and_is_not_silent(narrated_template: Path, language: str) -> None:
    """Each file decodes, lasts within 20 % of what its words predict, and is louder than the floor."""
    library, problems = load_library(narrated_template)
    assert problems == [] and library is not None
    translation = library.first.translations[language]
    from kiosk.content.spoken import read_readings, screens

    spoken = {
        s.key: s.text
        for s in screens(
            translation.deck, translation.questions, language, read_readings(narrated_template / language)[0]
        )
    }
    files = sorted((narrated_template / language / "audio").iterdir())
    assert sorted(SYNTH_NAME.match(f.name).group(0).split(".synth-")[0] for f in files) == sorted(SCREENS)
    for file in files:
        samples, rate = soundfile.read(file, dtype="float32")
        key = file.name.split(".synth-")[0]
        predicted = expected_seconds(spoken[key], language, units_for(language))
        seconds = len(samples) / rate
        assert 0.8 * predicted <= seconds <= 1.2 * predicted, (file.name, seconds, predicted)
        assert float(np.sqrt(np.mean(samples**2))) > RMS_FLOOR, file.name
        assert audio_problem(file.parent, file.name) is None  # the validation any recording gets


def test_the_loaded_lesson_plays_the_narration_on_every_screen(narrated_template: Path) -> None:
    """Every slide, question and explanation names its synthesised file, and the file is among the recordings."""
    library, _ = load_library(narrated_template)
    assert library is not None
    for translation in library.first.translations.values():
        names = [s.audio for s in translation.deck.slides]
        names += [n for q in translation.questions for n in (q.audio, q.explanation_audio)]
        assert all(name and SYNTH_NAME.match(name) for name in names), names
        assert sorted(translation.recordings) == sorted(names)
        assert all(Path(path).is_file() for path in translation.recordings.values())


def test_running_again_keeps_every_file_and_the_same_words_give_the_same_bytes(lesson: Path) -> None:
    """A second run makes nothing; a file made again is byte for byte the one before (the command is repeatable)."""
    assert {m.state for m in narrate(lesson).made} == {"kept"}
    file = next((lesson / "ja" / "audio").glob("slide-first.synth-*.opus"))
    before = file.read_bytes()
    file.unlink()
    made = narrate(lesson, ["ja"]).made
    assert [m.state for m in made].count("made") == 1 and file.read_bytes() == before


def test_a_recording_of_the_practitioner_wins_and_is_never_touched(lesson: Path) -> None:
    """A slide with its own recording plays it; narrate reports it as recorded and leaves the file as it was."""
    own = write_wav(lesson / "ja" / "audio" / "own.wav", 2)
    name_audio(lesson, "ja", "audio: own.wav")
    before = own.read_bytes()
    done = narrate(lesson, ["ja"])
    assert [(m.key, m.state) for m in done.made if m.state != "kept"] == [("slide-first", "recorded")]
    assert own.read_bytes() == before
    library, _ = load_library(lesson)
    assert library is not None and library.first.translations["ja"].deck.slides[0].audio == "own.wav"


def test_changed_words_are_not_read_by_the_old_file_and_narrate_replaces_it(lesson: Path) -> None:
    """After an edit the slide has no narration (validate advises), and narrate removes the old file for a new one."""
    deck = lesson / "ja" / "deck.md"
    deck.write_text(deck.read_text(encoding="utf-8").replace("最初のスライドの見出し", "最初の見出し"), "utf-8")
    library, _ = load_library(lesson)
    assert library is not None and library.first.translations["ja"].deck.slides[0].audio is None
    found = advise(library.first.translations["ja"], deck, lesson / "ja" / "quiz.md", lesson / "ja" / "result.md")
    assert [a.rule for a in found if a.rule == "narration"] == ["narration"]
    assert "since changed" in str(next(a for a in found if a.rule == "narration"))
    done = narrate(lesson, ["ja"])
    assert len(done.removed) == 1 and done.removed[0].startswith("slide-first.synth-")
    assert [m.key for m in done.made if m.state == "made"] == ["slide-first"]


def test_the_command_narrates_and_says_what_it_did(lesson: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`kiosk narrate LESSON --lang ja` exits 0 and sums up; a content folder of several lessons is refused."""
    assert cli.main(["narrate", str(lesson), "--lang", "ja"]) == 0
    assert "narration 0 made, 4 kept, 0 recorded; 0 removed" in capsys.readouterr().out
    shutil.copytree(lesson, lesson.parent / "other")
    (lesson.parent / "other" / "lesson.toml").write_text('id = "other"\n', encoding="utf-8")
    assert cli.main(["narrate", str(lesson.parent)]) == 1
    assert "give one lesson folder" in capsys.readouterr().err
