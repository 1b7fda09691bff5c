"""Reading a bundle file and checking it whole before anything is written (see ect_tui.export.bundle for its shape)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from ect_tui.export.bundle import FORMAT, SCHEMA, SETTINGS_TABLE, SKIPPED_TABLES
from ect_tui.meeting.transcript import SCHEMA_VERSION as MEETING_SCHEMA
from ect_tui.safe_files import UnreadableFileError, read_regular
from ect_tui.store.atomic import loads
from ect_tui.store.validate import is_newer_meeting, setting_problem
from ect_tui.store.validate import meeting_problem as schema_problem
from ect_tui.transfer.schema import MAX_BUNDLE_BYTES, bundle_problem


class BundleError(ValueError):
    """A bundle that cannot be imported; str() is one sentence naming the file."""


def read_bundle(path: Path | str) -> dict[str, Any]:
    """Read and validate a bundle file; BundleError (one sentence naming it) if it cannot be imported."""
    path = Path(path)
    try:
        raw = read_regular(path, MAX_BUNDLE_BYTES)  # never a FIFO, a device or a huge file
    except UnreadableFileError as error:
        raise BundleError(f"Cannot import {path}: it {error.reason}.") from None
    except OSError as error:
        raise BundleError(f"Cannot import {path}: {error.strerror or error}.") from None
    if raw is None:
        raise BundleError(f"Cannot import {path}: there is no such file.")
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
    except ValueError as error:  # e.g. a number with thousands of digits
        raise BundleError(f"Cannot import {source}: it is not valid JSON ({error}).") from None
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
    problem = bundle_problem(data)
    if problem:
        raise fail(_BUNDLE_FIELDS.get(problem.field, f"{_field(problem.field)}{problem.detail}"))
    for number, doc in enumerate(data["meetings"], start=1):
        found = meeting_problem(doc)
        if found:
            raise fail(f"meeting {number} in it {found}")
    for name, rows in data.get("tables", {}).items():
        if name in SKIPPED_TABLES:
            raise fail(f"it carries a table named {name!r}, which cannot be imported")
        if name == SETTINGS_TABLE:
            for row in rows:
                wrong = setting_problem(row.get("key"), row.get("value"))
                if wrong:
                    raise fail(f"a setting in it is not one this version can use ({wrong})")
    return data


_BUNDLE_FIELDS = {
    "meetings": "its meetings are missing or not a list",
    "private_included": "it does not say whether private notes are included",
    "tables": "its tables are not an object",
}


def _field(field: str) -> str:
    return f"its field {field!r} holds a wrong value: " if field else ""


def meeting_problem(doc: Any) -> str | None:
    """Why ``doc`` is not a meeting document this version can store, or None if it is fine
    (the declared schema, ect_tui/store/schema.py, decides)."""
    if isinstance(doc, dict) and is_newer_meeting(doc):
        return (
            f"was written by a newer ect-tui (meeting schema {doc.get('schema')}; this version reads up to "
            f"{MEETING_SCHEMA}), so update ect-tui and import it again"
        )
    problem = schema_problem(doc)
    if problem is None:
        return None
    if not problem.field:
        return f"is not a meeting ({problem.detail})"
    field = problem.field
    if field == "id":
        return f"has an invalid id {doc.get('id')!r}"
    if field in ("ect", "mentor"):
        return f"has no {'ECT' if field == 'ect' else 'mentor'} name (in {field!r}: {problem.detail})"
    if field in ("started", "updated", "ended"):
        what = {"started": "start", "updated": "updated", "ended": "end"}[field]
        return f"has no valid {what} time (found {doc.get(field)!r})"
    if field == "script" or field == "script.id":
        return "does not name its script"
    if field == "sections" and "same id" in problem.detail:
        return "has two sections with the same id"
    return f"has a wrong value in {field!r}: {problem.detail}"


def parse_time(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
