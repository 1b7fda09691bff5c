"""The mentor's blind views, prepared before an audit: one small record per ECT and script.

They wait here until a meeting with that ECT and script starts, then move into
the meeting itself (where the pair compares them with the ECT's own ratings).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tinydb import Query

if TYPE_CHECKING:
    from tinydb.queries import QueryInstance

    from ect_tui.store.protocol import MeetingStore

PRIORS_TABLE = "priors"
Views = dict[str, dict[str, str]]  # statement code -> {"level": ..., "evidence": ...}


def _match(ect: str, script_id: str) -> QueryInstance:
    entry = Query()
    matches: QueryInstance = (entry.ect == ect) & (entry.script_id == script_id)  # Query fields are Any
    return matches


def load_priors(store: MeetingStore, ect: str, script_id: str) -> Views:
    """The views prepared for this ECT and script, or {} if none."""
    found = store.table(PRIORS_TABLE).get(_match(ect, script_id))
    return dict(found["views"]) if found else {}


def save_priors(store: MeetingStore, ect: str, script_id: str, views: Views) -> None:
    """Replace the prepared views for this ECT and script (empty views remove the record)."""
    table = store.table(PRIORS_TABLE)
    if not views:
        table.remove(_match(ect, script_id))
        return
    table.upsert({"ect": ect, "script_id": script_id, "views": views}, _match(ect, script_id))
