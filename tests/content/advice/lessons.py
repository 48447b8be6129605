"""Generated lessons for the advice rules: a small lesson that draws no advice, and its parts."""

from __future__ import annotations

from kiosk.content.advice import ContentAdvice

Slide = tuple[str, str, str]  # id, heading, body

GOOD: dict[str, list[Slide]] = {
    "ja": [
        ("intro", "はじめに", "きょうは、こしの痛みのお話です。\n**ストレッチ**について考えます。"),
        ("nerve", "神経の話", "筋肉は、神経からのあいずで動きます。\n**あいずがとどく**と、よく動きます。"),
        ("summary", "まとめ", "- あいずが大切です\n- **いまのからだを知る**ことが大切です"),
        ("desk", "受付で", "次のことを、受付でお伝えください。\n\n- どこが痛むか\n- いつから痛むか"),
    ],
    "en": [
        ("intro", "Welcome", "This is about pain in the lower back.\nWe look at **stretching**."),
        ("nerve", "Nerves", "Muscles move on signals from nerves.\nWhen **signals get through**, they work well."),
        ("summary", "Summary", "- Signals matter\n- **Know your body's state**"),
        ("desk", "At the desk", "Please tell the front desk:\n\n- Where it hurts\n- Since when"),
    ],
}
QUIZ = {
    "ja": "## 筋肉は何で動く？\n<!-- id: q1; slide: nerve -->\n- [x] 神経の合図\n- [ ] 気合い\n"
    "> 筋肉は、神経から届く合図で動いています。\n",
    "en": "## What moves a muscle?\n<!-- id: q1; slide: nerve -->\n- [x] Signals from nerves\n- [ ] Willpower\n"
    "> Muscles move when signals from the nerves reach them.\n",
}
RESULT = {
    "ja": "# 今日のポイント\n- 一つ目です。\n- 二つ目です。\n- 三つ目です。\n\n"
    "## ありがとうございました\n<!-- min: 0 -->\nお読みいただき、ありがとうございました。\n",
    "en": "# Key points\n- One.\n- Two.\n- Three.\n\n## Thank you\n<!-- min: 0 -->\nThank you for reading.\n",
}


def deck_text(slides: list[Slide], front: str = "") -> str:
    """A deck file of these slides, each with a picture and its caption (the slide's id: no words the rules judge), the
    caption on the settings' line so every line keeps its number."""
    parts = [
        f"<!-- id: {slide_id}; image: a.svg --><!-- caption: {slide_id} -->\n# {heading}\n\n{body}\n"
        for slide_id, heading, body in slides
    ]
    head = f"---\ntitle: テスト\n{front}---\n\n" if front else ""
    return head + "\n---\n\n".join(parts)


def rules(found: list[ContentAdvice]) -> list[str]:
    return [advice.rule for advice in found]
