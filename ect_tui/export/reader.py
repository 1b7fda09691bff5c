"""Reading a stored meeting's sections for export, with or without the script it was recorded with.

``SectionReader`` looks texts up in the script when this machine still has it, else falls back
to what the document stores, so notes always come out. ``meeting_view`` (view.py) drives it.
"""

from __future__ import annotations

from typing import Any

from ect_tui.coaching import COACHING_KINDS
from ect_tui.coaching.outline import coaching_lines
from ect_tui.export.text import one_line, strip_controls

# Sections whose items are the meeting's agreed next steps: shown at the top, not with the notes.
from ect_tui.export.view_model import (
    UI_STATE_KEYS,
    Line,
    RatedStatement,
    RatingsSummary,
    StatementRef,
)
from ect_tui.meeting.progress import LEVEL_ORDER, counted_level
from ect_tui.meeting.records import MENTOR_VIEWS
from ect_tui.meeting.stored import stored_part
from ect_tui.meeting.when import shown_date
from ect_tui.script.model import Script, Section


class SectionReader:
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
        notes = stored_part(raw, "notes")
        labels = {q.id: q.text for q in section.questions} if section else {}
        ordered = [q for q in labels if q in notes] + [k for k in notes if k not in labels]
        return [
            Line(one_line(labels.get(key) or humanize_key(key)), strip_controls(str(notes[key])).strip())
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
        ratings = stored_part(raw, "ratings")
        rows = []
        for code in sorted(ratings, key=lambda c: (self.order.get(c, len(self.order)), c)):
            rating = stored_part(ratings, code)
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
        fields = stored_part(raw, "fields")
        dates = stored_part(raw, "dates")
        codes = [str(c) for c in raw.get("focus") or []] if isinstance(raw.get("focus"), list) else []
        focus = [self.statement(code) for code in codes]
        items = [(i.id, i.text, i.kind) for i in section.items if i.kind != "focus"] if section else []
        known = {item_id for item_id, _, _ in items}
        items += [
            (key, humanize_key(key), "datetime" if key in dates else "text")
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
            lines.append(Line(one_line(label), shown, item_id))
            is_date.append(kind == "datetime")
        return focus, lines, is_date

    def coaching(self, raw: dict[str, Any], kind: str) -> list[str] | None:
        """A coaching section's data in the summary screen's words; None for other kinds.

        None too if the data is not in the shape this version writes (a hand-edited or
        future record): ``data`` then shows it generically, so the notes still get out.
        """
        if kind not in COACHING_KINDS:
            return None
        data = stored_part(raw, "data")
        try:
            lines = coaching_lines(kind, data, self.script.bank if self.script is not None else None)
        except (TypeError, ValueError, AttributeError, KeyError, OverflowError):
            return None
        return [strip_controls(str(line)).rstrip() for line in lines if str(line).strip()]

    def data(self, raw: dict[str, Any]) -> list[Line]:
        """Any other section's structured content, shown generically: one line per key."""
        data = stored_part(raw, "data")
        lines = []
        for key, value in data.items():
            if internal_key(str(key)) or key in UI_STATE_KEYS:
                continue
            text = as_text(value, str(key))
            if text:
                lines.append(Line(one_line(humanize_key(str(key))), text))
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
                for defined in section.levels:
                    levels.setdefault(defined.key, defined.label)
        counted: dict[str, str] = {}
        for raw in audits:
            ratings = stored_part(raw, "ratings")
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


def script_title(stored: dict[str, Any], script: Script | None) -> str:
    if script is not None:
        return script.label
    return str(stored.get("label") or stored.get("title") or stored.get("id") or "Meeting")


def humanize_key(key: str) -> str:
    """An id as a label when the script that named it is gone: ``further-reading`` -> ``Further reading``."""
    text = str(key).replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:] if text else "(untitled)"


def internal_key(key: str) -> bool:
    """Ids that link records together mean nothing to a reader."""
    return key == "id" or key.endswith("_id")


def as_text(value: Any, key: str = "", *, inline: bool = False) -> str:
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
        whole = int(as_number(value))
        return f"{whole // 60} min {whole % 60} s" if whole >= 60 else f"{whole} s"
    if isinstance(value, list):
        items = [as_text(item, key, inline=True) for item in value]
        return "\n".join(f"- {item}" for item in items if item)
    if isinstance(value, dict):
        parts = [
            (humanize_key(str(k)), as_text(v, str(k), inline=inline))
            for k, v in value.items()
            if not internal_key(str(k))
        ]
        parts = [(label, text) for label, text in parts if text]
        if inline:
            return ", ".join(f"{label.lower()}: {text}" for label, text in parts)
        return "\n".join(f"{label}: {text}" for label, text in parts)
    return str(value)


def section_budget(raw: dict[str, Any]) -> float:
    """What a section's countdown ran from (``Countdown.budget_seconds``, as the summary counts planned):
    its planned seconds with minutes added or taken off, by the mentor (+1 min) or by rebalancing."""
    return max(0.0, as_number(raw.get("planned_seconds")) + as_number(raw.get("adjust_seconds")))


def as_number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return 0.0
    return float(value) if value == value and abs(value) != float("inf") else 0.0
