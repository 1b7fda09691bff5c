"""Days typed for things that already happened: a lesson drop-in, a self-study session.

``parse_when`` reads dates forwards (the next Tuesday, the next 1 December);
here "tue" means the most recent Tuesday and "1/12" the most recent 1 December,
and a date that is still to come is refused with one sentence.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from ect_tui.meeting.when import WEEKDAYS, When, parse_when, weekday_number, year_typed

EXAMPLE = "e.g. 'today', 'mon', '23/11' or '2026-11-23'"


def parse_past_day(text: str, now: datetime, *, what: str = "that", future: str | None = None) -> date:
    """The day meant by ``text``, today or earlier; ValueError with one sentence otherwise.

    ``what`` names the thing in the message, e.g. "the drop-in"; ``future`` replaces
    the whole explanation after "... is in the future:".
    """
    today = now.date()
    cleaned = " ".join(text.strip().lower().replace(",", " ").split())
    if cleaned in ("", "today"):
        return today
    if cleaned == "yesterday":
        return today - timedelta(days=1)
    words = [w for w in cleaned.split() if w not in ("last", "on", "the")]
    if len(words) == 1 and not words[0].isdigit() and (only := weekday_number(words[0])) is not None:
        back = (today.weekday() - only) % 7
        return today - timedelta(days=back)
    # A weekday named beside a date ("thu 26 nov") is checked against the day found here,
    # looking back; parse_when would check it against the 26 November still to come.
    named = [d for w in words if not w[0].isdigit() and (d := weekday_number(w)) is not None]
    dated = [w for w in words if w[0].isdigit() or weekday_number(w) is None]
    try:
        read = parse_when(" ".join(dated) if named and dated else cleaned, now, allow_past=True).day
    except ValueError as exc:
        message = str(exc)
        if message.startswith("Could not read") or message.startswith("Type a date"):
            raise ValueError(f"Could not read '{text.strip()}' as a day; try {EXAMPLE}.") from None
        raise
    day = read
    if day > today and any(ch.isdigit() for ch in cleaned) and not year_typed(cleaned):
        # "1/12" with no year means the last 1 December that has been, not the next one.
        try:
            day = day.replace(year=day.year - 1)
        except ValueError:  # 29 February
            day = day.replace(year=day.year - 1, day=28)
    if named and day.weekday() != named[0]:
        if read.weekday() != named[0] or read.year != today.year:
            raise ValueError(f"{day.day} {day:%B %Y} is a {day:%A}, not a {WEEKDAYS[named[0]].title()}.")
        day = read  # "fri 4 dec": this year's Friday 4 December, still to come (refused below)
    if day > today:
        reason = future or f"{what} has already happened, so give the day it took place"
        raise ValueError(f"{When(day).human()} is in the future: {reason}.")
    return day
