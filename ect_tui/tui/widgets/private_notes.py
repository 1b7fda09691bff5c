"""The mentor's private box, on every meeting screen: kept on this machine, never exported."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static, TextArea

from ect_tui.tui.widgets.notes import NotesArea

PRIVATE_LABEL = "Private: never exported. Only you (the mentor) see this, here and in your own backup."


class PrivateNotes(Vertical):
    """A labelled notes box that reports changes as its own message, not as a shared note."""

    BINDINGS = [Binding("escape", "screen.hide_private", "Hide private", id="private.hide")]

    class Changed(Message):
        def __init__(self, text: str):
            super().__init__()
            self.text = text

    def __init__(self, text: str, **kwargs):
        super().__init__(**kwargs)
        self._text = text

    def compose(self) -> ComposeResult:
        yield Static(PRIVATE_LABEL, classes="private-label")
        yield NotesArea(self._text, key="private", id="private-text", placeholder="Private note…")

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()  # the screen must never file this as a shared note
        self.post_message(self.Changed(event.text_area.text))
