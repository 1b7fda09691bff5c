"""The Textual app: wires the store and scripts to the screens, saves, and keeps time."""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

# Start-up is on the mentor's clock (bench/README.md): at module level only what the
# start screen needs. The meeting, its screens, exports and coaching are imported
# where they are first used, after the first frame.
from ect_tui.config import Config
from ect_tui.meeting.clock import Clock, SystemClock
from ect_tui.safe_text import pasted
from ect_tui.store.errors import StoreError
from ect_tui.store.saver import BackgroundSaver  # the store itself comes from launch, after the first frame
from ect_tui.tui.autosave import AUTOSAVE_SECONDS, RETRY_SECONDS, AutosaveMixin
from ect_tui.tui.key_order import KeyOrder, KeysSettled
from ect_tui.tui.lookback import LookBackMixin
from ect_tui.tui.paste_guard import install as install_paste_guard
from ect_tui.tui.screens.start import StartScreen
from ect_tui.tui.sending import SendingMixin
from ect_tui.tui.settings import SettingsMixin, apply_settings, report_settings
from ect_tui.tui.widgets.keybar import MIN_HEIGHT, MIN_WIDTH

if TYPE_CHECKING:
    from ect_tui.meeting.transcript import Meeting

    # At start-up launch may pass a stand-in catalog, loaded after the first frame.
    from ect_tui.script.catalog import Catalog
    from ect_tui.store.protocol import MeetingStore
    from ect_tui.tui.notes_out import NotesOut

HISTORY_WARM_UP_SECONDS = 0.2  # after the start screen is up (its store and plans arrive meanwhile)


TIMER_ACTIONS = frozenset({"toggle_timer", "extend"})


class EctApp(AutosaveMixin, SendingMixin, LookBackMixin, SettingsMixin, App):
    """One meeting at a time; every change is saved within a second, off the event loop.

    Wiring only: saving is AutosaveMixin (tui/autosave.py), notes leaving the app
    SendingMixin (tui/sending.py), the looking-back screens LookBackMixin
    (tui/lookback.py), config.toml's theme and keys SettingsMixin (tui/settings.py), the
    palette's commands tui/palette.py, and what a meeting opens with
    ect_tui.coaching.opening. See ARCHITECTURE.md.
    """

    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute, so subclasses elsewhere find it
    TITLE = "ect-tui"
    # Tab moves focus as soon as the app reads it. Left to the focused field, Tab waits in that
    # field's queue while the letters typed straight after it (one terminal read, "Ann\tBob") are
    # forwarded to the field that still has focus. A priority binding runs before the next key
    # is forwarded, on every screen. (No widget here uses Tab itself: notes use tab_behavior="focus".)
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
        Binding("f1", "help", "Help", id="app.help", tooltip="Every key of this screen"),
        # ? reaches the app only where no text box took it as a character.
        Binding("question_mark", "help", "Help", show=False, id="app.help-question"),
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

    # Classes every screen gets from the window's size (app.tcss): below 80x24 only one line
    # shows, asking for a bigger window (widgets/keybar.py); below 30 rows, what repeats goes.
    HORIZONTAL_BREAKPOINTS = [(0, "-too-narrow"), (MIN_WIDTH, "-wide-enough")]
    VERTICAL_BREAKPOINTS = [(0, "-too-short"), (MIN_HEIGHT, "-short"), (30, "-tall")]

    def __init__(
        self,
        *,
        store: MeetingStore,
        catalog: Catalog,
        clock: Clock | None = None,
        review: bool = False,
        review_ect: str | None = None,
        prepare: tuple[str, str] | None = None,
        config: Config | None = None,
    ):
        super().__init__()
        install_paste_guard()  # a paste holding escape codes stays one paste, never keys
        self.key_order = KeyOrder(self, self._take_key)
        # config.toml (ect_tui/config.py): the theme and keymap are in place for the first frame.
        self.config = config or Config()
        self._settings_problems = apply_settings(self, self.config)
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
        self._froze_after_open = False
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
        report_settings(self, self.config, self._settings_problems)
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

    def _start_screen(self, plan: str | None = None) -> StartScreen:
        # It reads the names from the store itself: at start-up it may still be opening.
        return StartScreen(plan=plan)

    def _install_signal_handlers(self) -> None:
        """Save and leave cleanly when the terminal closes or the process is told to stop."""
        import asyncio

        try:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
                loop.add_signal_handler(sig, self._on_signal, sig)
        except (NotImplementedError, RuntimeError, AttributeError, ValueError):
            pass  # not on this platform, or not the main thread (e.g. some test runners)

    def _on_signal(self, sig: int = signal.SIGTERM) -> None:
        """Save, then exit 128 + the signal's number, as a shell reports a process it stopped
        (143 for SIGTERM, 129 for SIGHUP, 130 for SIGINT), so scripts can tell it was stopped."""
        self.save_now(wait=True)
        self.exit(return_code=128 + int(sig))

    async def on_event(self, event: events.Event) -> None:
        """Before a key goes to the focused widget, the screen may claim it: on the audit list a
        character that is no command starts the reason (screens/audit.py). Deciding here, in
        the order keys arrive, keeps a fast burst of typing in order and in one place."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            if not self.key_order.hold(event):  # a key that acts at once waits its turn (key_order.py)
                await self._take_key(event)
            return
        if isinstance(event, events.Paste) and not event.is_forwarded:
            # A paste is words, never keys: its escape codes and bells dropped (safe_text.pasted),
            # and on a list that takes no text it starts the reason, as typing does.
            event.text = pasted(event.text)
            claim_paste = getattr(self.screen, "claim_paste", None)
            if not event.text or (claim_paste is not None and claim_paste(event.text)):
                return
        await super().on_event(event)

    async def _take_key(self, event: events.Key) -> None:
        """One key, in its turn: claimed by the screen, or on to the focused widget with a
        marker behind it (key_order.py)."""
        claim = getattr(self.screen, "claim_key", None)
        if claim is not None and claim(event):
            return
        target = self.focused or self.screen
        await super().on_event(event)
        self.key_order.sent(event, target)

    async def on_keys_settled(self, message: KeysSettled) -> None:
        message.stop()
        await self.key_order.release()

    def action_help(self) -> None:
        """F1: every key of the screen on show, grouped (see screens/help.py)."""
        from ect_tui.tui.screens.help import show_help

        show_help(self)

    async def action_quit(self) -> None:
        self.guard_unsent(self._quit)

    def _quit(self) -> None:
        if self.save_now(wait=True) or self.meeting is None:
            self.exit()
            return
        # Saving fails (a full disk, a folder gone read-only): never drop the text without asking.
        from ect_tui.tui.screens.quit_unsaved import COPY, LOSE, RETRY, QuitUnsavedScreen

        def chosen(choice: str | None) -> None:
            if choice == RETRY:
                self._quit()
            elif choice == COPY:
                self.action_save_copy(then=self.exit)
            elif choice == LOSE:
                self.exit()

        error = self.saver.last_error
        why = getattr(error, "reason", None) or str(error or "an unknown error")
        self.clear_notifications()  # the failure toast would cover the choices
        self.push_screen(QuitUnsavedScreen(f"Saving fails: {why}."), chosen)

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

    def resume_meeting(self, meeting_id: str) -> None:
        from ect_tui.coaching.opening import join_prepared_views
        from ect_tui.meeting.transcript import Meeting
        from ect_tui.script.loader import ScriptError
        from ect_tui.store.validate import is_newer_meeting

        try:
            doc = self.store.load_meeting(meeting_id)
            if is_newer_meeting(doc):
                # Resuming would save it in this version's shape, losing what it does not know.
                self.notify(
                    "That meeting was written by a newer ect-tui, so it opens read-only here: "
                    "update ect-tui to carry on with it.",
                    severity="warning",
                    timeout=10,
                )
                self.open_transcript(meeting_id)
                return
            script = self.catalog.get(doc["script"]["id"])
            meeting = Meeting.from_doc(doc, script, self.clock)
        except (StoreError, ScriptError, KeyError, ValueError) as exc:
            self.notify(f"Cannot resume that meeting: {exc}", severity="error", timeout=10)
            return
        left = None if meeting.finished or self.review else join_prepared_views(self.store, meeting)
        self._open(meeting)
        if left is not None:
            self._keep_prepared_views(meeting, left)
            self.notify("Views you prepared since were added to this meeting.", title="Blind ratings")

    def _keep_prepared_views(self, meeting: Meeting, left: dict) -> None:
        """Once the open meeting holding them is on disk, the prepared views it took are dropped."""
        from ect_tui.store.priors import save_priors

        self.save_now(wait=True)
        save_priors(self.store, meeting.ect, meeting.script.id, left)

    def new_meeting(self) -> None:
        self.guard_unsent(self._new_meeting)

    def _new_meeting(self) -> None:
        self.save_now(wait=True)
        plan = self._plan_after_this()
        self._let_go_of_meeting()
        self.switch_screen(self._start_screen(plan))
        self.call_after_refresh(self._close_meeting_screens)

    def _open(self, meeting: Meeting) -> None:
        from ect_tui.coaching.opening import carried_forward_from_last, last_audit_of

        self._close_meeting_screens()
        self.carried = carried_forward_from_last(self.store, self.catalog.scripts, meeting)
        self.last_audit = last_audit_of(self.store, meeting)
        self._let_go_of_meeting()
        self.meeting = meeting
        meeting.on_change = self.meeting_changed  # the one change path: every change is saved
        self._indexed = None
        self.switch_screen(self._screen_for(meeting.position))

    def _plan_after_this(self) -> str | None:
        """The plan to offer next: after a finished meeting, what usually follows it."""
        from ect_tui.coaching.opening import plan_after

        meeting = self.meeting
        if meeting is None or not meeting.finished:
            return meeting.script.id if meeting is not None else None
        try:
            return plan_after(self.store, list(self.catalog), meeting.script, meeting.ect)
        except StoreError:
            return None

    def _let_go_of_meeting(self) -> None:
        """The meeting on show is no longer this app's to save (a new one opens, or none)."""
        if self.meeting is not None:
            self.meeting.on_change = None
        self.meeting = None

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
        if action in TIMER_ACTIONS and not self.timer_here():
            return False
        return not (action == "step" and parameters and parameters[0] == 1 and not self._next_stop_exists())

    def _next_stop_exists(self) -> bool:
        meeting = self.meeting
        return meeting is not None and meeting.positions[-1] != meeting.position

    def timer_here(self) -> bool:
        """A section's timer runs here: a section of a meeting not yet finished."""
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
        self.refresh_meeting_screen()
        if self.meeting is not None and not self.review and self.meeting.clock_running:
            # Time passing is a change too: talking for ten minutes without typing must not
            # leave the saved timers ten minutes behind after a crash (at most a second or two).
            self.meeting_changed()

    def refresh_meeting_screen(self) -> None:
        # Timers and the saver can fire while the app is closing and has no screens left.
        # No meeting screens exist until their module is imported (the start screen ticks too).
        base = sys.modules.get("ect_tui.tui.screens.base")
        if base is not None and self.screen_stack and isinstance(self.screen_stack[-1], base.MeetingScreen):
            self.screen_stack[-1].refresh_clock()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own commands, then ours (tui/palette.py, imported when the palette first opens)."""
        from ect_tui.tui.palette import palette_commands

        for command in super().get_system_commands(screen):
            if command.title == "Keys":  # Textual's key panel stayed open on escape: our help closes
                yield SystemCommand("Keys", "every key of this screen, grouped (F1)", self.action_help)
            else:
                yield command
        yield from palette_commands(self, screen)
