"""Importing a bundle into a store: work out every change first (a bad file changes nothing), then write."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ect_tui.export.bundle import SETTINGS_TABLE
from ect_tui.export.text import one_line
from ect_tui.store.errors import CorruptDatabaseError, MeetingNotFoundError, StoreError
from ect_tui.transfer.merge import meeting_label, merge_meeting
from ect_tui.transfer.read import validate_bundle

if TYPE_CHECKING:
    from ect_tui.store.protocol import MeetingStore

_MISSING = object()


class ImportFailedError(Exception):
    """Writing stopped part-way (e.g. the disk filled); says how far it got."""


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rows_added: int = 0  # settings and rows of other tables
    conflicts: list[str] = field(default_factory=list)
    replaced: list[Path] = field(default_factory=list)  # where each replaced meeting's previous version is
    outcomes: list[tuple[str, str]] = field(default_factory=list)  # (added/updated/unchanged, meeting label)

    def summary(self, source: str) -> str:
        """One line for the user, e.g. ``Imported backup.json: 3 added, 0 updated, 1 unchanged.``"""
        text = f"Imported {source}: {self.added} added, {self.updated} updated, {self.unchanged} unchanged"
        if self.rows_added:
            text += f", {self.rows_added} other record{'s' if self.rows_added != 1 else ''} added"
        if self.conflicts:
            text += (
                f"; {len(self.conflicts)} conflict{'s' if len(self.conflicts) != 1 else ''} (listed below)"
            )
        text += "."
        if self.replaced:
            count = len(self.replaced)
            text += (
                f" The previous version of {'each' if count > 1 else 'the'} updated meeting is kept in "
                f"{self.replaced[0].parent}."
            )
        return text

    def dry_run(self, source: str) -> list[str]:
        """What importing ``source`` would do, meeting by meeting (nothing has been written)."""
        lines = [
            f"Dry run, nothing changed: importing {source} would add {self.added}, update {self.updated} "
            f"(keeping each previous version) and leave {self.unchanged} unchanged"
            + (f", and add {self.rows_added} other record(s)." if self.rows_added else ".")
        ]
        words = {"added": "add", "updated": "update", "unchanged": "keep"}
        lines += [f"  {words[outcome]}: {label}" for outcome, label in self.outcomes]
        return lines


@dataclass
class ImportPlan:
    """What an import will write, worked out before anything is written."""

    meetings: list[dict[str, Any]] = field(default_factory=list)
    report: ImportReport = field(default_factory=ImportReport)
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)


def plan_import(
    store: MeetingStore, bundle: dict[str, Any], *, source: str = "the bundle", checked: bool = False
) -> ImportPlan:
    """Validate the bundle and work out every change, reading the store but writing nothing.

    ``checked``: the bundle came from read_bundle, which validated all of it (checking 5,000
    meetings a second time cost about a second of a hub's import); the store still checks
    each meeting as it saves it."""
    if not checked:
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
        report.outcomes.append((merged.outcome, meeting_label(merged.doc)))
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
        # Rows compared by their canonical JSON: a hub's study log has tens of thousands of rows,
        # and comparing each incoming row with every stored one grew with the square of that.
        existing = {_row_key(row) for row in store.table(name).all()}
        new = []
        for row in rows:
            key = _row_key(row)
            if key not in existing:
                existing.add(key)
                new.append(row)
        if new:
            plan.rows[name] = new
            report.rows_added += len(new)
    return plan


def _row_key(row: dict[str, Any]) -> str:
    """Equal rows, equal keys (as ``==`` on decoded JSON, except that 1 and 1.0 or True differ)."""
    return json.dumps(row, sort_keys=True, ensure_ascii=False)


IMPORT_BATCH = 500  # meetings saved, then indexed with one append (Store.put_meetings)


def import_bundle(
    store: MeetingStore, bundle: dict[str, Any], *, source: str = "the bundle", checked: bool = False
) -> ImportReport:
    """Merge a bundle into ``store`` (see the module docstring for the rule; ``checked`` as plan_import)."""
    plan = plan_import(store, bundle, source=source, checked=checked)
    total = len(plan.meetings) + len(plan.settings) + len(plan.rows)
    done = 0
    try:
        for start in range(0, len(plan.meetings), IMPORT_BATCH):
            batch = plan.meetings[start : start + IMPORT_BATCH]
            for doc in batch:  # before it is replaced: never overwritten without a copy
                kept = store.keep_previous(doc["id"])
                if kept is not None:
                    plan.report.replaced.append(kept)
            store.put_meetings(batch)
            done += len(batch)
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
