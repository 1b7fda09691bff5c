"""Cleaning exported text: terminal controls go, everything else the mentor typed stays."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ect_tui.export.text import human_when, one_line, strip_controls, wrap


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("\x1b[31mred\x1b[0m", "red"),
        ("a\x1b]0;new title\x07b", "ab"),
        ("a\x1b]52;c;ZXZpbA==\x1b\\b", "ab"),  # an OSC 52 clipboard write
        ("x\x1bPdcs\x1b\\y", "xy"),
        ("\x9b2Jclear", "clear"),
        ("bell\x07 back\x08space del\x7f", "bell backspace del"),
        ("line1\r\nline2\rline3", "line1\nline2\nline3"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("[bold]x[/] [@click=app.quit] 🎉 naïve", "[bold]x[/] [@click=app.quit] 🎉 naïve"),
        ("lone \ud800 surrogate", "lone \ufffd surrogate"),
        ("\x1b", ""),
        ("\x1b]0;never closed", "0;never closed"),
    ],
)
def test_strip_controls(typed, kept):
    assert strip_controls(typed) == kept


@given(st.text())
def test_nothing_that_drives_a_terminal_survives(text):
    cleaned = strip_controls(text)
    assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in cleaned)
    assert not any(0x7F <= ord(ch) <= 0x9F for ch in cleaned)
    assert strip_controls(cleaned) == cleaned


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs"))))
def test_text_without_controls_is_kept_exactly(text):
    assert strip_controls(text) == text


def test_wrap_keeps_the_users_line_breaks_and_long_links():
    url = "https://example.org/" + "x" * 80
    lines = wrap(f"short line\n\n{'word ' * 20}{url}", "  ", first="- ")
    assert lines[0] == "- short line" and lines[1] == ""
    assert all(len(line) <= 72 for line in lines if url not in line)
    assert lines[-1] == f"  {url}"


def test_one_line_and_dates():
    assert one_line("Sam\n\x1b[1mJones ") == "Sam Jones"
    assert human_when("2026-12-01T15:30") == "Tue 1 Dec 2026, 15:30"
    assert human_when("2026-12-01") == "Tue 1 Dec 2026"
    assert human_when("next tuesday") is None
