"""Deliberate practice in timed rounds, and the drop-in visit timer; both on the meeting's clock.

A *round* is one timed go at one phase: the mentor models, the ECT rehearses,
the mentor gives feedback, the ECT rehearses again (and feedback / rehearse
again repeat as often as needed). Rounds are stored in the practice section's
data as ``{"rounds": [{"number", "phase", "seconds"}], "phase": next phase}``;
a round in progress is only held in memory and is recorded when it stops.
"""

from __future__ import annotations

from dataclasses import dataclass

from ect_tui.meeting.clock import Clock
from ect_tui.meeting.transcript import Meeting

PHASES: dict[str, str] = {
    "model": "Model",
    "rehearse": "Rehearse",
    "feedback": "Feedback",
    "rehearse-again": "Rehearse again",
}
REHEARSALS = frozenset({"rehearse", "rehearse-again"})
_NEXT = {
    "model": "rehearse",
    "rehearse": "feedback",
    "feedback": "rehearse-again",
    "rehearse-again": "feedback",
}
VISIT_AIM = (10 * 60, 15 * 60)


def next_phase(phase: str) -> str:
    """Model, rehearse, feedback, rehearse again; then feedback and rehearse again in turn."""
    return _NEXT.get(phase, "model")


@dataclass
class Stopwatch:
    """Counts up while running, on an injected clock (so tests move time without sleeping)."""

    clock: Clock
    running_since: float | None = None
    banked: float = 0.0

    @property
    def running(self) -> bool:
        return self.running_since is not None

    @property
    def elapsed(self) -> float:
        if self.running_since is None:
            return self.banked
        return self.banked + max(0.0, self.clock.monotonic() - self.running_since)

    def start(self) -> None:
        if self.running_since is None:
            self.running_since = self.clock.monotonic()

    def stop(self) -> float:
        """Stop and return the time run since the last reset."""
        self.banked = self.elapsed
        self.running_since = None
        return self.banked

    def reset(self) -> None:
        self.running_since = None
        self.banked = 0.0


@dataclass(frozen=True)
class Tally:
    rounds: int
    rehearsals: int
    seconds: int


def tally(rounds: list[dict]) -> Tally:
    """How many rounds, how many of them rehearsals, and the time they took."""
    good = [r for r in rounds if isinstance(r, dict)]
    return Tally(
        len(good),
        sum(1 for r in good if r.get("phase") in REHEARSALS),
        sum(int(r.get("seconds") or 0) for r in good),
    )


class PracticeRun:
    """The practice section of one meeting: start and stop rounds, move between phases."""

    def __init__(self, meeting: Meeting, section_id: str):
        self.meeting = meeting
        self.section_id = section_id
        self.stopwatch = Stopwatch(meeting.clock)

    @property
    def data(self) -> dict:
        return self.meeting.record(self.section_id).data

    @property
    def rounds(self) -> list[dict]:
        rounds = self.data.get("rounds")
        return list(rounds) if isinstance(rounds, list) else []

    @property
    def phase(self) -> str:
        phase = self.data.get("phase")
        if phase in PHASES:
            return phase
        last = self.rounds[-1].get("phase") if self.rounds else None
        return next_phase(last) if last in PHASES else "model"

    @property
    def running(self) -> bool:
        return self.stopwatch.running

    def start(self) -> None:
        self.stopwatch.reset()
        self.stopwatch.start()

    def stop(self) -> dict | None:
        """Record the round that was running and move on to the next phase; None if none was."""
        if not self.stopwatch.running:
            return None
        seconds = round(self.stopwatch.stop())
        self.stopwatch.reset()
        rounds = self.rounds
        phase = self.phase
        done = {"number": len(rounds) + 1, "phase": phase, "seconds": seconds}
        self.meeting.set_data(self.section_id, "rounds", [*rounds, done])
        self.meeting.set_data(self.section_id, "phase", next_phase(phase))
        return done

    def toggle(self) -> dict | None:
        if self.stopwatch.running:
            return self.stop()
        self.start()
        return None

    def advance(self) -> dict | None:
        """Next phase. While a round runs, record it and start the next phase's round at once."""
        if self.stopwatch.running:
            done = self.stop()
            self.start()
            return done
        self.meeting.set_data(self.section_id, "phase", next_phase(self.phase))
        return None

    def remove(self, number: int) -> None:
        """Drop a round started by mistake; the rest are numbered again in order."""
        kept = [r for r in self.rounds if r.get("number") != number]
        renumbered = [{**r, "number": index} for index, r in enumerate(kept, start=1)]
        self.meeting.set_data(self.section_id, "rounds", renumbered)


class VisitTimer:
    """The 10-15 minute lesson drop-in, timed; the seconds add up in ``data["visit_seconds"]``."""

    def __init__(self, meeting: Meeting, section_id: str):
        self.meeting = meeting
        self.section_id = section_id
        self.stopwatch = Stopwatch(meeting.clock)

    @property
    def recorded(self) -> int:
        value = self.meeting.record(self.section_id).data.get("visit_seconds")
        return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0

    @property
    def elapsed(self) -> float:
        return self.recorded + self.stopwatch.elapsed

    @property
    def running(self) -> bool:
        return self.stopwatch.running

    def toggle(self) -> None:
        if self.stopwatch.running:
            self.stop()
        else:
            self.stopwatch.start()

    def stop(self) -> None:
        if not self.stopwatch.running:
            return
        total = self.recorded + round(self.stopwatch.stop())
        self.stopwatch.reset()
        self.meeting.set_data(self.section_id, "visit_seconds", total)


def visit_note(seconds: float) -> str:
    """How the visit length sits against the 10-15 minute aim."""
    low, high = VISIT_AIM
    if seconds < low:
        return "aim 10-15 min"
    if seconds <= high:
        return "within 10-15 min"
    return "longer than the 10-15 min aim"
