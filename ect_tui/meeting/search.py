"""Search across what was said in meetings (the shared record only, never private notes)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ect_tui.meeting.stored import stored_part, stored_sections


def searchable_text(doc: dict[str, Any]) -> str:
    """Everything typed into a meeting's shared record, lower-cased, one blob to search in."""
    parts: list[str] = [doc.get("ect", ""), doc.get("mentor", ""), doc.get("script", {}).get("title", "")]
    for section in stored_sections(doc):
        parts.extend(stored_part(section, "notes").values())
        parts.extend(r.get("reason", "") for r in stored_part(section, "ratings").values())
        parts.extend(stored_part(section, "fields").values())
    return "\n".join(p for p in parts if p).casefold()


def text_matches(blob: str, words: list[str]) -> bool:
    """Does a meeting's searchable text (``searchable_text``) hold every word? Words are
    lower-cased by the caller; a search narrows as more words are typed."""
    return all(word in blob for word in words)


def row_text(row: Mapping[str, Any]) -> str:
    """An index row's searchable words (date, ECT, mentor, plan, status), lower-cased: worth
    keeping per row where thousands are filtered again at every letter typed."""
    return " ".join(
        str(row.get(key) or "") for key in ("started", "ect", "mentor", "script_title", "script_id", "status")
    ).casefold()


def row_matches(row: Mapping[str, Any], words: list[str]) -> bool:
    """Does an index row (date, ECT, plan, status) hold every word?"""
    return text_matches(row_text(row), words)
