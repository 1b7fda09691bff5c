"""`ect-tui history`: every meeting, newest first, for people and for other tools."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ect_tui.commands import CommandError, collect_garbage_less_often, db_path, open_store
from ect_tui.meeting.columns import fit_column
from ect_tui.meeting.countdown import format_minutes
from ect_tui.safe_text import json_text

if TYPE_CHECKING:
    from ect_tui.store.protocol import MeetingStore

HISTORY_FIELDS = ("id", "date", "ect", "mentor", "script_id", "script_title", "status", "duration_seconds")


def register(commands: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    history = commands.add_parser("history", help="list past meetings, newest first")
    history.add_argument("--ect", metavar="NAME", help="only this ECT's meetings")
    history.add_argument("--json", action="store_true", help="print as JSON")
    common(history)
    history.set_defaults(func=run_history)


def known_ect(store: MeetingStore, name: str) -> str:
    """The stored spelling of an ECT's name (case-insensitive), or a CommandError listing who is known."""
    names = store.ects()
    for known in names:
        if known.casefold() == name.strip().casefold():
            return known
    listed = ", ".join(names) if names else "none yet"
    raise CommandError(f"no meetings with an ECT called {name!r} (known: {listed})")


def history_rows(store: MeetingStore, ect: str | None = None) -> list[dict[str, Any]]:
    """Index rows in the shape `history --json` promises: no note text, nothing private.
    Built from the store's own rows (read, never changed), not copies of them first."""
    rows = store.meeting_rows(ect=ect)
    return [
        {
            "id": row["id"],
            "date": started[:10] if type(started := row.get("started")) is str else "",  # a hand-edited row
            "started": row.get("started"),
            "ect": row.get("ect"),
            "mentor": row.get("mentor"),
            "script_id": row.get("script_id"),
            "script_title": row.get("script_title"),
            "kind": row.get("kind", "meeting"),
            "status": row.get("status"),
            "duration_seconds": row.get("duration_seconds", 0),
        }
        for row in rows
    ]


# Below this many rows json is quicker than importing orjson (safe_text.json_text's ``fast``)
# or msgspec (history_json.py).
ORJSON_FROM_ROWS = 2000


def run_history(args: argparse.Namespace) -> int:
    rows: list[dict[str, Any]] = []
    if not db_path(args).exists():
        if args.ect:
            raise CommandError(f"no meetings with an ECT called {args.ect!r} (known: none yet)")
        if args.json:
            print(json_text(rows))
            return 0
    else:
        collect_garbage_less_often()
        with open_store(args, read_only=True, tables_when_asked=True) as store:
            ect = known_ect(store, args.ect) if args.ect else None
            if args.json:
                from ect_tui.commands.history_json import history_json_bytes

                data = history_json_bytes(store, ect) + b"\n"
                write_bytes = getattr(sys.stdout, "write_bytes", None)  # safe_text.SafeStream's
                if write_bytes is not None:
                    write_bytes(data)
                else:
                    print(data.decode("utf-8"), end="")
                return 0
            rows = history_rows(store, ect)
    if not rows:
        print("No meetings yet. Run `ect-tui` to start your first one.")
        return 0
    for row in rows:
        # Whole minutes by the one rule the app uses (2:30 is 3 min); --json keeps the seconds.
        minutes = format_minutes(row["duration_seconds"] or 0)
        # 77 columns: the line fits an 80-column terminal (names and plans cut with "…").
        print(
            f"{row['date']} {row['id'][:8]} {fit_column(row['ect'] or '', 15)} "
            f"{fit_column(row['script_title'] or row['script_id'] or '', 21)} {row['status'] or '':<11} {minutes:>7}"
        )
    return 0
