"""The drop-in: the day it happened (read as a past day) and a visit timer."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.validation import Function
from textual.widgets import Input, Static

from ect_tui.coaching.days import parse_past_day
from ect_tui.coaching.practice import VisitTimer, visit_note
from ect_tui.meeting.countdown import format_clock
from ect_tui.meeting.when import When, far_note
from ect_tui.script.model import Section
from ect_tui.tui.screens.coaching.section import CoachingScreen


class DropInScreen(CoachingScreen):
    """When the lesson visit was, a timer for the visit itself, and the notes from it."""

    BINDINGS = [
        Binding(
            "ctrl+s", "visit", "Visit timer", id="coaching.visit", tooltip="Start or stop timing the visit"
        )
    ]

    def __init__(self, section: Section):
        super().__init__(section)
        self.visit: VisitTimer | None = None

    def compose_controls(self) -> ComposeResult:
        yield Static("When was the drop-in?", classes="label")
        yield Input(
            self.data.get("date_text", ""),
            placeholder="e.g. today, mon, 23/11 (blank: today)",
            id="drop-in-day",
            classes="when",
            validators=[Function(self._reads_as_day)],
            valid_empty=True,
        )
        yield Static(id="drop-in-day-feedback", classes="feedback")
        yield Static(id="visit-clock", classes="timer")

    def on_mount(self) -> None:
        self.visit = VisitTimer(self.meeting, self.section.id)
        self._show_day(self.data.get("date_text", ""), record=False)
        self._show_visit()
        super().on_mount()

    def refresh_clock(self) -> None:
        super().refresh_clock()
        if self.is_mounted and self.visit is not None:
            self._show_visit()

    def on_screen_suspend(self) -> None:
        # The stopwatch lives in this screen: record the visit rather than leave it running unseen.
        if self.visit is not None and self.visit.running:
            self.visit.stop()
            self.changed(urgent=True)

    def action_visit(self) -> None:
        assert self.visit is not None
        self.visit.toggle()
        self._show_visit()
        self.changed(urgent=True)

    def _show_visit(self) -> None:
        assert self.visit is not None
        elapsed = self.visit.elapsed
        state = "timing · ctrl+s stops" if self.visit.running else "ctrl+s to start or carry on timing"
        # None while the screen closes: the clock's tick can arrive after its widgets are gone
        # (seen as a crash under load), as on the practice screen.
        for clock in self.query("#visit-clock").results(Static):
            clock.update(Content(f"Visit {format_clock(elapsed)} ({visit_note(elapsed)}) · {state}"))
            clock.set_class(self.visit.running, "-running")

    @on(Input.Changed, "#drop-in-day")
    def _day_changed(self, event: Input.Changed) -> None:
        self._show_day(event.value)

    def _reads_as_day(self, text: str) -> bool:
        try:
            parse_past_day(text, self.meeting.clock.now(), what="the drop-in")
        except ValueError:
            return False
        return True

    def _show_day(self, text: str, *, record: bool = True) -> None:
        day = None
        now = self.meeting.clock.now()
        try:
            day = parse_past_day(text, now, what="the drop-in")
        except ValueError as exc:
            # What was typed stays in the box and the record (date_text), with no date.
            self.say("drop-in-day-feedback", f"{exc} Kept as typed, not as a date.", error=True)
        else:
            shown = When(day).human()
            note = far_note(text, When(day), now.date())
            self.say(
                "drop-in-day-feedback",
                note or (f"✓ {shown}" if text.strip() else f"Blank: the drop-in was today, {shown}."),
            )
        box = self.query_one("#drop-in-day", Input)
        box.validate(box.value)
        if record:
            self.meeting.set_data(self.section.id, "date_text", text)
            self.meeting.set_data(self.section.id, "date", day.isoformat() if day else None)
