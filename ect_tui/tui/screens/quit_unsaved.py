"""Asked on quitting while saves fail: the text typed since the last good save is only in memory."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ect_tui.tui.screens.css import SCREENS_CSS

RETRY, COPY, LOSE = "retry", "copy", "lose"


class QuitUnsavedScreen(ModalScreen[str | None]):
    """Dismisses "retry", "copy" or "lose"; escape (None) stays in the meeting.

    Retry is focused, so Enter alone never throws text away.
    """

    CSS_PATH = SCREENS_CSS  # read when first shown (see screens/css.py)

    BINDINGS = [
        Binding("r", f"answer('{RETRY}')", "Try saving again", id="quit-unsaved.retry"),
        Binding("c", f"answer('{COPY}')", "Save a copy elsewhere", id="quit-unsaved.copy"),
        Binding("q", f"answer('{LOSE}')", "Quit and lose it", id="quit-unsaved.lose"),
        Binding("escape", "answer(None)", "Stay", id="quit-unsaved.stay"),
    ]

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(Content("Your latest notes are not saved"), classes="heading")
            yield Static(
                Content(
                    f"{self.reason} What you typed since the last good save is only in memory: "
                    "retry (after freeing space), save a copy elsewhere and quit, or quit and lose it."
                ),
                classes="hint",
            )
            with Horizontal(classes="buttons"):
                yield Button("Retry (r)", id=RETRY, variant="primary")
                yield Button("Save copy (c)", id=COPY, variant="primary")
                yield Button("Lose it (q)", id=LOSE, variant="error")

    def on_mount(self) -> None:
        self.query_one(f"#{RETRY}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_answer(self, choice: str | None) -> None:
        self.dismiss(choice)
