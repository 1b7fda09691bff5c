"""`ect-tui history --json`: every meeting's index row as JSON, quick at a hub's 50,000.

Kept apart from history.py so only this command imports msgspec.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec

from ect_tui.commands.history import ORJSON_FROM_ROWS, history_rows
from ect_tui.safe_text import escape_json_controls, json_text

if TYPE_CHECKING:
    from ect_tui.store.protocol import MeetingStore


class HistoryRow(msgspec.Struct, gc=False):
    """A row of `history --json`, its keys in order, as store.projection decodes it from the index
    (``date`` filled in after). Any: a row is printed as stored, as ``history_rows`` prints it.
    Not tracked by the cycle collector: it holds only what JSON holds, never itself."""

    id: Any
    date: Any = ""
    started: Any = None
    ect: Any = None
    mentor: Any = None
    script_id: Any = None
    script_title: Any = None
    kind: Any = "meeting"
    status: Any = None
    duration_seconds: Any = 0


def history_json(store: MeetingStore, ect: str | None = None, *, typed: bool = True) -> str:
    """What `history --json` prints: ``history_rows`` as JSON indented by two, safe for a terminal.

    Every meeting (a hub's 50,000) is decoded from the index straight into ``HistoryRow`` and
    written by msgspec (store/projection.py): the same text as ``history_rows`` through json
    (``typed`` False, and one ECT's list), but for how a float may be spelled (safe_text.json_text)."""
    if ect is not None or not typed:
        rows = history_rows(store, ect)
        return json_text(rows, fast=len(rows) >= ORJSON_FROM_ROWS)
    shaped = store.meeting_rows_as(HistoryRow)
    for row in shaped:
        row.date = row.started[:10] if type(row.started) is str else ""
    try:
        text = msgspec.json.format(msgspec.json.encode(shaped), indent=2).decode("utf-8")
    except (UnicodeEncodeError, TypeError, OverflowError):  # a lone surrogate, a number too large
        return json_text(msgspec.to_builtins(shaped))
    return escape_json_controls(text)
