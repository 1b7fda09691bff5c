"""The meetings index: one small row per meeting, derived from its document.

Lists and pickers read only these rows, so start-up and the history screen never
open thousands of meeting files. Pure functions: no I/O here.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable
from operator import itemgetter
from typing import Any

# Meeting ids become file names, so only plain ids are accepted (hex uuids fit).
MEETING_ID_RE = re.compile(r"[0-9A-Za-z][0-9A-Za-z_-]{0,127}")

ROW_KEYS = (
    "id",
    "kind",
    "ect",
    "mentor",
    "script_id",
    "script_title",
    "status",
    "started",
    "ended",
    "updated",
    "duration_seconds",
)
# Not part of the public row: "mtime_ns:size:inode" of the meeting file the row was
# derived from, so opening the store can spot files saved after their row. A string
# (older versions wrote a list): a row then holds only strings and numbers, which
# Python's cyclic garbage collector does not track, so thousands of cached rows add
# nothing to its full collections (they run on the event loop).
STAMP_KEY = "file_stamp"


# Rows whose stamp lacks this prefix were indexed before meeting files were checked
# against the declared schema (ect_tui/store/schema.py), so their file is read and
# checked once more: a row never vouches for a file nobody has checked.
STAMP_PREFIX = "s1:"


def file_stamp(st: os.stat_result) -> str:
    """The stamp of a meeting file, from its stat."""
    return f"{STAMP_PREFIX}{st.st_mtime_ns}:{st.st_size}:{st.st_ino}"


def old_stamp(stored: Any) -> str | None:
    """A stamp in the list form older versions wrote, as today's string (else None)."""
    if isinstance(stored, list) and len(stored) == 3:
        return ":".join(str(part) for part in stored)
    return None


def is_meeting_id(value: object) -> bool:
    return isinstance(value, str) and MEETING_ID_RE.fullmatch(value) is not None


def check_meeting_id(value: object) -> str:
    """Return ``value`` if it can name a meeting file, else raise ValueError."""
    if not is_meeting_id(value):
        raise ValueError(f"not a valid meeting id (letters, digits, '-' and '_' only): {value!r}")
    return value  # type: ignore[return-value]


def _seconds(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return 0.0
    return float(value) if math.isfinite(value) else 0.0


def index_row(doc: dict[str, Any]) -> dict[str, Any]:
    """The index row for a meeting document (missing keys become None)."""
    script = doc.get("script")
    script = script if isinstance(script, dict) else {}
    sections = doc.get("sections")
    sections = sections if isinstance(sections, list) else []
    total = sum(_seconds(s.get("elapsed_seconds")) for s in sections if isinstance(s, dict))
    return {
        "id": check_meeting_id(doc.get("id")),
        "kind": doc.get("kind", "meeting"),
        "ect": doc.get("ect"),
        "mentor": doc.get("mentor"),
        "script_id": script.get("id"),
        "script_title": script.get("title"),
        "status": doc.get("status"),
        "started": doc.get("started"),
        "ended": doc.get("ended"),
        "updated": doc.get("updated"),
        "duration_seconds": int(round(total)),
    }


def public_row(row: dict[str, Any]) -> dict[str, Any]:
    """A plain-dict copy of a stored row without store-internal keys."""
    copied = dict(row)
    copied.pop(STAMP_KEY, None)
    return copied


def newest_first(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sort by ``started`` (ISO-8601 strings sort by time), newest first; undated rows last."""
    rows = list(rows)
    dated = [r for r in rows if type(r.get("started")) is str]
    if len(dated) == len(rows) and all(type(r.get("id")) is str for r in rows):
        # The usual case, sorted by a C-level key (tens of thousands of rows at a hub), the order
        # of the general case below; quick on a month file kept in that order (write_segment).
        dated.sort(key=itemgetter("started", "id"), reverse=True)
        return dated
    dated = [r for r in rows if isinstance(r.get("started"), str)]
    undated = [r for r in rows if not isinstance(r.get("started"), str)]
    dated.sort(key=lambda r: (r["started"], str(r.get("id"))), reverse=True)
    undated.sort(key=lambda r: str(r.get("id")))
    return dated + undated


# Row fields whose values repeat from row to row (a few ECTs, mentors, scripts, statuses).
REPEATED_FIELDS = ("kind", "ect", "mentor", "script_id", "script_title", "status")


def share_repeated_values(rows: Iterable[Any], seen: dict[str, str]) -> None:
    """One string object per distinct value of REPEATED_FIELDS (kept in ``seen``), instead of one
    per row: the parser makes a new string for every value, a quarter of a kept row's memory."""
    shared = seen.setdefault
    for row in rows:
        if type(row) is not dict:
            continue
        for field in REPEATED_FIELDS:
            value = row.get(field)
            if type(value) is str:
                row[field] = shared(value, value)


def matches(row: dict[str, Any], filters: dict[str, Any]) -> bool:
    """True if every non-None filter equals the row's value."""
    return all(value is None or row.get(key) == value for key, value in filters.items())


def filtered(rows: Iterable[dict[str, Any]], filters: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows that ``matches`` the filters (a tight loop: the index can hold thousands)."""
    wanted = [(key, value) for key, value in filters.items() if value is not None]
    if not wanted:
        return list(rows)
    if len(wanted) == 1:
        [(key, value)] = wanted
        return [row for row in rows if row.get(key) == value]
    return [row for row in rows if all(row.get(key) == value for key, value in wanted)]


def sorted_names(names: Iterable[Any]) -> list[str]:
    """Distinct non-empty names, sorted case-insensitively (ties in a fixed order)."""
    distinct = {name for name in names if isinstance(name, str) and name.strip()}
    return sorted(distinct, key=lambda name: (name.casefold(), name))


# How long after its last change a file or folder's stamp can be trusted to move with any further
# change (git's "racily clean" rule): past the coarsest tick its filesystem stamps times with.
# A whole-second mtime marks a coarse filesystem (FAT's 2 s, HFS+, some network shares); any
# other has ticks of a few milliseconds at most.
COARSE_SETTLED_NS = 3_000_000_000
FINE_SETTLED_NS = 50_000_000


def settled(mtime_ns: int, now_ns: int) -> bool:
    """Whether something last changed at ``mtime_ns`` cannot change again, seen ``now_ns``, without
    its mtime changing too (so one stat of it stands for reading it)."""
    coarse = mtime_ns % 1_000_000_000 == 0
    return now_ns - mtime_ns >= (COARSE_SETTLED_NS if coarse else FINE_SETTLED_NS)
