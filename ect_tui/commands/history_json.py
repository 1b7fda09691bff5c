"""`ect-tui history --json`: every meeting's index row as JSON, quick at a hub's 50,000.

Kept apart from history.py so only this command imports msgspec.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec

from ect_tui.commands.history import ORJSON_FROM_ROWS, history_rows
from ect_tui.safe_text import escape_json_control_bytes, json_text

if TYPE_CHECKING:
    from ect_tui.store.protocol import MeetingStore


class HistoryRow(msgspec.Struct, gc=False):
    """A row of `history --json`, its keys in order, as store.projection decodes it from the index
    (``date`` worked out as each is decoded). Any: a row is printed as stored, as ``history_rows`` prints it.
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

    def __post_init__(self) -> None:
        """The day the meeting started, as ``history_rows`` gives it (run as each row is decoded)."""
        started = self.started
        self.date = started[:10] if type(started) is str else ""


def history_json(store: MeetingStore, ect: str | None = None, *, typed: bool = True) -> str:
    """What `history --json` prints: ``history_rows`` as JSON indented by two, safe for a terminal."""
    return history_json_bytes(store, ect, typed=typed).decode("utf-8")


def history_json_bytes(store: MeetingStore, ect: str | None = None, *, typed: bool = True) -> bytes:
    """``history_json`` as UTF-8, for writing straight out (SafeStream.write_bytes).

    Every meeting (a hub's 50,000) is decoded from the index straight into ``HistoryRow`` and
    written by msgspec (store/projection.py): the same text as ``history_rows`` through json
    (``typed`` False, and one ECT's list), but for how a float may be spelled (safe_text.json_text)
    and a number that is not finite (only ever in a hand-edited index), which json writes as
    NaN or Infinity, not JSON, and msgspec as null."""
    if ect is not None or not typed:
        rows = history_rows(store, ect)
        return json_text(rows, fast=len(rows) >= ORJSON_FROM_ROWS).encode("utf-8")
    shaped = store.meeting_rows_as(HistoryRow)
    try:
        data = msgspec.json.format(msgspec.json.encode(shaped), indent=2)
    except (UnicodeEncodeError, TypeError, OverflowError):  # a lone surrogate, a number too large
        return json_text(msgspec.to_builtins(shaped)).encode("utf-8")
    return escape_json_control_bytes(data)
