"""Reading files as Windows tools and Japanese editors save them."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from kiosk.core.errors import ContentError
from kiosk.core.textfile import MAX_FILE_BYTES, decode_text, key_line, read_text

TEXT = "# 正座のあとの しびれ\n\n足がしびれます。\n"


def test_utf8_with_bom_and_crlf_reads_as_plain_lf(tmp_path: Path) -> None:
    """Notepad's UTF-8 with BOM and CRLF line ends read the same as plain UTF-8."""
    path = tmp_path / "deck.md"
    path.write_bytes(codecs.BOM_UTF8 + TEXT.replace("\n", "\r\n").encode("utf-8"))
    assert read_text(path) == TEXT


def test_old_mac_cr_line_ends(tmp_path: Path) -> None:
    """Bare CR line ends become LF."""
    assert decode_text(b"a\rb\r", tmp_path / "x.md") == "a\nb\n"


def test_utf16_notepad_unicode_is_read(tmp_path: Path) -> None:
    """Older Notepad's "Unicode" (UTF-16 with BOM) is read correctly."""
    path = tmp_path / "deck.md"
    path.write_bytes(TEXT.encode("utf-16"))
    assert read_text(path) == TEXT


def test_shift_jis_gets_a_save_as_utf8_message_with_line(tmp_path: Path) -> None:
    """A Shift_JIS file is refused, naming the encoding, the fix and the first bad line."""
    path = tmp_path / "deck.md"
    path.write_bytes(b"---\ntitle: x\n---\n" + "正座".encode("cp932"))
    with pytest.raises(ContentError) as caught:
        read_text(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:4: ") or message.endswith("UTF-8)")
    assert "Shift_JIS" in message and "UTF-8" in message
    assert caught.value.line == 4


def test_nul_byte_is_refused_with_its_line(tmp_path: Path) -> None:
    """A NUL byte means the file is not text: refused with the line it is on."""
    with pytest.raises(ContentError) as caught:
        decode_text(b"one\ntwo\x00\n", tmp_path / "deck.md")
    assert caught.value.line == 2
    assert "NUL" in caught.value.message


def test_missing_file_and_folder(tmp_path: Path) -> None:
    """A missing file and a folder in its place both give a clear message."""
    with pytest.raises(ContentError, match="file not found"):
        read_text(tmp_path / "nope.md")
    (tmp_path / "dir.md").mkdir()
    with pytest.raises(ContentError, match="found a folder"):
        read_text(tmp_path / "dir.md")


def test_huge_file_is_refused(tmp_path: Path) -> None:
    """A file over the size limit is refused before it is read."""
    path = tmp_path / "deck.md"
    path.write_bytes(b"a" * (MAX_FILE_BYTES + 1))
    with pytest.raises(ContentError, match="under"):
        read_text(path)


def test_key_line_finds_the_assignment_of_exactly_that_key() -> None:
    """Bare, quoted and escaped keys are found on their own line; a longer key that starts the same is not it."""
    text = 'back_to_question = "x"\n# back = a comment\nback = 3\n"idle seconds" = 1\n"say \\"hi\\"" = 2\n'
    assert key_line(text, "back") == 3
    assert key_line(text, "idle seconds") == 4
    assert key_line(text, 'say "hi"') == 5
    assert key_line(text, "missing") == 1
