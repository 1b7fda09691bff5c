"""School terms in England and the expected coaching rhythm: which weeks count, and what is a gap.

Rules (unit-tested in tests/coaching/test_terms.py):

- A *school week* is a Monday-to-Sunday week with at least three weekdays inside
  a term. Half-terms and the Christmas, Easter and summer holidays are not school
  weeks, so they never count as missed coaching; nor are the odd days at the end
  or start of a term (e.g. a term ending on a Tuesday). Outside the span of the known
  terms every week counts (we cannot tell a holiday there, and hiding a gap is
  worse than showing one).
- The expected *rhythm* is every 1 school week in induction year 1 and every 2 in
  year 2, unless set per ECT (``every_weeks``).
- *Weeks without coaching* are the school weeks strictly after the week of the
  last coaching meeting and strictly before the current week: the week in
  progress is never counted as missed, since the meeting may still happen.
- A gap is *flagged* once weeks without coaching reach the rhythm: one missed
  school week for a weekly ECT, two for a fortnightly one.
- An action step is *open too long* once it has been open for
  ``STEP_OPEN_FLAG_WEEKS`` school weeks (counted like weeks without coaching,
  but including the current week).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

STEP_OPEN_FLAG_WEEKS = 4
MIN_TERM_DAYS = 3  # weekdays in term for a week to count as a school week


@dataclass(frozen=True)
class Term:
    """One half-term: the first and last day pupils are in (both included)."""

    name: str
    start: date
    end: date


def _terms(*rows: tuple[str, str, str]) -> tuple[Term, ...]:
    return tuple(Term(name, date.fromisoformat(start), date.fromisoformat(end)) for name, start, end in rows)


# Approximate dates for a typical English local authority, to July 2028 (long enough for an ECT who
# starts in September 2026 to finish induction); a school sets its own in term-dates.toml in the
# config folder, or with `ect-tui rhythm --terms FILE` (see coaching/term_dates.py).
DEFAULT_TERMS: tuple[Term, ...] = _terms(
    ("Autumn 1 2025", "2025-09-03", "2025-10-24"),
    ("Autumn 2 2025", "2025-11-03", "2025-12-19"),
    ("Spring 1 2026", "2026-01-05", "2026-02-13"),
    ("Spring 2 2026", "2026-02-23", "2026-03-27"),
    ("Summer 1 2026", "2026-04-13", "2026-05-22"),
    ("Summer 2 2026", "2026-06-01", "2026-07-21"),
    ("Autumn 1 2026", "2026-09-02", "2026-10-23"),
    ("Autumn 2 2026", "2026-11-02", "2026-12-18"),
    ("Spring 1 2027", "2027-01-04", "2027-02-12"),
    ("Spring 2 2027", "2027-02-22", "2027-03-25"),
    ("Summer 1 2027", "2027-04-12", "2027-05-28"),
    ("Summer 2 2027", "2027-06-07", "2027-07-21"),
    ("Autumn 1 2027", "2027-09-01", "2027-10-22"),
    ("Autumn 2 2027", "2027-11-01", "2027-12-17"),
    ("Spring 1 2028", "2028-01-04", "2028-02-11"),
    ("Spring 2 2028", "2028-02-21", "2028-04-07"),
    ("Summer 1 2028", "2028-04-24", "2028-05-26"),
    ("Summer 2 2028", "2028-06-05", "2028-07-20"),
)


def week_start(day: date) -> date:
    """The Monday of the week ``day`` falls in."""
    return day - timedelta(days=day.weekday())


class Calendar:
    """Known terms, and which weeks are school weeks."""

    def __init__(self, terms: Iterable[Term] = DEFAULT_TERMS):
        self.terms = tuple(sorted(terms, key=lambda t: t.start))
        for term in self.terms:
            if term.end < term.start:
                raise ValueError(f"{term.name} ends ({term.end}) before it starts ({term.start}).")
        for earlier, later in zip(self.terms, self.terms[1:], strict=False):
            if later.start <= earlier.end:
                raise ValueError(f"{earlier.name} and {later.name} overlap.")
        # Monday -> is it a school week: the terms never change, and a tutor's report asks
        # about the same few weeks for every ECT (thousands of times at a hub).
        self._school_weeks: dict[date, bool] = {}
        self._recent: dict[tuple[date, int], tuple[date, ...]] = {}  # the same for every ECT's row

    @property
    def first_day(self) -> date | None:
        return self.terms[0].start if self.terms else None

    @property
    def last_day(self) -> date | None:
        return self.terms[-1].end if self.terms else None

    def term_of(self, day: date) -> Term | None:
        return next((t for t in self.terms if t.start <= day <= t.end), None)

    def is_school_week(self, monday: date) -> bool:
        """Three or more weekdays of this week are in a term (or the week is outside the known terms)."""
        monday = week_start(monday)
        known = self._school_weeks.get(monday)
        if known is None:
            known = self._school_weeks[monday] = self._count_school_week(monday)
        return known

    def _count_school_week(self, monday: date) -> bool:
        friday = monday + timedelta(days=4)
        first, last = self.first_day, self.last_day
        if first is None or last is None or friday < first or monday > last:
            return True
        days = sum(1 for offset in range(5) if self.term_of(monday + timedelta(days=offset)) is not None)
        return days >= MIN_TERM_DAYS

    def school_weeks(self, start: date, stop: date) -> list[date]:
        """Mondays of the school weeks from the week of ``start`` up to, not including, the week of ``stop``."""
        monday, end = week_start(start), week_start(stop)
        weeks = []
        while monday < end:
            if self.is_school_week(monday):
                weeks.append(monday)
            monday += timedelta(days=7)
        return weeks

    def recent_school_weeks(self, before: date, count: int) -> list[date]:
        """The ``count`` school weeks before the week of ``before``, oldest first (at most a year back)."""
        key = (week_start(before), count)
        known = self._recent.get(key)
        if known is None:
            weeks: list[date] = []
            monday = key[0] - timedelta(days=7)
            for _ in range(53):
                if len(weeks) == count:
                    break
                if self.is_school_week(monday):
                    weeks.append(monday)
                monday -= timedelta(days=7)
            known = self._recent[key] = tuple(reversed(weeks))
        return list(known)


def terms_from_rows(rows: Any) -> tuple[Term, ...]:
    """Terms from stored or typed rows ``{"name", "start", "end"}``; ValueError naming the bad row."""
    if not isinstance(rows, list) or not rows:
        raise ValueError("Term dates should be a list of terms, each with a name, a start and an end date.")
    terms = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise ValueError(f"Term {number} should have a name, a start and an end date.")
        name = str(row.get("name") or f"Term {number}")
        try:
            start = _as_date(row.get("start"))
            end = _as_date(row.get("end"))
        except ValueError:
            raise ValueError(f"{name}: start and end should be dates such as 2026-09-02.") from None
        terms.append(Term(name, start, end))
    Calendar(terms)  # overlap and order checks
    return tuple(terms)


def terms_to_rows(terms: Iterable[Term]) -> list[dict[str, str]]:
    return [{"name": t.name, "start": t.start.isoformat(), "end": t.end.isoformat()} for t in terms]


def _as_date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return date.fromisoformat(value.strip())
    raise ValueError(value)


@dataclass(frozen=True)
class Rhythm:
    """How often coaching is expected, in school weeks."""

    every_weeks: int

    @property
    def label(self) -> str:
        if self.every_weeks == 1:
            return "weekly"
        if self.every_weeks == 2:
            return "fortnightly"
        return f"every {self.every_weeks} school weeks"


MAX_EVERY_WEEKS = 6


def rhythm_for(
    year: int | None = None, every_weeks: int | None = None, by_year: Mapping[int, int] | None = None
) -> Rhythm:
    """Weekly in year 1 (and when the year is not known), fortnightly in year 2; ``by_year`` is the
    school's own default per year (config.toml's ``coaching_rhythm``); ``every_weeks``, set for
    one ECT, overrides both."""
    if every_weeks is not None:
        return Rhythm(every_weeks)
    year = 2 if year == 2 else 1
    return Rhythm((by_year or {}).get(year) or year)


def check_every_weeks(value: int) -> int:
    if not 1 <= value <= MAX_EVERY_WEEKS:
        raise ValueError(f"The rhythm should be every 1 to {MAX_EVERY_WEEKS} school weeks, not {value}.")
    return value


def check_year(value: int) -> int:
    if value not in (1, 2):
        raise ValueError(f"Induction year should be 1 or 2, not {value}.")
    return value


@dataclass(frozen=True)
class Gap:
    """Where an ECT stands against their expected coaching rhythm."""

    last: date | None
    weeks_without: int | None
    rhythm: Rhythm

    @property
    def flagged(self) -> bool:
        return self.weeks_without is None or self.weeks_without >= self.rhythm.every_weeks

    @property
    def reason(self) -> str:
        """One phrase for the coordinator, or "" when on track."""
        if self.weeks_without is None:
            return "no coaching recorded"
        if not self.flagged:
            return ""
        weeks = self.weeks_without
        return (
            f"{weeks} school week{'s' if weeks != 1 else ''} without coaching (expected {self.rhythm.label})"
        )


def coaching_gap(dates: Iterable[date], today: date, rhythm: Rhythm, calendar: Calendar) -> Gap:
    """The last coaching date on or before ``today`` and the school weeks missed since (see module rules)."""
    past = [d for d in dates if d <= today]
    if not past:
        return Gap(None, None, rhythm)
    last = max(past)
    missed = calendar.school_weeks(week_start(last) + timedelta(days=7), today)
    return Gap(last, len(missed), rhythm)


def school_weeks_open(set_on: date, today: date, calendar: Calendar) -> int:
    """School weeks since the week a step was set, counting the current week (0 in the week it was set)."""
    return len(calendar.school_weeks(week_start(set_on) + timedelta(days=7), today + timedelta(days=7)))
