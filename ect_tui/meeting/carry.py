"""What was agreed last time, carried into the next meeting with the same ECT."""

from __future__ import annotations

from typing import Any

from ect_tui.script.model import Script


def carried_forward(doc: dict[str, Any], script: Script | None) -> list[str]:
    """Focus areas and next steps from a stored meeting, as short lines (empty if none)."""
    texts: dict[str, str] = {}
    if script is not None:
        for section in script.sections:
            texts.update({s.code: s.text for s in section.statements})
    lines: list[str] = []
    for section in doc.get("sections", []):
        for code in section.get("focus", []):
            lines.append(f"Focus {code}: {texts.get(code, '')}".rstrip(": "))
        for item_id, value in section.get("fields", {}).items():
            if value.strip():
                # Item ids are short and readable ("next-meeting"); the prompts are whole questions.
                lines.append(f"{item_id.replace('-', ' ').capitalize()}: {value.strip()}")
    return lines
