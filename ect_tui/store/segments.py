"""The meetings index, kept by month (segment_files.py) and read a month at a time.

At a hub's 50,000 meetings the index held whole cost about 100 MB and a second to parse
before the start screen could ask who has an unfinished meeting (ARCHITECTURE.md, Scale).
Here the start screen reads the summary alone; a list reads month files as it needs them
(keeping them parsed, so a second look is free); opening the store checks them one month
at a time. A change is one line appended to the index's journal (index_journal.py: fsynced
before it is acknowledged, a torn last line ignored), applied on top of the month files by
every reader, and folded into the months it touches once the journal grows, when the store
opens and when it closes.

Thread safety: the saver thread changes rows while the event loop reads them. ``_lock``
guards the state in memory and is only ever held briefly: month files are parsed and every
file is written and fsynced outside it, so a query on the event loop never waits for the
disk. ``_write_lock`` keeps one change (or fold) at a time.

Every cache is kept with the stamp of its month's file and the month's generation, a number
that only grows: each change to the month, each file written for it and each journal dropped
moves it on, so a cache can never be mistaken for one made before.
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
from .index_journal import Change, IndexJournals
from .segment_files import (
    SUMMARY_NAME,
    DamagedIndexFile,
    FileKey,
    Row,
    SegmentSummary,
    file_key,
    newest_segments_first,
    read_segment,
    read_summary,
    scan_index_dir,
    segment_of,
    segment_path,
    stamp_text,
    write_segment,
    write_summary,
)

# The journal is folded into the month files once it holds this many bytes (a few hundred changes).
FOLD_AT_BYTES = 256 * 1024


class SegmentedIndex:
    """Index rows by meeting id, filed by month, with the journal's changes on top."""

    def __init__(self, folder: Path, *, read_only: bool) -> None:
        self.folder = folder
        self.read_only = read_only
        self._lock = threading.RLock()
        self._write_lock = threading.RLock()
        self._files: dict[str, tuple[FileKey, dict[str, Row]]] = {}  # month files parsed, by stamp
        self._staged: dict[str, tuple[FileKey, dict[str, Row]]] = {}  # parsed without the lock
        self._on_disk: dict[str, FileKey] = {}
        self._journals = IndexJournals(folder)
        self._overlay: dict[str, Row | None] = {}  # the journals' last word on each meeting they name
        self._left: dict[str, set[str]] = {}  # months a journaled meeting must leave at the fold
        self._touched: set[str] = set()  # months the overlay changes
        self._gen: dict[str, int] = {}  # month -> generation (see the module docstring)
        self._stored_parts: dict[str, tuple[str, SegmentSummary]] | None = None  # summary.json, when asked
        self._summary_key: FileKey | None = None  # of summary.json when a viewer last read it
        self._summaries: dict[str, tuple[object, SegmentSummary]] = {}
        self._ordered: dict[str, tuple[object, list[Row]]] = {}
        self._all: tuple[object, list[Row]] | None = None
        self.damaged: list[str] = []  # index files found unreadable (the writer sets them aside)

    # -- reading -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Catch up with the disk: month files replaced since, and journal lines appended.

        The folder is listed under the lock (a few dozen names): listed before it, a fold in the
        saver thread could come between, and the old stamps would then overwrite the new.
        """
        with self._lock:
            months, journals = scan_index_dir(self.folder)
            again, changes = self._journals.catch_up(journals)
            if again:  # a journal read before was folded: its months were written before it went
                self._drop_overlay()
                months, _ = scan_index_dir(self.folder)
            self._on_disk = months
            for name in [n for n, (key, _) in self._files.items() if months.get(n) != key]:
                del self._files[name]
            if self.read_only:
                self._reread_summary()
            self._apply(changes)

    def names(self) -> list[str]:
        """Months with rows on disk or in the journal, newest first."""
        with self._lock:
            journaled = {segment_of(row) for row in self._overlay.values() if row is not None}
            return newest_segments_first(set(self._on_disk) | journaled)

    def file_alone(self, name: str) -> FileKey | None:
        """The stamp of the month's file when the file alone holds the month's rows (the journal
        changes none of them), for a reader that decodes it its own way (projection.py)."""
        with self._lock:
            return None if name in self._touched else self._on_disk.get(name)

    def rows(self, name: str, *, keep: bool = True) -> dict[str, Row]:
        """One month's rows by meeting id, journal applied (shared: read, never change).
        ``keep``: hold the parsed file for the next look (not while checking every month once)."""
        with self._lock:
            base = self._file_rows(name, keep=keep)
            if name not in self._touched:
                return base
            overlay = self._overlay
            live = {key: row for key, row in base.items() if key not in overlay}
            for key, row in overlay.items():
                if row is not None and segment_of(row) == name:
                    live[key] = row
            return live

    def ordered(self, name: str) -> list[Row]:
        """One month's rows newest first (kept until the month changes)."""
        with self._lock:
            token = self._token(name)
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
            token = tuple((name, self._token(name)) for name in names)
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
                # Not in the journal, so its row is the file's: no need to lay the journal over
                # the month (which, per row of a 5,000-meeting import, took two seconds).
                found = self._file_rows(name, keep=keep).get(meeting_id)
                if found is not None:
                    return name, found
            return None

    def summary(self) -> list[SegmentSummary]:
        """Each month's summary: stored, if it was worked out from the file as it is now."""
        with self._lock:
            return [self._summary_of(name) for name in self.names()]

    # -- writing -------------------------------------------------------------------------

    def put(self, rows: list[Row], *, look_everywhere: frozenset[str] = frozenset()) -> None:
        """Set whole rows (an append to the journal, fsynced); unchanged rows write nothing.

        The row before is looked for in the journal and in the row's own month; for the meetings
        in ``look_everywhere`` (an import's replaced meetings, which may come back with another
        start) also in every other month, read once for the whole batch. A start moved otherwise
        is caught when the store next opens, where every row is checked against its file."""
        with self._write_lock:
            with self._lock:
                elsewhere = self._months_of(set(look_everywhere)) if look_everywhere else {}
                changes: list[Change] = []
                pending: dict[str, Row] = {}
                for row in rows:
                    key, name = row["id"], segment_of(row)
                    months = [name] + ([elsewhere[key]] if elsewhere.get(key, name) != name else [])
                    old = (
                        (segment_of(pending[key]), pending[key]) if key in pending else self.find(key, months)
                    )
                    old_name, old_row = old if old is not None else (None, None)
                    if old_row == row:
                        continue
                    changes.append((key, row, old_name if old_name not in (None, name) else None))
                    pending[key] = row
            self._write(changes)

    def remove(self, meeting_id: str, hint: str | None = None) -> bool:
        """Take a meeting's row out (looking in ``hint`` first, then every month); False if it had none."""
        with self._write_lock:
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
        crash part way replays the same lines onto the same files at the next open. The files are
        written outside ``_lock``: readers meanwhile see the journal on top of the new months,
        which is the same rows.
        """
        with self._write_lock:
            with self._lock:
                journals = list(self._journals.states)
                if not self._overlay and not journals:
                    return
                months = {segment_of(row) for row in self._overlay.values() if row is not None}
                for left in self._left.values():
                    months |= left
                plan = {name: dict(self.rows(name)) for name in months}
            try:
                written = {name: write_segment(self.folder, name, rows) for name, rows in plan.items()}
                with self._lock:
                    for name, key in written.items():
                        self._file_written(name, key, plan[name])
                    self._forget_overlay_months()  # the files now hold what the journal adds
                    parts = self._summary_parts()
                write_summary(self.folder, parts)
                self._journals.remove_files(journals)
            except OSError as error:
                raise SaveFailedError(self.folder, error) from error
            with self._lock:
                self._journals.forget(journals)
                self._stored = parts
                self._drop_overlay()

    def replace_all(self, months: dict[str, dict[str, Row]]) -> None:
        """Make the index exactly ``months`` (a rebuild): every month file, the summary, no journal."""
        with self._write_lock, self._lock:
            try:
                on_disk, journals = scan_index_dir(self.folder)
                for name in set(on_disk) - set(months):
                    self._file_written(name, write_segment(self.folder, name, {}), {})
                for name, rows in months.items():
                    self._file_written(name, write_segment(self.folder, name, rows), rows, keep=False)
                self._forget_overlay_months()
                for name, rows in months.items():
                    self._note_summary(name, SegmentSummary.of(rows.values()))
                parts = self._summary_parts()
                write_summary(self.folder, parts)
                self._stored = parts
                self._journals.remove_files(list(journals))
                self._journals.forget(list(journals))
            except OSError as error:
                raise SaveFailedError(self.folder, error) from error
            self._drop_overlay()

    def write_month(self, name: str, rows: dict[str, Row], summary: SegmentSummary) -> None:
        """Replace one month (reconciling, with the journal already folded) and note its summary."""
        with self._write_lock, self._lock:
            try:
                key = write_segment(self.folder, name, rows)
            except OSError as error:
                raise SaveFailedError(segment_path(self.folder, name), error) from error
            self._file_written(name, key, rows, keep=False)
            self._note_summary(name, summary)

    def note_summary(self, name: str, summary: SegmentSummary) -> None:
        with self._lock:
            self._note_summary(name, summary)

    def save_summary(self) -> None:
        """Write the summary if any month's differs from the one stored (best effort)."""
        with self._lock:
            parts = {}
            for name, key in self._on_disk.items():
                summary = self._fresh(name)
                if summary is not None:
                    parts[name] = (stamp_text(key), summary)
            if parts == self._stored:
                return
            with suppress(OSError):
                write_summary(self.folder, parts)
                self._stored = parts

    # -- internals -----------------------------------------------------------------------

    def _reread_summary(self) -> None:
        """A viewer reads the summary again when the writer has replaced it (after each fold),
        instead of working out every month from its file."""
        try:
            key = file_key(os.stat(self.folder / SUMMARY_NAME))
        except OSError:
            return
        if key != self._summary_key:
            self._summary_key = key
            self._stored_parts = None  # read again when next asked

    @property
    def _stored(self) -> dict[str, tuple[str, SegmentSummary]]:
        """The stored summary (summary.json), read when first asked: a command that lists every
        row (projection.py) never needs it."""
        if self._stored_parts is None:
            self._stored_parts = read_summary(self.folder)
        return self._stored_parts

    @_stored.setter
    def _stored(self, parts: dict[str, tuple[str, SegmentSummary]]) -> None:
        self._stored_parts = parts

    def _token(self, name: str) -> tuple[FileKey | None, int]:
        return self._on_disk.get(name), self._gen.get(name, 0)

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
            if str(error) not in self.damaged:
                self.damaged.append(str(error))
            if not self.read_only:
                # Kept, not overwritten: the month is rebuilt from the meeting files (reconcile.py).
                with suppress(OSError):
                    os.replace(path, path.with_name(f"{path.name}.{time.strftime('%Y%m%dT%H%M%S')}.damaged"))
                    self._on_disk.pop(name, None)
                    self._bump(name)
            return {}
        if keep:
            self._files[name] = (key, rows)
        return rows

    def _summary_of(self, name: str) -> SegmentSummary:
        summary = self._fresh(name)
        if summary is None:
            stored = self._stored.get(name)
            key = self._on_disk.get(name)
            if name not in self._touched and stored and key and stored[0] == stamp_text(key):
                summary = stored[1]
            else:
                summary = SegmentSummary.of(self.rows(name, keep=name in self._files).values())
            self._note_summary(name, summary)
        return summary

    def _summary_parts(self) -> dict[str, tuple[str, SegmentSummary]]:
        """The summary of every month on disk, with the stamp of the file it describes."""
        parts = {}
        for name in newest_segments_first(self._on_disk):
            summary = self._summary_of(name)
            key = self._on_disk.get(name)  # gone if the month's file was found damaged just now
            if key is not None:
                parts[name] = (stamp_text(key), summary)
        return parts

    def _fresh(self, name: str) -> SegmentSummary | None:
        kept = self._summaries.get(name)
        return kept[1] if kept is not None and kept[0] == self._token(name) else None

    def _note_summary(self, name: str, summary: SegmentSummary) -> None:
        self._summaries[name] = (self._token(name), summary)

    def _file_written(
        self, name: str, key: FileKey | None, rows: dict[str, Row], *, keep: bool = True
    ) -> None:
        """Note a month file just written (``key`` None: removed, no rows left)."""
        self._bump(name)
        if key is None:
            self._on_disk.pop(name, None)
            self._files.pop(name, None)
        else:
            self._on_disk[name] = key
            if keep:
                self._files[name] = (key, rows)
            else:
                self._files.pop(name, None)

    def _write(self, changes: list[Change]) -> None:
        """Append ``changes`` (holding ``_write_lock``, not ``_lock``: the fsync waits for the disk)."""
        if not changes:
            return
        if self._journals.damaged:
            self.fold()  # a damaged line stops every reader: fold what came before it first
        try:
            name, state = self._journals.append(changes)
        except OSError as error:
            raise SaveFailedError(self.folder / (self._journals.current or "journal"), error) from error
        with self._lock:
            self._journals.adopt(name, state)
            self._apply(changes)
            grown = self._journals.size() > FOLD_AT_BYTES
        if grown:
            self.fold()

    def _apply(self, changes: list[Change]) -> None:
        for key, row, left in changes:
            before = self._overlay.get(key)
            if before is not None and (row is None or segment_of(before) != segment_of(row)):
                self._left.setdefault(key, set()).add(segment_of(before))
                self._touch(segment_of(before))
            if left is not None:
                self._left.setdefault(key, set()).add(left)
                self._touch(left)
            self._overlay[key] = row
            if row is not None:
                self._touch(segment_of(row))

    def _touch(self, name: str) -> None:
        self._touched.add(name)
        self._bump(name)

    def _bump(self, name: str) -> None:
        self._gen[name] = self._gen.get(name, 0) + 1

    def _forget_overlay_months(self) -> None:
        """The overlay no longer changes any month (their files hold it): every cache made while it
        did is out of date."""
        for name in self._touched:
            self._bump(name)
        self._touched = set()

    def _drop_overlay(self) -> None:
        self._forget_overlay_months()
        self._overlay, self._left = {}, {}
