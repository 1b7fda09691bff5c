"""Lenient dates for the next meeting, with one clear sentence when they cannot be read."""

from __future__ import annotations

from datetime import datetime

import pytest

from ect_tui.meeting.when import parse_when

NOW = datetime(2026, 11, 24, 15, 30).astimezone()  # a Tuesday


@pytest.mark.parametrize(
    "text, iso",
    [
        ("tue 15:30", "2026-12-01T15:30"),
        ("Tuesday 3.30pm", "2026-12-01T15:30"),
        ("1/12 3.30pm", "2026-12-01T15:30"),
        ("01/12/2026 15:30", "2026-12-01T15:30"),
        ("2026-12-01 15:30", "2026-12-01T15:30"),
        ("1 Dec at 3:30 pm", "2026-12-01T15:30"),
        ("Dec 1st, 10am", "2026-12-01T10:00"),
        ("tomorrow 4pm", "2026-11-25T16:00"),
        ("next week", "2026-12-01"),
        ("fri", "2026-11-27"),
        ("5pm", "2026-11-24T17:00"),
        ("3/1", "2027-01-03"),
    ],
)
def test_reads_what_mentors_type(text, iso):
    assert parse_when(text, NOW).iso() == iso


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "Type a date"),
        ("31/02", "'31/02' is not a real date"),
        ("25:00", "'25:00' is not a time of day"),
        ("13pm", "with am/pm the hour is 1 to 12"),
        ("someday", "Could not read 'someday' as a date"),
        ("wed 1 dec", "1 December 2026 is a Tuesday, not a Wednesday."),
        ("2026-11-23 10:00", "is in the past"),
        ("tue 15:30 16:00", "Two times given"),
    ],
)
def test_impossible_dates_get_one_clear_sentence(text, message):
    with pytest.raises(ValueError, match=message):
        parse_when(text, NOW)


def test_human_form():
    assert parse_when("1/12 3.30pm", NOW).human() == "Tue 1 Dec 2026, 15:30"
