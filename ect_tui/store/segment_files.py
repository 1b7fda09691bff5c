"""The meetings index on disk: one file per month of ``started``, and a summary beside them.

``ect-tui.json.index/2025-12.json`` holds the index rows of the meetings started in
December 2025 (``undated.json`` those without a date), so no reader parses more rows
than it needs: the start screen reads only ``summary.json`` (how many meetings, whose,
which are unfinished), the history reads newest month first, and a change rewrites one
month, not the whole history (ARCHITECTURE.md, Scale). Each file is written atomically
(atomic.py). The summary records the stamp of the month file each part was worked out
from, so a part that no longer matches its file is worked out again, never trusted.
Everything here can be rebuilt from the meeting files, which is why a damaged index
file is set aside and rebuilt, not reported as a lost record.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ect_tui.safe_files import UnreadableFileError, read_regular

from .atomic import _NOT_PARSED, atomic_write_bytes, dumps, fast_loads, fsync_dir, loads
from .index import is_meeting_id, newest_first, share_repeated_values
from .limits import MAX_DATABASE_BYTES

Row = dict[str, Any]
UNDATED = "undated"
SUMMARY_NAME = "summary.json"
JOURNAL_NAME = "journal"
FORMAT = 1
_MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
_JOURNAL = re.compile(r"journal\.[0-9a-f]{16}")
# A month file this large is parsed with orjson by a command (a hub's months are ~1 MB; one
# mentor's are tens of KB, where importing orjson would cost more than it saves).
FAST_MONTH_BYTES = 256 * 1024
# (inode, size, modification and change time): a segment rewritten is a new inode (atomic.py).
FileKey = tuple[int, int, int, int]


def index_dir_for(db_path: Path) -> Path:
    """``ect-tui.json`` -> ``ect-tui.json.index``."""
    return db_path.with_name(db_path.name + ".index")


def segment_of(row: Row) -> str:
    """The month a row is filed under: ``started``'s ``YYYY-MM``, or ``undated``."""
    started = row.get("started")
    if type(started) is str and _MONTH.fullmatch(started[:7]) is not None:
        return started[:7]
    return UNDATED


def by_month(rows: Iterable[Row]) -> dict[str, dict[str, Row]]:
    """Rows grouped as the month files hold them: month -> {meeting id: row}."""
    months: dict[str, dict[str, Row]] = {}
    for row in rows:
        months.setdefault(segment_of(row), {})[row["id"]] = row
    return months


def is_segment_name(name: str) -> bool:
    return name == UNDATED or _MONTH.fullmatch(name) is not None


def newest_segments_first(names: Any) -> list[str]:
    """Months newest first, then ``undated`` (the order newest_first gives their rows)."""
    return sorted(names, key=lambda name: (name != UNDATED, name), reverse=True)


def segment_path(folder: Path, name: str) -> Path:
    return folder / f"{name}.json"


def file_key(st: os.stat_result) -> FileKey:
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def is_journal_name(name: str) -> bool:
    """``journal.<16 hex>`` (and ``journal``, the one name the first schema 2 builds used)."""
    return name == JOURNAL_NAME or _JOURNAL.fullmatch(name) is not None


def new_journal_name() -> str:
    return f"{JOURNAL_NAME}.{secrets.token_hex(8)}"


def scan_index_dir(folder: Path) -> tuple[dict[str, FileKey], dict[str, FileKey]]:
    """(month files, journals) in the index folder, each with its stamp: regular files only, so a
    folder, FIFO or link named like one is never opened. A folder that is missing or cannot be
    listed has none (the index is then rebuilt from the meeting files, or read as empty)."""
    months: dict[str, FileKey] = {}
    journals: dict[str, FileKey] = {}
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                if name.endswith(".json") and is_segment_name(stem := name[:-5]):
                    found, key = months, stem
                elif is_journal_name(name):
                    found, key = journals, name
                else:
                    continue
                with suppress(OSError):
                    st = entry.stat(follow_symlinks=False)
                    if stat.S_ISREG(st.st_mode):
                        found[key] = file_key(st)
    except OSError:
        pass
    return months, journals


def list_segments(folder: Path) -> dict[str, FileKey]:
    """Every month file in the index folder with its stamp."""
    return scan_index_dir(folder)[0]


class DamagedIndexFile(Exception):
    """An index file that cannot be read as one: the index is rebuilt from the meeting files."""


def read_segment(path: Path, *, fast: bool = False) -> dict[str, Row] | None:
    """A month file's rows by meeting id; None if it is missing, DamagedIndexFile if unreadable.

    A row that is not an object, or whose id is not the key it is filed under, is left out:
    the meeting files are the truth, and reconciling indexes them again. ``fast``: parse with
    orjson where it accepts the file (a command reading every month once), and leave the
    repeated names unshared (the app keeps months; a command exits).
    """
    try:
        raw = read_regular(path, MAX_DATABASE_BYTES)
    except FileNotFoundError:
        return None
    except (UnreadableFileError, OSError) as error:
        raise DamagedIndexFile(f"{path}: {getattr(error, 'reason', error)}") from None
    if raw is None:
        return None
    try:
        data = fast_loads(raw, from_bytes=FAST_MONTH_BYTES) if fast else _NOT_PARSED
        if data is _NOT_PARSED:
            data = loads(raw)
    except (UnicodeDecodeError, RecursionError, ValueError):
        raise DamagedIndexFile(f"{path}: not valid JSON") from None
    rows = data.get("rows") if type(data) is dict and data.get("format") == FORMAT else None
    if type(rows) is not dict:
        raise DamagedIndexFile(f"{path}: not an index file of format {FORMAT}")
    kept = {key: row for key, row in rows.items() if type(row) is dict and row.get("id") == key}
    if not fast:
        _share_repeated_values(kept.values())
    return kept


_SHARED: dict[str, str] = {}  # the names shared between every month kept (index.share_repeated_values)
_SHARED_MAX = 100_000  # a bound, in case a planted index holds a new name in every row


def _share_repeated_values(rows: Any) -> None:
    if len(_SHARED) > _SHARED_MAX:
        _SHARED.clear()
    share_repeated_values(rows, _SHARED)


def write_segment(folder: Path, name: str, rows: dict[str, Row]) -> FileKey | None:
    """Replace a month file atomically (remove it when no rows are left); its new stamp.

    OSError if the disk refuses: the old file is then intact.
    """
    path = segment_path(folder, name)
    if not rows:
        with suppress(FileNotFoundError):
            os.unlink(path)
            fsync_dir(folder)
        return None
    ordered = {row["id"]: row for row in newest_first(rows.values())}  # readers sort it in one pass
    atomic_write_bytes(path, dumps({"format": FORMAT, "rows": ordered}))
    return file_key(os.stat(path))


@dataclass
class SegmentSummary:
    """What the start screen needs from one month: how many meetings, whose, which are unfinished."""

    count: int = 0
    ects: dict[str, int] = field(default_factory=dict)
    unfinished: dict[str, Row] = field(default_factory=dict)

    @classmethod
    def of(cls, rows: Any) -> SegmentSummary:
        summary = cls()
        ects = summary.ects
        for row in rows:
            summary.count += 1
            ect = row.get("ect")
            if type(ect) is str:
                ects[ect] = ects.get(ect, 0) + 1
            if row.get("status") == "in-progress":
                summary.unfinished[row["id"]] = row
        return summary

    def to_json(self) -> dict[str, Any]:
        return {"count": self.count, "ects": self.ects, "unfinished": list(self.unfinished.values())}

    @classmethod
    def from_json(cls, value: Any) -> SegmentSummary | None:
        if type(value) is not dict:
            return None
        count, ects, unfinished = value.get("count"), value.get("ects"), value.get("unfinished")
        if type(count) is not int or type(ects) is not dict or type(unfinished) is not list:
            return None
        if not all(type(n) is int for n in ects.values()):
            return None
        rows = [row for row in unfinished if type(row) is dict and is_meeting_id(row.get("id"))]
        return cls(count, ects, {row["id"]: row for row in rows})


def stamp_text(key: FileKey) -> str:
    return ":".join(map(str, key))


def read_summary(folder: Path) -> dict[str, tuple[str, SegmentSummary]]:
    """The stored summary: per month, the stamp of the file it came from and the summary.

    Anything unreadable reads as nothing stored (each month is then worked out from its file).
    """
    try:
        raw = read_regular(folder / SUMMARY_NAME, MAX_DATABASE_BYTES)
        data = loads(raw) if raw is not None else None
    except (UnreadableFileError, OSError, UnicodeDecodeError, RecursionError, ValueError):
        return {}
    parts = data.get("segments") if type(data) is dict and data.get("format") == FORMAT else None
    if type(parts) is not dict:
        return {}
    stored: dict[str, tuple[str, SegmentSummary]] = {}
    for name, part in parts.items():
        summary = SegmentSummary.from_json(part)
        if is_segment_name(name) and summary is not None and type(stamp := part.get("stamp")) is str:
            stored[name] = (stamp, summary)
    return stored


def write_summary(folder: Path, parts: dict[str, tuple[str, SegmentSummary]]) -> None:
    """Replace the summary atomically; OSError if the disk refuses (it is then worked out again)."""
    segments = {name: {"stamp": stamp, **summary.to_json()} for name, (stamp, summary) in parts.items()}
    atomic_write_bytes(folder / SUMMARY_NAME, dumps({"format": FORMAT, "segments": segments}))


def index_entry(value: Any) -> tuple[str, Row | None, str | None] | None:
    """A journal line of the index as (meeting id, row or None to remove, segment it left), or
    None if it is not one. ``{"k": id, "v": row | null, "s": month | null}``."""
    if type(value) is not dict:
        return None
    key, row, left = value.get("k"), value.get("v"), value.get("s")
    if not is_meeting_id(key) or (row is not None and (type(row) is not dict or row.get("id") != key)):
        return None
    if left is not None and (type(left) is not str or not is_segment_name(left)):
        return None
    return str(key), row, left


def encode_index_entries(entries: list[tuple[str, Row | None, str | None]]) -> bytes:
    return b"".join(dumps({"k": key, "v": row, "s": left}) + b"\n" for key, row, left in entries)
