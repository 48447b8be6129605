"""result.md (take-home points, score words) and ui.toml (interface strings)."""

from __future__ import annotations

from pathlib import Path

from kiosk.content.result import parse_result
from kiosk.content.strings import FALLBACK, PLACEHOLDERS, formatted, parse_strings, purposes, required

GOOD = """# 今日のポイント
- 一つ目
- 二つ目
- 三つ目

## 全問正解
<!-- min: 100 -->
すばらしい。

## ありがとう
<!-- min: 0 -->
読んでくれてありがとう。
"""


def test_result_parses_and_picks_message_by_share() -> None:
    """The take-home points parse, and the highest range not above the score is chosen."""
    result, problems = parse_result(GOOD, Path("result.md"))
    assert problems == [] and result is not None
    assert result.takeaways == ("一つ目", "二つ目", "三つ目")
    assert result.message_for(5, 5).headline == "全問正解"
    assert result.message_for(4, 5).headline == "ありがとう"
    assert result.message_for(0, 0).headline == "全問正解"  # no questions: nothing was missed


def test_result_problems() -> None:
    """Wrong number of points, a message without min or words, no min 0: each reported."""
    text = "# ポイント\n- 一\n- 二\n\n## A\n<!-- min: 150 -->\nx\n\n## B\n\n## C\n<!-- min: 50 -->\n"
    _, problems = parse_result(text, Path("result.md"))
    found = [str(p) for p in problems]
    assert "result.md:1: give exactly 3 take-home points as '- ' lines, found 2" in found
    assert "result.md:6: min must be a whole number from 0 to 100, not '150'" in found
    assert any(m.startswith("result.md:9: the message needs <!-- min: N -->") for m in found)
    assert "result.md:11: the message has no sentence under its heading" in found


def test_result_needs_a_message_for_every_score() -> None:
    """Without a min: 0 message some scores would have no words."""
    text = "# P\n- a\n- b\n- c\n## Top\n<!-- min: 100 -->\nyes\n"
    _, problems = parse_result(text, Path("result.md"))
    assert [str(p) for p in problems] == ["result.md:5: one message must have min: 0 so every score has words"]


def full_strings(**override: str) -> str:
    values = {key: "x {current} {total} {right}" if "progress" in key or key == "score" else "x" for key in required()}
    values.update({key.removesuffix("_"): value for key, value in override.items()})
    return "\n".join(f'{k} = "{v}"' for k, v in values.items())


def test_strings_complete_file_is_fine() -> None:
    """A file with every required key parses into the typed record, each key in its field."""
    strings, problems = parse_strings(full_strings(next="Weiter", continue_="Go on"), Path("ui.toml"))
    assert problems == [] and strings is not None
    assert (strings.next, strings.back, strings.continue_) == ("Weiter", "x", "Go on")


def test_an_unknown_key_is_a_problem_on_its_line() -> None:
    """A key the record does not have (a misspelling, say) is reported where it is, and no record is built."""
    strings, problems = parse_strings(full_strings() + '\nnxet = "Next"', Path("ui.toml"))
    assert strings is None
    assert [str(p) for p in problems] == [f"ui.toml:{len(required()) + 1}: unknown key 'nxet'"]


def test_the_fallback_fills_every_field_and_its_placeholders_format() -> None:
    """FALLBACK (shown when no content loads) is a complete record whose placeholders all work."""
    for key in formatted():
        getattr(FALLBACK, key.replace("continue", "continue_")).format(**PLACEHOLDERS)
    assert set(purposes()) == {name.removesuffix("_") for name in FALLBACK._fields}
    assert all(getattr(FALLBACK, name) for name in FALLBACK._fields), "the optional keys too"


def test_strings_missing_key_bad_toml_bad_placeholder() -> None:
    """A missing key, broken TOML (with its line) and an unknown placeholder are reported."""
    text = "\n".join(line for line in full_strings().split("\n") if not line.startswith("next ="))
    assert any("missing next (the Next button)" in str(p) for p in parse_strings(text, Path("ui.toml"))[1])
    _, problems = parse_strings('a = "x"\nb = oops\n', Path("ui.toml"))
    assert str(problems[0]).startswith("ui.toml:2: not valid TOML")
    _, problems = parse_strings(full_strings(progress="{page} of {total}"), Path("ui.toml"))
    assert any("progress: unknown placeholder 'page'" in str(p) for p in problems)


def test_a_problem_is_reported_on_its_own_keys_line_not_a_longer_keys() -> None:
    """A bad `back` is reported on the `back = ` line even when `back_to_question` comes first."""
    lines = [line for line in full_strings().split("\n") if not line.startswith(("back =", "back_to_question ="))]
    text = "\n".join(['back_to_question = "x"', *lines, "back = 3"])
    _, problems = parse_strings(text, Path("ui.toml"))
    assert [str(p) for p in problems] == [f"ui.toml:{len(lines) + 2}: 'back' must be text in quotes"]


def test_result_names_its_own_picture_and_recording_under_the_heading() -> None:
    """`<!-- image: ...; audio: ... -->` under the heading names the result screen's picture and recording."""
    text = GOOD.replace("# 今日のポイント\n", "# 今日のポイント\n<!-- image: result-friendly.svg; audio: r.ogg -->\n")
    result, problems = parse_result(text, Path("result.md"))
    assert problems == [] and result is not None
    assert (result.image, result.image_line, result.audio, result.audio_line) == ("result-friendly.svg", 2, "r.ogg", 2)
    plain_result, _ = parse_result(GOOD, Path("result.md"))
    assert plain_result is not None and plain_result.image is None  # optional


def test_an_unknown_setting_under_the_result_heading_is_named() -> None:
    """A misspelt key in the result's comment is reported at its line with the keys it may use."""
    text = GOOD.replace("# 今日のポイント\n", "# 今日のポイント\n<!-- picture: a.svg -->\n")
    _, problems = parse_result(text, Path("result.md"))
    assert [str(p) for p in problems] == ["result.md:2: unknown setting 'picture' here (it may name image, audio)"]


def test_a_missing_result_picture_is_reported_at_its_line(shipped_copy: Path) -> None:
    """A result picture that is not in pictures/ keeps the lesson from loading, naming result.md's line."""
    from kiosk.content.loader import load_library

    result = shipped_copy / "en" / "result.md"
    result.write_text(result.read_text("utf-8").replace("result-friendly.svg", "gone.svg"), "utf-8")
    library, problems = load_library(shipped_copy)
    assert library is None and len(problems) == 1
    assert str(problems[0]).startswith(f"{result}:2:") and "gone.svg" in str(problems[0])


def test_score_words_never_say_zero_in_large_type() -> None:
    """The friendly score line: how many were right, 'tried them all' for none, the headline without a quiz."""
    result, _ = parse_result(GOOD, Path("result.md"))
    assert result is not None
    strings = FALLBACK
    assert result.score_words(3, 5, strings) == strings.score.format(right=3, total=5)
    assert result.score_words(0, 5, strings) == strings.score_none.format(total=5)
    assert result.score_words(0, 0, strings) == "全問正解"  # no quiz: the top message's headline


def test_a_quote_under_the_points_is_the_safety_point() -> None:
    """`> ...` right under the three points is the result screen's one safety point; elsewhere it is a problem."""
    text = GOOD.replace("- 三つ目\n", "- 三つ目\n> 股のしびれは119番へ\n")
    result, problems = parse_result(text, Path("result.md"))
    assert problems == [] and result is not None
    assert result.safety == "股のしびれは119番へ" and len(result.takeaways) == 3
    assert parse_result(GOOD, Path("result.md"))[0].safety == ""  # type: ignore[union-attr]
    _, problems = parse_result("> 先に\n" + GOOD, Path("result.md"))
    assert str(problems[0]).startswith("result.md:1: unexpected line '> 先に'")
