"""Run the real app headless, type a note that is not yet autosaved, then wait for a signal."""

from __future__ import annotations

import sys
from pathlib import Path

from ect_tui.script.catalog import load_catalog
from ect_tui.store import Store
from ect_tui.tui.app import EctApp


class ChildApp(EctApp):
    def on_mount(self) -> None:
        self.set_timer(0.1, self.type_note)

    def type_note(self) -> None:
        self.start_meeting("m1w1-module-audit", ect="Sam Jones", mentor="Alex Smith")
        self.go_to("review")
        self.meeting.set_note("review", "where-when", sys.argv[2])
        self.meeting_changed()  # the ordinary one-second autosave, which the signal must beat
        print("ready", self.meeting.id, flush=True)


if __name__ == "__main__":
    store = Store.open(Path(sys.argv[1]))
    app = ChildApp(store=store, catalog=load_catalog([]))
    app.autosave_seconds = 60.0  # so only the signal handler can have saved the note
    app.run(headless=True)
    store.close()
    print("exited", app.return_code, flush=True)
    sys.exit(app.return_code)
