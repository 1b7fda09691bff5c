"""Reading a bundle file and checking it whole before anything is written (see ect_tui.export.bundle for its shape)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from ect_tui.export.bundle import FORMAT, SCHEMA, SETTINGS_TABLE, SKIPPED_TABLES
from ect_tui.meeting.transcript import SCHEMA_VERSION as MEETING_SCHEMA
from ect_tui.store.atomic import loads
from ect_tui.store.index import is_meeting_id


class BundleError(ValueError):
    """A bundle that cannot be imported; str() is one sentence naming the file."""


def read_bundle(path: Path | str) -> dict[str, Any]:
    """Read and validate a bundle file; BundleError (one sentence naming it) if it cannot be imported."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise BundleError(f"Cannot import {path}: there is no such file.") from None
    except IsADirectoryError:
        raise BundleError(f"Cannot import {path}: it is a folder, not a bundle file.") from None
    except OSError as error:
        raise BundleError(f"Cannot import {path}: {error.strerror or error}.") from None
    return parse_bundle(raw, str(path))


def parse_bundle(raw: bytes, source: str) -> dict[str, Any]:
    """Decode and validate bundle bytes; ``source`` names the file in errors."""
    try:
        data = loads(raw)
    except UnicodeDecodeError:
        raise BundleError(
            f"Cannot import {source}: it is not UTF-8 text, so it is not an ect-tui bundle."
        ) from None
    except RecursionError:
        raise BundleError(f"Cannot import {source}: its JSON is nested too deeply.") from None
    except json.JSONDecodeError as error:
        raise BundleError(
            f"Cannot import {source}: it is not valid JSON ({error.msg} at line {error.lineno} "
            f"column {error.colno}), so it may be damaged or not an ect-tui bundle."
        ) from None
    return validate_bundle(data, source)


def validate_bundle(data: Any, source: str) -> dict[str, Any]:
    """Check a decoded bundle completely (every meeting), raising BundleError on the first problem."""

    def fail(detail: str) -> BundleError:
        return BundleError(f"Cannot import {source}: {detail}.")

    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise fail("it is not an ect-tui bundle (export one with `ect-tui export --all`)")
    schema = data.get("schema")
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
        raise fail(f"its schema version {schema!r} is not a positive whole number")
    if schema > SCHEMA:
        raise fail(
            f"it was written by a newer ect-tui (bundle schema {schema}; this version reads up to {SCHEMA}), "
            "so update ect-tui (pip install -U ect-tui) and import it again"
        )
    if not isinstance(data.get("private_included"), bool):
        raise fail("it does not say whether private notes are included")
    meetings = data.get("meetings")
    if not isinstance(meetings, list):
        raise fail("its meetings are missing or not a list")
    for number, doc in enumerate(meetings, start=1):
        problem = meeting_problem(doc)
        if problem:
            raise fail(f"meeting {number} in it {problem}")
    tables = data.get("tables", {})
    if not isinstance(tables, dict):
        raise fail("its tables are not an object")
    for name, rows in tables.items():
        if not name or name in SKIPPED_TABLES:
            raise fail(f"it carries a table named {name!r}, which cannot be imported")
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise fail(f"its table {name!r} is not a list of records")
        if name == SETTINGS_TABLE and not all(isinstance(row.get("key"), str) for row in rows):
            raise fail("a setting in it has no name")
    return data


def meeting_problem(doc: Any) -> str | None:
    """Why ``doc`` is not a meeting document this version can store, or None if it is fine."""
    if not isinstance(doc, dict):
        return "is not an object"
    if not is_meeting_id(doc.get("id")):
        return f"has an invalid id {doc.get('id')!r}"
    schema = doc.get("schema")
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
        return f"has no valid schema version (found {schema!r})"
    if schema > MEETING_SCHEMA:
        return (
            f"was written by a newer ect-tui (meeting schema {schema}; this version reads up to "
            f"{MEETING_SCHEMA}), so update ect-tui and import it again"
        )
    for key in ("ect", "mentor"):
        if not isinstance(doc.get(key), str) or not doc[key].strip():
            return f"has no {'ECT' if key == 'ect' else 'mentor'} name"
    if not isinstance(doc.get("started"), str) or not isinstance(parse_time(doc["started"]), datetime):
        return f"has no valid start time (found {doc.get('started')!r})"
    if doc.get("updated") is not None and not isinstance(parse_time(doc.get("updated")), datetime):
        return f"has an invalid updated time {doc.get('updated')!r}"
    script = doc.get("script")
    if not isinstance(script, dict) or not isinstance(script.get("id"), str):
        return "does not name its script"
    sections = doc.get("sections", [])
    if not isinstance(sections, list) or not all(isinstance(s, dict) for s in sections):
        return "has sections that are not a list of objects"
    ids = [s.get("id") for s in sections if "id" in s]
    if len(ids) != len(set(map(repr, ids))):
        return "has two sections with the same id"
    return None


def parse_time(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
