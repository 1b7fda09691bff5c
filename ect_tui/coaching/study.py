"""The ECT's self-study log: minutes and topic per sitting, and weekly totals against the guide.

The programme expects 30-50 minutes of self-study a week in year 1; in year 2 there is no
set weekly amount (the ECT and mentor agree it), so year-2 totals are shown without a
guide (``guide_for``). Entries live in the store's small ``study`` table (see ``records``);
everything here is pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any, NamedTuple

from ect_tui.coaching.terms import week_start

GUIDE = (30, 50)
MAX_MINUTES = 300  # one sitting; more is almost certainly a typo (hours typed as minutes, an extra 0)
MAX_TOPIC = 200


def parse_minutes(value: Any) -> int:
    """Whole minutes for one sitting, 1 to 300; ValueError with one sentence otherwise."""
    text = str(value).strip()
    try:
        minutes = int(text)
    except ValueError:
        raise ValueError(f"Study time should be a whole number of minutes, e.g. 40, not '{text}'.") from None
    if minutes <= 0:
        raise ValueError(f"Study time should be more than 0 minutes, not {minutes}.")
    if minutes > MAX_MINUTES:
        raise ValueError(
            f"{minutes} minutes is more than one sitting can be (at most {MAX_MINUTES}); "
            "log each sitting on its own."
        )
    return minutes


def check_topic(topic: str) -> str:
    """The topic, trimmed; ValueError if empty or far too long."""
    cleaned = " ".join(topic.split())
    if not cleaned:
        raise ValueError("Say what was studied, e.g. 'Module 1: routines'.")
    if len(cleaned) > MAX_TOPIC:
        raise ValueError(f"Keep the topic short: at most {MAX_TOPIC} characters (it has {len(cleaned)}).")
    return cleaned


class StudyEntry(NamedTuple):
    """One sitting of self-study (a tuple: a hub's report reads 25,000 back from its cache)."""

    ect: str
    day: date
    minutes: int
    topic: str

    def to_row(self) -> dict[str, Any]:
        return {"ect": self.ect, "date": self.day.isoformat(), "minutes": self.minutes, "topic": self.topic}

    @classmethod
    def from_row(cls, row: Mapping[str, Any], days: dict[str, date] | None = None) -> StudyEntry | None:
        """An entry from a stored row, or None if the row is damaged (it is then left out).
        ``days``: dates already read, by their text (a hub's log names a few hundred days
        25,000 times)."""
        try:
            ect = row["ect"]
            minutes = row["minutes"]
            if not isinstance(ect, str) or not ect.strip() or isinstance(minutes, bool):
                return None
            text = row["date"]
            day = days.get(text) if days is not None and type(text) is str else None
            if day is None:
                day = date.fromisoformat(text)
                if days is not None:
                    days[text] = day
            return cls(ect, day, int(minutes), str(row.get("topic", "")))
        except (KeyError, TypeError, ValueError):
            return None


def weekly_minutes(entries: Iterable[StudyEntry], weeks: Iterable[date]) -> list[tuple[date, int]]:
    """Total minutes in each given week (Mondays), in the order given."""
    mondays = [week_start(w) for w in weeks]
    totals = dict.fromkeys(mondays, 0)
    if not mondays:
        return []
    first, end = min(mondays), max(mondays) + timedelta(days=7)
    for entry in entries:
        if first <= entry.day < end:  # the rest cannot fall in any week asked for
            monday = week_start(entry.day)
            if monday in totals:
                totals[monday] += entry.minutes
    return [(monday, totals[monday]) for monday in mondays]


def first_day(entries: Iterable[StudyEntry]) -> date | None:
    """The day of the ECT's first ever entry, or None before they log anything."""
    return min((e.day for e in entries), default=None)


def from_first_entry(weeks: Iterable[tuple[date, int]], first: date | None) -> list[tuple[date, int]]:
    """Weekly totals from the week of the first entry on.

    Weeks before an ECT started logging say nothing about them (the log is optional, or
    the programme platform held the record then): they are left out rather than shown as
    0 minutes below the guide. No entry at all: no weeks.
    """
    if first is None:
        return []
    start = week_start(first)
    return [(monday, minutes) for monday, minutes in weeks if monday >= start]


def week_total(entries: Iterable[StudyEntry], day: date) -> int:
    """Minutes logged in the week ``day`` falls in."""
    monday = week_start(day)
    return sum(e.minutes for e in entries if monday <= e.day < monday + timedelta(days=7))


def against_guide(minutes: int) -> str:
    """``below``, ``within`` or ``above`` the 30-50 minute weekly guide."""
    low, high = GUIDE
    if minutes < low:
        return "below"
    if minutes > high:
        return "above"
    return "within"


def guide_for(year: int | None) -> tuple[int, int] | None:
    """The weekly guide for an ECT in this induction year: 30-50 minutes in year 1 (and when the
    year is not known); None in year 2, where the amount is agreed with the mentor."""
    return None if year == 2 else GUIDE


def guide_words(guide: tuple[int, int] | None) -> str:
    """``guide: 30-50 minutes a week``, or what year 2 has instead."""
    if guide is None:
        return "year 2: no set weekly amount, agreed with the mentor"
    return f"guide: {guide[0]}-{guide[1]} minutes a week"


def guide_phrase(minutes: int, guide: tuple[int, int] | None = GUIDE) -> str:
    """E.g. ``40 min, within the 30-50 minute guide``; in year 2 (no guide) just ``40 min``."""
    if guide is None:
        return f"{minutes} min"
    low, high = guide
    where = "below" if minutes < low else "above" if minutes > high else "within"
    return f"{minutes} min, {where} the {low}-{high} minute guide"
