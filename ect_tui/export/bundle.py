"""JSON bundles: a mentor's records in one file, to move to a new laptop or hand to the coordinator.

Shape (``schema`` 1)::

    {"format": "ect-tui-bundle", "schema": 1, "exported": ISO, "private_included": bool,
     "meetings": [meeting documents, oldest first], "tables": {name: [rows]}}

Meeting documents are carried exactly as stored (the store's own JSON), so an
export then an import gives back the same documents, byte for byte once saved.
A *full backup* keeps private notes and the small tables (settings, and any
feature table such as a private notebook); a *shared* bundle has every
``private`` key removed and, of the tables, only the study log and rhythm settings
(SHARED_TABLES), so nothing mentor-only can ride along.

Merge rule on import (``merge_meeting``), per meeting id:
- not stored yet: added;
- the same apart from private notes: the stored copy stays;
- different: the copy with the later ``updated`` time wins (on a tie, or if either
  time is unreadable, the stored copy stays) and a conflict is reported, since the
  other copy's changes are not imported;
- private notes are merged separately, field by field, whichever copy won: a
  missing or empty side takes the other, text already contained in the other is
  dropped as a duplicate, and two different texts are both kept, joined by a
  separator line, with a conflict reported. Importing the same file twice
  changes nothing the second time.
A meeting id that appears twice in one file is merged the same way first.
Table rows are added where no equal row exists; a setting is only added where
this database has none (a differing one is reported and left alone).

Every meeting is validated before anything is written, so a bad file changes nothing.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ect_tui.export.private import PRIVATE_KEY, has_path, private_values, set_value, strip_private
from ect_tui.export.text import human_when, one_line
from ect_tui.meeting.transcript import SCHEMA_VERSION as MEETING_SCHEMA
from ect_tui.store.atomic import loads
from ect_tui.store.errors import CorruptDatabaseError, MeetingNotFoundError, StoreError
from ect_tui.store.index import is_meeting_id
from ect_tui.store.storage import AtomicJSONStorage

FORMAT = "ect-tui-bundle"
SCHEMA = 1
# Tables the store rebuilds or owns itself; never carried in a bundle.
SKIPPED_TABLES = frozenset({"_meta", "meetings"})
SETTINGS_TABLE = "settings"
# Safe for the induction coordinator: self-study minutes (and their topics) and each ECT's
# coaching rhythm. Never settings, prepared blind views or private notebooks.
SHARED_TABLES = frozenset({"study", "ect_settings"})
_MISSING = object()
_RAW_CONTROLS = re.compile(r"[\x7f-\x9f]")


class BundleError(ValueError):
    """A bundle that cannot be imported; str() is one sentence naming the file."""


class ImportFailedError(Exception):
    """Writing stopped part-way (e.g. the disk filled); says how far it got."""


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rows_added: int = 0  # settings and rows of other tables
    conflicts: list[str] = field(default_factory=list)

    def summary(self, source: str) -> str:
        """One line for the user, e.g. ``Imported backup.json: 3 added, 0 updated, 1 unchanged.``"""
        text = f"Imported {source}: {self.added} added, {self.updated} updated, {self.unchanged} unchanged"
        if self.rows_added:
            text += f", {self.rows_added} other record{'s' if self.rows_added != 1 else ''} added"
        if self.conflicts:
            text += (
                f"; {len(self.conflicts)} conflict{'s' if len(self.conflicts) != 1 else ''} (listed below)"
            )
        return text + "."


# ----- making bundles ---------------------------------------------------------------


def make_bundle(
    docs: Iterable[dict[str, Any]],
    *,
    private: bool,
    tables: dict[str, list[dict[str, Any]]] | None = None,
    exported: datetime | None = None,
) -> dict[str, Any]:
    """A bundle of ``docs`` (oldest first); without ``private`` every private key is removed and
    only the engagement tables the coordinator's report reads (SHARED_TABLES) ride along."""
    ordered = sorted(docs, key=lambda d: (str(d.get("started") or ""), str(d.get("id"))))
    when = (exported or datetime.now().astimezone()).isoformat(timespec="seconds")
    return {
        "format": FORMAT,
        "schema": SCHEMA,
        "exported": when,
        "private_included": private,
        "meetings": [copy.deepcopy(d) if private else strip_private(d) for d in ordered],
        "tables": {
            name: copy.deepcopy(rows)
            for name, rows in (tables or {}).items()
            if private or name in SHARED_TABLES
        },
    }


def store_tables(store: Any) -> dict[str, list[dict[str, Any]]]:
    """The store's small tables (settings and feature tables), rows in insertion order."""
    data = AtomicJSONStorage(store.path, read_only=True).read() or {}
    return {
        name: [table[key] for key in sorted(table, key=int)]
        for name, table in data.items()
        if name not in SKIPPED_TABLES and table
    }


def store_bundle(
    store: Any, *, shared: bool, ect: str | None = None, exported: datetime | None = None
) -> dict[str, Any]:
    """Every meeting in ``store`` (or one ECT's) as a bundle: a full backup unless ``shared``.

    Tables ride along only in a bundle of everything (they are not per ECT); a shared one
    keeps only SHARED_TABLES.
    Raises the store's CorruptDatabaseError if a meeting file is damaged: a backup
    that silently skipped a meeting would be worse than none.
    """
    docs = list(store.iter_meetings(ect=ect))
    tables = store_tables(store) if ect is None else None
    return make_bundle(docs, private=not shared, tables=tables, exported=exported)


def bundle_bytes(bundle: dict[str, Any]) -> bytes:
    """The bundle as UTF-8 JSON; like the store, a lone surrogate is kept exactly (see atomic.dumps).

    json escapes C0 controls itself; DEL and C1 (e.g. the 8-bit CSI) it would
    write raw, so they are escaped too: printed to a terminal, the JSON cannot drive it.
    """
    text = json.dumps(bundle, ensure_ascii=False, indent=1) + "\n"
    text = _RAW_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text.encode("utf-8", "surrogatepass")


# ----- reading bundles --------------------------------------------------------------


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
    if not isinstance(doc.get("started"), str) or not isinstance(_time(doc["started"]), datetime):
        return f"has no valid start time (found {doc.get('started')!r})"
    if doc.get("updated") is not None and not isinstance(_time(doc.get("updated")), datetime):
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


# ----- merging and importing --------------------------------------------------------


@dataclass
class Merged:
    """The result of merging one incoming meeting with what is stored."""

    doc: dict[str, Any]
    outcome: str  # "added", "updated" or "unchanged"
    conflicts: list[str] = field(default_factory=list)


def merge_meeting(
    stored: dict[str, Any] | None,
    incoming: dict[str, Any],
    *,
    source: str = "the bundle",
    here: str = "this database",
) -> Merged:
    """Merge ``incoming`` into ``stored`` by the rule in this module's docstring (pure: no I/O)."""
    if stored is None:
        return Merged(copy.deepcopy(incoming), "added")
    label = meeting_label(stored)
    conflicts: list[str] = []
    if strip_private(stored) == strip_private(incoming):
        result = copy.deepcopy(stored)
    else:
        newer = _later(incoming, stored)
        winner, loser = (incoming, stored) if newer else (stored, incoming)
        result = copy.deepcopy(winner)
        kept = source if newer else here
        other = here if newer else source
        conflicts.append(
            f"{label}: {here} and {source} hold different versions; kept the copy in {kept} "
            f"(updated {_when(winner)}) and left out the one in {other} (updated {_when(loser)})"
        )
    conflicts += _merge_private(result, stored, incoming, label, source)
    outcome = "unchanged" if result == stored else "updated"
    return Merged(result, outcome, conflicts)


def private_separator(source: str) -> str:
    """The line that joins two different private notes, so the mentor can see where one ends."""
    return f"\n\n----- private notes from the copy in {one_line(source)} (they differed) -----\n\n"


def _merge_private(
    result: dict[str, Any], stored: dict[str, Any], incoming: dict[str, Any], label: str, source: str
) -> list[str]:
    mine, theirs = private_values(stored), private_values(incoming)
    conflicts: list[str] = []
    orphans: list[str] = []
    for path in [*mine, *(p for p in theirs if p not in mine)]:
        kept, other = mine.get(path, _MISSING), theirs.get(path, _MISSING)
        if other is _MISSING or other == kept or _blank(other):
            value = kept
        elif kept is _MISSING or _blank(kept):
            value = other
        elif isinstance(kept, str) and isinstance(other, str):
            if other in kept:
                value = kept
            elif kept in other:
                value = other
            else:
                value = kept + private_separator(source) + other
                conflicts.append(
                    f"{label}: the private notes{_where(path)} differed; both were kept, "
                    "joined by a separator line"
                )
        else:
            value = kept
            conflicts.append(
                f"{label}: the private notes{_where(path)} differed and could not be joined; "
                "kept this database's"
            )
        if value is _MISSING:
            continue
        if has_path(result, path):
            set_value(result, path, value)
        elif isinstance(value, str) and value:
            orphans.append(value)  # its section is gone from the copy kept: never drop private text
    if orphans:
        top = result.get(PRIVATE_KEY) if isinstance(result.get(PRIVATE_KEY), str) else ""
        result[PRIVATE_KEY] = private_separator(source).join(t for t in [top, *orphans] if t)
    return conflicts


def _blank(value: Any) -> bool:
    return value is None or value == ""


def _where(path: tuple[Any, ...]) -> str:
    steps = [s[1] for s in path[:-1] if isinstance(s, tuple)]
    return f" in section {one_line(str(steps[-1]))!r}" if steps else ""


def meeting_label(doc: dict[str, Any]) -> str:
    """E.g. ``Meeting 3f2a1b4c (Sam Jones, Tue 24 Nov 2026)``, cleaned for the terminal."""
    date = human_when(str(doc.get("started") or "")[:10]) or "undated"
    return f"Meeting {str(doc.get('id'))[:8]} ({one_line(str(doc.get('ect') or '?'))}, {date})"


def _time(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _later(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True only if ``a`` was certainly updated after ``b``."""
    ta, tb = _time(a.get("updated") or a.get("started")), _time(b.get("updated") or b.get("started"))
    if ta is None or tb is None:
        return False
    try:
        return ta > tb
    except TypeError:  # one has a UTC offset and the other not
        return str(a.get("updated")) > str(b.get("updated"))


def _when(doc: dict[str, Any]) -> str:
    return human_when(doc.get("updated")) or "at an unknown time"


@dataclass
class ImportPlan:
    """What an import will write, worked out before anything is written."""

    meetings: list[dict[str, Any]] = field(default_factory=list)
    report: ImportReport = field(default_factory=ImportReport)
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)


def plan_import(store: Any, bundle: dict[str, Any], *, source: str = "the bundle") -> ImportPlan:
    """Validate the bundle and work out every change, reading the store but writing nothing."""
    validate_bundle(bundle, source)
    plan = ImportPlan()
    report = plan.report
    incoming: dict[str, dict[str, Any]] = {}
    for doc in bundle["meetings"]:
        earlier = incoming.get(doc["id"])
        if earlier is None:
            incoming[doc["id"]] = doc
            continue
        merged = merge_meeting(earlier, doc, source=f"a second copy in {source}", here=source)
        incoming[doc["id"]] = merged.doc
        report.conflicts += [c for c in merged.conflicts]
    for meeting_id, doc in incoming.items():
        try:
            stored = store.load_meeting(meeting_id)
        except MeetingNotFoundError:
            stored = None
        except CorruptDatabaseError:
            report.conflicts.append(
                f"{meeting_label(doc)}: the stored file for it is damaged, so it was left as it is and this "
                "meeting was not imported (run `ect-tui check-db`, move the file aside, then import again)"
            )
            continue
        merged = merge_meeting(stored, doc, source=source)
        report.conflicts += merged.conflicts
        setattr(report, merged.outcome, getattr(report, merged.outcome) + 1)
        if merged.outcome != "unchanged":
            plan.meetings.append(merged.doc)

    for name, rows in bundle.get("tables", {}).items():
        if name == SETTINGS_TABLE:
            for row in rows:
                key, value = row["key"], row.get("value")
                have = store.get_setting(key, _MISSING)
                if have is _MISSING:
                    plan.settings[key] = value
                    report.rows_added += 1
                elif have != value:
                    report.conflicts.append(
                        f"The setting {one_line(key)!r} differs from {source}; kept this database's"
                    )
            continue
        existing = [dict(row) for row in store.table(name).all()]
        new = []
        for row in rows:
            if row not in existing:
                existing.append(row)
                new.append(row)
        if new:
            plan.rows[name] = new
            report.rows_added += len(new)
    return plan


def import_bundle(store: Any, bundle: dict[str, Any], *, source: str = "the bundle") -> ImportReport:
    """Merge a validated bundle into ``store`` (see the module docstring for the rule)."""
    plan = plan_import(store, bundle, source=source)
    total = len(plan.meetings) + len(plan.settings) + len(plan.rows)
    done = 0
    try:
        for doc in plan.meetings:
            store.put_meeting(doc)
            done += 1
        for key, value in plan.settings.items():
            store.set_setting(key, value)
            done += 1
        for name, rows in plan.rows.items():
            store.table(name).insert_multiple(rows)
            done += 1
    except StoreError as error:
        raise ImportFailedError(
            f"{error} The import stopped after {done} of {total} changes; importing the same file again "
            "once this is fixed is safe."
        ) from error
    return plan.report
