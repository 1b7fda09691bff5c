"""Asked when a new meeting would repeat one left unfinished: carry that one on instead?"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ect_tui.tui.screens.css import SCREENS_CSS


class ResumeQuestion(ModalScreen[str | None]):
    """Dismisses "resume" or "new"; escape is None (neither: back to the first screen).

    After a crash the mentor relaunches and types the names again: without asking, the
    meeting they meant to carry on would sit unfinished beside a second one.
    """

    CSS_PATH = SCREENS_CSS  # read when first shown (see screens/css.py)

    BINDINGS = [
        Binding("c", "answer('resume')", "Carry it on", id="resume.resume"),
        Binding("s", "answer('new')", "Start a new one", id="resume.new"),
        Binding("escape", "answer(None)", "Cancel", id="resume.cancel"),
    ]

    def __init__(self, question: str):
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="resume-question"):
            yield Static(Content(self.question), classes="heading")
            yield Static(
                Content("Carry it on, or start a new one beside it (that one stays in the unfinished list)?"),
                classes="hint",
            )
            with Horizontal(classes="buttons"):
                yield Button("Carry it on (c)", id="resume", variant="primary")
                yield Button("Start a new one (s)", id="new")

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()  # Enter carries on: nothing new is made by accident

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_answer(self, choice: str | None) -> None:
        self.dismiss(choice)
