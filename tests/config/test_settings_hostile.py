"""Whatever the settings file holds, the kiosk gets valid settings and a located message, never an exception."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk import cli
from kiosk.config.settings import Settings, check_value, load_settings, parse_settings

NUMBER_OPTIONS = [name for name, kind, *_ in Settings.declared() if kind in (int, float)]
WHOLE_OPTIONS = {name for name, kind, *_ in Settings.declared() if kind is int}


def assert_valid(values: Settings) -> None:
    """Every field of `values` passes its own declared check (type, finiteness, bounds)."""
    declared = {name: (kind, low, high) for name, kind, _, _, low, high in Settings.declared()}
    for name in values._fields:
        kind, low, high = declared[name]
        value = getattr(values, name)
        assert check_value(kind, value, low, high, name, Settings.off_values().get(name)) is None, (name, value)
        if kind in (int, float):
            assert math.isfinite(value)


@pytest.mark.parametrize("name", NUMBER_OPTIONS)
@pytest.mark.parametrize("literal", ["nan", "+nan", "-nan", "inf", "-inf"])
def test_non_finite_numbers_fall_back_to_the_default(name: str, literal: str) -> None:
    """nan passes every bound check by comparing false: it must be refused like any out-of-range number."""
    values, problems = parse_settings(f"# a comment\n{name} = {literal}\n", Path("s.toml"))
    shown = "nan" if literal.endswith("nan") else literal.lstrip("+")
    why = (
        "must be a whole number"
        if name in WHOLE_OPTIONS  # a whole-number option refuses any float, nan included
        else (f"must be a finite number, not {shown}")
    )
    assert getattr(values, name) == getattr(Settings(), name)
    assert [str(p) for p in problems] == [f"s.toml:2: {name}: {why}; using the default"]


def test_a_huge_integer_is_out_of_range_not_a_crash() -> None:
    """An integer too large for a float is reported with the option's bounds (formatting it used to raise)."""
    values, problems = parse_settings(f"idle_seconds = 1{'0' * 400}\n", Path("s.toml"))
    assert values == Settings()
    assert str(problems[0]).startswith("s.toml:1: idle_seconds: must be between 15 and 3600, not 1e+400")


def test_deep_nesting_and_5000_digits_give_defaults_and_a_message() -> None:
    """40,000 nested brackets (RecursionError) and a 5,000-digit integer (ValueError) fall back to defaults."""
    deep, problems = parse_settings("idle_seconds = 120\nx = " + "[" * 40_000 + "]" * 40_000 + "\n", Path("s.toml"))
    assert deep == Settings() and len(problems) == 1
    assert str(problems[0]).startswith("s.toml:2: file: cannot be read as settings")
    long, problems = parse_settings("\nidle_seconds = " + "9" * 5000 + "\n", Path("s.toml"))
    assert long == Settings() and len(problems) == 1
    assert str(problems[0]).startswith("s.toml:2: file: cannot be read as settings")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('content_folder = "a\\u0000b"\n', "content_folder: must be text without control characters"),
        ('default_language = "日本語 please"\n', "default_language: must be a language folder name"),
        (f'speech_engine = "{"x" * 5000}"\n', "speech_engine: must be at most 1000 characters"),
    ],
)
def test_text_options_that_would_break_later_are_refused(text: str, message: str) -> None:
    """A NUL in a folder name (os.stat raises ValueError), odd language codes and huge strings keep defaults."""
    values, problems = parse_settings(text, Path("s.toml"))
    assert values == Settings()
    assert str(problems[0]).startswith(f"s.toml:1: {message}")


@pytest.mark.allow_warnings
def test_config_check_reports_the_nan_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`kiosk config check` says what is wrong with a file of nan values and exits 1 (it said OK)."""
    path = tmp_path / "settings.toml"
    path.write_text("staff_hold_seconds = nan\nidle_seconds = nan\n", encoding="utf-8")
    assert cli.main(["config", "check", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{path}:1: staff_hold_seconds: must be a finite number, not nan; using the default",
        f"{path}:2: idle_seconds: must be a finite number, not nan; using the default",
    ]


@pytest.mark.allow_warnings
def test_unreadable_file_gives_defaults(tmp_path: Path) -> None:
    """A file that is not UTF-8 falls back to defaults with a located message naming the file."""
    path = tmp_path / "settings.toml"
    path.write_bytes(b"idle_seconds = 100\n\xff\xfe\n")
    values, problems = load_settings(path)
    assert values == Settings() and problems[0].option == "file"


# -- property tests ---------------------------------------------------------------------------------
_KEYS = st.sampled_from([*Settings._fields, "colour", "x y", "idle_seconds.sub"])
_SCALARS = (
    st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**300), max_value=10**300)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40)
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


def _toml(value: object) -> str:
    """A TOML literal for a value (the parser decides whether the document as a whole is accepted)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, str):
        return '"' + "".join(c if c.isprintable() and c not in '"\\' else f"\\u{ord(c):04x}" for c in value) + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    assert isinstance(value, dict)
    return "{" + ", ".join(f"{_toml(str(k))} = {_toml(v)}" for k, v in value.items()) + "}"


@pytest.mark.slow  # ~9 s: 300 random documents
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_KEYS, _VALUES, max_size=8))
def test_any_toml_document_gives_valid_settings(document: dict[str, object]) -> None:
    """Any TOML the parser accepts (any keys, any values) leaves valid, finite, in-bounds settings."""
    text = "".join(
        f"{_toml(key) if ' ' in key or '.' in key else key} = {_toml(value)}\n" for key, value in document.items()
    )
    values, problems = parse_settings(text, Path("s.toml"))
    assert_valid(values)
    assert all(str(p).startswith("s.toml:") for p in problems)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_valid_settings(text: str) -> None:
    """Any text at all, TOML or not, gives valid settings and problems as path:line: option: message."""
    values, problems = parse_settings(text, Path("s.toml"))
    assert_valid(values)
    assert all(str(p).startswith("s.toml:") for p in problems)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(NUMBER_OPTIONS), st.floats() | st.integers(min_value=-(10**30), max_value=10**30))
def test_any_number_for_a_number_option_is_valid_or_refused(name: str, number: float) -> None:
    """Each number option takes any number the parser gives it: kept when in bounds, else its default."""
    values, problems = parse_settings(f"{name} = {_toml(number)}\n", Path("s.toml"))
    assert_valid(values)
    assert (getattr(values, name) == number) != bool(problems) or getattr(Settings(), name) == number
