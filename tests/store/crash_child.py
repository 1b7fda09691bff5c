"""Child process for the crash test: save one meeting over and over until killed.

Usage: python crash_child.py DB MEETING_ID
Prints ``ready N`` once the store is open (N = counter found on disk), then
``ack N`` after each put_meeting(N) has returned: from then on meeting N is
acknowledged, and the parent checks it survived the kill.
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone
from typing import Any

_STARTED = datetime(2025, 9, 8, 15, 30, tzinfo=timezone(timedelta(hours=1)))


def crash_doc(meeting_id: str, counter: int) -> dict[str, Any]:
    """The document for save number ``counter``: size, status and ECT vary so that
    the meeting file and the index row both change on every save."""
    return {
        "schema": 1,
        "id": meeting_id,
        "kind": "meeting",
        "script": {"id": "m1-w1-audit", "version": 1, "title": "Module audit"},
        "ect": ("Alex Brown", "Bea Li", "Chidi Okafor")[counter % 3],
        "mentor": "Sam Patel",
        "status": "complete" if counter % 5 == 0 else "in-progress",
        "started": "2025-09-08T15:30:00+01:00",
        "ended": None,
        "updated": (_STARTED + timedelta(seconds=counter)).isoformat(),
        "counter": counter,
        "sections": [
            {
                "id": "review",
                "elapsed_seconds": float(counter),
                "notes": {"q1": f"note {counter} [bold]\u00e9\ud800 " * (1 + (counter * 7919) % 4000)},
            },
            {"id": "audit", "elapsed_seconds": 1.5},
        ],
    }


def main(db: str, meeting_id: str) -> None:
    from ect_tui.store import MeetingNotFoundError, Store

    store = Store.open(db)
    try:
        counter = store.load_meeting(meeting_id)["counter"]
    except MeetingNotFoundError:
        counter = 0
    # As the app does on its start screen (reading the last names), so the schema check's
    # one-off import is behind us and every kill lands among saves.
    store.get_setting("last_ect")
    print(f"ready {counter}", flush=True)
    while True:
        counter += 1
        store.put_meeting(crash_doc(meeting_id, counter))
        print(f"ack {counter}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
