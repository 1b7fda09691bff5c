"""Before finishing: what the meeting is still missing, asked once; it never blocks."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ect_tui.meeting.checks import Gap
from ect_tui.tui.screens.css import SCREENS_CSS


class FinishCheckScreen(ModalScreen[str | None]):
    """Dismisses "finish" (finish anyway), "go" (go to the first gap) or None (escape: stay)."""

    CSS_PATH = SCREENS_CSS  # read when first shown (see screens/css.py)

    BINDINGS = [
        Binding("f", "answer('finish')", "Finish anyway", id="finish-check.finish"),
        Binding("g", "answer('go')", "Go there", id="finish-check.go"),
        Binding("escape", "answer(None)", "Stay here", id="finish-check.stay"),
    ]

    def __init__(self, gaps: list[Gap], where: str):
        super().__init__()
        self.gaps = gaps
        self.where = where  # the title of the section the first gap is in

    def compose(self) -> ComposeResult:
        with Vertical(id="finish-check"):
            yield Static("Before you finish, this meeting has:", classes="heading")
            yield Static(Content("\n".join(f"• {gap.text}" for gap in self.gaps)), id="finish-gaps")
            yield Static(
                Content(
                    f"Finish anyway (it can be undone with ctrl+z), or go to {self.where} and fill it in."
                ),
                classes="hint",
            )
            with Horizontal(classes="buttons"):
                yield Button("Finish anyway (f)", id="finish", variant="success")
                # The section is named above: a long title here would push the key off the button.
                yield Button("Go there (g)", id="go", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#go", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_answer(self, answer: str | None) -> None:
        self.dismiss(answer)
