"""The mentor's private notebook for each ECT: one running text across all their meetings.

Mentor-only, like a meeting's private notes: rows keep the text under a ``private``
key, so a shared bundle strips it even if the table ever rode along, and the table is
not one of the bundle's shared tables. Only the mentor's full backup carries it.
An import of a backup can add a second row for the same ECT; reading joins the
different texts (nothing is dropped) and the next save gives every row that text.
Each save is one atomic write of the database, so a crash keeps the old text or the new.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tinydb.queries import QueryInstance

    from ect_tui.store.protocol import MeetingStore

NOTEBOOK_TABLE = "notebook"
JOIN = "\n\n--- from another copy ---\n\n"


def _same_ect(ect: str) -> QueryInstance:
    from tinydb import Query  # imported on first use: the start screen never needs it

    wanted = ect.strip().casefold()
    matches: QueryInstance = Query().ect.test(  # Query fields are Any
        lambda value: isinstance(value, str) and value.strip().casefold() == wanted
    )
    return matches


def load_notebook(store: MeetingStore, ect: str) -> str:
    """The notebook text for this ECT ('' if none yet)."""
    rows = store.table(NOTEBOOK_TABLE).search(_same_ect(ect))
    texts = [text for row in rows if isinstance(text := row.get("private"), str) and text]
    return JOIN.join(dict.fromkeys(texts))


def save_notebook(store: MeetingStore, ect: str, text: str, now: datetime | None = None) -> None:
    """Replace this ECT's notebook with ``text`` (an empty text removes it), in one write."""
    table = store.table(NOTEBOOK_TABLE)
    if not text.strip():
        table.remove(_same_ect(ect))
        return
    row = {
        "ect": ect.strip(),
        "private": text,
        "updated": (now or datetime.now()).isoformat(timespec="seconds"),
    }
    table.upsert(row, _same_ect(ect))
