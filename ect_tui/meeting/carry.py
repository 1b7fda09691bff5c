"""What was agreed last time, carried into the next meeting with the same ECT."""

from __future__ import annotations

from typing import Any

from ect_tui.meeting.stored import stored_part, stored_sections
from ect_tui.meeting.when import shown_date
from ect_tui.script.model import Script


def carried_forward(doc: dict[str, Any], script: Script | None) -> list[str]:
    """Focus areas and next steps from a stored meeting, as short lines (empty if none)."""
    texts: dict[str, str] = {}
    date_items: set[tuple[str, str]] = set()  # (section id, item id) of the script's date questions
    if script is not None:
        for planned in script.sections:
            texts.update({s.code: s.text for s in planned.statements})
            date_items.update((planned.id, item.id) for item in planned.items if item.kind == "datetime")
    lines: list[str] = []
    for section in stored_sections(doc):
        for code in section.get("focus", []):
            lines.append(f"Focus {code}: {texts.get(code, '')}".rstrip(": "))
        dates = stored_part(section, "dates")
        for item_id, value in stored_part(section, "fields").items():
            if not isinstance(value, str) or not value.strip():
                continue
            shown = value.strip()
            if item_id in dates or (section.get("id"), item_id) in date_items:
                # The day it was read as when agreed ("Tue 8 Dec 2026, 16:00"), not "tue 4pm",
                # which would mean another day by now; what was typed, marked, if it was no date.
                shown = shown_date(value, dates.get(item_id))
            # Item ids are short and readable ("next-meeting"); the prompts are whole questions.
            lines.append(f"{item_id.replace('-', ' ').capitalize()}: {shown}")
    return lines
