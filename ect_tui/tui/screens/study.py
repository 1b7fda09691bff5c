"""The ECT's self-study log: add a sitting (minutes and topic), see weekly totals against 30-50 minutes."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from ect_tui.coaching.days import parse_past_day
from ect_tui.coaching.records import add_study, calendar, match_ect, study_entries
from ect_tui.coaching.report_out import short_day
from ect_tui.coaching.study import (
    GUIDE,
    StudyEntry,
    check_topic,
    first_day,
    from_first_entry,
    guide_phrase,
    parse_minutes,
    week_total,
    weekly_minutes,
)
from ect_tui.meeting.when import When
from ect_tui.store import StoreError
from ect_tui.tui.screens.css import SCREENS_CSS
from ect_tui.tui.text import visible
from ect_tui.tui.widgets.keybar import KeyBar
from ect_tui.tui.widgets.titled import titled

if TYPE_CHECKING:
    from ect_tui.tui.app import EctApp

RECENT_WEEKS = 4


class StudyScreen(Screen):
    """One ECT's self-study: Enter in any box logs the sitting; mistakes are explained under the boxes."""

    CSS_PATH = SCREENS_CSS  # read when first shown (see screens/css.py)

    BINDINGS = [Binding("escape", "back", "Back", id="study.back")]

    def __init__(self, ect: str = ""):
        super().__init__(name="study")
        self.ect = ect

    @property
    def ect_app(self) -> EctApp:
        return cast("EctApp", self.app)

    def compose(self) -> ComposeResult:
        low, high = GUIDE
        with VerticalScroll(id="study"):
            yield Static("Self-study log", classes="heading")
            yield Static(
                Content(
                    f"The guide is {low}-{high} minutes of self-study a week in year 1 (in year 2 you agree "
                    "it together). Log each sitting: Enter saves it."
                ),
                classes="hint",
            )
            yield titled(Input(self.ect, placeholder="the ECT who studied", id="study-ect"), "ECT's name")
            with Horizontal(classes="field"):
                yield titled(
                    Input(placeholder="e.g. 40", id="study-minutes", classes="study-short"), "Minutes"
                )
                yield titled(Input(placeholder="blank: today", id="study-day"), "Day")
            yield titled(
                Input(placeholder="e.g. Module 1: routines", id="study-topic", select_on_focus=False), "Topic"
            )
            yield Static(id="study-feedback", classes="feedback")
            yield Static(id="study-weeks")
            yield DataTable(id="study-entries", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#study-entries", DataTable)
        table.add_columns("Day", "Minutes", "Topic")
        read_only = self.ect_app.store.read_only
        for box in self.query(Input):
            box.disabled = read_only and box.id != "study-ect"
        if read_only:
            self._say("Read-only: this copy can show the log but not add to it.", error=True)
        first = "#study-minutes" if self.ect.strip() and not read_only else "#study-ect"
        self.query_one(first, Input).focus()
        self._show_log()

    def _say(self, text: str, *, error: bool = False) -> None:
        feedback = self.query_one("#study-feedback", Static)
        feedback.update(Content(text))
        feedback.set_class(error, "-error")

    def _ect_name(self) -> str:
        typed = " ".join(self.query_one("#study-ect", Input).value.split())
        return match_ect(self.ect_app.store, typed) or typed if typed else ""

    def _show_log(self) -> None:
        name = self._ect_name()
        table = self.query_one("#study-entries", DataTable)
        table.clear()
        weeks_box = self.query_one("#study-weeks", Static)
        if not name:
            weeks_box.update(Content("Type the ECT's name to see their log."))
            return
        store = self.ect_app.store
        entries = study_entries(store, name)
        today = self.ect_app.clock.now().date()
        if not entries:
            weeks_box.update(Content(f"Nothing logged for {visible(name)} yet."))
            return
        from ect_tui.config import term_dates_path

        weeks = calendar(store, term_dates_path(self.ect_app.config)).recent_school_weeks(today, RECENT_WEEKS)
        recent = weekly_minutes(entries, weeks)
        recent = from_first_entry(recent, first_day(entries))  # weeks before the first entry say nothing
        from ect_tui.coaching.records import ect_settings, name_key
        from ect_tui.coaching.study import guide_for, guide_words

        guide = guide_for(ect_settings(store).get(name_key(name), {}).get("year"))
        text = f"{visible(name)}, this week: {guide_phrase(week_total(entries, today), guide)}"
        if guide is None:
            text += f" ({guide_words(guide)})"
        if recent:
            earlier = " · ".join(
                f"w/c {short_day(monday, today)}: {minutes}" for monday, minutes in reversed(recent)
            )
            text += f"\nEarlier school weeks (min): {earlier}"
        weeks_box.update(Content(text))
        for entry in reversed(entries):
            table.add_row(short_day(entry.day, today), str(entry.minutes), Text(visible(entry.topic)))

    @on(Input.Changed, "#study-ect")
    def _ect_changed(self) -> None:
        self._show_log()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "study-ect" and not self.query_one("#study-minutes", Input).value.strip():
            self.query_one("#study-minutes", Input).focus()
            return
        self.add()

    def add(self) -> None:
        """Check every box, then log the sitting; a problem is one sentence under the boxes."""
        store = self.ect_app.store
        if store.read_only:
            self._say("Read-only: this copy cannot log study.", error=True)
            return
        name = self._ect_name()
        if not name:
            self._say("Type the ECT's name first.", error=True)
            self.query_one("#study-ect", Input).focus()
            return
        try:
            minutes = parse_minutes(self.query_one("#study-minutes", Input).value)
        except ValueError as exc:
            self._say(str(exc), error=True)
            self.query_one("#study-minutes", Input).focus()
            return
        try:
            day = parse_past_day(
                self.query_one("#study-day", Input).value, self.ect_app.clock.now(), what="the study"
            )
        except ValueError as exc:
            self._say(str(exc), error=True)
            self.query_one("#study-day", Input).focus()
            return
        try:
            topic = check_topic(self.query_one("#study-topic", Input).value)
        except ValueError as exc:
            self._say(str(exc), error=True)
            self.query_one("#study-topic", Input).focus()
            return
        try:
            add_study(store, StudyEntry(name, day, minutes, topic))
        except StoreError as exc:
            self._say(f"Not saved: {exc}", error=True)
            return
        for box in ("#study-minutes", "#study-day", "#study-topic"):
            self.query_one(box, Input).value = ""
        self._say(f"Logged {minutes} min for {visible(name)} on {When(day).human()}.")
        self.query_one("#study-minutes", Input).focus()
        self._show_log()

    def action_back(self) -> None:
        self.ect_app.leave_review_screen()
