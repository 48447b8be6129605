"""The deck format: front matter, splitting, per-slide settings, notes, and what is refused."""

from __future__ import annotations

from pathlib import Path

from kiosk.content.deck import parse_deck, split_slides
from kiosk.content.images import IllustrationStore

PATH = Path("deck.md")


def parse(text: str, illustrations: Path):
    return parse_deck(text, PATH, IllustrationStore(illustrations).problem)


def messages(text: str, illustrations: Path) -> list[str]:
    deck, problems = parse(text, illustrations)
    assert deck is None, "expected problems"
    return [str(p) for p in problems]


GOOD = """---
title: ストレッチ
qr: https://example.org/map
shuffle_answers: yes
image: attract.svg
---

<!-- id: one; image: a.svg -->
# 一枚目

一行目です。
二行目です。

<!-- 発表者メモ: never shown -->

---

<!-- id: two; layout: center -->
# 二枚目

```
---
```
"""


def test_good_deck_parses_settings_and_slides(illustrations: Path) -> None:
    """Front matter, slide settings and the code-fenced '---' all come out right."""
    deck, problems = parse(GOOD, illustrations)
    assert problems == []
    assert deck is not None
    assert (deck.title, deck.qr, deck.shuffle_answers, deck.image) == (
        "ストレッチ",
        "https://example.org/map",
        True,
        "attract.svg",
    )
    assert [s.id for s in deck.slides] == ["one", "two"]
    first, second = deck.slides
    assert first.heading == "一枚目" and first.image == "a.svg" and first.layout == "split"
    assert "<p>一行目です。二行目です。</p>" in first.body_html  # a typed line break is soft, no stray space
    assert first.body_text == "一行目です。二行目です。"
    assert second.layout == "center" and second.image is None
    assert "---" in second.body_text  # the fenced '---' did not split the slide


def test_presenter_notes_are_kept_apart_and_never_in_the_html(illustrations: Path) -> None:
    """A comment that is not the settings is a presenter note, absent from what is shown."""
    deck, _ = parse(GOOD, illustrations)
    first = deck.slides[0]
    assert first.notes == ("発表者メモ: never shown",)
    assert "never shown" not in first.body_html and "never shown" not in first.body_text


def test_split_ignores_dashes_inside_fences_and_counts_lines() -> None:
    """Only a bare '---' outside a fence splits; each slide knows its first line."""
    text = "a\n---\n~~~\n---\n~~~\nb\n---\n\n\nc"
    chunks = split_slides(text)
    assert [c.text.split("\n")[0] for c in chunks] == ["a", "~~~", "c"]
    assert [c.first_line for c in chunks] == [1, 3, 10]


def test_crlf_deck_with_bom_validates(illustrations: Path, tmp_path: Path) -> None:
    """The same deck saved by Notepad (BOM, CRLF) parses identically."""
    from kiosk.core.textfile import decode_text

    text = decode_text(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode(), tmp_path / "deck.md")
    deck, problems = parse(text, illustrations)
    assert problems == [] and [s.id for s in deck.slides] == ["one", "two"]


def test_link_is_refused_at_validation_with_its_line(illustrations: Path) -> None:
    """A Markdown link is reported with the line it is on, never left for the renderer."""
    text = "<!-- id: one -->\n# 見出し\n\nふつうの行\n[地図](https://example.org)を見てください\n"
    (message,) = messages(text, illustrations)
    assert message.startswith("deck.md:5: links cannot be opened")


def test_javascript_link_and_raw_html_script_are_refused(illustrations: Path) -> None:
    """Hostile links and raw HTML each get their own message."""
    text = (
        "<!-- id: one -->\n# 見出し\n\n[x](javascript:alert(1))\n\n"
        '<script>alert(1)</script>\n<iframe src="x"></iframe>\n'
    )
    found = messages(text, illustrations)
    assert any("links cannot be opened" in m for m in found)
    assert any("<script>" in m for m in found)
    assert any("<iframe>" in m for m in found)


def test_inline_image_is_refused(illustrations: Path) -> None:
    """Images in the text are refused with advice to use the image setting."""
    text = "<!-- id: one -->\n# 見出し\n\n本文\n\n![x](../../etc/passwd.png)\n"
    (message,) = messages(text, illustrations)
    assert message.startswith("deck.md:6: pictures inside the text are not allowed")


def test_image_setting_outside_assets_or_missing_is_refused(illustrations: Path) -> None:
    """Paths, addresses and missing files in the image setting are refused."""
    for name, expected in [
        ("../secret.svg", "no folders or addresses"),
        ("https://x.org/a.svg", "no folders or addresses"),
        ("missing.svg", "not found"),
        ("a.gif", "no folders or addresses"),
    ]:
        text = f"<!-- id: one; image: {name} -->\n# 見出し\n\n本文\n"
        (message,) = messages(text, illustrations)
        assert message.startswith("deck.md:1: ") and expected in message, message


def test_fake_and_scripted_svg_are_refused(illustrations: Path) -> None:
    """A file named .svg that is not SVG, or that holds script or outside links, is refused."""
    (illustrations / "fake.svg").write_bytes(b"\x89PNG not really")
    (illustrations / "evil.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>')
    (illustrations / "ext.svg").write_bytes(
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="file:///etc/x"/></svg>'
    )
    (illustrations / "bomb.svg").write_bytes(
        b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg"/>'
    )
    for name, expected in [
        ("fake.svg", "not a valid SVG"),
        ("evil.svg", "<script>"),
        ("ext.svg", "self-contained"),
        ("bomb.svg", "ENTITY"),
    ]:
        text = f"<!-- id: one; image: {name} -->\n# 見出し\n\n本文\n"
        (message,) = messages(text, illustrations)
        assert expected in message, message


def test_slide_structure_problems(illustrations: Path) -> None:
    """Missing settings, bad ids, duplicate ids, two headings, no heading, no text, bad layout."""
    text = (
        "# 設定なし\n\n本文\n---\n"
        "<!-- id: Bad_Id -->\n# 見出し\n\n本文\n---\n"
        "<!-- id: dup -->\n# 見出し\n\n本文\n---\n"
        "<!-- id: dup -->\n# 見出し\n\n本文\n---\n"
        "<!-- id: two-headings -->\n# 一\n\n本文\n# 二\n---\n"
        "<!-- id: no-heading -->\n本文だけ\n---\n"
        "<!-- id: no-text -->\n# 見出しだけ\n---\n"
        "<!-- id: lay; layout: sideways -->\n# 見出し\n\n本文\n"
    )
    found = "\n".join(messages(text, illustrations))
    for expected in [
        "deck.md:1: the slide has no settings comment",
        "deck.md:5: slide id 'Bad_Id' must be lower-case",
        "deck.md:15: slide id 'dup' is already used at line 10",
        "deck.md:24: a slide has one '# ' heading",
        "deck.md:26: the slide has no '# ' heading",
        "deck.md:29: the slide has no text under its heading",
        "deck.md:32: unknown layout 'sideways'",
    ]:
        assert expected in found, f"{expected!r} not in\n{found}"


def test_card_layout_is_known_and_a_misspelt_one_is_refused_with_its_line(illustrations: Path) -> None:
    """layout: card parses; 'cards' is refused at the settings line, naming the layouts there are."""
    good = "<!-- id: end; image: a.svg; layout: card -->\n# おわり\n\n受付へどうぞ。\n\n監修：だれか\n"
    deck, problems = parse(good, illustrations)
    assert problems == [] and deck is not None and deck.slides[0].layout == "card"
    (message,) = messages("<!-- id: one -->\n# 一\n\n本文\n---\n" + good.replace("card", "cards"), illustrations)
    assert message == "deck.md:6: unknown layout 'cards' (known: card, center, split)"


def test_front_matter_problems(illustrations: Path) -> None:
    """Unknown keys, repeated keys, bad values, an unclosed block: each with its line."""
    text = (
        "---\ncolour: red\ntitle: a\ntitle: b\nshuffle_answers: maybe\nqr: http://insecure.example\n"
        "not a pair\n---\n<!-- id: one -->\n# 見出し\n\n本文\n"
    )
    found = "\n".join(messages(text, illustrations))
    assert "deck.md:2: unknown setting 'colour'" in found
    assert "deck.md:4: setting 'title' is given twice" in found
    assert "deck.md:5: shuffle_answers must be yes or no" in found
    assert "deck.md:6: qr must be an https:// address" in found
    assert "deck.md:7: expected 'key: value'" in found
    unclosed = "\n".join(messages("---\ntitle: a\n# 見出し\n", illustrations))
    assert "deck.md:1: the settings block opened with '---' is never closed" in unclosed


def test_unclosed_comment_and_empty_deck(illustrations: Path) -> None:
    """An unclosed comment and a deck with no slides are reported."""
    found = "\n".join(messages("<!-- id: one -->\n# 見出し\n\n本文\n<!-- oops\n", illustrations))
    assert "deck.md:5: a comment opened with '<!--' is never closed" in found
    assert messages("", illustrations) == ["deck.md:1: the deck has no slides"]


def test_a_heading_line_inside_a_tilde_fence_stays_code(illustrations: Path) -> None:
    """A '# ' line inside a ~~~ block that holds a ``` line is code, not a second heading (one fence tracker)."""
    text = "<!-- id: one; image: a.svg -->\n# 見出し\n\n本文です。\n\n~~~\n```\n# not a heading\n~~~\n"
    deck, problems = parse(text, illustrations)
    assert problems == []
    assert deck is not None and deck.slides[0].heading == "見出し"
    assert "# not a heading" in deck.slides[0].body_text


def test_a_fence_closes_only_on_its_own_kind_and_length() -> None:
    """```` opened is not closed by ``` or ```python, so a '---' between them never splits the slide."""
    text = "a\n````\n```\n---\n```python\n---\n````\n---\nb"
    assert [c.text.split("\n")[0] for c in split_slides(text)] == ["a", "b"]


def test_a_title_ending_in_an_apostrophe_keeps_it(illustrations: Path) -> None:
    """Front matter drops a pair of quotes around a value, never a lone trailing apostrophe (Patients')."""
    text = '---\ntitle: Patients\'\nsubtitle: "Quoted"\n---\n<!-- id: one -->\n# One\n\nText.\n'
    deck, problems = parse(text, illustrations)
    assert problems == [] and deck is not None
    assert (deck.title, deck.subtitle) == ("Patients'", "Quoted")


CAPTIONED = (
    "<!-- id: seiza; image: a.svg -->\n"
    "<!-- caption: 長く正座をしたあと、\n  **しびれた足**で立とうとする人 -->\n"
    "# 正座のあと\n\n足がしびれて動かないことがあります。\n\n<!-- 発表者メモ -->\n"
)


def test_a_caption_comment_gives_the_picture_its_caption(illustrations: Path) -> None:
    """`<!-- caption: ... -->` is the picture's caption (lines joined as soft breaks, ** gone): neither a note nor
    slide text."""
    deck, problems = parse(CAPTIONED, illustrations)
    assert problems == [] and deck is not None
    slide = deck.slides[0]
    assert slide.caption == "長く正座をしたあと、しびれた足で立とうとする人"
    assert slide.notes == ("発表者メモ",)
    assert "caption" not in slide.body_html and "立とうとする" not in slide.body_text
    deck, problems = parse(CAPTIONED.replace("<!-- caption:", "<!-- Caption :"), illustrations)
    assert deck is not None and deck.slides[0].caption.startswith("長く正座")
    deck, _ = parse("<!-- id: one; image: a.svg -->\n# 一\n\n本文\n", illustrations)
    assert deck is not None and deck.slides[0].caption == ""


def test_caption_problems_are_located(illustrations: Path) -> None:
    """A second caption, a caption without a picture, an empty one, one too long for the handout and HTML in one
    are each refused at the caption's line."""
    text = (
        CAPTIONED.replace("<!-- 発表者メモ -->", "<!-- caption: もう一つ -->")  # lines 1-8
        + "---\n<!-- id: no-picture -->\n<!-- caption: 絵のない説明 -->\n# 二\n\n本文\n"  # lines 9-14
        + "---\n<!-- id: empty; image: a.svg -->\n<!-- caption:   -->\n# 三\n\n本文\n"  # lines 15-20
        + "---\n<!-- id: long; image: a.svg -->\n<!-- caption: "
        + "あ" * 61
        + " -->\n# 四\n\n本文\n"  # lines 21-26
        + "---\n<!-- id: html; image: a.svg -->\n<!-- caption: <span>太字</span> -->\n# 五\n\n本文\n"  # 27-32
    )
    found = "\n".join(messages(text, illustrations))
    for expected in [
        "deck.md:8: a slide has one caption (the first is at line 2)",
        "deck.md:11: a caption describes the slide's picture, and this slide has none",
        "deck.md:17: the caption is empty",
        "deck.md:23: the caption is 61 characters long",
        "deck.md:29: caption: HTML is not allowed here",
    ]:
        assert expected in found, f"{expected!r} not in\n{found}"
