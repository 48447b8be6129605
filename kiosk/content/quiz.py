"""Parse quiz.md: `## question`, a settings comment, `- [ ]`/`- [x]` answers, a `>` explanation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.content.limits import ANSWER_UNITS, EXPLANATION_UNITS, QUESTION_UNITS, too_long
from kiosk.content.markup import inline_text, soft_joined
from kiosk.content.model import Answer, Question
from kiosk.content.settings_comment import parse_settings
from kiosk.core.errors import ContentError

QUESTION_KEYS = {"id", "slide", "audio", "explanation_audio"}
MIN_ANSWERS, MAX_ANSWERS = 2, 4
_ANSWER = re.compile(r"^\s*[-*+]\s+\[([ xX])\]\s*(.*)$")
_COMMENT_LINE = re.compile(r"^\s*<!--(.*?)-->\s*$")


@dataclass
class _Draft:
    prompt: str
    line: int
    settings: dict[str, str] = field(default_factory=dict)
    answers: list[Answer] = field(default_factory=list)
    explanation: list[str] = field(default_factory=list)


def _checked(
    source: str, path: Path, line: int, problems: list[ContentError], limit: tuple[int, str] | None = None
) -> str:
    """Inline Markdown to plain text; HTML or an over-long line is a problem at that line."""
    text, why = inline_text(source)
    if not why and limit is not None:
        why = too_long(text, *limit)
    if why:
        problems.append(ContentError(path, line, why))
    return text


def _drafts(text: str, path: Path, problems: list[ContentError]) -> list[_Draft]:
    drafts: list[_Draft] = []
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if line.startswith("## "):
            prompt = _checked(line[3:].strip(), path, number, problems, (QUESTION_UNITS, "the question"))
            drafts.append(_Draft(prompt, number))
            continue
        if not drafts or not stripped:
            continue  # a title or introduction before the first question is ignored
        draft = drafts[-1]
        comment = _COMMENT_LINE.match(line)
        answer = _ANSWER.match(line)
        if comment:
            settings = parse_settings(comment.group(1))
            if settings and not draft.settings:
                draft.settings = settings
                for key in settings:
                    if key not in QUESTION_KEYS:
                        known = ", ".join(sorted(QUESTION_KEYS))
                        message = f"unknown question setting {key!r} (known: {known})"
                        problems.append(ContentError(path, number, message))
        elif answer:
            text = _checked(answer.group(2), path, number, problems, (ANSWER_UNITS, "the answer"))
            draft.answers.append(Answer(text, answer.group(1) != " "))
        elif stripped.startswith(">"):
            draft.explanation.append(_checked(stripped.lstrip(">").strip(), path, number, problems))
        elif stripped.startswith("<!--"):
            problems.append(ContentError(path, number, "write a comment on one line: <!-- id: ...; slide: ... -->"))
        else:
            problems.append(
                ContentError(
                    path,
                    number,
                    f"unexpected line {stripped[:30]!r}: expected '- [ ]' / '- [x]' answers or a '>' explanation",
                )
            )
    return drafts


def parse_quiz(text: str, path: Path, slide_ids: set[str]) -> tuple[tuple[Question, ...], list[ContentError]]:
    """Parse the quiz file; return the questions and every problem found."""
    problems: list[ContentError] = []
    questions: list[Question] = []
    seen_ids: dict[str, int] = {}
    seen_prompts: dict[str, int] = {}
    for draft in _drafts(text, path, problems):
        before = len(problems)

        def problem(message: str, line: int = draft.line) -> None:
            problems.append(ContentError(path, line, message))

        question_id = draft.settings.get("id", "")
        slide_id = draft.settings.get("slide", "")
        if not draft.prompt:
            problem("the question has no text after '## '")
        if not question_id:
            problem("the question has no id: add <!-- id: some-id; slide: slide-id --> under it")
        elif question_id in seen_ids:
            problem(f"question id {question_id!r} is already used at line {seen_ids[question_id]}")
        if draft.prompt in seen_prompts:
            problem(f"the same question is already asked at line {seen_prompts[draft.prompt]}")
        if not slide_id:
            problem("the question does not say which slide teaches it: add 'slide: slide-id' to its comment")
        elif slide_id not in slide_ids:
            problem(f"unknown slide id {slide_id!r}; it must be the id of a slide in deck.md")
        right = sum(answer.right for answer in draft.answers)
        if len(draft.answers) < MIN_ANSWERS:
            problem(f"a question needs at least {MIN_ANSWERS} answers ('- [ ]' lines), found {len(draft.answers)}")
        elif len(draft.answers) > MAX_ANSWERS:
            problem(f"a question has at most {MAX_ANSWERS} answers, found {len(draft.answers)}")
        if right == 0 and draft.answers:
            problem("no right answer: mark the right one with '- [x]'")
        elif right > 1:
            problem(f"{right} answers are marked right; mark exactly one with '- [x]'")
        if any(not answer.text for answer in draft.answers):
            problem("an answer has no text")
        explanation = soft_joined(draft.explanation)
        if not explanation:
            problem("the explanation is empty: add a '> ' line saying why the right answer is right")
        elif why := too_long(explanation, EXPLANATION_UNITS, "the explanation"):
            problem(why)
        seen_ids.setdefault(question_id, draft.line)
        seen_prompts.setdefault(draft.prompt, draft.line)
        if len(problems) == before:
            questions.append(
                Question(
                    question_id,
                    draft.prompt,
                    tuple(draft.answers),
                    explanation,
                    slide_id,
                    draft.line,
                    draft.settings.get("audio") or None,
                    draft.settings.get("explanation_audio") or None,
                )
            )
    return tuple(questions), problems
