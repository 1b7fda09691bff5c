"""Scripts out as JSON (for other tools) or as a plain outline (for a person)."""

from __future__ import annotations

import dataclasses
from typing import Any

from ect_tui.script.model import Script


def script_to_dict(script: Script) -> dict[str, Any]:
    """Every field of the loaded script, sections in order; empty content lists left out."""
    data = dataclasses.asdict(dataclasses.replace(script, bank=None))
    data.pop("source", None)
    data.pop("bank", None)  # the framework's whole bank: named by `framework`, not repeated
    for section in data["sections"]:
        for key in [k for k, v in section.items() if v in ((), [], "")]:
            del section[key]
    return data


def script_outline(script: Script) -> str:
    lines = [
        script.label,
        f"id {script.id}, version {script.version}, {script.planned_seconds // 60} min"
        + (f", statements from {script.framework_label}" if script.framework_label else ""),
        "",
    ]
    for number, section in enumerate(script.sections, start=1):
        minutes = f"{section.minutes:g}"
        lines.append(f"{number}. {section.title} ({section.kind}, {minutes} min)")
        for question in section.questions:
            lines.append(f"   - {question.text}")
        for statement in section.statements:
            lines.append(f"   {statement.code:>4}  {statement.text}")
        for item in section.items:
            lines.append(f"   - {item.text}")
    return "\n".join(lines)
