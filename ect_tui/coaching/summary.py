"""One ECT's meetings boiled down to what the overview counts, whatever the day it is asked on.

The coordinator's report (report.py) builds a row per ECT as of a day. Most of that row
comes from the ECT's meetings alone: which days had coaching, the chain of action steps
and how each ended, how many audits and how the ratings moved. Working those out meant
walking every meeting of every ECT (seconds at a hub's 50,000 meetings), so they are
gathered here once into an ``EctSummary`` that can be kept between runs (facts_cache.py)
and turned into a row for any day on or after the ECT's latest meeting.

Pure: no I/O, numbers, dates and names only (the report's privacy rule: no wording).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from ect_tui.coaching.steps import OPEN, step_history
from ect_tui.meeting.progress import Movement, build_progress

if TYPE_CHECKING:
    from ect_tui.coaching.report import DocFacts
    from ect_tui.script.model import Script


class MeetingMark(NamedTuple):
    """One meeting as the counts see it (a tuple: a hub's report reads 50,000 of them back)."""

    day: date
    coaching: bool
    counted: bool  # coaching that happened (finished, or recorded something)
    praise: int


class StepMark(NamedTuple):
    """One action step as the counts see it: when it was set and how it ended (if it has)."""

    set_on: date
    outcome: str
    closed_on: date | None

    @property
    def open(self) -> bool:
        return self.outcome == OPEN

    def days_open(self, today: date) -> int:
        return max(0, ((self.closed_on or today) - self.set_on).days)


@dataclass(frozen=True)
class EctSummary:
    """What one ECT's meetings (up to ``last_day``) say, for a report on ``last_day`` or later."""

    name: str  # as written in the newest meeting
    marks: tuple[MeetingMark, ...]
    mentors: tuple[str, ...]
    steps: tuple[StepMark, ...]  # oldest first
    audits: int
    movement: Movement
    last_day: date


def summarise(facts: Sequence[DocFacts], scripts: Mapping[str, Script], plain: Any) -> EctSummary:
    """The summary of one ECT's meetings, given newest first (the order of ``list_meetings``);
    ``plain`` makes a name one printable line (report.plain)."""
    steps = step_history(f.slim for f in facts)
    progress = build_progress(facts[0].ect if facts else "", [f.slim for f in facts], dict(scripts))
    return EctSummary(
        name=plain(facts[0].ect) if facts else "",
        marks=tuple(MeetingMark(f.day, f.coaching, f.counted, f.praise) for f in facts),
        mentors=tuple(sorted({plain(f.mentor) for f in facts if f.mentor.strip()}, key=str.casefold)),
        steps=tuple(StepMark(s.set_on, s.outcome, s.closed_on) for s in steps),
        audits=len(progress.columns),
        movement=progress.movement(),
        last_day=max((f.day for f in facts), default=date.min),
    )


def scripts_fingerprint(scripts: Mapping[str, Script]) -> list[list[str]]:
    """What a summary depends on in the scripts: which framework each script's audits rate
    (movement is compared within one framework). A summary kept under another is worked out again."""
    return sorted([script_id, s.bank.short if s.bank is not None else ""] for script_id, s in scripts.items())


# ----- kept between runs (facts_cache.py): plain JSON, checked on the way back in ----------------


def to_json(summary: EctSummary) -> dict[str, Any]:
    movement = summary.movement
    return {
        "name": summary.name,
        "marks": [[m.day.toordinal(), int(m.coaching), int(m.counted), m.praise] for m in summary.marks],
        "mentors": list(summary.mentors),
        "steps": [
            [s.set_on.toordinal(), s.outcome, s.closed_on.toordinal() if s.closed_on else None]
            for s in summary.steps
        ],
        "audits": summary.audits,
        "movement": [movement.up, movement.down, movement.same, movement.still_emerging, movement.once],
        "last_day": summary.last_day.toordinal(),
    }


def from_json(value: Any) -> EctSummary | None:
    """A summary read back, or None for anything that is not what ``to_json`` wrote."""
    if not isinstance(value, dict):
        return None
    try:
        marks = tuple(
            MeetingMark(date.fromordinal(day), bool(coaching), bool(counted), _count(praise))
            for day, coaching, counted, praise in value["marks"]
        )
        steps = tuple(
            StepMark(date.fromordinal(set_on), str(outcome), date.fromordinal(closed) if closed else None)
            for set_on, outcome, closed in value["steps"]
        )
        up, down, same, still, once = (_count(n) for n in value["movement"])
        return EctSummary(
            name=str(value["name"]),
            marks=marks,
            mentors=tuple(str(m) for m in value["mentors"]),
            steps=steps,
            audits=_count(value["audits"]),
            movement=Movement(up, down, same, still, once),
            last_day=date.fromordinal(value["last_day"]),
        )
    except (KeyError, TypeError, ValueError, OverflowError):
        return None


def _count(value: Any) -> int:
    if type(value) is not int or value < 0:
        raise ValueError(f"not a count: {value!r}")
    return value


def coached_days(summary: EctSummary, today: date) -> list[date]:
    return [m.day for m in summary.marks if m.counted and m.day <= today]


def in_window(marks: Sequence[MeetingMark], since: date | None) -> Sequence[MeetingMark]:
    return marks if since is None else [m for m in marks if m.day >= since]
