"""Praise points, and the one being typed: nothing typed is lost by moving on without Enter.

Stored shape (``SectionRecord.data`` of a praise section):
``{"praise": [point, ...], "draft": text still in the box}``. The draft is saved as
it is typed (with the meeting's normal autosave); leaving the section adds it as a
point (``keep_draft``), and until then every read-through counts it as one
(``praise_points``), so a crash or an unusual exit cannot drop it either.
"""

from __future__ import annotations

from typing import Any

from ect_tui.meeting.transcript import Meeting

PRAISE, DRAFT = "praise", "draft"


def _clean(text: Any) -> str:
    return " ".join(text.split()) if isinstance(text, str) else ""


def recorded(data: Any) -> list[str]:
    """The praise points added so far (Enter, or a kept draft), as stored."""
    value = data.get(PRAISE) if isinstance(data, dict) else None
    return [p for p in value if isinstance(p, str)] if isinstance(value, list) else []


def praise_points(data: Any) -> list[str]:
    """Every praise point to show or count: the recorded ones, then the one still being typed."""
    points = [p for p in recorded(data) if p.strip()]
    draft = _clean(data.get(DRAFT)) if isinstance(data, dict) else ""
    return points + [draft] if draft else points


def set_draft(meeting: Meeting, section_id: str, text: str) -> None:
    """Keep what is in the praise box as typed (saved with the meeting, not yet a point)."""
    meeting.set_data(section_id, DRAFT, text)


def add_praise(meeting: Meeting, section_id: str, text: str) -> str:
    """Add one point (spaces tidied) and empty the draft; returns the point, or "" if there was nothing."""
    point = _clean(text)
    if point:
        meeting.set_data(section_id, PRAISE, [*recorded(meeting.record(section_id).data), point])
    if DRAFT in meeting.record(section_id).data:
        meeting.set_data(section_id, DRAFT, "")
    return point


def keep_draft(meeting: Meeting, section_id: str) -> str:
    """On leaving the section: the typed-but-not-added praise becomes a point; returns it ("" if none)."""
    draft = meeting.record(section_id).data.get(DRAFT)
    if not isinstance(draft, str) or not draft:
        return ""
    return add_praise(meeting, section_id, draft)


def kept_message(point: str) -> str:
    """The one line that tells the mentor a typed point was added for them."""
    return f"Added the praise you typed: {point}"
