"""JSON bundles: a mentor's records in one file, to move to a new laptop or hand to the coordinator.

Shape (``schema`` 1)::

    {"format": "ect-tui-bundle", "schema": 1, "exported": ISO, "private_included": bool,
     "meetings": [meeting documents, oldest first], "tables": {name: [rows]}}

Meeting documents are carried exactly as stored (the store's own JSON), so an
export then an import gives back the same documents, byte for byte once saved.
A *full backup* keeps private notes and the small tables (settings, and any
feature table such as a private notebook); a *shared* bundle has every
``private`` key removed and, of the tables, only the study log and rhythm settings
(SHARED_TABLES), so nothing mentor-only can ride along.

Reading, merging and importing bundles live in ``ect_tui.transfer`` (ARCHITECTURE.md).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ect_tui.export.private import strip_private
from ect_tui.store.storage import AtomicJSONStorage

if TYPE_CHECKING:
    from ect_tui.store.protocol import MeetingStore

FORMAT = "ect-tui-bundle"
SCHEMA = 1
# Tables the store rebuilds or owns itself; never carried in a bundle.
SKIPPED_TABLES = frozenset({"_meta", "meetings"})
SETTINGS_TABLE = "settings"
# Safe for the induction coordinator: self-study minutes (and their topics) and each ECT's
# coaching rhythm. Never settings, prepared blind views or private notebooks.
SHARED_TABLES = frozenset({"study", "ect_settings"})
_RAW_CONTROLS = re.compile(r"[\x7f-\x9f]")


def make_bundle(
    docs: Iterable[dict[str, Any]],
    *,
    private: bool,
    tables: dict[str, list[dict[str, Any]]] | None = None,
    exported: datetime | None = None,
) -> dict[str, Any]:
    """A bundle of ``docs`` (oldest first); without ``private`` every private key is removed and
    only the engagement tables the coordinator's report reads (SHARED_TABLES) ride along."""
    ordered = sorted(docs, key=lambda d: (str(d.get("started") or ""), str(d.get("id"))))
    when = (exported or datetime.now().astimezone()).isoformat(timespec="seconds")
    return {
        "format": FORMAT,
        "schema": SCHEMA,
        "exported": when,
        "private_included": private,
        "meetings": [copy.deepcopy(d) if private else strip_private(d) for d in ordered],
        "tables": {
            name: copy.deepcopy(rows)
            for name, rows in (tables or {}).items()
            if private or name in SHARED_TABLES
        },
    }


def store_tables(store: MeetingStore) -> dict[str, list[dict[str, Any]]]:
    """The store's small tables (settings and feature tables), rows in insertion order."""
    data = AtomicJSONStorage(store.path, read_only=True).read() or {}
    return {
        name: [table[key] for key in sorted(table, key=int)]
        for name, table in data.items()
        if name not in SKIPPED_TABLES and table
    }


def store_bundle(
    store: MeetingStore, *, shared: bool, ect: str | None = None, exported: datetime | None = None
) -> dict[str, Any]:
    """Every meeting in ``store`` (or one ECT's) as a bundle: a full backup unless ``shared``.

    Tables ride along only in a bundle of everything (they are not per ECT); a shared one
    keeps only SHARED_TABLES.
    Raises the store's CorruptDatabaseError if a meeting file is damaged: a backup
    that silently skipped a meeting would be worse than none.
    """
    docs = list(store.iter_meetings(ect=ect, strict=True))
    tables = store_tables(store) if ect is None else None
    return make_bundle(docs, private=not shared, tables=tables, exported=exported)


def bundle_bytes(bundle: dict[str, Any]) -> bytes:
    """The bundle as UTF-8 JSON; like the store, a lone surrogate is kept exactly (see atomic.dumps).

    json escapes C0 controls itself; DEL and C1 (e.g. the 8-bit CSI) it would
    write raw, so they are escaped too: printed to a terminal, the JSON cannot drive it.
    """
    text = json.dumps(bundle, ensure_ascii=False, indent=1) + "\n"
    text = _RAW_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text.encode("utf-8", "surrogatepass")
