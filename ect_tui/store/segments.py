"""The meetings index, kept by month (segment_files.py) and read a month at a time.

At a hub's 50,000 meetings the index held whole cost about 100 MB and a second to parse
before the start screen could ask who has an unfinished meeting (ARCHITECTURE.md, Scale).
Here the start screen reads the summary alone; a list reads month files as it needs them
(keeping them parsed, so a second look is free); opening the store checks them one month
at a time. A change is one line appended to the index journal (journal.py: fsynced before
it is acknowledged, a torn last line ignored), applied on top of the month files by every
reader, and folded into the months it touches once the journal grows, when the store
opens and when it closes.

Thread safety: the saver thread changes rows while the event loop reads them, so every
public method holds one lock for the short time it looks at the state in memory.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import suppress
from pathlib import Path

from .errors import SaveFailedError
from .index import newest_first
from .journal import JournalState, append_journal, read_with, remove_journal
from .segment_files import (
    JOURNAL_NAME,
    DamagedIndexFile,
    FileKey,
    Row,
    SegmentSummary,
    encode_index_entries,
    index_entry,
    list_segments,
    newest_segments_first,
    read_segment,
    read_summary,
    segment_of,
    segment_path,
    stamp_text,
    write_segment,
    write_summary,
)

# The journal is folded into the month files once it holds this many bytes (a few hundred changes).
FOLD_AT_BYTES = 256 * 1024
Change = tuple[str, Row | None, str | None]  # (meeting id, row or None, month it left)


class SegmentedIndex:
    """Index rows by meeting id, filed by month, with the journal's changes on top."""

    def __init__(self, folder: Path, *, read_only: bool) -> None:
        self.folder = folder
        self.read_only = read_only
        self.journal_path = folder / JOURNAL_NAME
        self._lock = threading.RLock()
        self._files: dict[str, tuple[FileKey, dict[str, Row]]] = {}  # month files parsed, by stamp
        self._staged: dict[str, tuple[FileKey, dict[str, Row]]] = {}  # parsed without the lock (_read_ahead)
        self._on_disk: dict[str, FileKey] = {}
        self._overlay: dict[str, Row | None] = {}  # the journal's last word on each meeting it names
        self._left: dict[str, set[str]] = {}  # months a journaled meeting must leave at the fold
        self._touched: dict[str, int] = {}  # month -> changes to it since the fold
        self._journal = JournalState()
        self._stored = read_summary(folder)
        self._summaries: dict[str, tuple[object, SegmentSummary]] = {}
        self._ordered: dict[str, tuple[object, list[Row]]] = {}
        self._all: tuple[object, list[Row]] | None = None
        self.damaged: list[str] = []  # index files set aside as unreadable (reconcile rebuilds them)

    # -- reading -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Catch up with the disk: month files replaced since, and journal lines appended."""
        with self._lock:
            self._on_disk = list_segments(self.folder)
            for name in [n for n, (key, _) in self._files.items() if self._on_disk.get(n) != key]:
                del self._files[name]
            caught_up = read_with(self.journal_path, self._journal, index_entry)
            if caught_up is None:  # folded by the writer since: read it from the start
                self._reset_overlay()
                caught_up = read_with(self.journal_path, self._journal, index_entry) or (
                    [],
                    JournalState(),
                )
            entries, self._journal = caught_up
            self._apply(entries)

    def names(self) -> list[str]:
        """Months with rows on disk or in the journal, newest first."""
        with self._lock:
            journaled = {segment_of(row) for row in self._overlay.values() if row is not None}
            return newest_segments_first(set(self._on_disk) | journaled)

    def rows(self, name: str, *, keep: bool = True) -> dict[str, Row]:
        """One month's rows by meeting id, journal applied (shared: read, never change).
        ``keep``: hold the parsed file for the next look (not while checking every month once)."""
        with self._lock:
            base = self._file_rows(name, keep=keep)
            overlay = self._overlay
            if not self._touched.get(name):
                return base
            live = {key: row for key, row in base.items() if key not in overlay}
            for key, row in overlay.items():
                if row is not None and segment_of(row) == name:
                    live[key] = row
            return live

    def ordered(self, name: str) -> list[Row]:
        """One month's rows newest first (kept until the month changes)."""
        with self._lock:
            token = (self._on_disk.get(name), self._touched.get(name, 0))
            kept = self._ordered.get(name)
            if kept is None or kept[0] != token:
                kept = self._ordered[name] = (token, newest_first(self.rows(name).values()))
            return kept[1]

    def all_rows(self) -> list[Row]:
        """Every row, newest first: the months in order, each sorted once per change to it."""
        for name in self.names():
            self._read_ahead(name)
        with self._lock:
            names = self.names()
            token = tuple((n, self._on_disk.get(n), self._touched.get(n, 0)) for n in names)
            if self._all is None or self._all[0] != token:
                rows: list[Row] = []
                for name in names:
                    rows.extend(self.ordered(name))
                self._all = (token, rows)
            return self._all[1]

    def each_month(self, *, keep: bool = False) -> Iterator[list[Row]]:
        """Each month's rows newest first, newest month first, parsing a month only when reached and
        keeping it only if it was kept already or ``keep`` (a per-ECT list reads every month once)."""
        for name in self.names():
            self._read_ahead(name)
            with self._lock:
                if keep or name in self._files or name in self._ordered:
                    month = self.ordered(name)
                else:
                    month = newest_first(self.rows(name, keep=False).values())
            yield month

    def find(self, meeting_id: str, months: Iterable[str], *, keep: bool = True) -> tuple[str, Row] | None:
        """(month, row) of a meeting, if the journal or one of ``months`` has it."""
        with self._lock:
            if meeting_id in self._overlay:
                row = self._overlay[meeting_id]
                return None if row is None else (segment_of(row), row)
            for name in months:
                found = self.rows(name, keep=keep).get(meeting_id)
                if found is not None:
                    return name, found
            return None

    def summary(self) -> list[SegmentSummary]:
        """Each month's summary: stored, if it was worked out from the file as it is now."""
        with self._lock:
            summaries = []
            for name in self.names():
                summary = self._fresh(name)
                if summary is None:
                    stored = self._stored.get(name)
                    key = self._on_disk.get(name)
                    if not self._touched.get(name) and stored and key and stored[0] == stamp_text(key):
                        summary = stored[1]
                    else:
                        summary = SegmentSummary.of(self.rows(name, keep=name in self._files).values())
                    self._note_summary(name, summary)
                summaries.append(summary)
            return summaries

    # -- writing -------------------------------------------------------------------------

    def put(self, rows: list[Row], *, look_everywhere: frozenset[str] = frozenset()) -> None:
        """Set whole rows (an append to the journal, fsynced); unchanged rows write nothing.

        The row before is looked for in the journal and in the row's own month; for the meetings
        in ``look_everywhere`` (an import's replaced meetings, which may come back with another
        start) also in every other month, read once for the whole batch. A start moved otherwise
        is caught when the store next opens, where every row is checked against its file."""
        with self._lock:
            elsewhere = self._months_of(set(look_everywhere)) if look_everywhere else {}
            changes: list[Change] = []
            pending: dict[str, Row] = {}
            for row in rows:
                key, name = row["id"], segment_of(row)
                months = [name] + ([elsewhere[key]] if key in elsewhere and elsewhere[key] != name else [])
                old = (segment_of(pending[key]), pending[key]) if key in pending else self.find(key, months)
                old_name, old_row = old if old is not None else (None, None)
                if old_row == row:
                    continue
                changes.append((key, row, old_name if old_name not in (None, name) else None))
                pending[key] = row
            self._write(changes)

    def remove(self, meeting_id: str, hint: str | None = None) -> bool:
        """Take a meeting's row out (looking in ``hint`` first, then every month); False if it had none."""
        with self._lock:
            months = ([hint] if hint else []) + [n for n in self.names() if n != hint]
            found = self.find(meeting_id, months, keep=False)
            if found is None:
                return False
            self._write([(meeting_id, None, found[0])])
            return True

    def fold(self) -> None:
        """Write the journal's changes into the months they touch, the summary, then drop the journal.

        Each file is replaced atomically and every journal line sets or removes a whole row, so a
        crash part way replays the same lines onto the same files at the next open.
        """
        with self._lock:
            if not self._overlay and self._journal.ino is None and not self.journal_path.exists():
                return
            touched = {segment_of(row) for row in self._overlay.values() if row is not None}
            for months in self._left.values():
                touched |= months
            try:
                for name in touched:
                    live = dict(self.rows(name))
                    self._store_file(name, live)
                self._write_summary()
                remove_journal(self.journal_path)
            except OSError as error:
                raise SaveFailedError(self.journal_path, error) from error
            self._reset_overlay()

    def replace_all(self, months: dict[str, dict[str, Row]]) -> None:
        """Make the index exactly ``months`` (a rebuild): every month file, the summary, no journal."""
        with self._lock:
            try:
                for name in set(list_segments(self.folder)) - set(months):
                    write_segment(self.folder, name, {})
                for name, rows in months.items():
                    self._store_file(name, rows, keep=False)
                self._on_disk = list_segments(self.folder)
                self._write_summary(
                    known={name: SegmentSummary.of(rows.values()) for name, rows in months.items()}
                )
                remove_journal(self.journal_path)
            except OSError as error:
                raise SaveFailedError(self.folder, error) from error
            self._files.clear()
            self._reset_overlay()

    def write_month(self, name: str, rows: dict[str, Row], summary: SegmentSummary) -> None:
        """Replace one month (reconciling, with the journal already folded) and note its summary."""
        with self._lock:
            try:
                self._store_file(name, rows, keep=False)
            except OSError as error:
                raise SaveFailedError(segment_path(self.folder, name), error) from error
            self._note_summary(name, summary)

    def note_summary(self, name: str, summary: SegmentSummary) -> None:
        with self._lock:
            self._note_summary(name, summary)

    def save_summary(self) -> None:
        """Write the summary if any month's differs from the one stored (best effort)."""
        with self._lock:
            stored = {
                name: (stamp_text(key), s) for name, key in self._on_disk.items() if (s := self._fresh(name))
            }
            if stored.keys() == self._stored.keys() and all(
                self._stored[n][0] == stamp and self._stored[n][1] == s for n, (stamp, s) in stored.items()
            ):
                return
            with suppress(OSError):
                write_summary(self.folder, stored)
                self._stored = stored

    # -- internals -----------------------------------------------------------------------

    def _months_of(self, ids: set[str]) -> dict[str, str]:
        """The month each of ``ids`` is filed under on disk (every month read once, none kept)."""
        found: dict[str, str] = {}
        for name in list(self._on_disk):
            for key in ids.intersection(self._file_rows(name, keep=name in self._files)):
                found[key] = name
        return found

    def _read_ahead(self, name: str) -> None:
        """Parse a month file without holding the lock, for ``_file_rows`` to take if the file is
        unchanged: a hub's month takes ~10 ms, all 24 a third of a second, which a query from the
        event loop (the start screen's unfinished meetings) must not wait behind."""
        with self._lock:
            key = self._on_disk.get(name)
            kept = self._files.get(name)
            if key is None or (kept is not None and kept[0] == key) or name in self._staged:
                return
        try:
            rows = read_segment(segment_path(self.folder, name), fast=self.read_only) or {}
        except DamagedIndexFile:
            return  # read again under the lock, which sets it aside
        with self._lock:
            self._staged[name] = (key, rows)

    def _file_rows(self, name: str, *, keep: bool) -> dict[str, Row]:
        key = self._on_disk.get(name)
        if key is None:
            return {}
        kept = self._files.get(name)
        if kept is not None and kept[0] == key:
            return kept[1]
        staged = self._staged.pop(name, None)
        path = segment_path(self.folder, name)
        try:
            if staged is not None and staged[0] == key:
                rows = staged[1]
            else:
                rows = read_segment(path, fast=self.read_only) or {}
        except DamagedIndexFile as error:
            self.damaged.append(str(error))
            rows = {}
            if not self.read_only:
                # Kept, not overwritten: the month is rebuilt from the meeting files (reconcile.py).
                with suppress(OSError):
                    os.replace(path, path.with_name(f"{path.name}.{time.strftime('%Y%m%dT%H%M%S')}.damaged"))
                    self._on_disk.pop(name, None)
                    return rows
        if keep:
            self._files[name] = (key, rows)
        return rows

    def _fresh(self, name: str) -> SegmentSummary | None:
        kept = self._summaries.get(name)
        if kept is not None and kept[0] == (self._on_disk.get(name), self._touched.get(name, 0)):
            return kept[1]
        return None

    def _note_summary(self, name: str, summary: SegmentSummary) -> None:
        self._summaries[name] = ((self._on_disk.get(name), self._touched.get(name, 0)), summary)

    def _store_file(self, name: str, rows: dict[str, Row], *, keep: bool = True) -> None:
        key = write_segment(self.folder, name, rows)
        if key is None:
            self._on_disk.pop(name, None)
            self._files.pop(name, None)
        else:
            self._on_disk[name] = key
            if keep:
                self._files[name] = (key, rows)
            else:
                self._files.pop(name, None)

    def _write_summary(self, known: dict[str, SegmentSummary] | None = None) -> None:
        """The summary of every month on disk; months not in ``known`` are worked out as needed."""
        self._touched.clear()
        self._summaries.clear()
        for name, known_summary in (known or {}).items():
            self._note_summary(name, known_summary)
        parts = {}
        for name in newest_segments_first(self._on_disk):
            summary: SegmentSummary | None = self._fresh(name)
            if summary is None:
                stored = self._stored.get(name)
                if stored and stored[0] == stamp_text(self._on_disk[name]):
                    summary = stored[1]
                else:
                    summary = SegmentSummary.of(self.rows(name, keep=name in self._files).values())
                self._note_summary(name, summary)
            parts[name] = (stamp_text(self._on_disk[name]), summary)
        write_summary(self.folder, parts)
        self._stored = parts

    def _write(self, changes: list[Change]) -> None:
        if not changes:
            return
        try:
            self._journal = append_journal(self.journal_path, encode_index_entries(changes), self._journal)
        except OSError as error:
            if self._journal.damaged:
                self.fold()  # a damaged line stops every reader: fold what came before, then retry
                self._write(changes)
                return
            raise SaveFailedError(self.journal_path, error) from error
        self._apply(changes)
        if self._journal.offset > FOLD_AT_BYTES:
            self.fold()

    def _apply(self, changes: list[Change]) -> None:
        for key, row, left in changes:
            before = self._overlay.get(key)
            if before is not None and (row is None or segment_of(before) != segment_of(row)):
                left = segment_of(before) if left is None else left
                self._left.setdefault(key, set()).add(segment_of(before))
                self._bump(segment_of(before))
            if left is not None:
                self._left.setdefault(key, set()).add(left)
                self._bump(left)
            self._overlay[key] = row
            if row is not None:
                self._bump(segment_of(row))

    def _bump(self, name: str) -> None:
        self._touched[name] = self._touched.get(name, 0) + 1

    def _reset_overlay(self) -> None:
        # The caches stay: each is kept with the stamp of its month's file and the changes to it.
        self._overlay, self._left, self._touched = {}, {}, {}
        self._journal = JournalState()
