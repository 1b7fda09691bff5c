"""Making the index agree with the meeting files.

The index can always be rebuilt from the files, which is what makes a crash between "save the
meeting" and "update the index" harmless: opening the store runs this (ARCHITECTURE.md, Scale).
A file is re-read only when its stamp (size, modification time, inode) differs from the row's.
The index is checked one month at a time (segments.py), so a hub's 50,000 rows are never all
in memory at once: one stat per row, then one count of the folder to spot files with no row.
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ect_tui.safe_files import outside

from .errors import SaveFailedError, StoreError
from .index import STAMP_KEY, file_stamp, index_row, is_meeting_id, old_stamp, settled
from .segment_files import Row, SegmentSummary, by_month, file_key, scan_index_dir, segment_of, stamp_text

if TYPE_CHECKING:
    from .database import Store


def _meeting_stamp(entry_path: str, st: os.stat_result, meetings_dir: Path, link: bool) -> str | None:
    """The stamp of a file that counts as a meeting: a regular file, or a link within the folder."""
    if not stat.S_ISREG(st.st_mode):
        return None
    if link and outside(Path(entry_path), meetings_dir):
        return None
    return file_stamp(st)


def scan_files(meetings_dir: Path) -> dict[str, str] | None:
    """The stamp of every meeting file, by meeting id: one stat per file.

    Only regular files inside the folder count: a FIFO, a device, a folder or a link
    out of the folder named like a meeting is skipped (check-db reports it). None if
    the folder cannot be listed, so the index is left as it is rather than emptied.
    """
    stamps: dict[str, str] = {}
    try:
        with os.scandir(meetings_dir) as entries:
            for entry in entries:  # a hub has 50,000: the loop is kept to what each needs
                name = entry.name
                if not name.endswith(".json") or not is_meeting_id(stem := name[:-5]):
                    continue
                try:
                    st = entry.stat()  # follows a symlink, as os.stat(path) does
                except OSError:
                    continue
                stamp = _meeting_stamp(entry.path, st, meetings_dir, entry.is_symlink())
                if stamp is not None:
                    stamps[stem] = stamp
    except FileNotFoundError:
        pass
    except OSError:
        return None
    return stamps


def folder_stamp(meetings_dir: Path, index_dir: Path, *, now_ns: int | None = None) -> str | None:
    """One stamp for every meeting file at once, without a stat per file; None while it cannot be
    trusted (the meetings folder changed too recently, index.settled, or cannot be looked at).

    Every write of ours replaces a meeting file by a rename, which moves the folder's mtime; so
    does a file added or removed by hand. A file rewritten in place (not by ect-tui) is the one
    change the folder does not show: opening the store for writing re-derives its row (a stat per
    row, see reconcile_index), and the index's own files are part of this stamp, so it shows then.
    Take it *before* reading the files it vouches for: a change after that moves it."""
    try:
        st = os.stat(meetings_dir)
    except OSError:
        return None
    if not settled(st.st_mtime_ns, time.time_ns() if now_ns is None else now_ns):
        return None
    months, journals = scan_index_dir(index_dir)
    index = ",".join(f"{name}={stamp_text(key)}" for name, key in sorted({**months, **journals}.items()))
    return f"{stamp_text(file_key(st))}:{st.st_dev}|{index}"


def _stamp_of(meetings_dir: Path, meeting_id: str) -> str | None:
    """One meeting file's stamp, by the rules of scan_files; None if it does not count (gone, or not
    a meeting file). OSError if it cannot be looked at (permissions): the row is then kept."""
    path = os.path.join(meetings_dir, f"{meeting_id}.json")
    try:
        st = os.lstat(path)
        link = stat.S_ISLNK(st.st_mode)
        if link:
            st = os.stat(path)
    except FileNotFoundError:
        return None
    return _meeting_stamp(path, st, meetings_dir, link)


def _count_files(meetings_dir: Path) -> int | None:
    """How many names in the folder could be meeting files (no stat: the file type comes with the name)."""
    count = 0
    try:
        with os.scandir(meetings_dir) as entries:
            for entry in entries:
                name = entry.name
                if name.endswith(".json") and is_meeting_id(name[:-5]) and entry.is_file():
                    count += 1
    except FileNotFoundError:
        return 0
    except OSError:
        return None
    return count


def _derive(store: Store, meeting_id: str, stamp: str) -> Row | None:
    """The row for a meeting file, or None if the file is damaged (quarantined: left on disk for
    check-db to report, out of every list, so it never blocks opening nor reaches a screen)."""
    try:
        row = index_row(store.load_meeting(meeting_id))
    except StoreError:
        return None
    row[STAMP_KEY] = stamp
    return row


def reconcile_index(store: Store) -> None:
    """Make the index agree with the meeting files: add missing rows, drop rows whose file is
    gone, and re-derive rows whose file changed after indexing (``rebuild_index`` re-derives all)."""
    index = store._index
    meetings_dir = store.meetings_dir
    files = _count_files(meetings_dir)
    if files is None:
        return  # the folder cannot be listed: keep the index; loading a meeting says why
    try:
        index.refresh()
        index.fold()  # the journal first, so each month's file is the whole truth
        moved: dict[str, dict[str, Row]] = {}
        for name in index.names():
            rows = index.rows(name, keep=False)
            checked: dict[str, Row] = {}
            for key, row in rows.items():
                try:
                    stamp = _stamp_of(meetings_dir, key)
                except OSError:
                    checked[key] = row  # cannot be looked at just now: kept as it is
                    continue
                if stamp is None:
                    continue  # the file is gone: so is the row
                stored = row.get(STAMP_KEY)
                if stored == stamp:
                    fresh: Row | None = row
                elif old_stamp(stored) == stamp:  # written by an older ect-tui: same file
                    fresh = {**row, STAMP_KEY: stamp}
                else:
                    fresh = _derive(store, key, stamp)
                if fresh is None:
                    continue
                if segment_of(fresh) == name:
                    checked[key] = fresh
                else:  # filed under another month (its start moved, or a hand edit)
                    moved.setdefault(segment_of(fresh), {})[key] = fresh
            _settle(store, name, rows, checked)
            del rows, checked  # one month in memory at a time, not two
        for name, rows in moved.items():
            _add_to_month(store, name, rows)
        if files != sum(part.count for part in index.summary()):
            _index_new_files(store)
        index.save_summary()
    except SaveFailedError:
        # Best effort: the meeting files are intact and the next open tries again, so a full
        # disk must not stop the app starting.
        pass


def _derived_by_month(store: Store, stamps: dict[str, str]) -> dict[str, dict[str, Row]]:
    """The rows of these meeting files, each read again, by month (damaged files left out)."""
    return by_month(row for meeting_id, stamp in stamps.items() if (row := _derive(store, meeting_id, stamp)))


def _add_to_month(store: Store, name: str, rows: dict[str, Row]) -> None:
    _settle(store, name, None, {**store._index.rows(name, keep=False), **rows})


def _settle(store: Store, name: str, before: dict[str, Row] | None, after: dict[str, Row]) -> None:
    summary = SegmentSummary.of(after.values())
    if before is not None and (before is after or before == after):
        store._index.note_summary(name, summary)
    else:
        store._index.write_month(name, after, summary)


def _index_new_files(store: Store) -> None:
    """Index the meeting files no row names, and drop a meeting's second row (the counts of
    files and rows differ)."""
    index = store._index
    stamps = scan_files(store.meetings_dir)
    if stamps is None:
        return
    seen: set[str] = set()
    for name in index.names():
        rows = index.rows(name, keep=False)
        twice = seen.intersection(rows)
        if twice:  # filed in two months (a hand edit): the newer month's row is kept
            kept = {key: row for key, row in rows.items() if key not in twice}
            _settle(store, name, None, kept)
        seen.update(rows)
    for key in seen:
        stamps.pop(key, None)
    for name, rows in _derived_by_month(store, stamps).items():
        _add_to_month(store, name, rows)


def rebuild_index(store: Store) -> None:
    """Every row derived again from its file (``ect-tui reindex``; slow with many meetings).
    StoreError if the meetings folder cannot be listed."""
    store._index.replace_all(_derived_by_month(store, store.meeting_stamps()))
