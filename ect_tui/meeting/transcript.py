"""The record of one meeting, and the changes the screens make to it.

Pure state: no I/O, no Textual. Every change bumps ``revision`` so the
autosaver knows there is something new to write.
"""

from __future__ import annotations

import copy
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ect_tui.meeting.clock import Clock
from ect_tui.meeting.countdown import Countdown
from ect_tui.meeting.rebalance import shrink_upcoming
from ect_tui.script.model import Script, Section

SCHEMA_VERSION = 1
IN_PROGRESS = "in-progress"
COMPLETE = "complete"
BRIEFING = "briefing"
SUMMARY = "summary"

REVEAL_MODES = ("each", "heading")

MENTOR_VIEWS: dict[str, str] = {
    "agree": "agree",
    "too-harsh": "maybe too harsh",
    "too-kind": "maybe too kind",
}
# The mentor's live views that question the ECT's rating, so the pair may agree another.
DOUBTS = ("too-harsh", "too-kind")


class TranscriptError(ValueError):
    """A stored meeting that does not fit its script (e.g. the script was edited)."""


@dataclass
class Rating:
    """One statement: the ECT's self-rating and reason, the mentor's view of it, and,
    in a blind audit, the mentor's prior view and the rating the pair agreed."""

    level: str | None = None
    reason: str = ""
    mentor_view: str | None = None
    prior: str | None = None  # the mentor's own rating, recorded before the meeting
    prior_evidence: str = ""
    agreed: str | None = None
    agreed_reason: str = ""

    def to_doc(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"level": self.level, "reason": self.reason, "mentor_view": self.mentor_view}
        if self.prior is not None or self.agreed is not None:
            doc.update(
                prior=self.prior,
                prior_evidence=self.prior_evidence,
                agreed=self.agreed,
                agreed_reason=self.agreed_reason,
            )
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Rating:
        return cls(
            doc.get("level"),
            doc.get("reason", ""),
            doc.get("mentor_view"),
            doc.get("prior"),
            doc.get("prior_evidence", ""),
            doc.get("agreed"),
            doc.get("agreed_reason", ""),
        )

    @property
    def empty(self) -> bool:
        return self == Rating()

    @property
    def counted(self) -> str | None:
        """The rating that counts: the agreed one where the pair settled a difference."""
        return self.agreed or self.level

    @property
    def differs(self) -> bool:
        """The ECT's rating and the mentor's prior view disagree."""
        return self.level is not None and self.prior is not None and self.level != self.prior

    @property
    def unsettled(self) -> bool:
        """A difference the pair has not yet agreed a rating for."""
        return self.differs and self.agreed is None

    @property
    def doubted(self) -> bool:
        """The ECT has rated and the mentor's live view questions it (maybe too harsh / too kind)."""
        return self.level is not None and self.mentor_view in DOUBTS

    def settleable(self, prior_shown: bool) -> bool:
        """Whether the pair may record an agreed rating: the ECT has rated, and either the
        mentor's prepared view differs (once it is shown) or the mentor's live view questions it."""
        return (self.differs and prior_shown) or self.doubted


@dataclass
class SectionRecord:
    """What was said and rated in one section, and how long it took."""

    section: Section
    countdown: Countdown
    visited: bool = False
    notes: dict[str, str] = field(default_factory=dict)
    ratings: dict[str, Rating] = field(default_factory=dict)
    focus: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    dates: dict[str, str] = field(default_factory=dict)
    private: str = ""
    # Structured content of the coaching kinds (step status, practice rounds, ...), JSON-able.
    data: dict[str, Any] = field(default_factory=dict)
    pinned: bool = False  # keeps its planned minutes when the meeting is rebalanced

    @property
    def id(self) -> str:
        return self.section.id

    def rating(self, code: str) -> Rating:
        return self.ratings.get(code) or Rating()

    def to_doc(self) -> dict[str, Any]:
        countdown = self.countdown
        return {
            "id": self.section.id,
            "kind": self.section.kind,
            "title": self.section.title,
            "planned_seconds": countdown.planned_seconds,
            "adjust_seconds": countdown.adjust_seconds,
            "elapsed_seconds": round(countdown.elapsed, 3),
            "running": countdown.running,
            "visited": self.visited,
            "pinned": self.pinned,
            "notes": dict(self.notes),
            "ratings": {code: r.to_doc() for code, r in self.ratings.items() if not r.empty},
            "focus": list(self.focus),
            "fields": dict(self.fields),
            "dates": dict(self.dates),
            "private": self.private,
            "data": copy.deepcopy(self.data),
        }


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


def new_meeting_id() -> str:
    return uuid.uuid4().hex


class Meeting:
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
        self.revision = 0
        # Blind ratings: show a difference with the mentor's prepared view after each rating,
        # or once a whole heading is rated ("heading").
        self.reveal = "each"
        # On by default: an overrun shrinks the sections still to come so the meeting ends on time.
        self.rebalance = True
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

    def rating_counts(self, section_id: str) -> Counter[str]:
        """How many statements sit at each level (only rated ones count)."""
        record = self.record(section_id)
        return Counter(r.counted for r in record.ratings.values() if r.counted)

    def rated_count(self, section_id: str) -> int:
        return sum(self.rating_counts(section_id).values())

    def audit_ratings(self) -> dict[str, Rating]:
        """Every rating from every audit section, by statement code."""
        found: dict[str, Rating] = {}
        for record in self.sections:
            if record.section.kind == "audit":
                found.update({code: r for code, r in record.ratings.items() if r.counted})
        return found

    def focus_candidates(self) -> list[tuple[str, str, str | None]]:
        """(code, text, level) for every audit statement, Emerging first, then Developing, Secure, unrated."""
        order = {"emerging": 0, "developing": 1, "secure": 2}
        ratings = self.audit_ratings()
        rows = []
        for section in self.script.audit_sections():
            for index, statement in enumerate(section.statements):
                level = ratings.get(statement.code, Rating()).counted
                rows.append((order.get(level or "", 3), index, statement.code, statement.text, level))
        rows.sort()
        return [(code, text, level) for _, _, code, text, level in rows]

    def statement_text(self, code: str) -> str:
        """The text of an audit statement by code, or "" if no audit section has it."""
        for section in self.script.audit_sections():
            for statement in section.statements:
                if statement.code == code:
                    return statement.text
        return ""

    def duration(self) -> float:
        return sum(r.countdown.elapsed for r in self.sections)

    # ----- changing -----
    def _touch(self) -> None:
        self.revision += 1
        self.updated = self.clock.now()

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
        return {r.id: share for r, share in zip(upcoming, shares)}

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

    def _update_rating(self, section_id: str, code: str, change: Callable[[Rating], None]) -> Rating:
        record = self.record(section_id)
        record.section.statement(code)  # unknown codes are a programming error
        rating = record.ratings.setdefault(code, Rating())
        change(rating)
        self._touch()
        return rating

    def rate(self, section_id: str, code: str, level: str | None) -> Rating:
        """The ECT's self-rating; None clears it, and with it what was said about it: the
        mentor's view of it (maybe too harsh / kind) and any rating agreed on top of it.
        What was typed (reasons) is kept."""
        if level is not None:
            self.record(section_id).section.level(level)

        def change(rating: Rating) -> None:
            rating.level = level
            if level is None:
                rating.agreed = None
                rating.mentor_view = None

        return self._update_rating(section_id, code, change)

    def set_reason(self, section_id: str, code: str, reason: str) -> Rating:
        if self.record(section_id).rating(code).reason == reason:
            return self.record(section_id).rating(code)
        return self._update_rating(section_id, code, lambda r: setattr(r, "reason", reason))

    def set_mentor_view(self, section_id: str, code: str, view: str | None) -> Rating:
        if view is not None and view not in MENTOR_VIEWS:
            raise KeyError(view)
        return self._update_rating(section_id, code, lambda r: setattr(r, "mentor_view", view))

    def apply_priors(self, section_id: str, views: dict[str, dict[str, str]]) -> set[str]:
        """Copy the mentor's blind views into the audit: each one with a level, for a statement of
        this section the ECT has not rated and that holds no prepared view yet (a view recorded
        after seeing the rating would not be blind). Returns the codes that took one."""
        record = self.record(section_id)
        codes = {s.code for s in record.section.statements}
        applied: set[str] = set()
        for code, view in views.items():
            held = record.rating(code)
            if code not in codes or not view.get("level") or held.level or held.prior is not None:
                continue
            rating = record.ratings.setdefault(code, Rating())
            rating.prior = view["level"]
            rating.prior_evidence = view.get("evidence", "")
            applied.add(code)
        self._touch()
        return applied

    def prior_revealed(self, section_id: str, code: str) -> bool:
        """The mentor's prepared view of a statement is shown: it has one, and the ECT has rated
        the statement (or, when revealing by heading, every statement under its heading)."""
        record = self.record(section_id)
        if record.rating(code).prior is None or not record.rating(code).level:
            return False
        if self.reveal == "each":
            return True
        group = record.section.statement(code).group
        return all(record.rating(s.code).level for s in record.section.statements if s.group == group)

    def can_settle(self, section_id: str, code: str) -> bool:
        """Whether an agreed rating may be recorded for this statement now (see `Rating.settleable`)."""
        return self.record(section_id).rating(code).settleable(self.prior_revealed(section_id, code))

    def settle(self, section_id: str, code: str, level: str | None) -> Rating:
        """The rating mentor and ECT agreed on after talking a difference through: with the
        mentor's revealed prepared view, or with the mentor's live view (maybe too harsh / kind)."""
        if level is not None:
            self.record(section_id).section.level(level)
            if not self.can_settle(section_id, code):
                raise ValueError(
                    f"{code}: an agreed rating needs the ECT's rating and a difference with the mentor's view"
                )
        return self._update_rating(section_id, code, lambda r: setattr(r, "agreed", level))

    def set_agreed_reason(self, section_id: str, code: str, reason: str) -> Rating:
        if self.record(section_id).rating(code).agreed_reason == reason:
            return self.record(section_id).rating(code)
        return self._update_rating(section_id, code, lambda r: setattr(r, "agreed_reason", reason))

    def unsettled(self, section_id: str, group: str | None = None) -> list[str]:
        """Codes, in script order, where the ECT and the mentor's prior view differ and nothing is agreed."""
        record = self.record(section_id)
        return [
            s.code
            for s in record.section.statements
            if (group is None or s.group == group) and record.rating(s.code).unsettled
        ]

    def set_focus(self, section_id: str, code: str, chosen: bool) -> None:
        """Choose or drop a focus area; focus areas keep the order they were chosen in."""
        record = self.record(section_id)
        if chosen == (code in record.focus):
            return
        if chosen:
            record.focus.append(code)
        else:
            record.focus.remove(code)
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
            "sections": [record.to_doc() for record in self.sections],
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
        meeting.revision = 0
        return meeting


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
