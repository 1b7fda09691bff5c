"""Read a date and time the way a mentor types it: "tue 15:30", "1/12 3.30pm", "2026-12-01".

Dates are day-first, as in England. Every failure is a ValueError whose text is
one sentence to show under the box.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
EXAMPLE = "try e.g. 'tue 15:30', '1/12 3.30pm' or '2026-12-01 15:30'"

_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$")
_NUMERIC_DATE = re.compile(r"^(\d{1,4})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?$")


@dataclass(frozen=True)
class When:
    """A day, and a time of day if one was given."""

    day: date
    at: time | None = None

    def iso(self) -> str:
        if self.at is None:
            return self.day.isoformat()
        return datetime.combine(self.day, self.at).isoformat(timespec="minutes")

    def human(self) -> str:
        """E.g. ``Tue 1 Dec 2026, 15:30``."""
        text = f"{self.day:%a} {self.day.day} {self.day:%b %Y}"
        return f"{text}, {self.at:%H:%M}" if self.at else text


def _month(word: str) -> int | None:
    word = word.lower().rstrip(".")
    if len(word) < 3:
        return None
    for index, name in enumerate(MONTHS, start=1):
        if name.startswith(word):
            return index
    return None


def weekday_number(word: str) -> int | None:
    """Monday 0 .. Sunday 6 for a weekday's name or a start of it ("tue", "Thurs."), else None."""
    word = word.lower().rstrip(".")
    if len(word) < 2:
        return None
    for index, name in enumerate(WEEKDAYS):
        if name.startswith(word):
            return index
    return None


def _parse_time(token: str) -> time | None:
    match = _TIME.match(token.lower())
    if not match:
        return None
    hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
    if half is None and match[2] is None:
        return None  # a bare number is a day, not a time
    if half:
        if not 1 <= hour <= 12:
            raise ValueError(f"'{token}' is not a time: with am/pm the hour is 1 to 12")
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"'{token}' is not a time of day")
    return time(hour, minute)


def _make_date(year: int, month: int, day: int, token: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"'{token}' is not a real date (dates are day first: 1/12 is 1 December).") from None


def _year(text: str | None, today: date) -> int | None:
    if text is None:
        return None
    year = int(text)
    return year + 2000 if year < 100 else year


def _next_by_default(day_month: tuple[int, int], year: int | None, today: date, token: str) -> date:
    """A day and month with no year means the next time that date comes round."""
    day, month = day_month
    if year is not None:
        return _make_date(year, month, day, token)
    candidate = _make_date(today.year, month, day, token) if (month, day) != (2, 29) else None
    if candidate is None or candidate < today:
        candidate = _make_date(today.year + 1, month, day, token)
    return candidate


def parse_when(text: str, now: datetime, *, allow_past: bool = False) -> When:
    """Parse a lenient date with an optional time; raise ValueError with a clear sentence."""
    today = now.date()
    cleaned = text.strip().lower().replace(",", " ").replace(" at ", " ")
    if not cleaned:
        raise ValueError(f"Type a date, {EXAMPLE}.")
    tokens = cleaned.split()
    # "3:30 pm" written apart
    merged: list[str] = []
    for token in tokens:
        if token in ("am", "pm") and merged:
            merged[-1] += token
        else:
            merged.append(token)
    tokens = [t for t in merged if t not in ("on", "next", "the")]

    at: time | None = None
    rest: list[str] = []
    for token in tokens:
        parsed = _parse_time(token)
        if parsed is not None:
            if at is not None:
                raise ValueError(f"Two times given; {EXAMPLE}.")
            at = parsed
        else:
            rest.append(token)

    day = today if not rest and at is not None else _parse_day(rest, today, text.strip())
    if day is None:
        raise ValueError(f"Could not read '{text.strip()}' as a date; {EXAMPLE}.")
    if not allow_past:
        moment = datetime.combine(day, at or time(23, 59)).replace(tzinfo=now.tzinfo)
        if moment < now:
            raise ValueError(f"{When(day, at).human()} is in the past; give a date from today on.")
    return When(day, at)


def _parse_day(tokens: list[str], today: date, original: str) -> date | None:
    if not tokens:
        return None
    joined = " ".join(tokens)
    if joined == "today":
        return today
    if joined == "tomorrow":
        return today + timedelta(days=1)
    if joined == "week":  # "next week"
        return today + timedelta(days=7)
    if len(tokens) == 1:
        token = tokens[0]
        weekday = weekday_number(token)
        if weekday is not None and not token.isdigit():
            ahead = (weekday - today.weekday()) % 7 or 7
            return today + timedelta(days=ahead)
        match = _NUMERIC_DATE.match(token)
        if match:
            first, second, third = match[1], match[2], match[3]
            if len(first) == 4:  # ISO: 2026-12-01
                if third is None:
                    return None
                return _make_date(int(first), int(second), int(third), original)
            return _next_by_default((int(first), int(second)), _year(third, today), today, original)
        return None
    # Word dates: "1 dec", "1st december 2026", "dec 1", "tue 1 dec"
    words = [t for t in tokens if weekday_number(t) is None or t.isdigit() or _month(t) is not None]
    day_number = month = year = None
    for token in words:
        stripped = re.sub(r"(st|nd|rd|th)$", "", token)
        if stripped.isdigit():
            value = int(stripped)
            if len(stripped) == 4:
                year = value
            elif day_number is None:
                day_number = value
            else:
                return None
        elif _month(token) is not None and month is None:
            month = _month(token)
        else:
            return None
    if day_number is None or month is None:
        return None
    found = _next_by_default((day_number, month), year, today, original)
    named = [
        number
        for t in tokens
        if not t.isdigit() and _month(t) is None and (number := weekday_number(t)) is not None
    ]
    if named and named[0] != found.weekday():
        raise ValueError(f"{found.day} {found:%B %Y} is a {found:%A}, not a {WEEKDAYS[named[0]].title()}.")
    return found


# ----- showing a date that was typed earlier -----------------------------------------------------------

FAR_DAYS = 60  # a date typed without a year that lands further away than this is spelled out
NOT_A_DATE = "not read as a date"
# A year was typed: "2026-11-23", "23/11/26", "23 nov 2026".
_EXPLICIT_YEAR = re.compile(r"\b\d{4}\b|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}")


def year_typed(text: str) -> bool:
    """Whether ``text`` names its year, so its date cannot have rolled into another one."""
    return bool(_EXPLICIT_YEAR.search(text))


def _span(days: int) -> str:
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 61:
        return f"{round(days / 7)} weeks"
    months = round(days / 30.44)
    return f"{months} month{'s' if months != 1 else ''}"


def far_note(text: str, when: When, today: date) -> str | None:
    """``→ Fri 20 Nov 2027, 12 months away ...`` when a date typed without a year lands far off.

    "20/11" typed on 30 November means next year's 20 November (or, for something that has
    happened, last year's 4 December for "4/12"): right by the rules, but rarely what was
    meant, so the date it was read as is spelled out. None when the date is near or the
    year was typed.
    """
    days = (when.day - today).days
    if abs(days) <= FAR_DAYS or year_typed(text):
        return None
    typed = " ".join(text.split())
    if days > 0:
        note = f"→ {when.human()}, {_span(days)} away"
        if when.day.year != today.year:
            note += f": '{typed}' has passed this year. Type the year to be sure"
    else:
        note = f"→ {when.human()}, {_span(-days)} ago"
        if when.day.year != today.year:
            note += f": '{typed}' is still to come this year. Type the year to be sure"
    return note + "."


def stored_when(iso: object) -> When | None:
    """The When a stored ISO value (``2026-12-08`` or ``2026-12-08T16:00``) stands for; None if unreadable."""
    if not isinstance(iso, str) or not iso.strip():
        return None
    try:
        if "T" in iso:
            moment = datetime.fromisoformat(iso)
            return When(moment.date(), moment.time().replace(second=0, microsecond=0, tzinfo=None))
        return When(date.fromisoformat(iso))
    except ValueError:
        return None


def shown_date(text: str, iso: object) -> str:
    """An agreed date as it reads afterwards: the day it was read as when it was typed
    (``Tue 8 Dec 2026, 16:00``), else what was typed, marked; "" for nothing typed.

    The stored reading is used, never a fresh one: "tue" typed last week meant last week's
    Tuesday-to-come, not the next one from today.
    """
    when = stored_when(iso)
    if when is not None:
        return when.human()
    typed = " ".join(text.split())
    return f"{typed} ({NOT_A_DATE})" if typed else ""
