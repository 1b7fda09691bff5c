"""Making the index agree with the meeting files.

The index can always be rebuilt from the files, which is what makes a crash between "save the
meeting" and "update the index" harmless: opening the store runs this (ARCHITECTURE.md, Scale).
A file is re-read only when its stamp (size and modification time) differs from the row's.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from ect_tui.safe_files import outside

from .errors import SaveFailedError, StoreError
from .index import STAMP_KEY, file_stamp, index_row, is_meeting_id, old_stamp
from .layout import MEETINGS_TABLE
from .storage import Tables

if TYPE_CHECKING:
    from .database import Store


def scan_files(meetings_dir: Path) -> dict[str, str] | None:
    """The stamp of every meeting file, by meeting id: one stat per file.

    Only regular files inside the folder count: a FIFO, a device, a folder or a link
    out of the folder named like a meeting is skipped (check-db reports it). None if
    the folder cannot be listed, so the index is left as it is rather than emptied.
    """
    stamps: dict[str, str] = {}
    is_regular = stat.S_ISREG
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
                if not is_regular(st.st_mode):
                    continue
                if entry.is_symlink() and outside(Path(entry.path), meetings_dir):
                    continue
                stamps[stem] = file_stamp(st)
    except FileNotFoundError:
        pass
    except OSError:
        return None
    return stamps


def reconcile_index(store: Store, data: Tables, *, full: bool = False, best_effort: bool = True) -> None:
    """Make the index agree with the meeting files: add missing rows, drop rows
    whose file is gone, and re-derive rows whose file changed after indexing."""
    files = scan_files(store.meetings_dir)
    if files is None:
        return  # the folder cannot be listed: keep the index; loading a meeting says why
    table = data.setdefault(MEETINGS_TABLE, {})
    changed = False
    key_of: dict[str, str] = {}
    for doc_id, row in list(table.items()):
        meeting_id = row.get("id")
        if meeting_id not in files or meeting_id in key_of:
            del table[doc_id]
            changed = True
        else:
            key_of[meeting_id] = doc_id
    next_key = max((int(k) for k in table), default=0)
    for meeting_id, stamp in files.items():
        key = key_of.get(meeting_id)
        if key is not None and not full:
            stored = table[key].get(STAMP_KEY)
            if stored == stamp:
                continue
            if old_stamp(stored) == stamp:  # written by an older ect-tui: same file
                table[key] = {**table[key], STAMP_KEY: stamp}
                changed = True
                continue
        try:
            row = index_row(store.load_meeting(meeting_id))
        except StoreError:
            # Quarantined: left on disk for check-db to report, out of every list, so a
            # damaged file never blocks opening nor reaches a screen.
            if key is not None:
                del table[key]
                del key_of[meeting_id]
                changed = True
            continue
        row[STAMP_KEY] = stamp
        if key is None:
            next_key += 1
            key = key_of[meeting_id] = str(next_key)
        if table.get(key) != row:
            table[key] = row
            changed = True
    if not changed:
        return
    try:
        store._storage.write(data, keep=True)
    except SaveFailedError:
        # At open this is best effort: the meeting files are intact and the
        # next open tries again, so a full disk must not stop the app starting.
        if not best_effort:
            raise
