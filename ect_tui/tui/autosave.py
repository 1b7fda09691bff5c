"""Saving the open meeting off the event loop, and keeping the cyclic GC out of the mentor's typing.

Every change is handed to a ``BackgroundSaver`` within a second (at once when urgent); a failed
save is retried every few seconds and said once. Why off the loop, and why the GC pauses while
typing: ARCHITECTURE.md, "Scale", and bench/README.md.
"""

from __future__ import annotations

import gc
import time
from typing import TYPE_CHECKING

from ect_tui.tui.messages import SaveFinished

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

    from ect_tui.meeting.transcript import Meeting
    from ect_tui.store.protocol import MeetingStore
    from ect_tui.store.saver import BackgroundSaver

    _AppBase = App
else:
    _AppBase = object

AUTOSAVE_SECONDS = 1.0
RETRY_SECONDS = 5.0
GC_PAUSE_SECONDS = 2.0  # the cyclic GC waits this long after the last keystroke (see _typing)


class AutosaveMixin(_AppBase):
    """The app's saving: mixed into EctApp, which sets the attributes below in its __init__."""

    store: MeetingStore
    meeting: Meeting | None
    review: bool
    saver: BackgroundSaver
    save_error: Exception | None
    retry_seconds: float
    autosave_seconds: float
    _autosave_timer: Timer | None
    _gc_timer: Timer | None  # set while typing has the cyclic GC paused
    _froze_after_open: bool  # store_opened has frozen what opening read
    _last_typed: float
    _indexed: tuple[str, str] | None

    def save_now(self, *, wait: bool = False) -> bool:
        """Hand the meeting to the saver now; with ``wait``, block until it is on disk."""
        if self.review:
            return True
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
            self._autosave_timer = None
        if self.meeting is not None:
            self.saver.submit(self.meeting.to_doc())
        return self.saver.flush() if wait else True

    def meeting_changed(self, *, urgent: bool = False) -> None:
        """The meeting's own change hook (``Meeting.on_change``) and screens asking for an urgent
        save: urgent ones save now, everything else (typing) within a second."""
        if urgent:
            self.save_now()
            return
        self._typing()
        if self._autosave_timer is None:
            self._autosave_timer = self.set_timer(self.autosave_seconds, self._autosave)

    def _typing(self) -> None:
        """Pause the cyclic garbage collector while the mentor types.

        A full collection walks every widget and runs on the event loop, so one
        landing mid-sentence holds up a keystroke; it runs GC_PAUSE_SECONDS after the
        last one instead. Always switched back on (``_resume_gc``, unmount, exit).
        """
        self._last_typed = time.monotonic()
        if self._gc_timer is None:
            if not gc.isenabled():
                return  # someone else (e.g. start-up) has it off: leave it to them
            gc.disable()
            self._gc_timer = self.set_timer(GC_PAUSE_SECONDS, self._resume_gc)

    def store_opened(self) -> None:
        """Once, when the store has opened (the start screen is told): what opening read, the
        index's newest months above all, lives as long as the app, so it is moved where the cyclic
        collector never walks it again (gc.freeze, as launch.py does after the imports). At a
        hub's 50,000 meetings a full collection walking it held the event loop 50-100 ms while
        the history screen was built (bench --hub). Only once: a screen frozen later could never
        be collected once closed."""
        if not self._froze_after_open:
            self._froze_after_open = True
            gc.freeze()

    def _resume_gc(self) -> None:
        quiet_for = time.monotonic() - self._last_typed
        if quiet_for < GC_PAUSE_SECONDS:
            self._gc_timer = self.set_timer(GC_PAUSE_SECONDS - quiet_for, self._resume_gc)
            return
        self._gc_timer = None
        gc.enable()

    def on_unmount(self) -> None:
        if self._gc_timer is not None:
            self._gc_timer.stop()
            self._gc_timer = None
            gc.enable()

    def _autosave(self) -> None:
        self._autosave_timer = None
        self.save_now()

    def _write(self, doc: dict) -> None:
        """Runs in the saver's thread: the meeting's own file always, the index when it matters."""
        self.store.save_meeting(doc)
        key = (doc["status"], doc.get("position", ""))
        if key != self._indexed:
            self.store.index_meeting(doc)
            self._indexed = key

    def _saved(self, error: Exception | None) -> None:
        # Runs in the saver's notifier thread; post_message is thread-safe and a no-op once closed.
        self.post_message(SaveFinished(error))

    def on_save_finished(self, message: SaveFinished) -> None:
        error = message.error
        was_failing = self.save_error is not None
        self.save_error = error
        if error is not None:
            if not was_failing:
                self.notify(
                    f"{error} Saving is retried every few seconds; to keep a copy elsewhere, "
                    "ctrl+p then 'Save a copy of this meeting'.",
                    title="Saving failed",
                    severity="error",
                    timeout=20,
                )
            self.set_timer(self.retry_seconds, self.save_now)
        elif was_failing:
            self.notify("Saving works again; everything is on disk.", title="Saved")
        self.refresh_meeting_screen()

    if TYPE_CHECKING:

        def refresh_meeting_screen(self) -> None: ...  # EctApp's own
