"""The meeting against the clock: the whole plan for the header's clock, and planned against
actual per section."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ect_tui.meeting.transcript import Meeting


@dataclass(frozen=True)
class Schedule:
    """The whole meeting against its planned total, for the clock in the header."""

    planned_total: float
    elapsed_total: float
    drift: float  # seconds behind plan (negative: ahead)
    upcoming_planned: float  # planned time of sections not reached yet
    upcoming_available: float  # what those sections really have if the meeting ends on time

    @property
    def remaining_total(self) -> float:
        return self.planned_total - self.elapsed_total


@dataclass(frozen=True)
class Timing:
    """Planned against actual time for one section."""

    title: str
    planned: float
    actual: float

    @property
    def difference(self) -> float:
        return self.actual - self.planned


def timings(meeting: Meeting) -> list[Timing]:
    """One row per section, in script order, planned minutes as written in the script."""
    return [
        Timing(record.section.title, float(record.countdown.planned_seconds), record.countdown.elapsed)
        for record in meeting.sections
    ]
