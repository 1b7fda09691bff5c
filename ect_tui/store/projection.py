"""Index rows decoded straight into a command's own shape, for commands that list every meeting.

`history --json` at a hub lists 50,000 rows. Parsing every month file into dicts and then
building the rows it prints from them cost three times reading the index itself (bench --hub).
Here each month file is decoded by msgspec into a Struct of only the fields wanted: the rest
(ended, updated, the file stamp) are passed over unparsed, and each row is one small object.

A month the journal changes, or whose file does not fit, is read as every other reader reads
it (segments.py, which also names a damaged file) and each row converted: the rows are the
same either way, only the time differs.
"""

from __future__ import annotations

from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import msgspec

from ect_tui.safe_files import UnreadableFileError, read_regular

from .limits import MAX_DATABASE_BYTES
from .segment_files import FORMAT, segment_path

if TYPE_CHECKING:
    from .segments import SegmentedIndex

T = TypeVar("T", bound=msgspec.Struct)
_ID = attrgetter("id")


class _Month(msgspec.Struct, Generic[T]):
    format: Any
    rows: dict[str, T]


def rows_as(index: SegmentedIndex, row_type: type[T]) -> list[T]:
    """Every row as ``row_type``, newest first: the months newest first, each month's rows in the
    order of index.newest_first (as SegmentedIndex.all_rows gives the dict rows).

    ``row_type``: a msgspec Struct with ``id`` and ``started``, every field typed ``Any``
    (a row is shown as it is stored, as the dict rows are), the rest with defaults."""
    decoder: msgspec.json.Decoder[_Month[T]] = msgspec.json.Decoder(_Month[row_type])  # type: ignore[valid-type]
    found: list[T] = []
    for name in index.names():
        key = index.file_alone(name)
        decoded = _decode(decoder, segment_path(index.folder, name)) if key is not None else None
        if decoded is not None and index.file_alone(name) == key:
            month = list(decoded.values())
            if list(map(_ID, month)) != list(decoded):  # a row filed under another id (checked in C)
                month = [row for meeting_id, row in decoded.items() if _ID(row) == meeting_id]
        else:
            month = [msgspec.convert(row, row_type) for row in index.rows(name, keep=False).values()]
        found.extend(_newest_first(month))
    return found


def _decode(decoder: msgspec.json.Decoder[_Month[T]], path: Path) -> dict[str, T] | None:
    """A month file's rows, or None if it is gone, unreadable or not a month file we can decode
    this way (the caller then reads it the usual way)."""
    try:
        raw = read_regular(path, MAX_DATABASE_BYTES)
        if raw is None:
            return None
        if not raw.isascii():  # as read_segment: a file that is not UTF-8 is damaged, even where
            raw.decode("utf-8", "surrogatepass")  # msgspec would pass over it unread
        month = decoder.decode(raw)
    except (OSError, UnreadableFileError, msgspec.DecodeError, RecursionError, UnicodeDecodeError):
        return None
    return month.rows if month.format == FORMAT else None


def _newest_first(rows: list[T]) -> list[T]:
    """By ``started`` (ISO-8601 text sorts by time) then id, newest first; undated rows last by id.
    Every id is text: a row is kept only under its own id."""
    started = attrgetter("started")
    if set(map(type, map(started, rows))) <= {str}:  # the usual case, checked in C
        rows = list(rows)
        rows.sort(key=attrgetter("started", "id"), reverse=True)  # quick on a month kept in order
        return rows
    dated = [row for row in rows if type(started(row)) is str]
    undated = [row for row in rows if type(started(row)) is not str]
    dated.sort(key=attrgetter("started", "id"), reverse=True)
    undated.sort(key=_ID)
    return dated + undated
