"""The Textual app: wires the store and scripts to the screens, saves, and keeps time."""

from __future__ import annotations

import gc
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

# Start-up is on the mentor's clock (bench/README.md): at module level only what the
# start screen needs. The meeting, its screens, exports and coaching are imported
# where they are first used, after the first frame.
from ect_tui.meeting.clock import Clock, SystemClock
from ect_tui.store.errors import (
    StoreError,
)  # the store itself comes from launch, opened after the first frame
from ect_tui.store.saver import BackgroundSaver
from ect_tui.tui.messages import SaveFinished
from ect_tui.tui.screens.start import StartScreen

if TYPE_CHECKING:
    from ect_tui.meeting.transcript import Meeting
    from ect_tui.script.catalog import (
        Catalog,
    )  # at start-up launch may pass a stand-in, loaded after the first frame
    from ect_tui.store import Store
    from ect_tui.tui.notes_out import NotesOut

AUTOSAVE_SECONDS = 1.0
RETRY_SECONDS = 5.0
HISTORY_WARM_UP_SECONDS = 0.2  # after the start screen is up (its store and plans arrive meanwhile)
GC_PAUSE_SECONDS = 2.0  # the cyclic GC waits this long after the last keystroke (see _typing)


TIMER_ACTIONS = frozenset({"toggle_timer", "extend"})


class EctApp(App):
    """One meeting at a time; every change is saved within a second, off the event loop."""

    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute, so subclasses elsewhere find it
    TITLE = "ect-tui"
    # Tab moves focus as soon as the app reads it. Left to the focused field, Tab waits in that
    # field's queue while the letters typed straight after it (one terminal read, "Ann\tBob") are
    # forwarded to the field that still has focus. A priority binding runs before the next key
    # is forwarded, on every screen. (No widget here uses Tab itself: notes use tab_behavior="focus".)
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
        Binding("tab", "focus_next", "Next field", show=False, priority=True, id="app.focus-next"),
        Binding(
            "shift+tab",
            "focus_previous",
            "Previous field",
            show=False,
            priority=True,
            id="app.focus-previous",
        ),
    ]

    def __init__(
        self,
        *,
        store: Store,
        catalog: Catalog,
        clock: Clock | None = None,
        review: bool = False,
        review_ect: str | None = None,
        prepare: tuple[str, str] | None = None,
    ):
        super().__init__()
        self.store = store
        self.catalog = catalog
        self.clock = clock or SystemClock()
        # Review mode (an ECT reading their record, or a second copy of the app) never writes.
        self.review = review or review_ect is not None or store.read_only
        self.review_ect = review_ect
        self.prepare_only = prepare  # (ect, script id) when started by `ect-tui prepare`
        self.carried: tuple[str, list[str]] | None = None
        self.last_audit: tuple[str, dict[str, str]] | None = None  # date, level per statement code
        self._notes_out: NotesOut | None = None
        self.meeting: Meeting | None = None
        self.saver = BackgroundSaver(self._write, on_done=self._saved, copy_docs=False)
        self._autosave_timer = None
        self._meeting_screens: set[str] = set()
        self._indexed: tuple[str, str] | None = None
        self.save_error: Exception | None = None
        self.retry_seconds = RETRY_SECONDS
        self.autosave_seconds = AUTOSAVE_SECONDS
        self._gc_timer = None  # set while typing has the cyclic GC paused
        self._last_typed = 0.0

    @property
    def notes_out(self) -> NotesOut:
        """Copy and export, built (and its modules imported) the first time they are used."""
        if self._notes_out is None:
            from ect_tui.tui.notes_out import NotesOut

            self._notes_out = NotesOut(self)
        return self._notes_out

    # ----- start-up and shut-down -----
    def on_mount(self) -> None:
        if self.review:
            from ect_tui.tui.screens.history import HistoryScreen

            self.sub_title = "read-only"
            self.push_screen(HistoryScreen(ect=self.review_ect))
            return
        if self.prepare_only is not None:
            from ect_tui.tui.screens.prepare import PrepareScreen

            ect, script_id = self.prepare_only
            self.push_screen(PrepareScreen(ect, self.catalog.get(script_id)))
            return
        # The start screen is the default screen (get_default_screen); switch_screen, which
        # replaces it, expects the result callback that push_screen would have given it.
        self.screen._push_result_callback(self.screen, None)
        self.set_interval(1.0, self._tick)
        self.set_timer(HISTORY_WARM_UP_SECONDS, self._warm_up_history)
        self._install_signal_handlers()

    def get_default_screen(self) -> Screen:
        """The writer's start screen is the app's first screen, composed with the app itself.

        Pushed from on_mount instead, it was mounted and drawn while the app was still
        starting up (a batch update, so Textual dropped that drawing) and drawn again once
        start-up ended: App.run -> first frame took ~86 ms at 5,000 meetings, ~71 ms now.
        """
        if self.review or self.prepare_only is not None:
            return super().get_default_screen()
        return self._start_screen()

    def _warm_up_history(self) -> None:
        """Import the past-meetings screen (~25 ms: DataTable) while the mentor reads the start screen, not on ctrl+l."""
        import ect_tui.tui.screens.history  # noqa: F401

    def _start_screen(self) -> StartScreen:
        # It reads the names from the store itself: at start-up it may still be opening.
        return StartScreen()

    def _install_signal_handlers(self) -> None:
        """Save and leave cleanly when the terminal closes or the process is told to stop."""
        import asyncio

        try:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
                loop.add_signal_handler(sig, self._on_signal)
        except (NotImplementedError, RuntimeError, AttributeError, ValueError):
            pass  # not on this platform, or not the main thread (e.g. some test runners)

    def _on_signal(self) -> None:
        self.save_now(wait=True)
        self.exit(return_code=0)

    async def action_quit(self) -> None:
        self.guard_unsent(self._quit)

    def _quit(self) -> None:
        self.save_now(wait=True)
        self.exit()

    def guard_unsent(self, then: Callable[[], None]) -> None:
        """Before leaving a finished meeting whose notes never went anywhere, ask once.

        Signals and crashes never come through here: they save and go.
        """
        meeting = self.meeting
        if self.review or meeting is None or not meeting.finished or meeting.sent is not None:
            then()
            return

        def chosen(choice: str | None) -> None:
            if choice is None:
                return  # cancelled: stay
            if choice == "leave":
                self.mark_sent("left")
                then()
            elif choice == "copy":
                self.notes_out.copy(meeting.to_doc(), then=lambda how: (self.mark_sent(how), then()))
            else:
                self.notes_out.export(
                    meeting.to_doc(), "email", then=lambda how: (self.mark_sent(how), then())
                )

        from ect_tui.tui.notes_out import UnsentGuard

        self.push_screen(UnsentGuard(meeting.ect), chosen)

    def mark_sent(self, how: str) -> None:
        if self.meeting is not None:
            self.meeting.mark_sent(how)
            self.meeting_changed(urgent=True)

    def action_copy_notes(self) -> None:
        """Copy the open meeting's notes as email text (summary screen, palette)."""
        if self.meeting is not None:
            self.notes_out.copy(self.meeting.to_doc(), then=self.mark_sent)

    def export_meeting(self, fmt: str) -> None:
        if self.meeting is not None:
            self.notes_out.export(self.meeting.to_doc(), fmt, then=self.mark_sent)

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

    # ----- saving -----
    def meeting_changed(self, *, urgent: bool = False) -> None:
        """Called by screens after every change: urgent ones save now, typing within a second."""
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
        self._refresh_meeting_screen()

    def _set_reveal(self, mode: str) -> None:
        if self.meeting is not None:
            self.meeting.set_reveal(mode)
            self.meeting_changed(urgent=True)
            self._refresh_meeting_screen()

    def action_save_copy(self) -> None:
        """Write the whole meeting as JSON wherever the mentor says (it can be imported later)."""
        if self.meeting is None:
            return
        from ect_tui.store.atomic import atomic_write_json
        from ect_tui.tui.screens.save_as import SaveAsScreen

        meeting = self.meeting
        suggestion = Path.home() / f"ect-meeting-{meeting.started:%Y-%m-%d}-{meeting.id[:8]}.json"

        def write(path: Path | None) -> None:
            if path is None:
                return
            try:
                atomic_write_json(path, meeting.to_doc())
            except OSError as exc:
                self.notify(f"Could not write {path}: {exc.strerror or exc}", severity="error", timeout=15)
            else:
                self.notify(f"A copy of this meeting is in {path}.", title="Copy saved", timeout=10)

        self.push_screen(
            SaveAsScreen(
                "Save a copy of this meeting",
                suggestion,
                "The whole meeting as JSON, private notes included.",
            ),
            write,
        )

    # ----- meetings -----
    def start_meeting(self, script_id: str, *, ect: str, mentor: str) -> None:
        from ect_tui.coaching.seed import seed_from_store
        from ect_tui.meeting.transcript import Meeting
        from ect_tui.script.loader import ScriptError
        from ect_tui.store.priors import load_priors

        try:
            script = self.catalog.get(script_id)
            meeting = Meeting(script, ect=ect, mentor=mentor, clock=self.clock)
        except (ScriptError, ValueError) as exc:
            self.notify(str(exc), severity="error")
            return
        self.store.set_setting("last_ect", meeting.ect)
        self.store.set_setting("last_mentor", meeting.mentor)
        views = load_priors(self.store, meeting.ect, script.id)
        for section in script.audit_sections():
            meeting.apply_priors(section.id, views)
        seed_from_store(meeting, self.store)  # a coaching meeting starts from the ECT's open action step
        self._open(meeting)
        if views:
            self._keep_prepared_views(meeting, {})  # they live in the meeting from now on
        else:
            self.save_now()

    def open_prepare(self, ect: str, script_id: str) -> None:
        """Record the mentor's blind views before an audit with this ECT."""
        from ect_tui.script.loader import ScriptError

        try:
            script = self.catalog.get(script_id)
        except ScriptError as exc:
            self.notify(str(exc), severity="error")
            return
        from ect_tui.tui.screens.prepare import PrepareScreen

        if not script.audit_sections():
            self.notify(f"{script.label} has no audit to prepare for.", severity="warning")
            return
        self.push_screen(PrepareScreen(ect.strip(), script))

    def leave_prepare(self) -> None:
        if self.prepare_only is not None:
            self.exit()
        else:
            self.pop_screen()

    def _carry_forward(self, meeting: Meeting) -> None:
        """Find what was agreed at this ECT's last meeting, for the briefing screen."""
        from ect_tui.meeting.carry import carried_forward

        self.carried = None
        doc = next(self._earlier_meetings(meeting), None)  # the last one only
        if doc is None:
            return
        script = self.catalog.scripts.get(doc.get("script", {}).get("id", ""))
        lines = carried_forward(doc, script)
        if lines:
            self.carried = ((doc.get("started") or "")[:10], lines)

    def _earlier_meetings(self, meeting: Meeting, **filters: str) -> Iterator[dict]:
        """This ECT's finished meetings started before ``meeting``, newest first, each file read
        only when reached; one that cannot be read is skipped (it must not stop a meeting opening).
        One left unfinished is not 'last time': it may still change, or be a mistaken start."""
        from ect_tui.meeting.transcript import IN_PROGRESS

        for row in self.store.list_meetings(ect=meeting.ect, **filters):
            if row["id"] == meeting.id or row.get("started", "") > meeting.started.isoformat():
                continue
            if row.get("status") == IN_PROGRESS:
                continue
            try:
                yield self.store.load_meeting(row["id"])
            except StoreError:
                continue

    def resume_meeting(self, meeting_id: str) -> None:
        from ect_tui.meeting.transcript import Meeting
        from ect_tui.script.loader import ScriptError

        try:
            doc = self.store.load_meeting(meeting_id)
            script = self.catalog.get(doc["script"]["id"])
            meeting = Meeting.from_doc(doc, script, self.clock)
        except (StoreError, ScriptError, KeyError, ValueError) as exc:
            self.notify(f"Cannot resume that meeting: {exc}", severity="error", timeout=10)
            return
        left = self._join_prepared_views(meeting)
        self._open(meeting)
        if left is not None:
            self._keep_prepared_views(meeting, left)
            self.notify("Views you prepared since were added to this meeting.", title="Blind ratings")

    def _join_prepared_views(self, meeting: Meeting) -> dict | None:
        """Views prepared while this meeting waited unfinished join it where still blind (see
        Meeting.apply_priors). Returns the views left prepared for a later meeting, or None when
        none joined."""
        from ect_tui.store.priors import load_priors

        if meeting.finished or self.review:
            return None
        views = load_priors(self.store, meeting.ect, meeting.script.id)
        taken: set[str] = set()
        for section in meeting.script.audit_sections():
            taken |= meeting.apply_priors(section.id, views)
        return {code: view for code, view in views.items() if code not in taken} if taken else None

    def _keep_prepared_views(self, meeting: Meeting, left: dict) -> None:
        """Once the open meeting holding them is on disk, the prepared views it took are dropped."""
        from ect_tui.store.priors import save_priors

        self.save_now(wait=True)
        save_priors(self.store, meeting.ect, meeting.script.id, left)

    def new_meeting(self) -> None:
        self.guard_unsent(self._new_meeting)

    def _new_meeting(self) -> None:
        self.save_now(wait=True)
        self.meeting = None
        self.switch_screen(self._start_screen())
        self.call_after_refresh(self._close_meeting_screens)

    def _open(self, meeting: Meeting) -> None:
        self._close_meeting_screens()
        self._carry_forward(meeting)
        self._find_last_audit(meeting)
        self.meeting = meeting
        self._indexed = None
        self.switch_screen(self._screen_for(meeting.position))

    def _find_last_audit(self, meeting: Meeting) -> None:
        """The ECT's previous audit of this script, shown beside each statement as it is rated."""
        from ect_tui.meeting.progress import last_audit

        self.last_audit = None
        if meeting.script.audit_sections():
            earlier = self._earlier_meetings(meeting, script_id=meeting.script.id)
            self.last_audit = last_audit(earlier, meeting.script.id)

    def _screen_name(self, position: str) -> str:
        return f"meeting:{position}"

    def _screen_for(self, position: str) -> str:
        """The installed screen for a stop of the meeting, built the first time it is needed."""
        name = self._screen_name(position)
        if not self.is_screen_installed(name):
            self.install_screen(self._build_screen(position), name)
            self._meeting_screens.add(name)
        return name

    def _build_screen(self, position: str) -> Screen:
        assert self.meeting is not None
        from ect_tui.meeting.transcript import BRIEFING, SUMMARY
        from ect_tui.tui.screens.briefing import BriefingScreen
        from ect_tui.tui.screens.kinds import screen_for_kind
        from ect_tui.tui.screens.summary import SummaryScreen

        if position == BRIEFING:
            return BriefingScreen(BRIEFING, "Before we start")
        if position == SUMMARY:
            return SummaryScreen()
        section = self.meeting.record(position).section
        return screen_for_kind(section.kind)(section)

    def _close_meeting_screens(self) -> None:
        """Forget the last meeting's screens (the one on show goes once it is switched away)."""
        shown = self.screen_stack[-1] if self.screen_stack else None
        for name in list(self._meeting_screens):
            if self.get_screen(name) is not shown:
                self.uninstall_screen(name)
                self._meeting_screens.discard(name)

    # ----- looking back -----
    def open_history(self, ect: str | None = None) -> None:
        """Past meetings: the ECT's own in review mode, else everyone's or just ``ect``'s."""
        from ect_tui.tui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen(ect=self.review_ect or ect))

    def open_transcript(self, meeting_id: str) -> None:
        try:
            doc = self.store.load_meeting(meeting_id)
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        from ect_tui.tui.screens.transcript import TranscriptScreen

        self.push_screen(TranscriptScreen(doc))

    def open_progress(self, ect: str) -> None:
        from ect_tui.tui.screens.progress import ProgressScreen

        self.push_screen(ProgressScreen(ect))

    def open_overview(self) -> None:
        """The coordinator's read-only overview of every ECT."""
        from ect_tui.tui.screens.overview import OverviewScreen

        self.push_screen(OverviewScreen())

    def open_study(self, ect: str | None = None) -> None:
        """The self-study log, for ``ect``, else the ECT of the meeting in progress or the last one met."""
        from ect_tui.tui.screens.study import StudyScreen

        name = ect or (self.meeting.ect if self.meeting else self.store.get_setting("last_ect", ""))
        self.push_screen(StudyScreen(name or ""))

    def open_notebook(self, ect: str) -> None:
        """The mentor's private notebook for ``ect`` (never in review mode: see get_system_commands)."""
        from ect_tui.tui.screens.notebook import NotebookScreen

        self.push_screen(NotebookScreen(ect))

    def _last_ect(self) -> str:
        """The ECT of the last meeting started here, if the store can say yet."""
        if not getattr(self.store, "is_open", True):  # still opening: never wait in the palette
            return ""
        try:
            return self.store.get_setting("last_ect", "") or ""
        except StoreError:
            return ""

    def leave_review_screen(self) -> None:
        # The first screen of review mode has nowhere to go back to. (Review and prepare
        # push theirs onto Textual's default screen; the writer's start screen is the default.)
        first = 2 if self.review or self.prepare_only is not None else 1
        if len(self.screen_stack) > first:
            self.pop_screen()
        else:
            self.notify("This is the first screen: ctrl+q quits.")

    # ----- actions used by the meeting screens' keys and the command palette -----
    def go_to(self, position: str) -> None:
        if self.meeting is None or position == self.meeting.position:
            return
        self.meeting.go_to(position)
        self.switch_screen(self._screen_for(position))
        self.meeting_changed(urgent=True)
        self.refresh_bindings()  # the timer keys come and go with the section (see check_action)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Timer keys only where a timer runs (a section of a meeting not yet finished); Next
        only where there is a next stop. False hides a key from the bar (None would grey it)."""
        if action in TIMER_ACTIONS and not self._timer_here():
            return False
        if action == "step" and parameters and parameters[0] == 1 and not self._next_stop_exists():
            return False
        return True

    def _next_stop_exists(self) -> bool:
        meeting = self.meeting
        return meeting is not None and meeting.positions[-1] != meeting.position

    def _timer_here(self) -> bool:
        meeting = self.meeting
        return meeting is not None and not meeting.finished and meeting.current is not None

    def action_step(self, delta: int) -> None:
        """Next or back one stop; back from the briefing is back to the first screen (a plan
        chosen by mistake), where the meeting waits in the unfinished list."""
        if self.meeting is None:
            return
        positions = self.meeting.positions
        index = positions.index(self.meeting.position) + delta
        if 0 <= index < len(positions):
            self.go_to(positions[index])
        elif index < 0:
            self.new_meeting()

    def action_toggle_timer(self) -> None:
        if self.meeting is not None and self.meeting.current is not None:
            self.meeting.toggle_timer()
            self.meeting_changed(urgent=True)
            self._tick()

    def action_extend(self, minutes: int) -> None:
        if self.meeting is not None and self.meeting.current is not None:
            self.meeting.extend(minutes)
            self.meeting_changed(urgent=True)
            self._tick()

    def _tick(self) -> None:
        self._refresh_meeting_screen()
        if self.meeting is not None and not self.review and self.meeting.clock_running:
            # Time passing is a change too: talking for ten minutes without typing must not
            # leave the saved timers ten minutes behind after a crash (at most a second or two).
            self.meeting_changed()

    def _refresh_meeting_screen(self) -> None:
        # Timers and the saver can fire while the app is closing and has no screens left.
        # No meeting screens exist until their module is imported (the start screen ticks too).
        base = sys.modules.get("ect_tui.tui.screens.base")
        if base is not None and self.screen_stack and isinstance(self.screen_stack[-1], base.MeetingScreen):
            self.screen_stack[-1].refresh_clock()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if self.review_ect is None:  # an ECT reading their own record sees no one else's
            yield SystemCommand(
                "Coordinator overview", "every ECT: coaching gaps, steps, praise, study", self.open_overview
            )
            yield SystemCommand("Self-study log", "log the ECT's study minutes and topic", self.open_study)
            ect = self.meeting.ect if self.meeting else self._last_ect()
            if ect and not self.store.read_only:
                yield SystemCommand(
                    f"Private notebook: {ect}",
                    "your own notes on this ECT across meetings; never exported",
                    lambda: self.open_notebook(ect),
                )
        if self.meeting is None:
            return
        from ect_tui.meeting.transcript import BRIEFING, SUMMARY
        from ect_tui.tui.notes_out import FORMAT_LABELS
        from ect_tui.tui.screens.base import MeetingScreen

        for number, record in enumerate(self.meeting.sections, start=1):
            yield SystemCommand(
                f"Go to {number}. {record.section.title}",
                f"{record.section.kind}, {record.section.minutes:g} min planned",
                lambda position=record.id: self.go_to(position),
            )
        yield SystemCommand(
            "Go to the briefing", "learning intentions and preparation", lambda: self.go_to(BRIEFING)
        )
        yield SystemCommand("Go to the summary", "read it through and finish", lambda: self.go_to(SUMMARY))
        if self._timer_here():
            yield SystemCommand("Pause or restart the timer", "ctrl+t", self.action_toggle_timer)
            yield SystemCommand("Add a minute to this section", "ctrl+g", lambda: self.action_extend(1))
            yield SystemCommand("Take a minute off this section", "ctrl+r", lambda: self.action_extend(-1))
        yield SystemCommand("Save now", "everything is also saved as you type", lambda: self.save_now())
        if self.meeting.finished:
            yield SystemCommand("Start the next meeting", "back to the first screen", self.new_meeting)
        else:
            yield SystemCommand(
                "Leave this meeting for now",
                "back to the first screen; it waits in the "
                "unfinished list to carry on (Enter) or discard (delete)",
                self.new_meeting,
            )
        yield SystemCommand(
            "Copy the notes as an email", "to the clipboard, and to a file", self.action_copy_notes
        )
        for fmt, label in FORMAT_LABELS.items():
            yield SystemCommand(
                f"Export this meeting as {label}…",
                "choose where to save it",
                partial(self.export_meeting, fmt),
            )
        if isinstance(screen, MeetingScreen):
            yield SystemCommand(
                "Private note (ctrl+f)", "for you only: never exported", screen.action_private
            )
        meeting = self.meeting
        other = "heading" if meeting.reveal == "each" else "each"
        yield SystemCommand(
            f"Blind ratings: reveal differences {'at the end of each heading' if other == 'heading' else 'after each rating'}",
            f"now: {'after each rating' if meeting.reveal == 'each' else 'at the end of each heading'}",
            lambda: self._set_reveal(other),
        )
        yield SystemCommand(
            f"Keep the meeting to the hour: turn {'off' if meeting.rebalance else 'on'}",
            "when a section overruns, the sections to come shrink so the meeting ends on time",
            lambda: meeting.set_rebalance(not meeting.rebalance),
        )
        if meeting.current is not None:
            pinned = meeting.current.pinned
            yield SystemCommand(
                f"{'Unpin' if pinned else 'Pin'} this section's minutes",
                "a pinned section keeps its planned time when the meeting is rebalanced",
                lambda: meeting.toggle_pin(meeting.current.id),
            )
        yield SystemCommand(
            "Save a copy of this meeting",
            "to a file you choose, e.g. a USB stick if this disk is full",
            self.action_save_copy,
        )
        ect = meeting.ect
        yield SystemCommand(
            f"Past meetings with {ect}",
            "look back without leaving this meeting (escape returns)",
            lambda: self.open_history(ect),
        )
        yield SystemCommand(
            f"Audit progress of {ect}",
            "every audit so far, statement by statement (escape returns)",
            lambda: self.open_progress(ect),
        )
