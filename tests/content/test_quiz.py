"""The quiz format and every mistake `kiosk validate` must catch."""

from __future__ import annotations

from pathlib import Path

from kiosk.content.quiz import parse_quiz

PATH = Path("quiz.md")
SLIDES = {"seiza", "stretch"}

GOOD = """# クイズ

## ストレッチは必ず効く？
<!-- id: always; slide: stretch -->
- [ ] はい
- [x] いいえ
> 力が入らない筋肉には
> 効かないこともあります。

## 正座でしびれるのはなぜ？
<!-- id: seiza; slide: seiza -->
- [ ] 骨のずれ
- [X] 命令が届かない
- [ ] 冷え
> 神経の通り道が押されるからです。
"""


def errors(text: str) -> list[str]:
    _questions, problems = parse_quiz(text, PATH, SLIDES)
    return [str(p) for p in problems]


def test_good_quiz_parses() -> None:
    """Questions, answers, the right one, a multi-line explanation and the slide id come out right."""
    questions, problems = parse_quiz(GOOD, PATH, SLIDES)
    assert problems == []
    first, second = questions
    assert (first.id, first.slide_id, first.prompt) == ("always", "stretch", "ストレッチは必ず効く？")
    assert [a.text for a in first.answers] == ["はい", "いいえ"] and first.right_index == 1
    assert first.explanation == "力が入らない筋肉には効かないこともあります。"  # lines joined, no stray space
    assert second.right_index == 1 and len(second.answers) == 3


def question(body: str, header: str = "<!-- id: q; slide: seiza -->") -> str:
    return f"## 質問？\n{header}\n{body}"


def test_no_right_answer() -> None:
    """A question with no '- [x]' is reported at its heading."""
    assert errors(question("- [ ] a\n- [ ] b\n> why")) == [
        "quiz.md:1: no right answer: mark the right one with '- [x]'"
    ]


def test_two_right_answers() -> None:
    """Two '- [x]' in a single-answer question are reported."""
    assert errors(question("- [x] a\n- [x] b\n> why")) == [
        "quiz.md:1: 2 answers are marked right; mark exactly one with '- [x]'"
    ]


def test_too_few_and_too_many_answers() -> None:
    """Fewer than two or more than four answers are reported."""
    assert "at least 2 answers" in errors(question("- [x] a\n> why"))[0]
    assert "at most 4 answers" in errors(question("- [x] a\n- [ ] b\n- [ ] c\n- [ ] d\n- [ ] e\n> why"))[0]


def test_empty_explanation() -> None:
    """A missing or empty '>' explanation is reported."""
    assert errors(question("- [x] a\n- [ ] b\n>"))[0].endswith(
        "the explanation is empty: add a '> ' line saying why the right answer is right"
    )


def test_unknown_and_missing_slide_id() -> None:
    """A slide id that is not in the deck, or none at all, is reported."""
    assert "unknown slide id 'nope'" in errors(question("- [x] a\n- [ ] b\n> y", "<!-- id: q; slide: nope -->"))[0]
    assert "does not say which slide" in errors(question("- [x] a\n- [ ] b\n> y", "<!-- id: q -->"))[0]


def test_duplicate_question_text_and_id() -> None:
    """The same question twice, or the same id twice, is reported at the second one."""
    one = question("- [x] a\n- [ ] b\n> y")
    found = errors(one + "\n" + one)
    assert "quiz.md:6: question id 'q' is already used at line 1" in found
    assert "quiz.md:6: the same question is already asked at line 1" in found


def test_stray_line_and_unknown_setting() -> None:
    """A line that is neither answer nor explanation, and an unknown setting, are reported with lines."""
    found = errors(question("- [x] a\n- [ ] b\nstray words\n> y", "<!-- id: q; slide: seiza; colour: red -->"))
    assert any(m.startswith("quiz.md:2: unknown question setting 'colour'") for m in found)
    assert any(m.startswith("quiz.md:5: unexpected line 'stray words'") for m in found)


def test_missing_id() -> None:
    """A question without an id is reported."""
    assert "has no id" in errors(question("- [x] a\n- [ ] b\n> y", "<!-- slide: seiza -->"))[0]
