"""The strip at the top of every meeting screen: where we are and how the time is going."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from ect_tui.meeting.countdown import Countdown, TimerState, format_clock, format_minutes
from ect_tui.meeting.transcript import Meeting


class CountdownDisplay(Static):
    """A section's countdown, mm:ss, coloured by its state (normal, warning, overtime, paused)."""

    def show(self, countdown: Countdown) -> None:
        state = countdown.state
        label = "over" if state is TimerState.OVERTIME else "left"
        paused = "" if countdown.running else "  paused"
        self.update(Content(f"{format_clock(countdown.remaining)} {label}{paused}"))
        for each in TimerState:
            self.set_class(state is each, f"-{each.value}")
        self.set_class(not countdown.running, "-paused")


def schedule_text(meeting: Meeting) -> str:
    """E.g. ``Meeting 23:10 of 60:00 · 2 min behind``: the whole hour at a glance.

    The pace is in whole minutes by the rule the summary and exports use (``format_minutes``).
    """
    schedule = meeting.schedule()
    used = format_clock(schedule.elapsed_total).lstrip("+")
    planned = format_clock(schedule.planned_total)
    drift = schedule.drift
    if abs(drift) < 60:
        pace = "on time"
    elif drift > 0:
        pace = f"{format_minutes(drift)} behind"
    else:
        pace = f"{format_minutes(-drift)} ahead"
    return f"Meeting {used} of {planned} · {pace}"


class MeetingBar(Horizontal):
    """Section title, its countdown, and the whole meeting's clock."""

    def __init__(self, title: str, **kwargs):
        super().__init__(**kwargs)
        self._title = title

    def compose(self) -> ComposeResult:
        yield Static(Content(self._title), id="bar-title")
        yield CountdownDisplay(id="bar-countdown")
        yield Static(id="bar-meeting")
        yield Static("NOT SAVED", id="bar-unsaved")

    def refresh_clock(self, meeting: Meeting, *, unsaved: bool = False) -> None:
        flags = self.query("#bar-unsaved")
        if not flags:
            return  # called before the bar's children are mounted; the next tick draws it
        flags.first().display = unsaved
        countdown_display = self.query_one(CountdownDisplay)
        current = meeting.current
        if current is None:
            countdown_display.display = False
        else:
            countdown_display.display = True
            countdown_display.show(current.countdown)
        self.query_one("#bar-meeting", Static).update(Content(schedule_text(meeting)))
