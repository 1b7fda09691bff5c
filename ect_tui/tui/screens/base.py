"""What every meeting screen shares: the meeting bar, the footer and the meeting's keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen

from ect_tui.meeting.transcript import Meeting
from ect_tui.meeting.undo import Change, UndoHistory, history_of
from ect_tui.tui.screens.css import SCREENS_CSS
from ect_tui.tui.widgets.keybar import KeyBar
from ect_tui.tui.widgets.meeting_bar import MeetingBar
from ect_tui.tui.widgets.notes import NotesArea
from ect_tui.tui.widgets.private_notes import PrivateNotes

if TYPE_CHECKING:
    from ect_tui.tui.app import EctApp


class MeetingScreen(Screen):
    """One stop of the meeting. Subclasses compose the body; the domain holds the state."""

    CSS_PATH = SCREENS_CSS  # read when first shown (see screens/css.py)

    # Land in the first place to type (see on_mount), not on the scrolling container.
    AUTO_FOCUS = None
    FIRST_FOCUS = "NotesArea, SelectionList, Input, Checkbox, OptionList, Button"

    BINDINGS = [
        Binding(
            "ctrl+z",
            "undo",
            "Undo",
            id="meeting.undo",
            tooltip="Undo the last rating, view, agreed rating, focus choice or finish (again for more)",
        ),
        Binding("ctrl+n", "app.step(1)", "Next", id="meeting.next", tooltip="Go to the next section"),
        Binding("ctrl+o", "app.step(-1)", "Back", id="meeting.back", tooltip="Go back one section"),
        Binding(
            "ctrl+t",
            "app.toggle_timer",
            "Pause/go",
            id="meeting.timer",
            tooltip="Pause or restart this section's timer",
        ),
        Binding("ctrl+g", "app.extend(1)", "+1 min", id="meeting.plus-minute"),
        Binding("ctrl+r", "app.extend(-1)", "-1 min", id="meeting.minus-minute", show=False),
        Binding(
            "ctrl+f", "private", "Private", id="meeting.private", tooltip="Show or hide your private note"
        ),
        Binding("ctrl+y", "redo", "Redo", show=False, id="meeting.redo", tooltip="Redo what ctrl+z undid"),
    ]

    def __init__(self, position: str, title: str):
        super().__init__(name=position)
        self.position = position
        self.title_text = title

    @property
    def ect_app(self) -> EctApp:
        return cast("EctApp", self.app)

    @property
    def meeting(self) -> Meeting:
        meeting = self.ect_app.meeting
        assert meeting is not None, "a meeting screen is only shown during a meeting"
        return meeting

    @property
    def in_meeting(self) -> bool:
        """False in the moment after a meeting closes, before this screen is switched away."""
        return self.ect_app.meeting is not None

    def compose(self) -> ComposeResult:
        yield MeetingBar(self.title_text, id="meeting-bar")
        yield from self.compose_main()
        private = PrivateNotes(self._private_text(), id="private")
        private.display = False  # the ECT is beside the screen: private text shows only on ctrl+f
        yield private
        yield KeyBar()

    def _private_text(self) -> str:
        current = self.meeting.record(self.position) if self.position in self._section_ids() else None
        return current.private if current is not None else self.meeting.private

    def _section_ids(self) -> set[str]:
        return {r.id for r in self.meeting.sections}

    def action_private(self) -> None:
        """Open the private note and type in it; again (or escape) to hide it and go back."""
        panel = self.query_one("#private", PrivateNotes)
        area = panel.query_one(NotesArea)
        if not panel.display:
            panel.display = True
            area.focus()
        elif not area.has_focus:
            area.focus()
        else:
            self.action_hide_private()

    def action_hide_private(self) -> None:
        """Hide the private note (its text stays saved) and go back to the shared notes."""
        self.query_one("#private", PrivateNotes).display = False
        self.on_mount()

    @on(PrivateNotes.Changed)
    def _private_changed(self, event: PrivateNotes.Changed) -> None:
        if self.position in self._section_ids():
            self.meeting.set_section_private(self.position, event.text)
        else:
            self.meeting.set_private(event.text)

    def compose_main(self) -> ComposeResult:
        """The area between bar and footer; by default a scrolling column of compose_body."""
        with VerticalScroll(id="body"):
            yield from self.compose_body()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        # Focus without scrolling: the guidance above the first box matters more than its position.
        candidates = [w for w in self.query(self.FIRST_FOCUS) if w.id != "private-text"]
        if candidates:
            candidates[0].focus(scroll_visible=False)

    def on_screen_resume(self) -> None:
        self.refresh_clock()

    def refresh_clock(self) -> None:
        # The tick and the saver can arrive while the screen is still composing, or
        # just after the meeting closed and before this screen is switched away.
        if not self.in_meeting:
            return
        for bar in self.query(MeetingBar):
            bar.refresh_clock(self.meeting, unsaved=self.ect_app.save_error is not None)

    # ----- undo (see meeting/undo.py): any meeting screen takes back the newest change -----
    @property
    def history(self) -> UndoHistory:
        return history_of(self.meeting)

    def action_undo(self) -> None:
        change = self.history.undo()
        if change is None:
            self.notify("Nothing to undo in this meeting.", timeout=3)
            return
        self.changed(urgent=True)
        self.show_change(change, f"Undone {change.description}, ctrl+y to redo")

    def action_redo(self) -> None:
        change = self.history.redo()
        if change is None:
            self.notify("Nothing to redo.", timeout=3)
            return
        self.changed(urgent=True)
        self.show_change(change, f"Redone {change.description}, ctrl+z to undo")

    def show_change(self, change: Change, line: str) -> None:
        """Show an undone or redone change; screens that show it in place override this."""
        self.notify(line, timeout=5)
        self.app.refresh_bindings()

    def changed(self, *, urgent: bool = False) -> None:
        """Ask the app to save now (urgent), e.g. after a rating or a step taken.

        Not needed to have a change saved at all: the meeting announces every change itself
        (``Meeting.on_change``) and the app saves it within a second.
        """
        self.ect_app.meeting_changed(urgent=urgent)
