"""Countdown arithmetic for one section: pause, resume, extend, overtime."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from ect_tui.meeting.clock import Clock

WARNING_SECONDS = 120


class TimerState(StrEnum):
    """How a countdown should look: calm, nearly out, or over."""

    NORMAL = "normal"
    WARNING = "warning"
    OVERTIME = "overtime"


@dataclass
class Countdown:
    """Counts down from a section's planned time; overtime counts up and never blocks.

    Only the time the countdown ran is counted: ``elapsed`` is banked on pause, and
    ``running_since`` is the clock reading when it last started.
    """

    planned_seconds: int
    clock: Clock
    adjust_seconds: int = 0
    banked_seconds: float = 0.0
    running_since: float | None = None

    @property
    def running(self) -> bool:
        return self.running_since is not None

    @property
    def budget_seconds(self) -> int:
        """Planned time plus any minutes added or taken away, never below zero."""
        return max(0, self.planned_seconds + self.adjust_seconds)

    @property
    def elapsed(self) -> float:
        if self.running_since is None:
            return self.banked_seconds
        return self.banked_seconds + max(0.0, self.clock.monotonic() - self.running_since)

    @property
    def remaining(self) -> float:
        """Seconds left; negative once in overtime."""
        return self.budget_seconds - self.elapsed

    @property
    def overtime(self) -> float:
        return max(0.0, -self.remaining)

    @property
    def state(self) -> TimerState:
        remaining = self.remaining
        if remaining < 0:
            return TimerState.OVERTIME
        if remaining <= WARNING_SECONDS:
            return TimerState.WARNING
        return TimerState.NORMAL

    def start(self) -> None:
        if self.running_since is None:
            self.running_since = self.clock.monotonic()

    def pause(self) -> None:
        if self.running_since is not None:
            self.banked_seconds = self.elapsed
            self.running_since = None

    resume = start

    def toggle(self) -> None:
        if self.running:
            self.pause()
        else:
            self.start()

    def extend(self, minutes: int = 1) -> None:
        """Add (or with a negative number take away) whole minutes of budget, never below a minute
        (or the section's own plan, if shorter): a section is not over before it starts."""
        floor = min(60, self.planned_seconds) - self.planned_seconds
        self.adjust_seconds = max(floor, self.adjust_seconds + minutes * 60)


def meeting_plan_seconds(planned: Iterable[float], budgets: Iterable[float]) -> float:
    """The whole meeting's plan: the script's total, grown by minutes the mentor added.

    Rebalancing only moves minutes between sections (an overrun in one shrinks those to
    come), so it never makes the plan of the hour shorter than the script set.
    """
    return max(float(sum(planned)), float(sum(budgets)))


def format_clock(seconds: float) -> str:
    """``mm:ss`` for a countdown, with a leading ``+`` in overtime; hours roll into minutes."""
    # A countdown shows whole seconds still to go (ceil); overtime shows whole seconds past (floor).
    if seconds >= 0:
        sign, whole = "", math.ceil(seconds)
    else:
        sign, whole = "+", math.floor(-seconds)
    minutes, secs = divmod(whole, 60)
    return f"{sign}{minutes:02d}:{secs:02d}"


def format_duration(seconds: float) -> str:
    """A length already past in words, ``12 min 30 s``, ``1 min`` or ``45 s``: never ``12:30``, which
    reads as a time of day in an email or a record."""
    whole = max(0, round(float(seconds)))
    minutes, secs = divmod(whole, 60)
    if minutes and secs:
        return f"{minutes} min {secs} s"
    return f"{minutes} min" if minutes else f"{secs} s"


def whole_minutes(seconds: float) -> int:
    """Time in whole minutes, to the nearest minute with half a minute rounding up.

    The one rule for every length shown after the fact (summary, history, a past meeting):
    2:29 is 2 min, 2:30 and 2:34 are 3 min. Live clocks count in ``format_clock``.
    """
    return int(math.floor(max(0.0, float(seconds)) / 60 + 0.5))


def format_minutes(seconds: float) -> str:
    """A length as ``3 min`` or ``65 min`` (via ``whole_minutes``, as the exports and ``ect-tui history``
    count); ``under 1 min`` for a few seconds."""
    minutes = whole_minutes(seconds)
    if minutes == 0:
        return "under 1 min" if seconds > 0 else "0 min"
    return f"{minutes} min"
