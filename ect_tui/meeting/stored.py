"""Reading a stored meeting document (a dict from the store, a bundle or a copy) safely.

Every reader of stored meetings (exports, search, carry-forward, progress, the coordinator's
report, the transcript screen) takes the sections from here instead of reading
``doc["sections"]`` by hand: a file we did not just write may hold anything, so a section
that is not an object, or a document without sections, reads as nothing rather than a crash.
The full check of a document's shape at the store's boundary is the store's (ARCHITECTURE.md).
"""

from __future__ import annotations

from typing import Any


def stored_sections(doc: Any, kind: str | None = None) -> list[dict[str, Any]]:
    """The sections of a stored meeting, in order: each one an object (anything else skipped);
    with ``kind``, only the sections of that kind."""
    sections = doc.get("sections") if isinstance(doc, dict) else None
    if not isinstance(sections, list):
        return []
    return [s for s in sections if isinstance(s, dict) and (kind is None or s.get("kind") == kind)]


def stored_part(stored: dict[str, Any], key: str) -> dict[str, Any]:
    """One mapping inside a stored document or section (``script``, ``notes``, ``ratings``,
    ``fields``, ``dates``, ``data``, a step); empty when missing or not a mapping."""
    value = stored.get(key)
    return value if isinstance(value, dict) else {}
