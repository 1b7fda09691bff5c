"""Questions the meeting core answers for the screens: does a view make sense, what is still
missing before finishing, and where the mentor should land in an audit.

Pure functions over a `Meeting`; no I/O, no Textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ect_tui.script.model import Level, Section

if TYPE_CHECKING:
    from ect_tui.meeting.transcript import Meeting


class ViewRefused(ValueError):
    """A mentor's view that cannot apply to the rating it would sit on (one line, for the screen)."""


def view_refusal(levels: Sequence[Level], level: str | None, view: str | None) -> str | None:
    """Why ``view`` makes no sense on a rating of ``level``, or None when it does.

    "Maybe too harsh" says the ECT could rate higher: on the top level there is nowhere higher.
    "Maybe too kind" says lower: on the first level there is nowhere lower.
    """
    if not levels or level is None or view is None:
        return None
    if view == "too-harsh" and level == levels[-1].key:
        return f"{levels[-1].label} is the top level, so it cannot be too harsh."
    if view == "too-kind" and level == levels[0].key:
        return f"{levels[0].label} is the first level, so it cannot be too kind."
    return None


@dataclass(frozen=True)
class Gap:
    """Something a meeting usually has before it is finished, and the stop where it is filled in."""

    text: str  # e.g. "7 of 36 statements not rated"
    position: str  # the section to go to
    code: str | None = None  # the statement to fill in first, where there is one


def finishing_gaps(meeting: Meeting) -> list[Gap]:
    """What is still missing: unrated audit statements, no focus area chosen, no date for a
    date item (e.g. the next meeting). Asked about once at finishing; it never blocks."""
    gaps: list[Gap] = []
    for record in meeting.sections:
        section = record.section
        if section.kind == "audit" and section.statements:
            unrated = unrated_codes(meeting, section.id)
            if unrated:
                text = f"{len(unrated)} of {len(section.statements)} statements not rated"
                gaps.append(Gap(text, section.id, unrated[0]))
        for item in section.items:
            if item.kind == "focus" and not record.focus:
                gaps.append(Gap("no focus areas chosen", section.id))
            elif item.kind == "datetime" and not record.dates.get(item.id):
                gaps.append(Gap(f"no date for: {item.text.rstrip('.?')}", section.id))
    return gaps


def unrated_codes(meeting: Meeting, section_id: str) -> list[str]:
    """Statements with no rating yet (neither the ECT's nor an agreed one), in script order."""
    record = meeting.record(section_id)
    return [s.code for s in record.section.statements if not record.rating(s.code).counted]


def needs_agreement(meeting: Meeting, section_id: str) -> list[str]:
    """Statements where the pair may agree a rating and has not yet, in script order."""
    record = meeting.record(section_id)
    return [
        s.code
        for s in record.section.statements
        if record.rating(s.code).agreed is None and meeting.can_settle(section_id, s.code)
    ]


def next_after(section: Section, codes: Sequence[str], current: str | None) -> str | None:
    """The first of ``codes`` after ``current`` in script order, wrapping round; None if none."""
    if not codes:
        return None
    order = [s.code for s in section.statements]
    start = order.index(current) + 1 if current in order else 0
    wanted = set(codes)
    for code in order[start:] + order[:start]:
        if code in wanted:
            return code
    return None


def landing_statement(meeting: Meeting, section_id: str) -> str | None:
    """Where the cursor goes when an audit is opened: where the mentor was, else the first
    statement still unrated, else the first statement."""
    section = meeting.record(section_id).section
    codes = [s.code for s in section.statements]
    if not codes:
        return None
    held = meeting.cursor(section_id).get("code")
    if held in codes:
        return held
    unrated = unrated_codes(meeting, section_id)
    return unrated[0] if unrated else codes[0]
