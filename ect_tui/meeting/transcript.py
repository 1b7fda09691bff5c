"""The record of one meeting, and the changes the screens make to it.

Pure state: no I/O, no Textual. Every change goes through ``_touch``, which bumps ``revision``
and calls ``on_change``: the app saves on that, so a change made anywhere (a screen, the palette,
a coaching rule) is saved without the caller having to say so (ARCHITECTURE.md).
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from ect_tui.meeting.audit import AuditMixin
from ect_tui.meeting.clock import Clock
from ect_tui.meeting.countdown import Countdown
from ect_tui.meeting.rebalance import shrink_upcoming

# Importable from here, as before the split (hence 'X as X': an explicit re-export).
from ect_tui.meeting.records import DOUBTS as DOUBTS
from ect_tui.meeting.records import MENTOR_VIEWS as MENTOR_VIEWS
from ect_tui.meeting.records import REVEAL_MODES as REVEAL_MODES
from ect_tui.meeting.records import Rating as Rating
from ect_tui.meeting.records import SectionRecord as SectionRecord
from ect_tui.meeting.records import TranscriptError as TranscriptError

# Importable from here, as before the split (hence 'X as X': an explicit re-export).
from ect_tui.meeting.schedule import Schedule as Schedule
from ect_tui.meeting.schedule import Timing as Timing
from ect_tui.meeting.schedule import timings as timings
from ect_tui.script.model import Script

SCHEMA_VERSION = 1
IN_PROGRESS = "in-progress"
COMPLETE = "complete"
BRIEFING = "briefing"
SUMMARY = "summary"


def new_meeting_id() -> str:
    return uuid.uuid4().hex


class Meeting(AuditMixin):
    """One run of a script: who, when, where we are, and everything recorded."""

    def __init__(
        self,
        script: Script,
        *,
        ect: str,
        mentor: str,
        clock: Clock,
        meeting_id: str | None = None,
        started: datetime | None = None,
    ):
        ect, mentor = ect.strip(), mentor.strip()
        if not ect:
            raise ValueError("The ECT's name is empty: type the name of the teacher you are meeting.")
        if not mentor:
            raise ValueError("The mentor's name is empty: type your own name.")
        self.script = script
        self.clock = clock
        self.id = meeting_id or new_meeting_id()
        self.ect = ect
        self.mentor = mentor
        self.status = IN_PROGRESS
        self.started = started or clock.now()
        self.ended: datetime | None = None
        self.updated = self.started
        self.position = BRIEFING
        self.brought: list[str] = []
        self.private = ""
        self.sent: str | None = None  # how the notes left: "copied", "exported" or "left" (asked once)
        # Where the mentor was in each section (statement, field), to land there on resuming.
        self.cursors: dict[str, dict[str, str]] = {}
        self.revision = 0
        # Called after every change, from _touch (the one place the revision moves); the app sets
        # it to save. Not part of the record.
        self.on_change: Callable[[], None] | None = None
        # Blind ratings: show a difference with the mentor's prepared view after each rating,
        # or once a whole heading is rated ("heading").
        self.reveal = "each"
        # On by default: an overrun shrinks the sections still to come so the meeting ends on time.
        self.rebalance = True
        self.undo: dict[str, Any] = {}  # the key-made changes, as meeting/undo.py keeps them
        # Time spent outside any section (briefing, summary) still comes out of the hour.
        self.untimed = Countdown(0, clock)
        self.untimed.start()
        self.sections = [
            SectionRecord(section, Countdown(section.planned_seconds, clock)) for section in script.sections
        ]
        self._by_id = {record.id: record for record in self.sections}

    # ----- reading -----
    def record(self, section_id: str) -> SectionRecord:
        return self._by_id[section_id]

    @property
    def positions(self) -> list[str]:
        """Every stop of the meeting in order: briefing, each section, summary."""
        return [BRIEFING, *(r.id for r in self.sections), SUMMARY]

    @property
    def current(self) -> SectionRecord | None:
        return self._by_id.get(self.position)

    @property
    def finished(self) -> bool:
        return self.status == COMPLETE

    @property
    def clock_running(self) -> bool:
        """True while time is being counted (a section's countdown, or the time between sections),
        so the record changes every second even when nobody types."""
        if self.finished:
            return False
        current = self.current
        return current.countdown.running if current is not None else self.untimed.running

    def schedule(self) -> Schedule:
        planned_total = float(sum(r.countdown.planned_seconds for r in self.sections))
        elapsed_total = sum(r.countdown.elapsed for r in self.sections)
        current = self.current
        here = self.positions.index(self.position)
        drift = 0.0
        upcoming_planned = 0.0
        for index, record in enumerate(self.sections, start=1):  # positions[0] is the briefing
            countdown = record.countdown
            overrun = max(0.0, countdown.elapsed - countdown.planned_seconds)
            if index < here:  # done: time saved or lost against the plan
                drift += countdown.elapsed - countdown.planned_seconds if record.visited else 0.0
            elif record is current:
                drift += overrun
            else:  # still to come, even if peeked at: only an overrun there counts yet
                drift += overrun
                upcoming_planned += max(0.0, countdown.planned_seconds - countdown.elapsed)
        current_left = max(0.0, current.countdown.remaining) if current else 0.0
        upcoming_available = max(0.0, planned_total - elapsed_total - current_left)
        if current is None and self.position == BRIEFING:
            upcoming_available = max(0.0, planned_total - elapsed_total)
        return Schedule(planned_total, elapsed_total, drift, upcoming_planned, upcoming_available)

    def duration(self) -> float:
        return sum(r.countdown.elapsed for r in self.sections)

    # ----- changing -----
    def _touch(self) -> None:
        """Every change ends here: the revision moves, and whoever listens (the app) is told."""
        self.revision += 1
        self.updated = self.clock.now()
        if self.on_change is not None:
            self.on_change()

    def upcoming_budgets(self) -> dict[str, float]:
        """What each section not yet entered has, so that the meeting ends on time."""
        upcoming = [r for r in self.sections if not r.visited and r is not self.current]
        if not self.rebalance:
            return {r.id: float(r.countdown.budget_seconds) for r in upcoming}
        spent = self.untimed.elapsed + sum(
            r.countdown.elapsed
            if r is not self.current
            else max(r.countdown.budget_seconds, r.countdown.elapsed)
            for r in self.sections
            if r.visited or r is self.current
        )
        total = float(sum(r.countdown.planned_seconds for r in self.sections))
        shares = shrink_upcoming(
            total, spent, [(float(r.countdown.planned_seconds), r.pinned) for r in upcoming]
        )
        return {r.id: share for r, share in zip(upcoming, shares, strict=True)}

    def go_to(self, position: str) -> None:
        """Move to a stop; only the current section's countdown runs (or the untimed clock between sections)."""
        if position not in self.positions:
            raise KeyError(position)
        if position == self.position:
            return
        if self.current is not None:
            self.current.countdown.pause()
        else:
            self.untimed.pause()
        budgets = self.upcoming_budgets()
        self.position = position
        record = self.current
        if self.finished:
            pass
        elif record is None:
            self.untimed.start()
        else:
            if not record.visited and self.rebalance and not record.pinned:
                countdown = record.countdown
                countdown.adjust_seconds = round(budgets[record.id]) - countdown.planned_seconds
            record.visited = True
            record.countdown.start()
        self._touch()

    def set_reveal(self, mode: str) -> None:
        if mode not in REVEAL_MODES:
            raise ValueError(mode)
        self.reveal = mode
        self._touch()

    def set_rebalance(self, on: bool) -> None:
        self.rebalance = on
        self._touch()

    def toggle_pin(self, section_id: str) -> bool:
        """Pin or unpin a section's planned minutes; returns whether it is now pinned."""
        record = self.record(section_id)
        record.pinned = not record.pinned
        if record.pinned and record.visited and record.countdown.adjust_seconds < 0:
            record.countdown.adjust_seconds = 0  # pinning gives back what rebalancing took
        self._touch()
        return record.pinned

    def step(self, delta: int) -> str:
        """Move forward (+1) or back (-1) one stop; returns the new position."""
        positions = self.positions
        index = positions.index(self.position) + delta
        self.go_to(positions[max(0, min(index, len(positions) - 1))])
        return self.position

    def toggle_timer(self) -> None:
        if self.current is not None:
            self.current.countdown.toggle()
            self._touch()

    def extend(self, minutes: int) -> None:
        if self.current is not None:
            self.current.countdown.extend(minutes)
            self._touch()

    def set_brought(self, item: str, brought: bool) -> None:
        if brought and item not in self.brought:
            self.brought.append(item)
        elif not brought and item in self.brought:
            self.brought.remove(item)
        else:
            return
        self._touch()

    def set_note(self, section_id: str, question_id: str, text: str) -> None:
        record = self.record(section_id)
        if record.notes.get(question_id, "") == text:
            return
        record.notes[question_id] = text
        self._touch()

    def set_private(self, text: str) -> None:
        """The mentor's private note on the meeting as a whole (never exported)."""
        if self.private != text:
            self.private = text
            self._touch()

    def set_section_private(self, section_id: str, text: str) -> None:
        """The mentor's private note on one section (never exported)."""
        record = self.record(section_id)
        if record.private != text:
            record.private = text
            self._touch()

    def cursor(self, section_id: str) -> dict[str, str]:
        """Where the mentor was in a section (e.g. ``{"code": "1.3", "field": "reason"}``), for resuming."""
        return dict(self.cursors.get(section_id, {}))

    def set_cursor(self, section_id: str, **where: str) -> None:
        """Remember where the mentor is in a section; saved with the meeting, never exported."""
        self.record(section_id)  # unknown sections are a programming error
        if self.cursors.get(section_id) == where:
            return
        self.cursors[section_id] = dict(where)
        self._touch()

    def set_field(self, section_id: str, item_id: str, text: str, iso: str | None = None) -> None:
        """Record a next-steps answer; ``iso`` is the date it was read as, if any."""
        record = self.record(section_id)
        if record.fields.get(item_id, "") == text and record.dates.get(item_id) == iso:
            return
        record.fields[item_id] = text
        if iso:
            record.dates[item_id] = iso
        else:
            record.dates.pop(item_id, None)
        self._touch()

    def set_data(self, section_id: str, key: str, value: Any) -> None:
        """Record one piece of a coaching section's structured content (a JSON-able value)."""
        record = self.record(section_id)
        if record.data.get(key) == value:
            return
        record.data[key] = copy.deepcopy(value)
        self._touch()

    def mark_sent(self, how: str) -> None:
        """Remember that the notes were copied or exported (or that the mentor chose to leave them)."""
        if self.sent in (None, "left") or how != "left":
            self.sent = how
            self._touch()

    def finish(self) -> None:
        """Stop every clock and mark the meeting complete."""
        self.untimed.pause()
        for record in self.sections:
            record.countdown.pause()
        self.status = COMPLETE
        self.ended = self.clock.now()
        self.position = SUMMARY
        self._touch()

    def reopen(self) -> None:
        """Undo finish, e.g. when the mentor goes back to add a forgotten note."""
        self.status = IN_PROGRESS
        self.ended = None
        self._touch()

    # ----- the stored document -----
    def to_doc(self) -> dict[str, Any]:
        script = self.script
        return {
            "schema": SCHEMA_VERSION,
            "id": self.id,
            "kind": "meeting",
            "script": {
                "id": script.id,
                "version": script.version,
                "title": script.title,
                "label": script.label,
                "module": script.module,
                "week": script.week,
            },
            "ect": self.ect,
            "mentor": self.mentor,
            "status": self.status,
            "started": self.started.isoformat(timespec="seconds"),
            "ended": self.ended.isoformat(timespec="seconds") if self.ended else None,
            "updated": self.updated.isoformat(timespec="seconds"),
            "position": self.position,
            "rebalance": self.rebalance,
            "reveal": self.reveal,
            "untimed_seconds": round(self.untimed.elapsed, 3),
            "brought": list(self.brought),
            "sent": self.sent,
            "private": self.private,
            "cursors": {key: dict(where) for key, where in self.cursors.items()},
            "sections": [record.to_doc() for record in self.sections],
            **({"undo": copy.deepcopy(self.undo)} if self.undo else {}),
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any], script: Script, clock: Clock, *, resume: bool = True) -> Meeting:
        """Rebuild a meeting from its stored document; timers come back paused, then the current one restarts."""
        if doc.get("script", {}).get("id") != script.id:
            raise TranscriptError(f"meeting {doc.get('id')} was not recorded with script {script.id!r}")
        meeting = cls(
            script,
            ect=doc["ect"],
            mentor=doc["mentor"],
            clock=clock,
            meeting_id=doc["id"],
            started=datetime.fromisoformat(doc["started"]),
        )
        meeting.status = doc.get("status", IN_PROGRESS)
        meeting.ended = datetime.fromisoformat(doc["ended"]) if doc.get("ended") else None
        meeting.updated = datetime.fromisoformat(doc.get("updated") or doc["started"])
        meeting.brought = list(doc.get("brought", []))
        meeting.rebalance = bool(doc.get("rebalance", True))
        meeting.reveal = doc.get("reveal", "each") if doc.get("reveal") in REVEAL_MODES else "each"
        meeting.untimed = Countdown(0, clock, banked_seconds=float(doc.get("untimed_seconds", 0.0)))
        meeting.private = doc.get("private", "")
        meeting.sent = doc.get("sent")
        cursors = doc.get("cursors")
        if isinstance(cursors, dict):
            meeting.cursors = {
                key: {k: v for k, v in where.items() if isinstance(v, str)}
                for key, where in cursors.items()
                if key in meeting._by_id and isinstance(where, dict)
            }
        stored = {s["id"]: s for s in doc.get("sections", [])}
        for record in meeting.sections:
            saved = stored.get(record.id)
            if saved is None:
                continue
            record.countdown.adjust_seconds = int(saved.get("adjust_seconds", 0))
            record.countdown.banked_seconds = float(saved.get("elapsed_seconds", 0.0))
            record.visited = bool(saved.get("visited", False))
            record.pinned = bool(saved.get("pinned", False))
            record.notes = dict(saved.get("notes", {}))
            record.ratings = {code: Rating.from_doc(r) for code, r in saved.get("ratings", {}).items()}
            record.focus = list(saved.get("focus", []))
            record.fields = dict(saved.get("fields", {}))
            record.dates = dict(saved.get("dates", {}))
            record.private = saved.get("private", "")
            record.data = copy.deepcopy(saved.get("data", {}))
        position = doc.get("position", BRIEFING)
        meeting.position = position if position in meeting.positions else BRIEFING
        current = meeting.current
        if resume and not meeting.finished:
            if current is None:
                meeting.untimed.start()
            elif bool(stored.get(current.id, {}).get("running", True)):
                current.countdown.start()
        undo = doc.get("undo")
        meeting.undo = copy.deepcopy(undo) if isinstance(undo, dict) else {}  # read by meeting/undo.py
        meeting.revision = 0
        return meeting
