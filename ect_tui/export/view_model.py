"""The shapes of a meeting read for export (see view.py): lines, rated statements, sections, the
whole meeting. Plain frozen data; the renderers (email, Markdown) only read them."""

from __future__ import annotations

from dataclasses import dataclass

from ect_tui.meeting.countdown import format_minutes

# Sections whose items are the meeting's agreed next steps: shown at the top, not with the notes.


NEXT_KINDS = frozenset({"next-steps", "next", "action-step"})
# Screen state kept in a section's data (e.g. the practice phase the timer is on): not part of the record.
UI_STATE_KEYS = frozenset({"phase", "replaces"})
# The preparation checklist, as ticked: never a ✗ for the rest, which would read as blame.
PREPARED = "Prepared"
DEVELOPMENTAL = (
    "The ECT programme is developmental support, not assessment: these notes record a "
    "conversation to help the ECT grow and are not a judgement of their teaching."
)


@dataclass(frozen=True)
class Line:
    """A label (a question or item text) and what was written against it."""

    label: str
    text: str
    key: str = ""  # the script's item id, where the line answers one (e.g. "next-meeting")


@dataclass(frozen=True)
class StatementRef:
    """An audit statement by code, with its text where the script is known."""

    code: str
    text: str = ""


@dataclass(frozen=True)
class RatedStatement:
    code: str
    text: str
    level: str  # label of the rating that counts, "" if only a reason was given
    own_level: str | None  # the ECT's own rating, where an agreed one differs
    mentor_view: str | None
    reason: str
    agreed_reason: str = ""  # why the pair settled on the agreed rating (blind audits)

    @property
    def verdict(self) -> str:
        """E.g. ``Emerging (mentor: maybe too harsh)``."""
        extra = []
        if self.own_level:
            extra.append(f"ECT's own rating: {self.own_level}")
        if self.mentor_view:
            extra.append(f"mentor: {self.mentor_view}")
        level = self.level or "not rated"
        return f"{level} ({'; '.join(extra)})" if extra else level


@dataclass(frozen=True)
class SectionNotes:
    title: str
    kind: str
    planned_seconds: float | None  # what its countdown ran from: with minutes added (+1 min) or taken off
    actual_seconds: float
    notes: tuple[Line, ...] = ()
    ratings: tuple[RatedStatement, ...] = ()
    focus: tuple[StatementRef, ...] = ()
    fields: tuple[Line, ...] = ()
    # A coaching section's record in words (``coaching.outline.coaching_lines``, the summary
    # screen's wording); a line starting with two spaces belongs to the line above it.
    summary: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.notes or self.ratings or self.focus or self.fields or self.summary)

    @property
    def took(self) -> str:
        """E.g. ``16 min`` or ``under 1 min``, by the summary screen's rule; "" if never timed."""
        return format_minutes(self.actual_seconds) if self.actual_seconds > 0 else ""


@dataclass(frozen=True)
class RatingsSummary:
    counts: tuple[tuple[str, int], ...]  # (level label, how many), in scale order
    rated: int
    total: int | None  # statements in the script's audit, if the script is known
    emerging: tuple[StatementRef, ...]

    def sentence(self) -> str:
        """E.g. ``36 of 36 statements rated: 12 Emerging, 14 Developing, 10 Secure.``"""
        if not self.rated:
            return "No statements rated yet."
        of = f" of {self.total}" if self.total else ""
        parts = ", ".join(f"{count} {label}" for label, count in self.counts)
        noun = "statement" if self.rated == 1 and not self.total else "statements"
        return f"{self.rated}{of} {noun} rated: {parts}."


@dataclass(frozen=True)
class MeetingView:
    id: str
    title: str  # e.g. "Module 1 Week 1: Module audit"
    date: str  # e.g. "Tue 24 Nov 2026"
    when: str  # e.g. "Tue 24 Nov 2026, 15:30"
    started: str  # ISO, for sorting
    ect: str
    mentor: str
    complete: bool
    actual_seconds: float  # the sections' own time, as the summary and history count it
    planned_seconds: float | None  # their planned time with minutes added, if any section was planned
    brought: tuple[
        str, ...
    ]  # the preparation ticked, in the script's words (what was not ticked is not said)
    focus: tuple[StatementRef, ...]
    next_steps: tuple[Line, ...]
    next_dates: tuple[Line, ...]  # dates agreed for what comes next (the next meeting, drop-in, ...)
    ratings: RatingsSummary | None
    sections: tuple[SectionNotes, ...]
    coaching: bool = False  # a weekly coaching meeting: no focus areas or ratings, one action step
    agreed: tuple[str, ...] = ()  # the action step set (summary lines of the action-step section)
    framework: str = ""  # the script's framework, short (e.g. "ITTECF"); "" if none or unknown
    framework_label: str = ""  # e.g. "ITTECF (DfE, January 2024)"

    @property
    def prepared(self) -> str:
        """E.g. ``✓ Brief the ECT…; ✓ …`` (shown after ``PREPARED``): only what was ticked; "" if nothing was."""
        return "; ".join(f"✓ {item}" for item in self.brought)

    @property
    def subject(self) -> str:
        return f"Mentor meeting notes: {self.title}, {self.date}"

    @property
    def time_line(self) -> str:
        """E.g. ``58 min, planned 61 min``: whole minutes by ``countdown.format_minutes``, as everywhere."""
        planned = f", planned {format_minutes(self.planned_seconds)}" if self.planned_seconds else ""
        return f"{format_minutes(self.actual_seconds)}{planned}"
