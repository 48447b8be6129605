"""Labels break Japanese between phrases only, balance headings and leave no orphan: from their own lines."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kiosk.app.render_check import BREAK_INSIDE, line_problems
from kiosk.content.phrases import break_points, mark, mark_html
from kiosk.core.typeset import WJ, ZWSP, breaks_inside, is_orphan, plain
from kiosk.ui.widgets.labels import text_label
from kiosk.ui.widgets.rich_text import RichTextLabel

# Three 5-character phrases and a 2-character one: at 15 characters a line, greedy leaves "たち" alone.
ORPHANED = ZWSP.join(WJ.join(phrase) for phrase in ("あいうえお", "かきくけこ", "さしすせそ", "たち"))
SENTENCE = "ストレッチをすれば必ず良くなるとは限りません。施術の前に、当院では状態を確かめます。"


def _label(qtbot: QtBot, role: str, text: str, width: int, px: int = 40):
    label = text_label(role)
    qtbot.addWidget(label)
    label.setStyleSheet(f"font-size: {px}px; font-family: 'Noto Sans CJK JP'")
    label.setText(text)
    label.resize(width, label.heightForWidth(width))
    return label


def test_lines_start_only_at_phrase_boundaries_at_every_width(qtbot: QtBot) -> None:
    """From 200 to 900 px, no line of a marked sentence starts inside a phrase, and none is an orphan."""
    points = break_points(SENTENCE)
    for width in range(280, 900, 37):  # narrower than a phrase (6 characters) it must split
        lines = _label(qtbot, "body", mark(SENTENCE), width).lines()[0]
        assert "".join(lines) == SENTENCE
        assert breaks_inside(lines, points) == [], (width, lines)
        assert not is_orphan(lines[-1], len(lines)), (width, lines)


def test_body_text_pulls_a_phrase_down_onto_an_orphan_line(qtbot: QtBot) -> None:
    """At 15 characters a line, 'たち' is not left alone: 'さしすせそ' joins it on the last line."""
    label = _label(qtbot, "body", ORPHANED, 15 * 40 + 20)
    assert label.lines() == [["あいうえおかきくけこ", "さしすせそたち"]]


def test_a_two_line_heading_is_balanced(qtbot: QtBot) -> None:
    """A heading that takes two lines gets two lines whose lengths differ by at most a phrase."""
    heading = mark("ストレッチが正解とは限りません")
    label = _label(qtbot, "heading", heading, 560, px=56)
    lines = label.lines()[0]
    assert len(lines) == 2 and abs(len(lines[0]) - len(lines[1])) <= 4, lines


def test_an_english_button_label_never_ends_with_one_word(qtbot: QtBot) -> None:
    """An answer in English pulls a word down rather than leave one alone on the last line."""
    label = _label(qtbot, "answer_text", "Yes, stretching always helps the back", 540)
    lines = label.lines()[0]
    assert len(lines) >= 2 and " " in lines[-1], lines


def test_the_label_paints_the_height_it_asks_for(qtbot: QtBot) -> None:
    """heightForWidth is the number of laid-out lines times the line spacing (1.6 font sizes for body text)."""
    label = _label(qtbot, "body", mark(SENTENCE), 400)
    count = sum(len(hard) for hard in label.lines())
    assert count >= 3
    assert label.heightForWidth(400) == round(count * label.fontMetrics().lineSpacing() + 0.49)
    label.text_block = True
    assert label.heightForWidth(400) == round(count * 1.6 * 40 + 0.49)


def test_rich_body_glues_the_break_before_an_orphan(qtbot: QtBot) -> None:
    """A sentence whose last line would hold 'い。' gets the phrase before it on that line too."""
    label = RichTextLabel("body")
    qtbot.addWidget(label)
    label.setStyleSheet("font-size: 40px; font-family: 'Noto Sans CJK JP'")
    text = "画面にふれると続けられます。気になることは受付でお気軽にお声がけくださ"
    label.set_body(mark_html(f"<p>{text}い。</p>"), 20)
    found = False
    for width in range(400, 1300, 10):  # the longest phrase, お声がけください。, is 360 px
        lines = label.lines(width)[0]
        assert "".join(lines) == text + "い。"
        assert breaks_inside(lines, break_points(plain(text + "い。"))) == [], (width, lines)
        if len(lines) > 1:
            found = True
            assert not is_orphan(lines[-1], len(lines)), (width, lines)
    assert found


def test_rich_body_fixes_a_known_orphan(qtbot: QtBot) -> None:
    """The same four phrases in slide HTML: the last line holds two phrases, not 'たち' alone."""
    label = RichTextLabel("body")
    qtbot.addWidget(label)
    label.setStyleSheet("font-size: 40px; font-family: 'Noto Sans CJK JP'")
    label.set_body(f"<p>{ORPHANED}</p>", 0)
    assert label.lines(15 * 40 + 20) == [["あいうえおかきくけこ", "さしすせそたち"]]


def test_rich_body_line_height_comes_from_its_own_font(qtbot: QtBot) -> None:
    """The 1.6 line height is computed from the label's polished font, not the page's (render = screen)."""
    label = RichTextLabel("body")
    qtbot.addWidget(label)
    label.set_body(mark_html("<p>一行目です。<br />\n二行目です。</p>"), 0)
    label.setStyleSheet("font-size: 40px; font-family: 'Noto Sans CJK JP'")
    two_lines = label.heightForWidth(1000)
    assert abs(two_lines - 2 * 1.6 * 40) <= 4, two_lines


def test_body_text_has_the_line_height_of_every_text_block(qtbot: QtBot) -> None:
    """A text block (the explanation card) is 1.6 font sizes a line, as the slide body; a heading keeps the
    font's own."""
    from kiosk.ui.theme.styles import LINE_HEIGHT_EM

    body, heading = _label(qtbot, "body", "本文", 400), _label(qtbot, "heading", "見出し", 400)
    body.text_block = True
    assert body.line_spacing() == LINE_HEIGHT_EM * 40
    assert heading.line_spacing() < LINE_HEIGHT_EM * 40


def test_english_body_text_never_breaks_after_a_hyphen_inside_a_word(qtbot: QtBot) -> None:
    """Lines typed one per line are one paragraph (soft breaks): at some widths Qt broke "sit-" / "ups" inside
    the word (render --check: "break inside a phrase" on a made-up summary slide at 1280x800, larger text)."""
    label = RichTextLabel("body")
    qtbot.addWidget(label)
    label.setStyleSheet("font-size: 37px; font-family: 'Noto Sans CJK JP'")
    text = "Is your pain from tight, tense muscles? When you start sit-ups, you are not tired, so your form is good."
    label.set_body(mark_html(f"<p>{text}</p>"), 20)
    for width in range(300, 1200, 7):
        lines = label.lines(width)[0]
        assert BREAK_INSIDE not in list(line_problems([plain(line) for line in lines], text)), (width, lines)
        assert " ".join(plain(line).strip() for line in lines) == text, (width, lines)
