"""Which term dates are in force, where they came from, and a warning when they have run out.

A school's own dates come from ``term-dates.toml`` in the user's config folder (or the file a
config key names), then from dates stored with ``ect-tui rhythm --terms FILE``, then from the
bundled approximate dates for England. Past the last known term every week counts as a school
week (the rules in coaching/terms.py), so holidays would show
as missed coaching: `past_last_term` says so in words, and what to do about it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ect_tui.coaching.terms import DEFAULT_TERMS, Calendar, Term, terms_from_rows

TERM_DATES_FILE = "term-dates.toml"

EXAMPLE = """\
# Your school's term dates: one [[terms]] table per half-term, first and last day pupils are in.
[[terms]]
name = "Autumn 1 2026"
start = 2026-09-02
end = 2026-10-23
"""


class TermDatesError(Exception):
    """A term-dates file that cannot be used: one sentence naming the file and the problem."""


@dataclass(frozen=True)
class TermDates:
    """The terms in force and a short phrase saying where they came from."""

    terms: tuple[Term, ...]
    source: str  # e.g. "your school's file ~/.config/ect-tui/term-dates.toml"
    builtin: bool = False

    @property
    def calendar(self) -> Calendar:
        return Calendar(self.terms)

    @property
    def last_day(self) -> date | None:
        return self.terms[-1].end if self.terms else None

    def past_last_term(self, today: date) -> str:
        """A warning when ``today`` is after the last known term, else ""."""
        last = self.last_day
        if last is None or today <= last:
            return ""
        return (
            f"Today ({today.isoformat()}) is after the last known term ({self.terms[-1].name}, ended "
            f"{last.isoformat()}): every week now counts as a school week, so holidays will show as "
            f"missed coaching. Add your school's term dates to {TERM_DATES_FILE} in your config folder."
        )


def read_term_dates(path: Path) -> tuple[Term, ...]:
    """The terms in a TOML file of ``[[terms]]`` name, start, end; TermDatesError naming the file."""
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise TermDatesError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise TermDatesError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise TermDatesError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise TermDatesError(f"{path}: not valid TOML: {exc}") from None
    try:
        terms = terms_from_rows(data.get("terms"))
    except ValueError as exc:
        raise TermDatesError(f"{path}: {exc}") from None
    return tuple(sorted(terms, key=lambda t: t.start))


def term_dates_in_force(
    school_file: Path | None, stored_rows: object = None, *, display_path: str | None = None
) -> tuple[TermDates, str]:
    """The term dates to use, and a problem to show ("" if none).

    ``school_file`` is the school's own file (used when it exists); ``stored_rows`` are dates set
    with ``ect-tui rhythm --terms``. A broken school file is never silently ignored: the problem
    comes back with the next dates in line, so the caller can show it.
    """
    problem = ""
    if school_file is not None and school_file.exists():
        shown = display_path or str(school_file)
        try:
            return TermDates(read_term_dates(school_file), f"your school's file {shown}"), ""
        except TermDatesError as exc:
            problem = str(exc)
    if stored_rows:
        try:
            return TermDates(
                terms_from_rows(stored_rows), "set for this school with ect-tui rhythm --terms"
            ), problem
        except ValueError:
            pass  # written by hand and broken: the bundled dates are better than none
    last = DEFAULT_TERMS[-1].end.strftime("%B %Y")
    return TermDates(
        DEFAULT_TERMS, f"built-in approximate dates for England, to {last}", builtin=True
    ), problem
