"""The database file's shape: its tables, its schema version and upgrades, the meetings folder
beside it, and the row helpers the Store edits its tables with (see database.py and
ARCHITECTURE.md, Scale)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import migrations
from .atomic import atomic_write_bytes, make_private_dirs
from .errors import (
    CorruptDatabaseError,
    NewerSchemaError,
    SaveFailedError,
    StoreError,
)
from .storage import (
    AtomicJSONStorage,
    Tables,
    read_file_bytes,
    validate_tables,
)
from .validate import meeting_problem

if TYPE_CHECKING:
    from tinydb import TinyDB


APP_ID = "ect-tui"
META_TABLE = "_meta"
MEETINGS_TABLE = "meetings"  # schema 1 kept the index here; now it is in DB.index/ (segments.py)
REPLACED_DIR = "replaced"  # inside the meetings folder: earlier versions an import replaced, kept
DISCARDED_DIR = "discarded"  # inside the meetings folder: meetings taken out of the app, kept
SETTINGS_TABLE = "settings"
# Kept consistent by the Store itself; other features get their own tables via table().
RESERVED_TABLES = frozenset({META_TABLE, MEETINGS_TABLE, SETTINGS_TABLE})


def meetings_dir_for(db_path: Path) -> Path:
    """``ect-tui.json`` -> ``ect-tui.json.meetings``."""
    return db_path.with_name(db_path.name + ".meetings")


def fresh_data() -> Tables:
    """The contents of a new, empty database."""
    return {
        META_TABLE: {"1": {"schema": migrations.CURRENT, "app": APP_ID}},
        SETTINGS_TABLE: {},
    }


def schema_version(data: Tables, path: Path) -> int:
    """The database's schema version; CorruptDatabaseError if _meta is missing or odd,
    NewerSchemaError if a newer ect-tui wrote it."""
    meta = data.get(META_TABLE)
    if not meta:
        raise CorruptDatabaseError(path, "it has no _meta table, so it was not written by ect-tui")
    doc = meta[min(meta, key=int)]
    if doc.get("app") != APP_ID:
        raise CorruptDatabaseError(path, f"its _meta table names the app {doc.get('app')!r}, not 'ect-tui'")
    version = doc.get("schema")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise CorruptDatabaseError(path, f"its schema version {version!r} is not a positive whole number")
    if version > migrations.CURRENT:
        raise NewerSchemaError(path, version, migrations.CURRENT)
    return version


def peek_meta(path: Path) -> Tables | None:
    """The database's ``_meta`` table alone ({"_meta": ...}) for schema_version, the rest of the
    file passed over unparsed (msgspec: 2 ms against 40 for a hub's file); None when it cannot
    tell (no file, not JSON, not an object): reading the whole file then says what is wrong."""
    import msgspec

    from ect_tui.safe_files import UnreadableFileError, read_regular

    from .limits import MAX_DATABASE_BYTES
    from .schema import MetaOnly

    try:
        raw = read_regular(path, MAX_DATABASE_BYTES)
        if raw is None:
            return None
        meta = msgspec.json.decode(raw, type=MetaOnly).meta
    except (OSError, UnreadableFileError, msgspec.DecodeError, RecursionError):
        return None
    if not meta or not all(key.isascii() and key.isdigit() for key in meta):
        return None  # the whole read names what is wrong
    return {META_TABLE: meta}


def set_schema(data: Tables, version: int) -> None:
    meta = data.setdefault(META_TABLE, {})
    key = min(meta, key=int) if meta else "1"
    meta[key] = {**meta.get(key, {}), "schema": version, "app": APP_ID}


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` (0700) if missing; an existing folder keeps its mode."""
    if folder.is_dir():
        return
    try:
        make_private_dirs(folder)  # 0700 at every level it creates, whatever the umask
    except OSError as error:
        raise StoreError(
            f"Could not create the folder {folder}: {error.strerror or error}. "
            "Check the path given with --db and its permissions.",
            path=folder,
        ) from None


_TINYDB_CLASS: type | None = None


def tinydb_class() -> type[TinyDB]:
    """TinyDB with locked tables, built on first use so opening the store skips importing it."""
    global _TINYDB_CLASS
    if _TINYDB_CLASS is None:
        from tinydb import TinyDB
        from tinydb.table import Table

        class _LockedTable(Table):
            """A TinyDB table whose read-modify-write cycle holds the storage's mutation lock,
            so a write from the UI thread cannot undo one from the saver thread."""

            def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
                with self._storage.mutation_lock:  # type: ignore[attr-defined]
                    super()._update_table(updater)

        class _TinyDB(TinyDB):
            table_class = _LockedTable

        _TINYDB_CLASS = _TinyDB
    return _TINYDB_CLASS


def storage_for(path: Path, *, read_only: bool = False) -> AtomicJSONStorage:
    # A read-only store is a command's or a viewer's: read once, so values are not shared.
    return AtomicJSONStorage(
        path, read_only=read_only, shared_tables=RESERVED_TABLES, share_values=not read_only
    )


def check_meeting_doc(doc: Any, path: Path, meeting_id: str) -> dict[str, Any]:
    """Check a parsed meeting file is a meeting document for ``meeting_id`` that fits the
    declared schema (schema.py); CorruptDatabaseError naming the file and the field if not."""
    if not isinstance(doc, dict):
        raise CorruptDatabaseError(path, "it does not hold a JSON object", meeting=True)
    if doc.get("id") != meeting_id:
        raise CorruptDatabaseError(
            path, f"it holds meeting {str(doc.get('id'))[:80]!r}, not {meeting_id!r}", meeting=True
        )
    problem = meeting_problem(doc)
    if problem:
        raise CorruptDatabaseError(path, f"field {problem}", meeting=True)
    return doc


def delete_row(table: dict[str, Any], value: str, *, key: str = "id") -> bool:
    """Remove the row whose ``key`` field is ``value``; True if there was one."""
    for doc_id, existing in list(table.items()):
        if existing.get(key) == value:
            del table[doc_id]
            return True
    return False


def upsert_row(table: dict[str, Any], row: dict[str, Any], *, key: str = "id") -> bool:
    """Insert or replace the row whose ``key`` field matches; True if anything changed."""
    for doc_id, existing in table.items():
        if existing.get(key) == row[key]:
            if existing == row:
                return False
            table[doc_id] = row
            return True
    table[str(max((int(k) for k in table), default=0) + 1)] = row
    return True


def upgrade_schema(storage: AtomicJSONStorage, data: Tables, version: int) -> Tables:
    """Run the migration steps, keeping a copy of the old file, then write the result once."""
    backup = storage.path.with_name(f"{storage.path.name}.schema{version}.bak")
    if not backup.exists():
        original = read_file_bytes(storage.path)
        if original is not None:
            try:
                atomic_write_bytes(backup, original)
            except OSError as error:
                raise SaveFailedError(backup, error) from error
    upgraded = migrations.migrate(copy.deepcopy(data), version)
    set_schema(upgraded, migrations.CURRENT)
    validate_tables(upgraded, storage.path)
    storage.write(upgraded, keep=True)
    return upgraded
