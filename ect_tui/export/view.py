"""A meeting read for export: what the email and Markdown both show, worked out once.

Takes the stored document (a dict) and, where this machine still has it, the
script it was recorded with (for question, statement and level texts). When the
script is gone, ids and the titles stored in the document stand in, so a mentor
can always get their notes out. Private text is dropped first and every string
is cleaned of terminal controls, so the renderers cannot leak or pass on either.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from ect_tui.coaching import COACHING_KINDS, is_coaching_doc
from ect_tui.coaching.outline import coaching_lines
from ect_tui.export.private import strip_private
from ect_tui.export.text import human_date, human_datetime, one_line, parse_iso, strip_controls
from ect_tui.meeting.countdown import format_minutes, meeting_plan_seconds
from ect_tui.meeting.progress import LEVEL_ORDER, counted_level
from ect_tui.meeting.transcript import MENTOR_VIEWS
from ect_tui.meeting.when import shown_date
from ect_tui.script.model import Script, Section

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


def meeting_view(doc: dict[str, Any], script: Script | None) -> MeetingView:
    """Read a stored meeting for export (private text removed, controls stripped)."""
    doc = strip_private(doc)
    stored_script = doc.get("script") if isinstance(doc.get("script"), dict) else {}
    if script is not None and script.id != stored_script.get("id"):
        script = None  # a different plan: its texts would mislabel the notes
    reader = _Reader(script)

    started = parse_iso(doc.get("started"))
    focus: list[StatementRef] = []
    next_steps: list[Line] = []
    next_dates: list[Line] = []
    sections: list[SectionNotes] = []
    agreed: list[str] = []
    for raw in _dicts(doc.get("sections")):
        section = reader.section(raw)
        notes = SectionNotes(
            title=one_line(section.title if section else str(raw.get("title") or raw.get("id") or "Section")),
            kind=str(raw.get("kind") or (section.kind if section else "")),
            planned_seconds=_budget(raw) if "planned_seconds" in raw else None,
            actual_seconds=_number(raw.get("elapsed_seconds")),
            notes=tuple(reader.notes(raw, section)),
            ratings=tuple(reader.ratings(raw, section)),
        )
        items_focus, fields, dates = reader.items(raw, section)
        summary = reader.coaching(raw, notes.kind)
        if summary is None:
            extra = reader.data(raw)
            fields += extra
            dates += [False] * len(extra)
        if notes.kind in NEXT_KINDS:
            focus += items_focus
            agreed += summary or ()
            for line, is_date in zip(fields, dates):
                (next_dates if is_date else next_steps).append(line)
        else:
            notes = replace(
                notes, focus=tuple(items_focus), fields=tuple(fields), summary=tuple(summary or ())
            )
        sections.append(notes)

    planned = [s.planned_seconds for s in sections if s.planned_seconds is not None]
    script_planned = [_number(raw.get("planned_seconds")) for raw in _dicts(doc.get("sections"))]
    # The sections' own time only, as the summary, transcript and history count a meeting; time
    # between sections (briefing, summary: ``untimed_seconds``) is not in the total.
    total_seconds = sum(s.actual_seconds for s in sections)
    return MeetingView(
        id=str(doc.get("id", "")),
        title=one_line(_title(stored_script, script)),
        date=human_date(started) if started else "date unknown",
        when=human_datetime(started)
        if isinstance(started, datetime)
        else (human_date(started) if started else "date unknown"),
        started=str(doc.get("started") or ""),
        ect=one_line(str(doc.get("ect") or "")),
        mentor=one_line(str(doc.get("mentor") or "")),
        complete=doc.get("status") == "complete",
        actual_seconds=total_seconds,
        planned_seconds=meeting_plan_seconds(script_planned, planned) if planned else None,
        brought=tuple(one_line(str(b)) for b in doc.get("brought") or [] if str(b).strip()),
        focus=tuple(focus),
        next_steps=tuple(next_steps),
        next_dates=tuple(next_dates),
        ratings=reader.summary(list(_dicts(doc.get("sections")))),
        sections=tuple(sections),
        coaching=is_coaching_doc(doc),
        agreed=tuple(agreed),
    )


class _Reader:
    """Looks things up in the script when there is one, else falls back to the document."""

    def __init__(self, script: Script | None):
        self.script = script
        self.statements: dict[str, str] = {}
        self.order: dict[str, int] = {}
        if script is not None:
            for section in script.audit_sections():
                for statement in section.statements:
                    self.statements.setdefault(statement.code, statement.text)
                    self.order.setdefault(statement.code, len(self.order))

    def section(self, raw: dict[str, Any]) -> Section | None:
        if self.script is None:
            return None
        try:
            return self.script.section(str(raw.get("id")))
        except KeyError:
            return None

    def statement(self, code: str) -> StatementRef:
        return StatementRef(one_line(code), one_line(self.statements.get(code, "")))

    def notes(self, raw: dict[str, Any], section: Section | None) -> list[Line]:
        notes = raw.get("notes") if isinstance(raw.get("notes"), dict) else {}
        labels = {q.id: q.text for q in section.questions} if section else {}
        ordered = [q for q in labels if q in notes] + [k for k in notes if k not in labels]
        return [
            Line(one_line(labels.get(key) or _humanize(key)), strip_controls(str(notes[key])).strip())
            for key in ordered
            if str(notes[key]).strip()
        ]

    def _label(self, section: Section | None, key: str | None) -> str:
        if key is None:
            return ""
        if section is not None:
            try:
                return section.level(key).label
            except KeyError:
                pass
        return key.capitalize()

    def ratings(self, raw: dict[str, Any], section: Section | None) -> list[RatedStatement]:
        ratings = raw.get("ratings") if isinstance(raw.get("ratings"), dict) else {}
        rows = []
        for code in sorted(ratings, key=lambda c: (self.order.get(c, len(self.order)), c)):
            rating = ratings[code] if isinstance(ratings[code], dict) else {}
            level = counted_level(rating)
            own = rating.get("level")
            view = rating.get("mentor_view")
            reason = strip_controls(str(rating.get("reason") or "")).strip()
            agreed_reason = strip_controls(str(rating.get("agreed_reason") or "")).strip()
            if not (level or reason or view or agreed_reason):
                continue
            ref = self.statement(code)
            rows.append(
                RatedStatement(
                    code=ref.code,
                    text=ref.text,
                    level=one_line(self._label(section, level)),
                    own_level=one_line(self._label(section, own)) if own and own != level else None,
                    mentor_view=one_line(MENTOR_VIEWS.get(view, str(view))) if view else None,
                    reason=reason,
                    agreed_reason=agreed_reason,
                )
            )
        return rows

    def items(
        self, raw: dict[str, Any], section: Section | None
    ) -> tuple[list[StatementRef], list[Line], list[bool]]:
        """Focus areas, answered items, and which of those answers are dates."""
        fields = raw.get("fields") if isinstance(raw.get("fields"), dict) else {}
        dates = raw.get("dates") if isinstance(raw.get("dates"), dict) else {}
        codes = [str(c) for c in raw.get("focus") or []] if isinstance(raw.get("focus"), list) else []
        focus = [self.statement(code) for code in codes]
        items = [(i.id, i.text, i.kind) for i in section.items if i.kind != "focus"] if section else []
        known = {item_id for item_id, _, _ in items}
        items += [
            (key, _humanize(key), "datetime" if key in dates else "text")
            for key in fields
            if key not in known
        ]
        lines: list[Line] = []
        is_date: list[bool] = []
        for item_id, label, kind in items:
            typed = strip_controls(str(fields.get(item_id) or "")).strip()
            # A date reads as the day it was read as when typed, or as typed and marked (when.shown_date).
            shown = shown_date(typed, dates.get(item_id)) if kind == "datetime" else typed
            if not shown:
                continue
            lines.append(Line(one_line(label), shown))
            is_date.append(kind == "datetime")
        return focus, lines, is_date

    def coaching(self, raw: dict[str, Any], kind: str) -> list[str] | None:
        """A coaching section's data in the summary screen's words; None for other kinds.

        None too if the data is not in the shape this version writes (a hand-edited or
        future record): ``data`` then shows it generically, so the notes still get out.
        """
        if kind not in COACHING_KINDS:
            return None
        data = raw.get("data") if isinstance(raw.get("data"), dict) else {}
        try:
            lines = coaching_lines(kind, data)
        except (TypeError, ValueError, AttributeError, KeyError, OverflowError):
            return None
        return [strip_controls(str(line)).rstrip() for line in lines if str(line).strip()]

    def data(self, raw: dict[str, Any]) -> list[Line]:
        """Any other section's structured content, shown generically: one line per key."""
        data = raw.get("data") if isinstance(raw.get("data"), dict) else {}
        lines = []
        for key, value in data.items():
            if _internal(str(key)) or key in UI_STATE_KEYS:
                continue
            text = _as_text(value, str(key))
            if text:
                lines.append(Line(one_line(_humanize(str(key))), text))
        return lines

    def summary(self, sections: list[dict[str, Any]]) -> RatingsSummary | None:
        audits = [s for s in sections if s.get("kind") == "audit"]
        if not audits:
            return None
        levels: dict[str, str] = {}
        total: int | None = None
        if self.script is not None:
            total = len(self.order) or None
            for section in self.script.audit_sections():
                for level in section.levels:
                    levels.setdefault(level.key, level.label)
        counted: dict[str, str] = {}
        for raw in audits:
            ratings = raw.get("ratings") if isinstance(raw.get("ratings"), dict) else {}
            for code, rating in ratings.items():
                level = counted_level(rating) if isinstance(rating, dict) else None
                if isinstance(level, str) and level:
                    counted[code] = level
        tally: dict[str, int] = {}
        for level in counted.values():
            tally[level] = tally.get(level, 0) + 1
        order = list(levels) + sorted(set(tally) - set(levels), key=lambda k: (LEVEL_ORDER.get(k, 9), k))
        counts = tuple(
            (one_line(levels.get(key, key.capitalize())), tally.get(key, 0))
            for key in order
            if key in tally or key in levels
        )
        emerging = sorted(
            (code for code, level in counted.items() if level == "emerging"),
            key=lambda c: (self.order.get(c, len(self.order)), c),
        )
        return RatingsSummary(counts, len(counted), total, tuple(self.statement(c) for c in emerging))


def _title(stored: dict[str, Any], script: Script | None) -> str:
    if script is not None:
        return script.label
    return str(stored.get("label") or stored.get("title") or stored.get("id") or "Meeting")


def _humanize(key: str) -> str:
    """An id as a label when the script that named it is gone: ``further-reading`` -> ``Further reading``."""
    text = str(key).replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:] if text else "(untitled)"


def _internal(key: str) -> bool:
    """Ids that link records together mean nothing to a reader."""
    return key == "id" or key.endswith("_id")


def _as_text(value: Any, key: str = "", *, inline: bool = False) -> str:
    """Any JSON value as readable text: strings as typed, lists one per line, objects as "Key: value".

    ``inline`` puts an object on one line (for an object inside a list, e.g. one practice round).
    """
    if value is None or value == "" or value == [] or value == {}:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return strip_controls(value).strip()
    if isinstance(value, (int, float)) and key.endswith("seconds"):
        whole = int(_number(value))
        return f"{whole // 60} min {whole % 60} s" if whole >= 60 else f"{whole} s"
    if isinstance(value, list):
        items = [_as_text(item, key, inline=True) for item in value]
        return "\n".join(f"- {item}" for item in items if item)
    if isinstance(value, dict):
        parts = [
            (_humanize(str(k)), _as_text(v, str(k), inline=inline))
            for k, v in value.items()
            if not _internal(str(k))
        ]
        parts = [(label, text) for label, text in parts if text]
        if inline:
            return ", ".join(f"{label.lower()}: {text}" for label, text in parts)
        return "\n".join(f"{label}: {text}" for label, text in parts)
    return str(value)


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _budget(raw: dict[str, Any]) -> float:
    """What a section's countdown ran from (``Countdown.budget_seconds``, as the summary counts planned):
    its planned seconds with minutes added or taken off, by the mentor (+1 min) or by rebalancing."""
    return max(0.0, _number(raw.get("planned_seconds")) + _number(raw.get("adjust_seconds")))


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return 0.0
    return float(value) if value == value and abs(value) != float("inf") else 0.0
