"""Parse quiz.md: `## question`, a settings comment, `- [ ]`/`- [x]` answers, a `>` explanation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.content.limits import (
    ANSWER_UNITS,
    EXPLANATION_UNITS,
    MAX_QUESTION_ID,
    MAX_QUESTIONS,
    QUESTION_UNITS,
    question_id_ok,
    too_long,
)
from kiosk.content.markup import inline_text, soft_joined
from kiosk.content.model import Answer, Question
from kiosk.content.settings_comment import parse_settings
from kiosk.core.errors import ContentError
from kiosk.core.i18n import _

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
            prompt = _checked(line[3:].strip(), path, number, problems, (QUESTION_UNITS, _("the question")))
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
                        message = _("unknown question setting {key!r} (known: {known})").format(key=key, known=known)
                        problems.append(ContentError(path, number, message))
        elif answer:
            text = _checked(answer.group(2), path, number, problems, (ANSWER_UNITS, _("the answer")))
            draft.answers.append(Answer(text, answer.group(1) != " "))
        elif stripped.startswith(">"):
            draft.explanation.append(_checked(stripped.lstrip(">").strip(), path, number, problems))
        elif stripped.startswith("<!--"):
            problems.append(ContentError(path, number, _("write a comment on one line: <!-- id: ...; slide: ... -->")))
        else:
            problems.append(
                ContentError(
                    path,
                    number,
                    _("unexpected line {stripped!r}: expected '- [ ]' / '- [x]' answers or a '>' explanation").format(
                        stripped=stripped[:30]
                    ),
                )
            )
    return drafts


class UnknownSlideError(ContentError):
    """A question names a slide the deck does not have (left out when the deck itself could not be read)."""


def _id_problems(question_id: str, seen_ids: dict[str, int]) -> list[str]:
    """A question's id: there, short enough to record answers under (kiosk.content.limits), used once."""
    if not question_id:
        return [_("the question has no id: add <!-- id: some-id; slide: slide-id --> under it")]
    if not question_id_ok(question_id):
        return [
            _("question id {start!r}... must be at most {most} characters, on one line").format(
                start=question_id[:20], most=MAX_QUESTION_ID
            )
        ]
    if question_id in seen_ids:
        return [
            _("question id {question_id!r} is already used at line {line}").format(
                question_id=question_id, line=seen_ids[question_id]
            )
        ]
    return []


def _answer_problems(answers: list[Answer]) -> list[str]:
    """How many answers, how many marked right, and none without text."""
    found = []
    if len(answers) < MIN_ANSWERS:
        found.append(
            _("a question needs at least {min_answers} answers ('- [ ]' lines), found {answers}").format(
                min_answers=MIN_ANSWERS, answers=len(answers)
            )
        )
    elif len(answers) > MAX_ANSWERS:
        found.append(
            _("a question has at most {max_answers} answers, found {answers}").format(
                max_answers=MAX_ANSWERS, answers=len(answers)
            )
        )
    right = sum(answer.right for answer in answers)
    if right == 0 and answers:
        found.append(_("no right answer: mark the right one with '- [x]'"))
    elif right > 1:
        found.append(_("{right} answers are marked right; mark exactly one with '- [x]'").format(right=right))
    if any(not answer.text for answer in answers):
        found.append(_("an answer has no text"))
    return found


def _explanation_problems(explanation: str) -> list[str]:
    if not explanation:
        return [_("the explanation is empty: add a '> ' line saying why the right answer is right")]
    why = too_long(explanation, EXPLANATION_UNITS, _("the explanation"))
    return [why] if why else []


def _slide_problem(slide_id: str, slide_ids: set[str], path: Path, line: int) -> ContentError | None:
    """The slide that teaches the question: named, and one the deck has (else an UnknownSlideError)."""
    if not slide_id:
        message = _("the question does not say which slide teaches it: add 'slide: slide-id' to its comment")
        return ContentError(path, line, message)
    if slide_id not in slide_ids:
        message = _("unknown slide id {slide_id!r}; it must be the id of a slide in deck.md")
        return UnknownSlideError(path, line, message.format(slide_id=slide_id))
    return None


def _question_problems(
    draft: _Draft, path: Path, slide_ids: set[str], seen_ids: dict[str, int], seen_prompts: dict[str, int]
) -> list[ContentError]:
    """Every problem of one question but its explanation's, in reading order: prompt, id, the same prompt twice,
    slide, answers."""
    messages = [] if draft.prompt else [_("the question has no text after '## '")]
    messages += _id_problems(draft.settings.get("id", ""), seen_ids)
    if draft.prompt in seen_prompts:
        messages.append(_("the same question is already asked at line {line}").format(line=seen_prompts[draft.prompt]))
    problems = [ContentError(path, draft.line, message) for message in messages]
    if (slide := _slide_problem(draft.settings.get("slide", ""), slide_ids, path, draft.line)) is not None:
        problems.append(slide)
    return problems + [ContentError(path, draft.line, message) for message in _answer_problems(draft.answers)]


def parse_quiz(text: str, path: Path, slide_ids: set[str]) -> tuple[tuple[Question, ...], list[ContentError]]:
    """Parse the quiz file; return the questions and every problem found."""
    problems: list[ContentError] = []
    questions: list[Question] = []
    seen_ids: dict[str, int] = {}
    seen_prompts: dict[str, int] = {}
    for draft in _drafts(text, path, problems):
        explanation = soft_joined(draft.explanation)
        found = _question_problems(draft, path, slide_ids, seen_ids, seen_prompts)
        found += [ContentError(path, draft.line, message) for message in _explanation_problems(explanation)]
        problems += found
        question_id = draft.settings.get("id", "")
        seen_ids.setdefault(question_id, draft.line)
        seen_prompts.setdefault(draft.prompt, draft.line)
        if not found:
            questions.append(
                Question(
                    question_id,
                    draft.prompt,
                    tuple(draft.answers),
                    explanation,
                    draft.settings.get("slide", ""),
                    draft.line,
                    draft.settings.get("audio") or None,
                    draft.settings.get("explanation_audio") or None,
                )
            )
    if len(questions) > MAX_QUESTIONS:
        where = questions[MAX_QUESTIONS].line
        problems.append(
            ContentError(
                path,
                where,
                _("a quiz has at most {most} questions, found {count}").format(
                    most=MAX_QUESTIONS, count=len(questions)
                ),
            )
        )
    return tuple(questions), problems
