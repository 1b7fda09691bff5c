"""The first screen: who is meeting, which plan, or carry on an unfinished meeting."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ect_tui.tui.text import started_minute, visible
from ect_tui.tui.widgets.keybar import KeyBar
from ect_tui.tui.widgets.press import PressButton
from ect_tui.tui.widgets.titled import titled
from ect_tui.tui.widgets.unfinished import UnfinishedList

if TYPE_CHECKING:
    from ect_tui.tui.app import EctApp


class _StillOpening(Protocol):
    """The stand-ins launch gives the app while the store opens and the scripts load."""

    def wait(self) -> object: ...


PLANS_LOADING = "The meeting plans are still loading: try again in a moment."


def bound_keys(widget: Widget) -> set[str]:
    """The keys a widget's own class binds (e.g. the unfinished list's x)."""
    return {
        key.strip()
        for binding in type(widget).BINDINGS
        if isinstance(binding, Binding)
        for key in binding.key.split(",")
    }


class StartScreen(Screen):
    """Names (remembered for next time), the script to run, and meetings left unfinished."""

    # The ECT's name until the store says better (_from_store): Textual's default, the first
    # focusable widget, is the unfinished list even while it is hidden, so keys typed on the
    # first frame went nowhere.
    AUTO_FOCUS = "#ect"

    BINDINGS = [
        Binding("ctrl+l", "history", "Past meetings", id="start.history"),
        Binding(
            "f2",
            "overview",
            "Overview",
            id="start.overview",
            tooltip="The induction tutor's overview of every ECT (ctrl+p for the self-study log)",
        ),
    ]

    def __init__(
        self,
        *,
        ect: str | None = None,
        mentor: str | None = None,
        known_ects: list[str] | None = None,
        plan: str | None = None,
    ):
        """Names left out are read from the store once it is open (see on_mount); ``plan`` is
        the one highlighted (after a meeting: the next one to run, coaching/opening.plan_after)."""
        super().__init__(name="start")
        self._plan = plan
        self._ect = ect
        self._mentor = mentor
        self._known = known_ects
        self._plans_ready = False  # the plan list is filled in (see on_mount)
        self._naming = False  # letters typed on a button or list are on their way to the ECT's name (on_key)

    @property
    def ect_app(self) -> EctApp:
        return cast("EctApp", self.app)

    def compose(self) -> ComposeResult:
        if getattr(self.ect_app.store, "is_open", True):
            self._read_names()
        # Every widget here is on the mentor's clock (about a millisecond each before the first
        # frame: bench/), so labels are the boxes' border titles rather than widgets of their own.
        with VerticalScroll(id="start", can_focus=False):
            yield Static("ect-tui · a mentor meeting with your Early Career Teacher", classes="heading")
            unfinished = UnfinishedList(id="unfinished")
            unfinished.display = False  # until the store says there are any (show_unfinished)
            yield unfinished
            yield Static("New meeting", classes="subheading")
            yield titled(
                Input(
                    self._ect or "",
                    placeholder="the teacher you are meeting",
                    id="ect",
                    suggester=SuggestFromList(self._known or [], case_sensitive=False),
                ),
                "ECT's name",
            )
            yield titled(Input(self._mentor or "", placeholder="the mentor", id="mentor"), "Your name")
            yield titled(OptionList(id="scripts"), "Meeting plan")
            yield Static(id="start-error", classes="feedback -error")
            with Horizontal(classes="buttons"):
                yield PressButton("Start meeting", id="start-meeting", primary=True)
                yield PressButton(
                    "Prepare my view first", id="prepare", tooltip="Blind ratings for the audit"
                )
        yield KeyBar()

    def on_mount(self) -> None:
        # At start-up the scripts may still be loading and the store opening (see
        # tui/launch.py): the screen is drawn first; the plans, the names and the
        # unfinished meetings arrive when they are there.
        if getattr(self.ect_app.catalog, "is_loaded", True):
            self._show_plans()
        else:
            self.call_after_refresh(self._wait_for_catalog)  # once this screen is drawn
        if getattr(self.ect_app.store, "is_open", True):
            self._from_store()
        else:
            self.call_after_refresh(lambda: self.call_after_refresh(self._wait_for_store))

    @work(thread=True, exit_on_error=False, group="start-catalog")
    def _wait_for_catalog(self) -> None:
        try:
            cast(_StillOpening, self.ect_app.catalog).wait()
        except Exception as exc:  # e.g. a bundled script that no longer loads
            self.app.call_from_thread(
                self.notify,
                str(exc),
                title="The meeting plans did not load",
                severity="error",
                timeout=30,
                markup=False,
            )
            return
        self.app.call_from_thread(self._show_plans)

    def _show_plans(self) -> None:
        """The plan list from the loaded scripts, and what went wrong with the mentor's own files."""
        catalog = self.ect_app.catalog
        scripts = self.query_one("#scripts", OptionList)
        for script in catalog:
            minutes = script.planned_seconds // 60
            scripts.add_option(Option(Content(f"{script.label}  ({minutes} min)"), id=script.id))
        if scripts.option_count:
            ids = [script.id for script in catalog]
            scripts.highlighted = ids.index(self._plan) if self._plan in ids else 0
        self._plans_ready = True
        error = self.query_one("#start-error", Static)
        if str(error.content) == PLANS_LOADING:
            error.update("")
        for problem in catalog.problems:
            self.notify(problem, title="A script file was skipped", severity="warning", timeout=10)
        for notice in catalog.notices:
            self.notify(notice, title="Your own script is used", timeout=10)

    @work(thread=True, exit_on_error=False, group="start-store")
    def _wait_for_store(self) -> None:
        try:
            cast(_StillOpening, self.ect_app.store).wait()
        except Exception:  # launch reports why it did not open, once the app has closed
            self.app.call_from_thread(self.app.exit, return_code=1)
            return
        self.app.call_from_thread(self._from_store)

    def _read_names(self) -> None:
        """The names remembered from last time and the ECTs met so far, unless given."""
        store = self.ect_app.store
        if self._ect is None:
            self._ect = store.get_setting("last_ect", "")
        if self._mentor is None:
            self._mentor = store.get_setting("last_mentor", "")
        if self._known is None:
            self._known = store.ects()

    def _from_store(self) -> None:
        """Fill in what comes from the database: names, suggestions, unfinished meetings."""
        self.ect_app.store_opened()
        typed = False
        if self._known is None:  # composed while the store was opening
            typed = any(box.value for box in self.query(Input))  # the mentor began meanwhile
            self._read_names()
            self.query_one("#ect", Input).suggester = SuggestFromList(self._known or [], case_sensitive=False)
            for field, value in (("#ect", self._ect), ("#mentor", self._mentor)):
                box = self.query_one(field, Input)
                if value and not box.value:  # never overwrite what was typed meanwhile
                    box.value = value
        self.show_unfinished()
        if typed:
            return  # focus stays where the mentor is typing
        unfinished = self.query_one("#unfinished", OptionList)
        first_empty = next((i for i in self.query(Input) if not i.value.strip()), None)
        if unfinished.option_count and self._recent(unfinished):
            unfinished.focus()  # most likely the app or laptop died mid-meeting: offer it first
        else:
            (first_empty or self.query_one("#start-meeting", PressButton)).focus()

    def _recent(self, unfinished: OptionList) -> bool:
        """Was the newest unfinished meeting touched in the last 12 hours?"""
        from datetime import datetime, timedelta

        rows = self.ect_app.store.unfinished()
        if not rows:
            return False
        try:
            updated = datetime.fromisoformat(rows[0].get("updated") or rows[0].get("started", ""))
        except ValueError:
            return False
        now = self.ect_app.clock.now()
        if updated.tzinfo is None:
            updated = updated.astimezone()
        return now - updated < timedelta(hours=12)

    def show_unfinished(self) -> None:
        rows = self.ect_app.store.unfinished()
        unfinished = self.query_one("#unfinished", OptionList)
        unfinished.clear_options()
        unfinished.display = bool(rows)
        if not rows:
            return
        unfinished.border_title = (
            f"Unfinished meetings ({len(rows)}): Enter carries one on, delete discards one"
        )
        from ect_tui.meeting.countdown import format_minutes

        for row in rows:
            when = started_minute(row.get("started"))
            seconds = row.get("duration_seconds") or 0
            so_far = f"{format_minutes(seconds)} so far" if seconds else "not begun"  # tells two alike apart
            text = f"{when}  {row.get('ect', '?')}  ·  {row.get('script_title', row.get('script_id', ''))}  ·  {so_far}"
            unfinished.add_option(Option(Content(visible(text)), id=row["id"]))
        unfinished.highlighted = 0

    def on_key(self, event: events.Key) -> None:
        """Letters typed where nothing takes them (a button, a list) start a new ECT's name.

        With both names remembered focus waits on Start meeting, or on a meeting left
        unfinished today; a mentor meeting someone else just types the name, and the first
        letter replaces the remembered one. Keys a list uses itself (x: discard) are its own.
        """
        focused = self.focused
        character = event.character
        if not (isinstance(focused, (PressButton, OptionList)) and character and event.is_printable):
            return
        if (character.isspace() and not self._naming) or event.key in bound_keys(focused):
            return
        event.stop()
        event.prevent_default()
        box = self.query_one("#ect", Input)
        # Keys read together arrive before the focus moves: the first replaces, the rest follow it.
        box.value = box.value + character if self._naming else character
        box.cursor_position = len(box.value)
        self._naming = True
        box.focus()

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        if self._naming and event.widget is self.query_one("#ect", Input):
            # Focus selects a box's text; the letters already there are the start of the name.
            event.widget.cursor_position = len(event.widget.value)
        self._naming = False  # the name box has the keys now (or the mentor moved on)

    @on(Input.Changed)
    def _clear_error(self) -> None:
        """What was missing is being typed: the message would only go stale."""
        self.query_one("#start-error", Static).update("")

    @on(UnfinishedList.Discard)
    def _discard(self, event: UnfinishedList.Discard) -> None:
        """Take a meeting started by mistake off the list, after asking; its file is kept in a bin."""
        from ect_tui.store import StoreError
        from ect_tui.tui.screens.confirm import ConfirmScreen

        row = next((r for r in self.ect_app.store.unfinished() if r["id"] == event.meeting_id), None)
        if row is None:
            return
        when = started_minute(row.get("started"))

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                kept = self.ect_app.store.discard_meeting(event.meeting_id)
            except StoreError as exc:
                self.notify(str(exc), title="Not discarded", severity="error", timeout=15, markup=False)
                return
            self.show_unfinished()
            self.notify(f"Discarded. Its file is kept in\n{kept}", title="Meeting discarded", markup=False)

        self.app.push_screen(
            ConfirmScreen(
                f"Discard the unfinished meeting with {row.get('ect', '?')} started {when}?",
                "It leaves the app (history, progress, exports). Its file moves to a 'discarded' folder "
                "beside your meetings, so it can be moved back by hand.",
                yes="Discard",
            ),
            answered,
        )

    @on(OptionList.OptionSelected, "#unfinished")
    def _resume(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.ect_app.resume_meeting(event.option.id)

    @on(PressButton.Pressed, "#prepare")
    def _prepare(self) -> None:
        chosen = self._chosen()
        if chosen is not None:
            ect, _mentor, script_id = chosen
            self.ect_app.open_prepare(ect, script_id)

    @on(OptionList.OptionSelected, "#scripts")
    @on(Input.Submitted)
    @on(PressButton.Pressed, "#start-meeting")
    def _start(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        ect, mentor, script_id = chosen
        store = self.ect_app.store
        if not getattr(store, "is_open", True):  # still opening: nothing listed yet to repeat
            self.ect_app.start_meeting(script_id, ect=ect, mentor=mentor)
            return
        from ect_tui.coaching.opening import finished_like, unfinished_like

        waiting = unfinished_like(store, ect, script_id)
        if waiting is not None:
            self._ask_resume(waiting, ect, mentor, script_id)
            return
        done = finished_like(store, ect, script_id)
        if done is not None and self.ect_app.catalog.get(script_id).audit_sections():
            self._ask_second_audit(done, ect, mentor, script_id)
            return
        self.ect_app.start_meeting(script_id, ect=ect, mentor=mentor)

    def _ask_resume(self, waiting: dict, ect: str, mentor: str, script_id: str) -> None:
        from ect_tui.tui.screens.resume_question import ResumeQuestion

        def answered(choice: str | None) -> None:
            if choice == "resume":
                self.ect_app.resume_meeting(waiting["id"])
            elif choice == "new":
                self.ect_app.start_meeting(script_id, ect=ect, mentor=mentor)

        when = started_minute(waiting.get("started"))
        title = waiting.get("script_title") or script_id
        self.app.push_screen(
            ResumeQuestion(f"{waiting.get('ect', ect)} already has an unfinished {title}, started {when}."),
            answered,
        )

    def _ask_second_audit(self, done: dict, ect: str, mentor: str, script_id: str) -> None:
        """An audit is run once per standard as a rule: a second one is asked about, never refused."""
        from ect_tui.tui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.ect_app.start_meeting(script_id, ect=ect, mentor=mentor)

        title = done.get("script_title") or script_id
        self.app.push_screen(
            ConfirmScreen(
                f"{done.get('ect', ect)} already finished the {title} on {started_minute(done.get('started'))}.",
                "Start a second audit of the same statements? (Past meetings, ctrl+l, shows the first; "
                "the progress grid compares the two.)",
                yes="Start another audit",
                no="Back",
            ),
            answered,
        )

    def _chosen(self) -> tuple[str, str, str] | None:
        """The names and plan typed so far, or None after saying what is missing."""
        ect = self.query_one("#ect", Input).value
        mentor = self.query_one("#mentor", Input).value
        scripts = self.query_one("#scripts", OptionList)
        error = self.query_one("#start-error", Static)
        if not self._plans_ready:  # never start before the plans are there (they load after the first frame)
            error.update(PLANS_LOADING)
            return None
        if not ect.strip():
            error.update("Type the ECT's name first.")
            self.query_one("#ect", Input).focus()
            return None
        if not mentor.strip():
            error.update("Type your own name (the mentor's).")
            self.query_one("#mentor", Input).focus()
            return None
        option = scripts.highlighted_option
        if option is None or option.id is None:
            error.update("Choose a meeting plan.")
            scripts.focus()
            return None
        error.update("")
        return ect, mentor, option.id

    def action_overview(self) -> None:
        self.ect_app.open_overview()

    def action_history(self) -> None:
        self.ect_app.open_history()
