"""The mentor's private notebook for one ECT: thoughts that belong to no single meeting."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static, TextArea

from ect_tui.store import StoreError
from ect_tui.store.notebook import load_notebook, save_notebook
from ect_tui.tui.screens.css import SCREENS_CSS
from ect_tui.tui.widgets.keybar import KeyBar
from ect_tui.tui.widgets.notes import NotesArea
from ect_tui.tui.widgets.private_notes import PRIVATE_LABEL

if TYPE_CHECKING:
    from ect_tui.tui.app import EctApp

SAVE_AFTER_SECONDS = 0.5


class NotebookScreen(Screen):
    """One running text per ECT, saved as you type; escape goes back (after the last save)."""

    CSS_PATH = SCREENS_CSS  # read when first shown (see screens/css.py)

    BINDINGS = [Binding("escape", "back", "Back", id="notebook.back")]

    def __init__(self, ect: str):
        super().__init__(name="notebook")
        self.ect = ect
        self._timer: Timer | None = None
        self._saved_text = ""

    @property
    def ect_app(self) -> EctApp:
        return cast("EctApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static(Content(f"Private notebook: {self.ect}"), classes="heading")
        yield Static(PRIVATE_LABEL, classes="private-label")
        yield NotesArea(
            key="notebook", id="notebook-text", placeholder="What you notice over the weeks, for you alone…"
        )
        yield Static(id="notebook-status", classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        try:
            self._saved_text = load_notebook(self.ect_app.store, self.ect)
        except StoreError as exc:
            self._status(f"Could not read the notebook: {exc}")
        area = self.query_one("#notebook-text", NotesArea)
        area.load_text(self._saved_text)
        area.focus()
        self._status("Saved as you type. Escape goes back.")

    def _status(self, text: str) -> None:
        self.query_one("#notebook-status", Static).update(Content(text))

    @on(TextArea.Changed, "#notebook-text")
    def _changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SAVE_AFTER_SECONDS, self._save)

    def _save(self) -> None:
        self._timer = None
        text = self.query_one("#notebook-text", NotesArea).text
        if text != self._saved_text:
            self._write(text)

    @work(thread=True, group="notebook")
    def _write(self, text: str) -> None:
        """Off the event loop: the table lives in the database file, which may be large."""
        try:
            save_notebook(self.ect_app.store, self.ect, text, self.ect_app.clock.now())
        except StoreError as exc:
            self.app.call_from_thread(
                self._status, f"NOT SAVED: {exc} Your text is still here; keep this open."
            )
            return
        self._saved_text = text
        self.app.call_from_thread(self._status, "Saved. Escape goes back.")

    async def action_back(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._save()
        await self.workers.wait_for_complete()
        if self.query_one("#notebook-text", NotesArea).text != self._saved_text:
            return  # the save failed: the status line says so; leaving would lose the text
        self.app.pop_screen()
