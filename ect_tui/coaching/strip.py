"""An ECT's recent weeks of coaching, one mark a week: coached, gap, holiday, ...

The coordinator's overview (the page and the terminal screen) draws these as a strip, so a
run of missed weeks stands out. The rules are the report's (``terms.coaching_gap``): holidays
never count; a school week without coaching is a *gap* once the run of such weeks reaches the
ECT's rhythm (every week in year 1, so one missed week; every other week in year 2, so the
off-week between two coached weeks is ``quiet``, not a gap). The current week is ``pending``
until it is coached: it is not over yet. Weeks before the first coaching are ``before``.
Pure: no I/O, no Textual.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from ect_tui.coaching.terms import Calendar, Rhythm, week_start

COACHED, GAP, QUIET, HOLIDAY, PENDING, BEFORE = "coached", "gap", "quiet", "holiday", "pending", "before"
STRIP_WEEKS = 12
WORDS = {
    COACHED: "coached",
    GAP: "gap: no coaching",
    QUIET: "no coaching, within the rhythm",
    HOLIDAY: "holiday",
    PENDING: "this week, not coached yet",
    BEFORE: "before coaching started",
}


@dataclass(frozen=True)
class WeekMark:
    monday: date
    kind: str  # one of COACHED, GAP, QUIET, HOLIDAY, PENDING, BEFORE


def coaching_strip(
    coached: Iterable[date], today: date, rhythm: Rhythm, calendar: Calendar, weeks: int = STRIP_WEEKS
) -> tuple[WeekMark, ...]:
    """The ``weeks`` calendar weeks up to and including this one, oldest first."""
    this_week = week_start(today)
    first_shown = this_week - timedelta(days=7 * (weeks - 1))
    days = [d for d in coached if d <= today]
    # A run of missed weeks is traced from the last coached week before the strip (no further).
    earlier = max((d for d in days if d < first_shown), default=None)
    coached_weeks = {week_start(d) for d in days if d >= first_shown}
    if earlier is not None:
        coached_weeks.add(week_start(earlier))
    start = week_start(earlier) if earlier is not None else first_shown
    first_coached = week_start(min(days)) if days else None
    school = calendar.is_school_week  # kept by the calendar: the same weeks for every ECT
    marks: list[WeekMark] = []
    run = 0  # school weeks without coaching since the last coached week
    monday = start
    while monday <= this_week:
        if monday in coached_weeks:
            kind, run = COACHED, 0
        elif first_coached is None or monday < first_coached:
            kind = BEFORE
        elif monday == this_week:
            kind = PENDING
        elif not school(monday):
            kind = HOLIDAY  # holidays never count, and do not break a run of missed weeks
        else:
            run += 1
            kind = GAP if run >= rhythm.every_weeks else QUIET
        if monday >= first_shown:
            marks.append(WeekMark(monday, kind))
        monday += timedelta(days=7)
    # Weeks before the first coaching still show holidays as holidays.
    return tuple(
        WeekMark(m.monday, HOLIDAY) if m.kind == BEFORE and not school(m.monday) else m for m in marks
    )


def longest_gap(marks: Iterable[WeekMark]) -> int:
    """The longest run of gap weeks in a strip (holidays inside a run neither count nor break it)."""
    best = run = 0
    for mark in marks:
        if mark.kind == GAP:
            run += 1
            best = max(best, run)
        elif mark.kind != HOLIDAY:
            run = 0
    return best
