"""What every meeting screen shares: the meeting bar, the footer and the meeting's keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer

from ect_tui.meeting.transcript import Meeting
from ect_tui.tui.widgets.meeting_bar import MeetingBar

if TYPE_CHECKING:
    from ect_tui.tui.app import EctApp


class MeetingScreen(Screen):
    """One stop of the meeting. Subclasses compose the body; the domain holds the state."""

    # Land in the first place to type (see on_mount), not on the scrolling container.
    AUTO_FOCUS = None
    FIRST_FOCUS = "NotesArea, SelectionList, Input, Checkbox, OptionList, Button"

    BINDINGS = [
        Binding("ctrl+n", "app.step(1)", "Next", id="meeting.next", tooltip="Go to the next section"),
        Binding("ctrl+o", "app.step(-1)", "Back", id="meeting.back", tooltip="Go back one section"),
        Binding("ctrl+t", "app.toggle_timer", "Pause/go", id="meeting.timer", tooltip="Pause or restart this section's timer"),
        Binding("ctrl+g", "app.extend(1)", "+1 min", id="meeting.plus-minute"),
        Binding("ctrl+r", "app.extend(-1)", "-1 min", id="meeting.minus-minute", show=False),
    ]

    def __init__(self, position: str, title: str):
        super().__init__(name=position)
        self.position = position
        self.title_text = title

    @property
    def ect_app(self) -> "EctApp":
        return cast("EctApp", self.app)

    @property
    def meeting(self) -> Meeting:
        meeting = self.ect_app.meeting
        assert meeting is not None, "a meeting screen is only shown during a meeting"
        return meeting

    def compose(self) -> ComposeResult:
        yield MeetingBar(self.title_text, id="meeting-bar")
        yield from self.compose_main()
        yield Footer(compact=True)

    def compose_main(self) -> ComposeResult:
        """The area between bar and footer; by default a scrolling column of compose_body."""
        with VerticalScroll(id="body"):
            yield from self.compose_body()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        # Focus without scrolling: the guidance above the first box matters more than its position.
        first = self.query(self.FIRST_FOCUS).first() if self.query(self.FIRST_FOCUS) else None
        if first is not None:
            first.focus(scroll_visible=False)

    def on_screen_resume(self) -> None:
        self.refresh_clock()

    def refresh_clock(self) -> None:
        if self.is_mounted:
            self.query_one(MeetingBar).refresh_clock(self.meeting, unsaved=self.ect_app.save_error is not None)

    def changed(self, *, urgent: bool = False) -> None:
        """Tell the app the meeting changed so it is saved (at once if urgent, else soon)."""
        self.ect_app.meeting_changed(urgent=urgent)
