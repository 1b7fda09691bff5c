"""Ask where to write a file: used when saving fails and for exports."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ect_tui.tui.screens.css import SCREENS_CSS


class SaveAsScreen(ModalScreen[Path | None]):
    """A path box with a suggestion; Enter accepts, Escape cancels. Returns the chosen path.

    ``creatable`` is a folder the caller creates on writing (the notes folder beside the
    database), so a path in it is accepted before it exists; any other folder must exist.
    """

    CSS_PATH = SCREENS_CSS  # read when first shown (see screens/css.py)

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="save-as.cancel")]

    def __init__(self, title: str, suggestion: Path, note: str = "", *, creatable: Path | None = None):
        super().__init__()
        self._title = title
        self._suggestion = suggestion
        self._note = note
        self._creatable = creatable.expanduser() if creatable is not None else None

    def compose(self) -> ComposeResult:
        from ect_tui.export.files import display_path  # here: the app imports exports only when used

        with Vertical(id="save-as"):
            yield Static(Content(self._title), classes="heading")
            if self._note:
                yield Static(Content(self._note), classes="hint")
            yield Input(display_path(self._suggestion), id="save-path")
            yield Static(id="save-error", classes="feedback -error")
            yield Static("Enter saves · Escape cancels", classes="hint")

    @on(Input.Submitted, "#save-path")
    def _accept(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.query_one("#save-error", Static).update("Type a file name.")
            return
        path = Path(text).expanduser()
        if path.is_dir():
            self.query_one("#save-error", Static).update(Content(f"{path} is a folder: add a file name."))
            return
        if not path.parent.is_dir() and path.parent != self._creatable:
            self.query_one("#save-error", Static).update(Content(f"There is no folder {path.parent}."))
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
