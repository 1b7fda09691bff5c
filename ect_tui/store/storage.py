"""A TinyDB storage that never damages its file.

Replaces TinyDB's JSONStorage (which overwrites in place) with atomic writes, and
refuses to touch a file it cannot fully understand: a damaged database must stay
exactly as it is so the mentor (or a backup) can still recover it. There is no
cache: every acknowledged write is on disk, and every read sees the latest file,
which also keeps a read-only viewer current while another copy writes.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from .atomic import atomic_write_json, loads
from .errors import CorruptDatabaseError, ReadOnlyError, SaveFailedError, StoreError

Tables = dict[str, dict[str, Any]]


def parse_json_bytes(raw: bytes, path: Path, *, meeting: bool = False) -> Any:
    """Decode a file's bytes as JSON, raising CorruptDatabaseError that names the file."""
    if not raw.strip():
        raise CorruptDatabaseError(path, "the file is empty", meeting=meeting)
    try:
        return loads(raw)
    except RecursionError:
        raise CorruptDatabaseError(path, "the JSON is nested too deeply", meeting=meeting) from None
    except UnicodeDecodeError:
        raise CorruptDatabaseError(path, "the file is not UTF-8 text", meeting=meeting) from None
    except json.JSONDecodeError as error:
        detail = f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        raise CorruptDatabaseError(path, detail, meeting=meeting) from None


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


def read_file_bytes(path: Path) -> bytes | None:
    """The file's bytes, None if it does not exist; other OS errors become StoreError."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise StoreError(f"{path} is a folder, not a database file: point --db at a file.", path=path) from None
    except OSError as error:
        raise StoreError(
            f"Could not read {path}: {error.strerror or error}. Check the file's permissions.", path=path
        ) from None


class AtomicJSONStorage(Storage):
    """TinyDB storage: strict reads, atomic writes, optional read-only mode."""

    def __init__(self, path: Path | str, *, read_only: bool = False) -> None:
        super().__init__()
        self.path = Path(path)
        self.read_only = read_only
        # Serialises read-modify-write cycles (TinyDB's and the Store's) between
        # threads of this process; other processes are kept out by the file lock.
        self.mutation_lock = threading.RLock()

    def read(self) -> Tables | None:
        """The whole database, or None if the file does not exist (TinyDB then starts empty)."""
        raw = read_file_bytes(self.path)
        if raw is None:
            return None
        return validate_tables(parse_json_bytes(raw, self.path), self.path)

    def write(self, data: Tables) -> None:
        """Atomically replace the file; SaveFailedError (old file intact) on OS errors."""
        if self.read_only:
            raise ReadOnlyError(self.path)
        try:
            atomic_write_json(self.path, data)
        except OSError as error:
            raise SaveFailedError(self.path, error) from error

    def close(self) -> None:
        """Nothing to release: no handle is kept open between reads and writes."""
