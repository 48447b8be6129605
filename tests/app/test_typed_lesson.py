"""A lesson written the way a person types it (lists straight under a sentence, one sentence a line, a photo):
validate takes it with the right advice, and render draws the lists as lists and the photo as a picture."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QColor, QImage

from kiosk import cli
from kiosk.app.render import render_kiosk, settle
from kiosk.config.options import Options
from kiosk.content.new_lesson import new_lesson
from kiosk.core.typeset import plain

DECK = {
    "ja": """---
title: 腰の痛みと受付
subtitle: 待合室で読む短いお話
image: desk.jpg
---

<!-- id: desk; image: desk.jpg -->
# 受付で伝えてほしいこと

痛みのことを、受付でお伝えください。
- どこが痛むか
- いつから痛むか
ゆっくりで大丈夫です。

---

<!-- id: walk; image: cover.svg -->
# 歩き方を見てみましょう

まず、いっしょに見ていきましょう。
歩くときは、**ゆっくり**で大丈夫です。
""",
    "en": """---
title: Back pain and the desk
subtitle: A short read for the waiting room
image: desk.jpg
---

<!-- id: desk; image: desk.jpg -->
# What to tell the desk

Please tell the front desk about your pain.
- Where it hurts
- Since when
There is no hurry.

---

<!-- id: walk; image: cover.svg -->
# How you walk

Let us look at it together.
When you walk, **slowly** is fine.
""",
}
QUIZ = {
    "ja": "# ふりかえりクイズ\n\n## 痛みのことは、どこで伝えますか？\n<!-- id: where; slide: desk -->\n"
    "- [x] 受付で\n- [ ] 家で\n> 受付で伝えていただければ、先生に届きます。\n",
    "en": "# Quiz\n\n## Where do you tell us about your pain?\n<!-- id: where; slide: desk -->\n"
    "- [x] At the front desk\n- [ ] At home\n> Tell the front desk, and the practitioner will know before you go in.\n",
}
RESULT = {
    "ja": "# 今日のポイント\n- 痛みは受付で伝えます。\n- 歩くときはゆっくりで大丈夫です。\n"
    "- わからないことは聞いてください。\n\n"
    "## ありがとうございました\n<!-- min: 0 -->\n最後までお読みいただき、ありがとうございました。\n",
    "en": "# Today's points\n- Tell the desk about your pain.\n- Walk slowly.\n- Ask about anything unclear.\n\n"
    "## Thank you\n<!-- min: 0 -->\nThank you for reading to the end.\n",
}


def _photo() -> bytes:
    image = QImage(1200, 800, QImage.Format.Format_RGB32)
    image.fill(QColor("#2F6E7A"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "JPEG")
    return bytes(buffer.data().data())


@pytest.fixture
def typed(tmp_path: Path, qapp: object) -> Path:
    lesson = new_lesson(tmp_path / "content", "back-desk")
    (lesson / "pictures" / "desk.jpg").write_bytes(_photo())
    for language in ("ja", "en"):
        for name, texts in (("deck.md", DECK), ("quiz.md", QUIZ), ("result.md", RESULT)):
            (lesson / language / name).write_text(texts[language], encoding="utf-8")
    return lesson


def test_validate_takes_it_with_the_right_advice(typed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Exit 0; the list under a sentence counts as steps; 見ていきましょう is no action; nothing is a placeholder."""
    assert cli.main(["validate", str(typed)]) == 0
    out = capsys.readouterr().out
    assert "lesson back-desk: ja 2 slides 1 question, en 2 slides 1 question" in out
    assert "has no steps" not in out and "template's words" not in out and "no slide tells the patient" not in out


def test_render_draws_the_lists_as_lists_and_the_photo(typed: Path) -> None:
    """The typed `- ` lines are list items on screen (no literal dash), and the slide's photo is drawn."""
    from PySide6.QtWidgets import QApplication

    with render_kiosk(Options(content=typed.parent, language="ja", size=(1280, 800))) as kiosk:
        assert kiosk.flow is not None
        kiosk.flow.start("ja")
        settle(QApplication)
        page = kiosk.window.slide
        html = plain(kiosk.flow.lesson.deck.slides[0].body_html)
        assert "<li>どこが痛むか</li>" in html and "<li>いつから痛むか</li>" in html
        lines = ["".join(line) for line in page.body.lines()]
        assert not any(line.lstrip().startswith("-") for line in lines), lines
        assert page.illustration.photo_ready("desk.jpg")
        picture = page.illustration.grab().toImage()
        centre = picture.pixelColor(picture.width() // 2, picture.height() // 2)
        assert abs(centre.red() - 0x2F) < 12 and abs(centre.blue() - 0x7A) < 12
