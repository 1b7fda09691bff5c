"""The end of the meeting: everything recorded, time per section, and finishing."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Button, Static

from ect_tui.export.outline import meeting_outline
from ect_tui.meeting.checks import finishing_gaps
from ect_tui.meeting.transcript import SUMMARY
from ect_tui.meeting.undo import Change
from ect_tui.tui.screens.base import MeetingScreen
from ect_tui.tui.screens.finish_check import FinishCheckScreen
from ect_tui.tui.text import visible


class SummaryScreen(MeetingScreen):
    """A read-through of the record; rebuilt each time it is shown so it is never stale."""

    BINDINGS = [
        Binding("c", "app.copy_notes", "Copy notes", id="summary.copy"),
        Binding("f", "finish", "Finish meeting", id="summary.finish"),
        Binding("n", "another", "Next meeting", id="summary.another", tooltip="Start another meeting"),
    ]

    def __init__(self) -> None:
        super().__init__(SUMMARY, "Summary")
        self._asked = False  # what is missing is asked about once; the next "finish" goes through

    def compose_body(self) -> ComposeResult:
        yield Static(id="summary-status", classes="heading")
        yield Static(id="summary-text")
        yield Button("Finish meeting", id="finish", variant="success")

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        if self.in_meeting:  # not when resumed under the unsent-notes question as the meeting closes
            self.show()

    def show(self) -> None:
        meeting = self.meeting
        status = (
            f"Meeting complete and saved. Press c to copy the notes as an email for {meeting.ect}."
            if meeting.finished
            else "Read it through together, then finish the meeting (it is already saved as you go)."
        )
        self.query_one("#summary-status", Static).update(Content(status))
        self.query_one("#summary-text", Static).update(Content(visible(meeting_outline(meeting))))
        button = self.query_one("#finish", Button)
        button.label = "Start another meeting" if meeting.finished else "Finish meeting"
        button.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("finish", "another") and self.in_meeting:
            return self.meeting.finished != (action == "finish")  # one key shown at a time
        return True

    def action_finish(self) -> None:
        if not self.meeting.finished:
            self._finish()

    def action_another(self) -> None:
        if self.meeting.finished:
            self._finish()

    @on(Button.Pressed, "#finish")
    def _finish(self) -> None:
        if self.meeting.finished:
            self.ect_app.new_meeting()
            return
        gaps = finishing_gaps(self.meeting)
        if not gaps or self._asked:
            self._finish_now()
            return
        self._asked = True  # asked once: the next finish goes through
        where = self.meeting.record(gaps[0].position).section.title

        def chosen(answer: str | None) -> None:
            if answer == "finish":
                self._finish_now()
            elif answer == "go":
                self.ect_app.go_to(gaps[0].position)
                code = gaps[0].code
                show = getattr(self.app.screen, "show_statement", None)
                if code is not None and show is not None:
                    show(code)  # the first statement still to rate, not where the cursor was

        self.app.push_screen(FinishCheckScreen(gaps, where), chosen)

    def _finish_now(self) -> None:
        if self.history.finish() is None:
            return
        self.changed(urgent=True)
        self.show()
        self.app.refresh_bindings()  # the timer keys go, "next meeting" comes
        self.notify("Meeting finished and saved. ctrl+z to undo.", title="Saved")

    def show_change(self, change: Change, line: str) -> None:
        super().show_change(change, line)
        self.show()
