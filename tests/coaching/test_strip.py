"""The weeks-of-coaching strip (coaching/strip.py): coached, gap, holiday, by the report's rules."""

from __future__ import annotations

from datetime import date

from ect_tui.coaching.strip import (
    BEFORE,
    COACHED,
    GAP,
    HOLIDAY,
    PENDING,
    QUIET,
    coaching_strip,
    longest_gap,
)
from ect_tui.coaching.terms import Calendar, rhythm_for

CALENDAR = Calendar()  # built-in terms: Autumn 1 2026 ends Fri 23 Oct, Autumn 2 starts Mon 2 Nov
TODAY = date(2026, 11, 24)  # Tuesday of the week of Mon 23 Nov


def kinds(marks):
    return [(m.monday.isoformat(), m.kind) for m in marks]


def test_a_three_week_gap_is_three_gap_weeks_and_this_week_is_pending():
    coached = [date(2026, 10, 13), date(2026, 10, 20)]
    marks = coaching_strip(coached, TODAY, rhythm_for(1), CALENDAR, weeks=7)
    assert kinds(marks) == [
        ("2026-10-12", COACHED),
        ("2026-10-19", COACHED),
        ("2026-10-26", HOLIDAY),  # half-term: never counts
        ("2026-11-02", GAP),
        ("2026-11-09", GAP),
        ("2026-11-16", GAP),
        ("2026-11-23", PENDING),  # not over yet
    ]
    assert longest_gap(marks) == 3


def test_a_holiday_inside_a_run_neither_breaks_nor_counts():
    marks = coaching_strip([date(2026, 10, 13)], TODAY, rhythm_for(1), CALENDAR, weeks=7)
    assert [m.kind for m in marks] == [COACHED, GAP, HOLIDAY, GAP, GAP, GAP, PENDING]
    assert longest_gap(marks) == 4


def test_fortnightly_off_weeks_are_quiet_not_gaps():
    coached = [date(2026, 11, 3), date(2026, 11, 17)]
    marks = coaching_strip(coached, date(2026, 12, 8), rhythm_for(2), CALENDAR, weeks=6)
    assert [m.kind for m in marks] == [COACHED, QUIET, COACHED, QUIET, GAP, PENDING]


def test_weeks_before_the_first_coaching_are_not_gaps():
    marks = coaching_strip([date(2026, 11, 17)], TODAY, rhythm_for(1), CALENDAR, weeks=5)
    assert [m.kind for m in marks] == [HOLIDAY, BEFORE, BEFORE, COACHED, PENDING]
    assert longest_gap(marks) == 0


def test_a_run_that_began_before_the_strip_is_still_a_gap():
    marks = coaching_strip([date(2026, 9, 8)], TODAY, rhythm_for(2), CALENDAR, weeks=3)
    assert [m.kind for m in marks] == [GAP, GAP, PENDING]


def test_coached_this_week_and_nothing_in_the_future():
    marks = coaching_strip([date(2026, 11, 23), date(2026, 12, 1)], TODAY, rhythm_for(1), CALENDAR, weeks=2)
    assert [m.kind for m in marks] == [BEFORE, COACHED]
