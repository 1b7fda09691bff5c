"""The index journal: small changes to the Store's own tables, appended instead of rewritten.

Rewriting the whole database file for one changed index row costs time in proportion
to the history: at 50,000 meetings the file is ~20 MB, and a status change took half
a second (bench/README.md, the hub). So a change to the Store's own tables (the
meetings index and the settings, whole rows at a time) is appended to
``<database>.journal`` as one line and fsynced: the cost no longer grows with the
history. Readers apply the journal on top of the database file. Any full write of
the database (TinyDB's, or a compaction once the journal grows past a fraction of
the file) holds every change, and then removes the journal.

Crash safety (see atomic.py for the database file itself):
- a line is acknowledged only once fsynced; a kill in the middle of an append leaves
  a last line without its newline, which readers ignore and the writer cuts off;
- every entry sets or removes one whole row by its document id, so replaying a
  journal that a compaction already folded in (a crash between writing the file and
  removing the journal) gives the same tables;
- the meetings index can always be rebuilt from the meeting files (opening the store
  reconciles it), so a damaged line loses nothing: readers stop at it, and the
  writer folds in what came before it and reconciles the rest.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from .atomic import FILE_MODE, dumps, fsync_dir, loads

# One entry: {"t": table name, "k": document id, "v": the whole row, or null to remove it}.
Entry = tuple[str, str, dict[str, Any] | None]
# What a decoded line becomes: an Entry here, an index change in the meetings index (segments.py).
E = TypeVar("E")


def journal_path_for(db_path: Path) -> Path:
    """``ect-tui.json`` -> ``ect-tui.json.journal``."""
    return db_path.with_name(db_path.name + ".journal")


def encode_entries(entries: list[Entry]) -> bytes:
    """The lines to append: one JSON object per entry, each ending in a newline."""
    return b"".join(dumps({"t": table, "k": key, "v": row}) + b"\n" for table, key, row in entries)


def _entry(value: Any) -> Entry | None:
    """A decoded line as an entry, or None if it is not one (a damaged line)."""
    if type(value) is not dict:
        return None
    table, key, row = value.get("t"), value.get("k"), value.get("v")
    if type(table) is not str or type(key) is not str or not (key.isascii() and key.isdigit()):
        return None
    if row is not None and type(row) is not dict:
        return None
    return table, key, row


def decode_lines(data: bytes) -> tuple[list[Entry], int, bool]:
    """``decode_with`` for the database file's journal."""
    return decode_with(data, _entry)


def decode_with(data: bytes, parse: Callable[[Any], E | None]) -> tuple[list[E], int, bool]:
    """(entries, bytes they span, damaged) from journal bytes that end with a complete line.

    ``parse`` turns one decoded line into an entry, or None if it is not one. Stops at the
    first line that is not an entry: ``damaged`` is then True and the bytes count ends before it.
    """
    if not data:
        return [], 0, False
    try:  # the common case: every line good, parsed in one call
        decoded = loads(b"[" + data.rstrip(b"\n").replace(b"\n", b",") + b"]")
        entries = [parse(value) for value in decoded]
        if type(decoded) is list and len(decoded) == data.count(b"\n") and None not in entries:
            return entries, len(data), False  # type: ignore[return-value]
    except (
        UnicodeDecodeError,
        RecursionError,
        ValueError,
    ):  # ValueError: JSONDecodeError, or a 5,000-digit number
        pass
    entries_found: list[E] = []
    used = 0
    for line in data.split(b"\n")[:-1]:
        try:
            entry = parse(loads(line))
        except (
            UnicodeDecodeError,
            RecursionError,
            ValueError,
        ):  # ValueError: JSONDecodeError, or a 5,000-digit number
            entry = None
        if entry is None:
            return entries_found, used, True
        entries_found.append(entry)
        used += len(line) + 1
    return entries_found, used, False


@dataclass
class JournalState:
    """How much of which journal file a reader has applied."""

    ino: int | None = None
    offset: int = 0
    damaged: bool = False  # a bad line stops the reader at ``offset``
    torn: bool = False  # the file ends in part of a line (an append cut short)


def read_journal(path: Path, state: JournalState) -> tuple[list[Entry], JournalState] | None:
    """``read_with`` for the database file's journal."""
    return read_with(path, state, _entry)


def read_with(
    path: Path, state: JournalState, parse: Callable[[Any], E | None]
) -> tuple[list[E], JournalState] | None:
    """Entries appended since ``state``, and the new state; None if the journal was replaced
    or cut short since (the caller then reads the database file and the journal afresh).

    A missing journal reads as empty. Anything but a regular file (a folder, a FIFO, a device
    put in its place) is never read: it reads as a damaged journal, so readers stop there and
    the writer folds what it has and replaces it.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)  # non-blocking: opening a FIFO must not wait for a writer
    except FileNotFoundError:
        if state.ino is not None:
            return None
        return [], JournalState()
    except IsADirectoryError:
        return [], JournalState(None, state.offset, True, False)
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        return [], JournalState(st.st_ino, state.offset, True, False)
    with os.fdopen(fd, "rb") as handle:
        if state.ino is not None and (st.st_ino != state.ino or st.st_size < state.offset):
            return None
        if state.damaged or st.st_size == state.offset:
            return [], JournalState(st.st_ino, state.offset, state.damaged, st.st_size > state.offset)
        handle.seek(state.offset)
        data = handle.read()
    complete = data[: data.rfind(b"\n") + 1]
    entries, used, damaged = decode_with(complete, parse)
    torn = len(data) > len(complete)
    return entries, JournalState(st.st_ino, state.offset + used, damaged, torn)


def append_journal(path: Path, data: bytes, state: JournalState) -> JournalState:
    """Append ``data`` (whole lines) and fsync; returns the state after it.

    A torn last line (from a killed append) is cut off first, so it never runs into
    the new line. OSError if the disk refuses: nothing is then acknowledged.
    """
    created = not path.exists()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0), FILE_MODE)
    try:
        st = os.fstat(fd)
        if st.st_size != state.offset:
            if state.damaged:
                raise OSError("the index journal has a damaged line; it must be folded in first")
            os.ftruncate(fd, state.offset)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)
    if created:
        fsync_dir(path.parent)
    return JournalState(st.st_ino, state.offset + len(data))


def remove_journal(path: Path) -> None:
    """Remove the journal once the database file holds everything in it."""
    with suppress(FileNotFoundError):
        os.unlink(path)
        fsync_dir(path.parent)


def apply_entries(tables: dict[str, dict[str, Any]], entries: list[Entry]) -> None:
    """Set or remove each entry's row, in order (in place: see AtomicJSONStorage)."""
    for table, key, row in entries:
        if row is None:
            tables.get(table, {}).pop(key, None)
        else:
            tables.setdefault(table, {})[key] = row
