"""The report's facts per meeting, kept between runs so the tutor's overview reads one file.

The overview (`report_from_store`) needs a few facts from every meeting: who, when, coaching
or not, the action steps and the audit levels (`DocFacts`). At a hub's 50,000 meetings,
opening every meeting file for them took about 26 times as long as reading the index, so
the facts are kept in a cache file and a meeting file is opened again only when it changed
since: its size and modification time (nanoseconds) and the index row's ``updated`` are the
cache key, so a save the index has not heard of is still noticed.

The cache is derived data: it lives in the user cache folder (one file per database, private
to the user as the database is, since action steps are in it), is rebuilt entry by entry from
the meeting files whenever it is missing, damaged or stale, and is written atomically. A
read-only store is never written to: the cache is not part of it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ect_tui.coaching.report import DocFacts, doc_facts
from ect_tui.store.errors import StoreError

if TYPE_CHECKING:
    from ect_tui.store.protocol import MeetingStore

CACHE_VERSION = 1


def cache_path_for(db: Path) -> Path:
    """This database's cache file in the user cache folder (named by a hash of its real path)."""
    from platformdirs import user_cache_path

    digest = hashlib.sha256(str(db.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return user_cache_path("ect-tui", appauthor=False) / "report-facts" / f"{digest}.json"


def _key(row: dict[str, Any], path: Path) -> list[Any] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return [row.get("updated"), row.get("status"), stat.st_size, stat.st_mtime_ns]


def _to_json(facts: DocFacts) -> dict[str, Any]:
    return {
        "ect": facts.ect,
        "mentor": facts.mentor,
        "day": facts.day.isoformat(),
        "coaching": facts.coaching,
        "counted": facts.counted,
        "praise": facts.praise,
        "slim": facts.slim,
    }


def _from_json(value: Any) -> DocFacts | None:
    """Facts read back from the cache, or None when the entry is not what we wrote."""
    if not isinstance(value, dict):
        return None
    try:
        return DocFacts(
            str(value["ect"]),
            str(value["mentor"]),
            date.fromisoformat(value["day"]),
            bool(value["coaching"]),
            bool(value["counted"]),
            int(value["praise"]),
            dict(value["slim"]),
        )
    except (KeyError, TypeError, ValueError):
        return None


def _read(path: Path) -> dict[str, Any]:
    from ect_tui.store.atomic import loads

    try:
        data = loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return {}
    entries = data.get("meetings")
    return entries if isinstance(entries, dict) else {}


def _write(path: Path, entries: dict[str, Any]) -> None:
    """Atomically, private to the user; a cache that cannot be written is simply not kept."""
    from ect_tui.store.atomic import atomic_write_json

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write_json(path, {"version": CACHE_VERSION, "meetings": entries}, mode=0o600)
    except (OSError, ValueError, TypeError):
        pass


def meeting_facts(store: MeetingStore, rows: Iterable[dict[str, Any]], cache: Path | None) -> list[DocFacts]:
    """The facts of every listed meeting: from the cache where the meeting file is unchanged,
    else from the file (and the cache brought up to date). Without a cache path, every file."""
    known = _read(cache) if cache is not None else {}
    kept: dict[str, Any] = {}
    facts: list[DocFacts] = []
    changed = False
    for row in rows:
        meeting_id = row.get("id")
        if not isinstance(meeting_id, str):
            continue
        try:
            key = _key(row, store.meeting_path(meeting_id))
        except (StoreError, ValueError):
            continue
        if key is None:
            continue  # no file: check-db reports it; the rest of the report still stands
        found = known.get(meeting_id)
        entry: dict[str, Any] = found if isinstance(found, dict) else {}
        fact, hit = None, entry.get("key") == key
        if hit and entry.get("facts") is not None:
            fact = _from_json(entry.get("facts"))
            hit = fact is not None  # an entry we cannot read is read again from the file
        if not hit:
            try:
                fact = doc_facts(store.load_meeting(meeting_id))
            except StoreError:
                continue  # damaged: check-db names it
            entry = {"key": key, "facts": _to_json(fact) if fact is not None else None}
            changed = True
        kept[meeting_id] = entry
        if fact is not None:
            facts.append(fact)
    if cache is not None and (changed or len(kept) != len(known)):
        _write(cache, kept)
    return facts
