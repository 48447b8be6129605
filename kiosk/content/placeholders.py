"""The template's own words left in a lesson (`Write the first point here.`): a problem, so they never reach a patient.

`kiosk new-lesson` copies kiosk/content/lesson_template; its instructions and stand-in texts (PLACEHOLDERS) are
meant to be replaced. A line of a lesson that, stripped of its Markdown
marks, is one of them is reported where it stands, with what to do.
"""

from __future__ import annotations

import re
from pathlib import Path

from kiosk.core.errors import ContentError
from kiosk.core.files import entries, read_file
from kiosk.core.i18n import _

TEMPLATE = Path(__file__).resolve().parent / "lesson_template"
_MARKS = re.compile(r"^(#+|[-*+]\s*(\[[ xX]\])?|>|\d+[.)]|title:|subtitle:)\s*")


def _bare(line: str) -> str:
    text = line.strip()
    if text.startswith("<!--") or text == "---":
        return ""
    return _MARKS.sub("", text.replace("**", "")).strip()


# The template's instructions and stand-ins (its headings such as 今日のポイント are real words a lesson may keep).
# tests/content/test_placeholders.py checks that each is in the template, so the two change together.
PLACEHOLDERS: frozenset[str] = frozenset(
    {
        "The title of the new lesson",
        "A short explanation to read in the waiting room",
        "The first slide's heading",
        "Write here, in a few short words, what the patient should know.",
        "Two to four sentences per slide read best.",
        "The second slide's heading",
        "What matters most can be shown in bold like this.",
        "Pictures go into the pictures/ folder; name the file with image:.",
        "Write the first point here.",
        "Write the second point here.",
        "Write the third point here.",
        "Write the question here",
        "The right answer",
        "A wrong answer",
        "Write the explanation shown after answering.",
        "新しいレッスンの題名",
        "待合室で読む短い説明",
        "最初のスライドの見出し",
        "ここに、患者さんに伝えたいことを短く書きます。",
        "一枚のスライドには、二から四文ほどが読みやすい長さです。",
        "二枚目のスライドの見出し",
        "大切なことは、このように太字にできます。",
        "絵は pictures/ フォルダに置き、image: でファイル名を書きます。",
        "一つ目のポイントを書きます。",
        "二つ目のポイントを書きます。",
        "三つ目のポイントを書きます。",
        "ここに質問を書きます",
        "正しい答え",
        "ちがう答え",
        "答えたあとに出る解説を書きます。",
    }
)


class PlaceholderError(ContentError):
    """A line still holding the template's words; `kiosk new-lesson` lists these as what is left to write."""


def template_lines() -> set[str]:
    """Every line of text of the template's decks, quizzes and results, stripped of its Markdown marks."""
    files = [TEMPLATE / language.name / entry.name for language in entries(TEMPLATE) if language.is_dir()
             for entry in entries(TEMPLATE / language.name) if entry.name.endswith(".md")]  # fmt: skip
    return {_bare(line) for path in files for line in read_file(path, 1024 * 1024).decode("utf-8").splitlines()}


def placeholders(text: str, path: Path) -> list[ContentError]:
    """A problem at each line of `text` that is still the template's words."""
    problems: list[ContentError] = []
    for number, line in enumerate(text.split("\n"), start=1):
        bare = _bare(line)
        if bare in PLACEHOLDERS:
            message = _("still the template's words ({text}): write this lesson's own here, or delete the line")
            problems.append(PlaceholderError(path, number, message.format(text=bare[:30])))
    return problems
