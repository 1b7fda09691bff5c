"""``ect-tui check-db``: is the database readable, and is every meeting file intact?

Reads only: no lock is taken (it works while the app is open) and nothing is
written or cleaned up, so it is safe to run on a database someone is worried about.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import migrations
from .atomic import is_temp_file
from .errors import StoreError
from .index import is_meeting_id
from .journal import JournalState, apply_entries, journal_path_for, read_journal
from .layout import MEETINGS_TABLE, SETTINGS_TABLE, check_meeting_doc, meetings_dir_for, schema_version
from .limits import MAX_MEETING_BYTES
from .segment_files import index_dir_for
from .segments import SegmentedIndex
from .storage import parse_json_bytes, read_file_bytes, validate_tables
from .validate import is_newer_meeting, setting_problem


@dataclass(frozen=True)
class DbCheck:
    """What ``check-db`` found: ``ok`` with the meetings counted, or the ``problem`` (naming the file)."""

    path: Path
    ok: bool
    meetings: int = 0
    problem: str = ""
    damaged: tuple[str, ...] = ()  # "file: what is wrong", one per damaged meeting file
    notes: tuple[str, ...] = field(default=())  # fine, but will be tidied on the next open

    @property
    def message(self) -> str:
        """The one paragraph `ect-tui check-db` prints."""
        if self.ok:
            return f"ok: {self.meetings} meetings" + ("; " + "; ".join(self.notes) if self.notes else "")
        return "\n".join([self.problem, *(f"  {line}" for line in self.damaged)])

    def as_json(self) -> dict[str, Any]:
        """`ect-tui check-db --json`: the same facts, for other tools."""
        return {
            "database": str(self.path),
            "ok": self.ok,
            "meetings": self.meetings if self.ok else None,
            "problem": self.problem or None,
            "damaged": list(self.damaged),
            "notes": list(self.notes),
        }


def check_database(path: Path | str) -> tuple[bool, str]:
    """(True, "ok: N meetings") or (False, what is wrong, naming the file, and what to do)."""
    result = inspect_database(path)
    return result.ok, result.message


def inspect_database(path: Path | str) -> DbCheck:
    """Read the database and every meeting file, changing nothing; see DbCheck."""
    path = Path(path)
    try:
        raw = read_file_bytes(path)
        if raw is None:
            return DbCheck(
                path,
                False,
                problem=f"There is no database at {path}. Check the path given with --db "
                "(ect-tui creates the database the first time it runs).",
            )
        data = validate_tables(parse_json_bytes(raw, path), path)
        version = schema_version(data, path)
        # Index changes not yet folded into the file (journal.py); a damaged line stops there.
        caught_up = read_journal(journal_path_for(path), JournalState())
        if caught_up is not None:
            apply_entries(data, caught_up[0])
    except StoreError as error:
        return DbCheck(path, False, problem=str(error))

    folder = meetings_dir_for(path)
    try:
        names = sorted(os.listdir(folder))
    except FileNotFoundError:
        names = []
    except OSError as error:
        return DbCheck(
            path,
            False,
            problem=f"Could not list the meetings folder {folder}: {error.strerror or error}. Check its permissions.",
        )

    found: set[str] = set()
    newer: list[str] = []
    damaged: list[str] = []
    leftovers = 0
    for name in names:
        stem, dot, ext = name.rpartition(".")
        if is_temp_file(name):
            leftovers += 1
            continue
        if not (dot and ext == "json" and is_meeting_id(stem)):
            continue
        file = folder / name
        try:
            raw = read_file_bytes(file, limit=MAX_MEETING_BYTES, within=folder, meeting=True)
            if raw is None:  # removed while we looked
                continue
            doc = check_meeting_doc(parse_json_bytes(raw, file, meeting=True), file, stem)
        except StoreError as error:
            damaged.append(f"{file}: {getattr(error, 'detail', str(error))}")
            continue
        if is_newer_meeting(doc):
            newer.append(stem)
        found.add(stem)

    settings = data.get(SETTINGS_TABLE, {})
    for row in settings.values():
        problem = setting_problem(row.get("key"), row.get("value"))
        if problem:
            damaged.append(f"{path}: the setting {problem} (ect-tui ignores it; set it again to replace it)")

    if damaged:
        count = len(damaged)
        return DbCheck(
            path,
            False,
            meetings=len(found),
            problem=f"{count} record{'s are' if count > 1 else ' is'} damaged or unreadable (listed below). "
            "ect-tui has not changed them and leaves them out of every list: restore them from "
            f"a backup, or move them out of {folder} to hide them.",
            damaged=tuple(damaged),
        )

    notes = []
    if version < 2:  # schema 1 kept the index in the file
        indexed = {row.get("id") for row in data.get(MEETINGS_TABLE, {}).values()}
    else:
        index = SegmentedIndex(index_dir_for(path), read_only=True)
        index.refresh()
        indexed = {key for name in index.names() for key in index.rows(name, keep=False)}
        if index.damaged:
            notes.append(
                f"{len(index.damaged)} index file(s) are unreadable and will be rebuilt on next open"
            )
    if indexed != found:
        notes.append("the meetings index is out of date and will be rebuilt when ect-tui next opens it")
    if leftovers:
        notes.append(
            f"{leftovers} leftover temp file(s) from an interrupted save will be removed on next open"
        )
    if newer:
        notes.append(
            f"{len(newer)} meeting(s) written by a newer ect-tui open read-only here "
            "(update ect-tui to change them)"
        )
    if version < migrations.CURRENT:
        notes.append(f"schema {version} will be upgraded to {migrations.CURRENT} on next open")
    return DbCheck(path, True, meetings=len(found), notes=tuple(notes))
