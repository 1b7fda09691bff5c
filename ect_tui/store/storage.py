"""A TinyDB storage that never damages its file.

Replaces TinyDB's JSONStorage (which overwrites in place) with atomic writes, and
refuses to touch a file it cannot fully understand: a damaged database must stay
exactly as it is so the mentor (or a backup) can still recover it. There is no
cache that could hide a change: every acknowledged write is on disk, and every read
sees the latest file, which also keeps a read-only viewer current while another copy
writes.

Speed at scale (ARCHITECTURE.md, Scale): with 5,000 meetings the file is about 2 MB and
parsing it takes tens of milliseconds, so the storage keeps the tables it last parsed
or wrote and parses again only when the file's content changed (see ``_Parsed``).
The parsed tables are shared: the Store never changes them in place (it copies the
two outer levels and replaces whole rows), and TinyDB gets fresh copies of the
tables it may change. Writing re-encodes only the rows that changed since the last
write.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from typing import Any

from ect_tui.safe_files import UnreadableFileError, read_regular

from .atomic import _NOT_PARSED, atomic_write_bytes, dumps, fast_loads, loads
from .errors import CorruptDatabaseError, ReadOnlyError, SaveFailedError, StoreError
from .index import settled, share_repeated_values
from .journal import (
    Entry,
    JournalState,
    append_journal,
    apply_entries,
    encode_entries,
    journal_path_for,
    read_journal,
    remove_journal,
)
from .limits import MAX_DATABASE_BYTES

Tables = dict[str, dict[str, Any]]
# The journal is folded into the file once it is longer than this fraction of the file
# (at least COMPACT_MIN_BYTES): opening then reads at most an eighth more.
COMPACT_FRACTION = 8
COMPACT_MIN_BYTES = 256 * 1024


def parse_json_bytes(raw: bytes, path: Path, *, meeting: bool = False) -> Any:
    """Decode a file's bytes as JSON, raising CorruptDatabaseError that names the file."""
    if not raw.strip():
        raise CorruptDatabaseError(path, "the file is empty", meeting=meeting)
    try:
        return loads(raw)
    except UnicodeDecodeError:
        raise CorruptDatabaseError(path, "the file is not UTF-8 text", meeting=meeting) from None
    except (RecursionError, ValueError) as error:  # ValueError: JSONDecodeError, or a 5,000-digit number
        raise _json_error(error, path, meeting) from None


def decode_json_bytes(raw: bytes, path: Path) -> str:
    """A file's bytes as text for parse_json_text, so the caller can drop the bytes before parsing."""
    if not raw.strip():
        raise CorruptDatabaseError(path, "the file is empty")
    try:
        return raw.decode("utf-8", "surrogatepass")  # as atomic.loads
    except UnicodeDecodeError:
        raise CorruptDatabaseError(path, "the file is not UTF-8 text") from None


def parse_json_text(text: str, path: Path) -> Any:
    try:
        return json.loads(text)
    except (RecursionError, ValueError) as error:
        raise _json_error(error, path, False) from None


def _json_error(error: Exception, path: Path, meeting: bool) -> CorruptDatabaseError:
    if isinstance(error, json.JSONDecodeError):
        detail = f"not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        return CorruptDatabaseError(path, detail, meeting=meeting)
    if isinstance(error, RecursionError):
        return CorruptDatabaseError(path, "the JSON is nested too deeply", meeting=meeting)
    return CorruptDatabaseError(path, f"not valid JSON: {error}", meeting=meeting)


def _share_repeated_values(tables: Tables) -> None:
    """One string object per distinct ECT, mentor, plan or status across the tables (see
    index.share_repeated_values): the parser makes a new one for every value."""
    seen: dict[str, str] = {}
    for table in tables.values():
        share_repeated_values(table.values(), seen)


def validate_tables(data: Any, path: Path) -> Tables:
    """Check TinyDB's shape: {table name: {decimal doc id: {document}}}."""
    if not isinstance(data, dict):
        raise CorruptDatabaseError(path, f"the top level is a JSON {_kind(data)}, not an object of tables")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise CorruptDatabaseError(path, f"table {name!r} is a JSON {_kind(table)}, not an object")
        for doc_id, doc in table.items():
            # TinyDB turns ids back into ints, so anything else would crash it later.
            if not (doc_id.isascii() and doc_id.isdigit()):
                raise CorruptDatabaseError(path, f"table {name!r} has a non-numeric document id {doc_id!r}")
            if not isinstance(doc, dict):
                raise CorruptDatabaseError(path, f"document {doc_id} in table {name!r} is not an object")
    return data


def _kind(value: Any) -> str:
    return {list: "array", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number" if isinstance(value, (int, float)) else type(value).__name__
    )


# A file whose mtime is this much older than the moment we read it cannot change
# again without its mtime changing too, even on filesystems with coarse timestamps.
SETTLED_NS = 3_000_000_000


def _file_key(st: os.stat_result) -> tuple[int, int, int, int, int]:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


class _Parsed:
    """The tables last read or written, and how to tell the file still holds them.

    ``digest`` (SHA-256 of the bytes) is the proof; the stat ``key`` is trusted on
    its own only once the file is "settled", i.e. its mtime was well in the past when
    we confirmed its content: then any later change must also change the mtime. A
    freshly written file is confirmed by reading and hashing it (about a millisecond
    at 5,000 meetings) until it settles, which is how git handles "racily clean" files.
    """

    __slots__ = ("tables", "digest", "key", "settled")

    def __init__(self, tables: Tables, digest: bytes) -> None:
        self.tables = tables
        self.digest = digest
        self.key: tuple[int, ...] | None = None
        self.settled = False

    def confirm(self, st: os.stat_result, *, exclusive: bool = False) -> None:
        """The file, as ``st`` shows it, holds these tables. ``exclusive``: we hold the database
        lock, so no other copy of ect-tui can change it behind the stat we keep."""
        self.key = _file_key(st)
        self.settled = exclusive or time.time_ns() - st.st_mtime_ns > SETTLED_NS


def read_file_bytes(
    path: Path, *, limit: int = MAX_DATABASE_BYTES, within: Path | None = None, meeting: bool = False
) -> bytes | None:
    """The file's bytes, None if it does not exist; other OS errors become StoreError.

    Only a regular file is read, never more than ``limit`` bytes, never blocking
    (ect_tui/safe_files.py): a FIFO or a device is reported, not opened.
    """
    try:
        return read_regular(path, limit, within=within)
    except UnreadableFileError as error:
        if meeting:
            raise CorruptDatabaseError(path, error.reason, meeting=True) from None
        if error.reason.startswith("is a folder"):
            raise StoreError(
                f"{path} is a folder, not a database file: point --db at a file.", path=path
            ) from None
        raise StoreError(
            f"{path} {error.reason}. Point --db at the database file ect-tui wrote.", path=path
        ) from None
    except OSError as error:
        raise StoreError(
            f"Could not read {path}: {error.strerror or error}. Check the file's permissions.", path=path
        ) from None


def copy_tables(data: Tables) -> Tables:
    """A copy safe to change by adding, replacing or deleting rows (rows themselves are shared)."""
    return {name: dict(table) for name, table in data.items()}


class _Encoder:
    """Serialises the tables exactly as ``dumps`` would, reusing the bytes of rows
    that are the very same objects as at the last write (rows are never changed in
    place), so rewriting a 5,000-row index encodes only the rows that changed. It
    also keeps each call into the C encoder short, so a write in a worker thread
    never holds the GIL (and so the event loop) for long.

    The memo holds only bytes keyed by ``id(row)`` (no per-row containers, so a write
    gives Python's garbage collector nothing new to track); ``_alive`` keeps those
    rows alive, so no other object can take one of their ids meanwhile.
    """

    def __init__(self) -> None:
        self._pieces: dict[int, bytes] = {}  # id(row) -> b'"doc id":{row}'
        self._doc_ids: dict[int, str] = {}  # id(row) -> the doc id it was encoded under
        self._alive: list[Any] = []

    def encode(self, data: Tables, shared: Iterable[str]) -> bytes:
        memo, memo_ids = self._pieces, self._doc_ids
        fresh: dict[int, bytes] = {}
        fresh_ids: dict[int, str] = {}
        alive: list[Any] = []
        parts = []
        for name, table in data.items():
            if name not in shared or not isinstance(table, dict) or not all(type(k) is str for k in table):
                parts.append(dumps({name: table})[1:-1])
                continue
            pieces = []
            for doc_id, row in table.items():
                key = id(row)
                piece = memo.get(key)
                if piece is None or memo_ids.get(key) != doc_id:
                    piece = dumps(doc_id) + b":" + dumps(row)
                fresh[key] = piece
                fresh_ids[key] = doc_id
                alive.append(row)
                pieces.append(piece)
            parts.append(dumps(name) + b":{" + b",".join(pieces) + b"}")
        self._pieces, self._doc_ids, self._alive = fresh, fresh_ids, alive
        return b"{" + b",".join(parts) + b"}"


def json_copy(value: Any) -> Any:
    """A deep copy of parsed JSON (dicts, lists and immutable scalars): copy.deepcopy's result,
    several times faster, since nothing here can be shared twice or refer to itself."""
    kind = type(value)
    if kind is dict:
        return {key: json_copy(item) if type(item) in _CONTAINERS else item for key, item in value.items()}
    if kind is list:
        return [json_copy(item) if type(item) in _CONTAINERS else item for item in value]
    return value


_CONTAINERS = (dict, list)


class _CopiedOnTake(dict):  # type: ignore[type-arg]
    """The tables as TinyDB reads them: each table TinyDB takes is a copy it may change, made when
    it is taken, so reading one table (the study log) no longer copies every other one.

    TinyDB takes a table with ``tables[name]`` (Table._read_table, _update_table) and writes
    the whole dict back; the tables it did not take go back as the shared originals,
    unchanged. The shared tables (the Store's own) are never copied (see copy_tables).
    """

    def __init__(self, data: Tables, shared: frozenset[str]) -> None:
        super().__init__(data)
        self._shared = shared
        self._taken: set[str] = set()

    def __getitem__(self, name: str) -> Any:
        table = super().__getitem__(name)
        if name in self._shared or name in self._taken:
            return table
        table = json_copy(table)
        self[name] = table
        self._taken.add(name)
        return table

    def get(self, name: str, default: Any = None) -> Any:
        try:
            return self[name]
        except KeyError:
            return default


class AtomicJSONStorage:
    """TinyDB storage: strict reads, atomic writes, optional read-only mode.

    ``shared_tables`` names the tables only the Store changes (whole rows at a time):
    they are handed out without copying, their encoded rows are reused, and a change
    to them may be appended to the journal (journal.py) instead of rewriting the file.
    Appended changes are applied to the shared tables in place, so a reader that
    iterates one takes a snapshot first (``list(table.values())``, one C call).
    """

    def __init__(
        self,
        path: Path | str,
        *,
        read_only: bool = False,
        shared_tables: Iterable[str] = (),
        share_values: bool = True,
    ) -> None:
        self.path = Path(path)
        # One string per repeated value (see _share_repeated_values): memory for a long-lived
        # app, a waste of a quarter of a second for a command that reads 50,000 rows once. The
        # same stores skip orjson (atomic.fast_loads): quicker, but its parse of a hub's index
        # peaked 54 MB higher, and the app's peak memory is a bench target.
        self.share_values = share_values
        self.journal_path = journal_path_for(self.path)
        self.read_only = read_only
        self.shared_tables = frozenset(shared_tables)
        # Serialises read-modify-write cycles (TinyDB's and the Store's) between
        # threads of this process; other processes are kept out by the file lock.
        self.mutation_lock = threading.RLock()
        # Held while the tables in memory change (a parse, a journal applied): short, never
        # across an fsync, so a reader on the event loop never waits for the disk.
        self._read_lock = threading.RLock()
        self._parsed: _Parsed | None = None
        self._journal = JournalState()
        self._encoder = _Encoder()
        # Bumped whenever the tables in memory are replaced or changed by anyone but
        # ``append``, so the Store knows when to look its row keys up again.
        self.generation = 0
        # Set by the Store that holds the database lock: then no other copy of ect-tui writes the
        # file, and a stat that has not changed proves the tables in memory are still its content
        # (without the lock, a freshly written file is read and hashed again until it settles).
        self.exclusive = False
        # Bumped after rows of the shared tables are changed in place (journal entries applied,
        # ours or another copy's), so the Store knows when an order it sorted is out of date.
        self.rows_changed = 0

    def read_shared(self) -> Tables | None:
        """The whole database (the file, then its journal), or None if the file does not exist.

        The result is shared between callers: never change it (see copy_tables).
        """
        with self._read_lock:
            for _ in range(5):
                before = self._stat()
                tables = self._read_file(before)
                if tables is None:
                    return None
                caught_up = read_journal(self.journal_path, self._journal)
                if caught_up is None:  # replaced by a compaction since: read both again
                    self._parsed, self._journal = None, JournalState()
                    continue
                entries, self._journal = caught_up
                if entries:
                    apply_entries(tables, entries)
                    self.generation += 1
                    self.rows_changed += 1
                after = self._stat()
                if before is not None and after is not None and _file_key(after) == _file_key(before):
                    return tables
                # The file changed while we read the journal: read both again.
                self._parsed, self._journal = None, JournalState()
            raise StoreError(
                f"{self.path} keeps changing while it is read; is another program writing it?", path=self.path
            )

    def settled_stamp(self) -> str | None:
        """One stamp for the file and its journal, or None while either changed too recently to
        trust (index.settled) or cannot be looked at: a cache of what was read from the tables,
        kept under it, is then as good as reading them (no file is opened)."""
        now = time.time_ns()
        parts = []
        for path in (self.path, self.journal_path):
            try:
                st = os.stat(path)
            except FileNotFoundError:
                parts.append("-")
                continue
            except OSError:
                return None
            if not settled(st.st_mtime_ns, now):
                return None
            parts.append(":".join(map(str, _file_key(st))))
        return "|".join(parts)

    def _stat(self) -> os.stat_result | None:
        try:
            return os.stat(self.path)
        except OSError:
            return None  # read_file_bytes says what is wrong, if anything

    def _read_file(self, before: os.stat_result | None) -> Tables | None:
        """The database file's tables (with the journal applied so far), parsing only if it changed."""
        parsed = self._parsed
        if parsed is not None and parsed.settled and before is not None and _file_key(before) == parsed.key:
            return parsed.tables
        raw = read_file_bytes(self.path)
        if raw is None:
            self._parsed, self._journal = None, JournalState()
            return None
        digest = hashlib.sha256(raw).digest()
        if parsed is None or parsed.digest != digest:
            found = fast_loads(raw) if raw.strip() and not self.share_values else _NOT_PARSED
            if found is _NOT_PARSED:
                text = decode_json_bytes(raw, self.path)
                del raw  # peak memory: the bytes go before the tables are built (1.9 MB at 5,000)
                found = parse_json_text(text, self.path)
                del text
            else:
                del raw
            tables = validate_tables(found, self.path)
            del found
            if self.share_values:
                _share_repeated_values(tables)
            parsed = _Parsed(tables, digest)
            self._journal = JournalState()  # a new file: its journal is read from the start
            self.generation += 1
        else:
            del raw
        with suppress(OSError):
            after = os.stat(self.path)
            if before is not None and _file_key(after) == _file_key(before):
                parsed.confirm(after, exclusive=self.exclusive)  # unchanged while we read it
        self._parsed = parsed
        return parsed.tables

    def read(self) -> Tables | None:
        """TinyDB's read: a dict it may change (tables other than the shared ones are copied
        when TinyDB takes them, see ``_CopiedOnTake``)."""
        data = self.read_shared()
        if data is None:
            return None
        return _CopiedOnTake(data, self.shared_tables)

    def write(self, data: Tables, *, keep: bool = True) -> None:
        """Atomically replace the file (which then holds the journal too); SaveFailedError
        (old file intact) on OS errors.

        ``keep``: the caller hands ``data`` over (it will not change it), so the next
        read uses it without parsing the file again (a second at a hub's 50,000 meetings).
        TinyDB, which calls ``write(data)``, builds a fresh dict for every write and never
        touches it again, so keeping is the default.
        """
        if self.read_only:
            raise ReadOnlyError(self.path)
        if type(data) is not dict:
            data = dict(data)  # TinyDB's _CopiedOnTake: kept as the plain tables it holds
        with self.mutation_lock:  # one encoder at a time (it remembers the last write)
            raw = self._encoder.encode(data, self.shared_tables)
            try:
                atomic_write_bytes(self.path, raw)
            except OSError as error:
                raise SaveFailedError(self.path, error) from error
            # The file holds everything the journal did: a crash before this removal
            # only replays changes the file already has.
            with suppress(OSError):
                remove_journal(self.journal_path)
            with self._read_lock:
                self._journal = JournalState()
                same = self._parsed is not None and self._parsed.tables is data  # a compaction
                self._parsed = _Parsed(data, hashlib.sha256(raw).digest()) if keep else None
                if self._parsed is not None and self.exclusive:
                    # What we just wrote, under the lock: known without reading 22 MB back at a hub.
                    with suppress(OSError):
                        self._parsed.confirm(os.stat(self.path), exclusive=True)
                if not (same and keep):
                    self.generation += 1

    def append(self, entries: list[Entry]) -> None:
        """Set or remove whole rows of shared tables by appending to the journal (fsynced).

        The cost does not grow with the database; once the journal outgrows a fraction
        of the file it is folded in (``compact``). SaveFailedError if the disk refuses.
        """
        if self.read_only:
            raise ReadOnlyError(self.path)
        if not entries:
            return
        with self.mutation_lock:
            tables = self.read_shared()
            if tables is None:
                raise StoreError(f"The database {self.path} is missing; reopen it.", path=self.path)
            state = self._journal
            if state.damaged:
                # A damaged line stops every reader: write it all out instead (see journal.py).
                data = copy_tables(tables)
                apply_entries(data, entries)
                self.write(data, keep=True)
                return
            try:
                after = append_journal(self.journal_path, encode_entries(entries), state)
            except OSError as error:
                raise SaveFailedError(self.journal_path, error) from error
            with self._read_lock:
                if self._journal == state:
                    apply_entries(tables, entries)
                    self._journal = after
                    self.rows_changed += 1
                # else a reader already applied it from the file
            if after.offset > self._compact_at():
                self.compact()

    def _compact_at(self) -> int:
        parsed = self._parsed
        size = parsed.key[2] if parsed is not None and parsed.key is not None else 0
        return max(COMPACT_MIN_BYTES, size // COMPACT_FRACTION)

    def needs_compacting(self) -> bool:
        """True if the journal is damaged, cut short or long enough to fold into the file."""
        self.read_shared()
        state = self._journal
        return state.damaged or state.torn or state.offset > self._compact_at()

    def compact(self) -> None:
        """Fold the journal into the file (one atomic rewrite), then remove it."""
        with self.mutation_lock:
            tables = self.read_shared()
            if tables is not None:
                self.write(tables, keep=True)

    def compact_journal(self) -> None:
        """Fold the journal in if there is one (when the Store closes)."""
        with self.mutation_lock:
            self.read_shared()
            if self._journal.ino is not None or self.journal_path.exists():
                self.compact()

    def close(self) -> None:
        """Nothing to release: no handle is kept open between reads and writes."""
