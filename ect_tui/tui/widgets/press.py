"""A button for the start screen: Enter or a click presses it (as Textual's Button).

Textual's Button brings the largest stylesheet of any widget (every variant, hover and
press states, ANSI themes): parsing it was 6 ms of the 55 ms the start screen took
beyond a minimal app (bench/). The start screen's two buttons need only a label, focus
and a press; app.tcss draws them as Textual's Button draws its default style.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static


class PressButton(Static, can_focus=True):
    """A label that can be focused and pressed; ``primary`` colours it as the main action."""

    ALLOW_SELECT = False  # a drag over the label selects nothing, as with Textual's Button
    # Enter only, as Textual's Button: on the start screen letters typed with a button focused
    # go to the ECT's name (StartScreen.on_key), and a space among them must not start a meeting.
    BINDINGS = [Binding("enter", "press", "Press", show=False)]

    class Pressed(Message):
        """Posted when pressed; ``@on(PressButton.Pressed, "#id")`` picks one."""

        def __init__(self, button: PressButton) -> None:
            super().__init__()
            self.button = button

        @property
        def control(self) -> PressButton:
            return self.button

    def __init__(
        self, label: str, *, id: str | None = None, primary: bool = False, tooltip: str | None = None
    ):
        super().__init__(label, id=id, classes="-primary" if primary else None, markup=False)
        if tooltip:
            self.tooltip = tooltip

    def action_press(self) -> None:
        if not self.disabled:
            self.post_message(self.Pressed(self))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.focus()
        self.action_press()
