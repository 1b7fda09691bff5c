"""The Store: the one interface the app uses to keep meetings on disk.

Layout (see ARCHITECTURE.md, Scale): ``DB`` is a small TinyDB file (``_meta``,
``settings`` and other small tables); ``DB.meetings/<id>.json`` holds each meeting's
whole document, so an autosave rewrites one small file no matter how many meetings
exist; ``DB.index/`` lists them, one file per month (segments.py); ``DB.lock`` keeps a
second writer out. Every write is atomic (see atomic.py). The index can always be
rebuilt from the meeting files, which is what makes a crash between "save the meeting"
and "update the index" harmless: opening the store reconciles the two.

Thread safety: meeting-file saves may run in a worker thread (see saver.py) while
the UI reads; index and table writes are serialised by a lock in the storage.

Speed (bench/README.md): the start screen reads the index's summary alone; a list reads
the months it needs, kept parsed until they change. A change to an index row or a setting
is one line appended to a journal (journal.py), so its cost does not grow with the history.
Settings are read through the storage's shared parse of the database file, parsed again
only when the file changes. TinyDB, needed only by feature tables, is imported on first use.
"""

from __future__ import annotations

import copy
import os
import secrets
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import suppress
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from . import migrations
from .atomic import atomic_write_bytes, clean_temp_files, dumps, fsync_dir
from .errors import (
    CorruptDatabaseError,
    MeetingNotFoundError,
    ReadOnlyError,
    SaveFailedError,
    StoreError,
)
from .index import (
    STAMP_KEY,
    check_meeting_id,
    file_stamp,
    filtered,
    index_row,
    is_meeting_id,
    newest_first,
    public_row,
    sorted_names,
)

# Importable from here, as before the split (hence 'X as X': an explicit re-export).
from .layout import APP_ID as APP_ID
from .layout import DISCARDED_DIR as DISCARDED_DIR
from .layout import MEETINGS_TABLE as MEETINGS_TABLE
from .layout import META_TABLE as META_TABLE
from .layout import REPLACED_DIR as REPLACED_DIR
from .layout import RESERVED_TABLES as RESERVED_TABLES
from .layout import SETTINGS_TABLE as SETTINGS_TABLE
from .layout import check_meeting_doc as check_meeting_doc
from .layout import delete_row as delete_row
from .layout import fresh_data as fresh_data
from .layout import make_private_dir as make_private_dir
from .layout import meetings_dir_for as meetings_dir_for
from .layout import peek_meta
from .layout import schema_version as schema_version
from .layout import storage_for as storage_for
from .layout import tinydb_class as tinydb_class
from .layout import upgrade_schema as upgrade_schema
from .layout import upsert_row as upsert_row
from .limits import MAX_MEETING_BYTES
from .reconcile import folder_stamp, rebuild_index, reconcile_index, scan_files
from .rows import RowKeys
from .segment_files import by_month, index_dir_for, segment_of
from .segments import SegmentedIndex
from .storage import (
    AtomicJSONStorage,
    Tables,
    parse_json_bytes,
    read_file_bytes,
)
from .validate import is_newer_meeting, meeting_problem, setting_problem

if TYPE_CHECKING:
    import msgspec
    from tinydb import TinyDB
    from tinydb.table import Table

    from .lock import DatabaseLock

RowT = TypeVar("RowT", bound="msgspec.Struct")

# Meeting files written at once by an import (put_meetings).
SAVE_THREADS = 4
# Rows of the newest months read when the store opens (a screenful of history and more).
NEWEST_KEPT = 50


class Store:
    """The meetings database. Create with ``Store.open(path)``; use as a context manager."""

    def __init__(
        self, path: Path, *, read_only: bool, storage: AtomicJSONStorage, lock: DatabaseLock | None
    ) -> None:
        # Private: Store.open validates the file, takes the lock and reconciles first.
        self.path = path
        self.read_only = read_only
        self.meetings_dir = meetings_dir_for(path)
        self.index_dir = index_dir_for(path)
        self._index = SegmentedIndex(self.index_dir, read_only=read_only)
        self._storage = storage
        self._lock = lock
        self._tinydb: TinyDB | None = None
        self._closed = False
        self._setting_keys = RowKeys(SETTINGS_TABLE, "key")

    # -- opening and closing -------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False, tables_when_asked: bool = False) -> Store:
        """Open (creating if missing, unless read-only) the database at ``path``.

        Raises DatabaseLockedError if another copy has it open for writing,
        CorruptDatabaseError / NewerSchemaError without ever writing to the file.
        ``tables_when_asked`` (read-only): check only the schema version now, and read the tables
        (settings, the study log) when first asked, for a command that lists meetings alone
        (a hub's database file is 2.5 MB of study log: 40 ms of `history --json`).
        """
        path = Path(path)
        if read_only:
            return cls._open_read_only(path, tables_when_asked=tables_when_asked)
        from .lock import DatabaseLock  # filelock: only the writer needs it, when it opens

        make_private_dir(path.parent)
        lock = DatabaseLock(path)
        lock.acquire()
        try:
            storage = storage_for(path)
            storage.exclusive = True  # we hold the lock (see AtomicJSONStorage.exclusive)
            data = storage.read_shared()
            version = (
                None if data is None else schema_version(data, path)
            )  # refused before any folder is made
            make_private_dir(meetings_dir_for(path))
            make_private_dir(index_dir_for(path))
            # Leftovers of a crash; safe to delete because we hold the lock.
            with suppress(OSError):
                clean_temp_files(path.parent, path.name)
                clean_temp_files(meetings_dir_for(path))
                clean_temp_files(index_dir_for(path))
            store = cls(path, read_only=False, storage=storage, lock=lock)
            if data is None or version is None:
                storage.write(fresh_data(), keep=True)
            elif version < migrations.CURRENT:
                store._index_rows_of_schema_1(data, version)
                upgrade_schema(storage, data, version)
            store._reconcile()
            store._compact_if_needed()
            store._prime_keys()
        except BaseException:
            lock.release()
            raise
        return store

    @classmethod
    def _open_read_only(cls, path: Path, *, tables_when_asked: bool = False) -> Store:
        # No lock, no folder creation, no clean-up: a read-only viewer changes nothing.
        storage = storage_for(path, read_only=True)
        data = peek_meta(path) if tables_when_asked else None
        if data is None:  # not asked to, or the peek could not say: read it all, which names what is wrong
            data = storage.read_shared()
        if data is None:
            raise StoreError(
                f"There is no database at {path}. Check the path given with --db, "
                "or open it once without --read-only to create it.",
                path=path,
            )
        if schema_version(data, path) < migrations.CURRENT:
            raise StoreError(
                f"The database {path} was written by an older ect-tui and needs upgrading. "
                "Open it once without --read-only to upgrade it.",
                path=path,
            )
        return cls(path, read_only=True, storage=storage, lock=None)

    def close(self) -> None:
        """Fold the journals into their files, then release the lock (other copies may then
        open the database for writing)."""
        if not self._closed and self._lock is not None:
            with suppress(StoreError):  # best effort: the journals are read again on open
                self._index.fold()
                self._storage.compact_journal()
        self._closed = True
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"<Store {str(self.path)!r} {mode}{' closed' if self._closed else ''}>"

    # -- meetings ------------------------------------------------------------------

    def meeting_path(self, meeting_id: str) -> Path:
        """The file holding one meeting (ValueError for an id that cannot be a file name)."""
        return self.meetings_dir / f"{check_meeting_id(meeting_id)}.json"

    def save_meeting(self, doc: dict[str, Any]) -> None:
        """Atomically write the meeting's own file (not the index): the autosave path.

        SaveFailedError (old file intact) on disk errors; ReadOnlyError if read-only;
        ValueError, before anything is written, for a document that breaks the schema
        or was written by a newer ect-tui (it would lose what this version does not know).
        """
        self._require_writable()
        target = self.meeting_path(doc.get("id"))  # type: ignore[arg-type]
        problem = meeting_problem(doc)
        if problem:
            raise ValueError(f"not saved: meeting {doc.get('id')} breaks the schema at {problem}")
        if is_newer_meeting(doc):
            raise ValueError(f"not saved: meeting {doc.get('id')} was written by a newer ect-tui")
        data = dumps(doc)  # a TypeError for a non-JSON value happens before any I/O
        try:
            try:
                atomic_write_bytes(target, data)
            except FileNotFoundError:
                if self.meetings_dir.is_dir():
                    raise
                make_private_dir(self.meetings_dir)  # someone removed it while we ran
                atomic_write_bytes(target, data)
        except OSError as error:
            raise SaveFailedError(target, error) from error

    def index_meeting(self, doc: dict[str, Any]) -> None:
        """Upsert the meeting's index row: one line appended to the index journal if it changed,
        whatever the number of meetings (see journal.py)."""
        self._require_writable()
        self._index.refresh()
        self._index.put([self._stamped_row(doc)])

    def put_meeting(self, doc: dict[str, Any]) -> None:
        """Save the meeting file, then its index row."""
        self.save_meeting(doc)
        self.index_meeting(doc)

    def put_meetings(self, docs: list[dict[str, Any]]) -> None:
        """Save each meeting's file, then index them all with one append (an import).

        The files are written by a few threads at once: each write spends most of its time
        waiting for the disk to confirm it (fsync), and the disk confirms several together,
        so an import of thousands is bounded by the disk, not by waiting on it one file at
        a time. A failure leaves the files already saved (complete, each written atomically)
        and indexes none of the batch; opening indexes them.
        """
        self._require_writable()
        # Meetings already stored may come back with another start, so filed under another month.
        replaced = frozenset(doc["id"] for doc in docs if self._stamp(doc["id"]) is not None)
        if len(docs) < 2:
            for doc in docs:
                self.save_meeting(doc)
        else:
            from concurrent.futures import ThreadPoolExecutor

            workers = min(SAVE_THREADS, len(docs))
            with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ect-tui-save") as pool:
                # Raises the first failure once every save already started has ended (those not
                # started are not); files saved after the failing one are complete, and opening
                # indexes them.
                for _ in pool.map(self.save_meeting, docs):
                    pass
        self._index.refresh()
        self._index.put([self._stamped_row(doc) for doc in docs], look_everywhere=replaced)

    def _stamped_row(self, doc: dict[str, Any]) -> dict[str, Any]:
        row = index_row(doc)
        row[STAMP_KEY] = self._stamp(row["id"])
        return row

    def keep_previous(self, meeting_id: str) -> Path | None:
        """Copy the stored version of a meeting into ``<meetings>/replaced/`` before it is replaced
        (by an import): nothing is ever overwritten without a copy. Returns where, or None if
        there was nothing stored. SaveFailedError if the copy cannot be written (then the caller
        must not replace the meeting)."""
        self._require_writable()
        source = self.meeting_path(meeting_id)
        raw = read_file_bytes(source, limit=MAX_MEETING_BYTES, within=self.meetings_dir, meeting=True)
        if raw is None:
            return None
        folder = self.meetings_dir / REPLACED_DIR
        stamp = time.strftime("%Y%m%dT%H%M%S")
        target = folder / f"{meeting_id}.{stamp}.{secrets.token_hex(3)}.json"
        make_private_dir(folder)
        try:
            atomic_write_bytes(target, raw)
        except OSError as error:
            raise SaveFailedError(target, error) from error
        return target

    def discard_meeting(self, meeting_id: str) -> Path:
        """Take a meeting out of the app (a mistaken start), keeping its file in a bin folder.

        Nothing is destroyed: the file moves to ``<meetings>/discarded/`` (a rename on the
        same disk, so it is never half-moved) and can be moved back by hand. Returns where.
        """
        self._require_writable()
        source = self.meeting_path(meeting_id)
        hint = None
        with suppress(StoreError):  # the month it is filed under, so the index need not look in every one
            hint = segment_of(index_row(self.load_meeting(meeting_id)))
        bin_dir = self.meetings_dir / DISCARDED_DIR
        target = bin_dir / source.name
        try:
            make_private_dir(bin_dir)
            os.replace(source, target)
            fsync_dir(self.meetings_dir)
            fsync_dir(bin_dir)
        except FileNotFoundError:
            raise MeetingNotFoundError(meeting_id, self.meetings_dir) from None
        except OSError as error:
            raise SaveFailedError(target, error) from error
        self._index.refresh()
        self._index.remove(meeting_id, hint)
        return target

    def load_meeting(self, meeting_id: str) -> dict[str, Any]:
        """The whole meeting document; MeetingNotFoundError, or CorruptDatabaseError naming the file
        and the field when it is unreadable or breaks the declared schema (schema.py)."""
        if not is_meeting_id(meeting_id):
            raise MeetingNotFoundError(str(meeting_id), self.meetings_dir)
        path = self.meeting_path(meeting_id)
        raw = read_file_bytes(path, limit=MAX_MEETING_BYTES, within=self.meetings_dir, meeting=True)
        if raw is None:
            raise MeetingNotFoundError(meeting_id, self.meetings_dir)
        return check_meeting_doc(parse_json_bytes(raw, path, meeting=True), path, meeting_id)

    def list_meetings(
        self,
        *,
        ect: str | None = None,
        script_id: str | None = None,
        status: str | None = None,
        kind: str | None = None,
    ) -> list[dict[str, Any]]:
        """Index rows matching every given filter, newest ``started`` first."""
        filters = {"ect": ect, "script_id": script_id, "status": status, "kind": kind}
        return [public_row(row) for row in self._rows(filters)]

    def meeting_rows(
        self, *, ect: str | None = None, at_least: int | None = None
    ) -> Sequence[Mapping[str, Any]]:
        """``list_meetings(ect=ect)`` without copying a row: the Store's own rows, newest first,
        to read and never change (they may hold store-internal keys too). For screens that list
        thousands: at a hub, copying 50,000 rows competed with drawing the screen showing them.

        ``at_least``: only the newest months that hold that many rows (all, if fewer), a prefix of
        the whole list, so a screen can show its first page before the older months are read."""
        return tuple(self._rows({"ect": ect}, at_least=at_least))

    def meeting_rows_as(self, row_type: type[RowT]) -> list[RowT]:
        """Every meeting's row as ``row_type`` (a msgspec Struct of the fields a command prints,
        each typed Any), newest first as meeting_rows: at a hub's 50,000, decoded from the month
        files in less than half the time of dict rows (projection.py)."""
        from .projection import rows_as

        self._index.refresh()
        return rows_as(self._index, row_type)

    def iter_rows(self, **filters: str | None) -> Iterator[Mapping[str, Any]]:
        """Index rows matching ``filters`` (as list_meetings), newest first, a month at a time:
        a caller that stops at the first match reads only the newest months (at a hub, one
        ECT's last meeting without parsing two years of index). The Store's own rows: read only."""
        for month in self._matching_months(filters, keep=False):
            yield from month

    def unfinished(self) -> list[dict[str, Any]]:
        """In-progress meetings (offered for resume), newest first, from the index's summary."""
        self._index.refresh()
        rows = [row for part in self._index.summary() for row in part.unfinished.values()]
        return [public_row(row) for row in newest_first(rows)]

    def ects(self) -> list[str]:
        """Distinct ECT names in the index, sorted case-insensitively (from its summary)."""
        self._index.refresh()
        return sorted_names(name for part in self._index.summary() for name, n in part.ects.items() if n > 0)

    def iter_meetings(self, *, strict: bool = False, **filters: str | None) -> Iterator[dict[str, Any]]:
        """Full documents, newest first, each file read only when reached (for search/export).

        Takes the same filters as list_meetings; a file removed meanwhile is skipped, and
        so is a damaged one (check-db lists it) unless ``strict``: a backup raises instead.
        """
        for row in self.list_meetings(**filters):
            try:
                yield self.load_meeting(row["id"])
            except MeetingNotFoundError:
                continue
            except CorruptDatabaseError:
                if strict:
                    raise
                continue

    def meeting_stamps(self) -> dict[str, str]:
        """Every meeting file's stamp (size, modification time, inode) by meeting id: one stat each,
        no file opened, so a cache of something derived from meetings can tell which changed.
        Taken from the folder, the truth the index is rebuilt from; StoreError if it cannot be
        listed (an empty answer would say there are no meetings at all)."""
        stamps = scan_files(self.meetings_dir)
        if stamps is None:
            raise StoreError(
                f"Could not list the meetings folder {self.meetings_dir}. Check its permissions.",
                path=self.meetings_dir,
            )
        return stamps

    def meetings_folder_stamp(self) -> str | None:
        """One stamp standing for every meeting file's (reconcile.folder_stamp), or None while the
        folder is too freshly changed to trust it: a cache can then skip meeting_stamps' stat per file."""
        return folder_stamp(self.meetings_dir, self.index_dir)

    def tables_stamp(self) -> str | None:
        """One stamp for every table (settings, the study log...): the database file and its
        journal, or None while they are too freshly changed to trust (AtomicJSONStorage.settled_stamp)."""
        return self._storage.settled_stamp()

    def meeting_count(self) -> int:
        self._index.refresh()
        return sum(part.count for part in self._index.summary())

    def reindex(self) -> None:
        """Rebuild every index row from the meeting files (slow with many meetings)."""
        self._require_writable()
        rebuild_index(self)

    # -- settings and other tables -------------------------------------------------

    def get_setting(self, key: str, default: Any = None) -> Any:
        """The setting's value, or ``default`` if it is unset or breaks the schema (it is then
        left on disk as it is, for check-db to name, and reads as unset)."""
        for doc in list(self._view().get(SETTINGS_TABLE, {}).values()):
            if doc.get("key") == key:
                value = doc.get("value")
                if setting_problem(key, value):
                    return default
                return copy.deepcopy(value)  # the stored row is shared
        return default

    def set_setting(self, key: str, value: Any) -> None:
        """Store a small JSON-able value (e.g. the last mentor name) under ``key``;
        ValueError, writing nothing, if it breaks the schema."""
        self._require_writable()
        problem = setting_problem(key, value)
        if problem:
            raise ValueError(f"not saved: the setting {problem}")
        self._put_rows(self._setting_keys, [{"key": key, "value": copy.deepcopy(value)}])

    def table(self, name: str) -> Table:
        """A TinyDB table for a small feature store (e.g. a study log); writes are atomic."""
        if name in RESERVED_TABLES:
            raise ValueError(f"table {name!r} is managed by the Store; use its methods instead")
        if self._tinydb is None:
            storage = self._storage
            self._tinydb = tinydb_class()(storage=lambda: storage)
        return self._tinydb.table(name, cache_size=0)  # no query cache: always read the file

    def table_rows(self, name: str) -> list[Mapping[str, Any]]:
        """A feature table's rows as stored, in the order written: shared, never to be changed.
        For reading a whole log (a hub's 25,000 study entries) without table().all()'s copy of each."""
        if name in RESERVED_TABLES:
            raise ValueError(f"table {name!r} is managed by the Store; use its methods instead")
        return list(self._view().get(name, {}).values())

    # -- internals -----------------------------------------------------------------

    def _require_writable(self) -> None:
        if self._closed:
            raise StoreError(f"The database {self.path} has been closed; reopen it to save.", path=self.path)
        if self.read_only:
            raise ReadOnlyError(self.path)

    def _view(self) -> Tables:
        """The database as shared tables: read, never change (see copy_tables).

        A missing file (deleted under us) reads as empty and is rebuilt by the next
        write and the next open.
        """
        return self._storage.read_shared() or fresh_data()

    def _put_rows(self, keys: RowKeys, rows: list[dict[str, Any]]) -> None:
        """Set whole rows of one of the Store's tables (found by ``keys``), by appending to the journal."""
        with self._storage.mutation_lock:
            table = self._view().get(keys.table_name, {})
            generation = self._storage.generation
            self._append([entry for row in rows if (entry := keys.put(table, generation, row))], keys)

    def _rows(self, filters: dict[str, Any], *, at_least: int | None = None) -> list[dict[str, Any]]:
        """The index rows matching ``filters``, newest first (shared: read only).

        Everything: every month, kept parsed (the history screen asks again as the mentor types).
        A filter: each month read in turn and only the matches kept, so one ECT's list at a hub
        never holds 50,000 rows. ``at_least``: stop after the month that brings that many.
        """
        everything = all(value is None for value in filters.values())
        if everything and at_least is None:
            self._index.refresh()
            return self._index.all_rows()
        found: list[dict[str, Any]] = []
        # Months read for everything are kept (the whole list is asked for next); for one ECT only
        # those kept already stay (one ECT's list reads every month once).
        for month in self._matching_months(filters, keep=everything):
            found.extend(month)
            if at_least is not None and len(found) >= at_least:
                break
        return found

    def _matching_months(self, filters: dict[str, Any], *, keep: bool) -> Iterator[list[dict[str, Any]]]:
        """Each month's rows matching ``filters``, newest month first, each read when reached
        (``keep``: and kept; see SegmentedIndex.each_month)."""
        self._index.refresh()
        wanted = {key: value for key, value in filters.items() if value is not None}
        for month in self._index.each_month(keep=keep):
            yield filtered(month, wanted)

    def _append(self, entries: list[Any], keys: RowKeys) -> None:
        if not entries:
            return
        try:
            if self._storage.read_shared() is None:
                # Deleted under us: the next write rebuilds it, and the next open the index.
                self._storage.write(fresh_data(), keep=True)
            self._storage.append(entries)
        except BaseException:
            keys.forget()  # the rows may not have changed after all
            raise

    def _prime_keys(self) -> None:
        """Find every setting's document id now, in the thread that opens the store, so the first
        change (in the saver thread, perhaps while the mentor types) is as cheap as the rest; and
        read the newest months, which the history's first page, the unfinished meetings carried
        on and this week's saves all ask for first (at a hub, parsing one then, in a worker,
        held up the event loop drawing the history for a tenth of a second)."""
        with self._storage.mutation_lock:
            data, generation = self._view(), self._storage.generation
            self._setting_keys.prime(data.get(SETTINGS_TABLE, {}), generation)
        self._rows({}, at_least=NEWEST_KEPT)

    def _compact_if_needed(self) -> None:
        """At open: fold a long, damaged or cut-short journal into the file (best effort)."""
        with suppress(StoreError):
            if self._storage.needs_compacting():
                self._storage.compact()

    def _stamp(self, meeting_id: str) -> str | None:
        try:
            return file_stamp(os.stat(self.meeting_path(meeting_id)))
        except OSError:
            return None

    def _reconcile(self) -> None:
        """Make the index agree with the meeting files (see reconcile.py)."""
        reconcile_index(self)

    def _index_rows_of_schema_1(self, data: Tables, version: int) -> None:
        """Move the index rows out of a schema 1 database file into the month files, before the
        file is upgraded (a crash between the two moves them again; reconciling checks each)."""
        if version != 1:
            return
        rows = data.get(MEETINGS_TABLE, {}).values()
        self._index.replace_all(
            by_month(row for row in rows if type(row) is dict and is_meeting_id(row.get("id")))
        )
