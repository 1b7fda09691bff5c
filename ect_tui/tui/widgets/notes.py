"""A notes box that knows which answer it holds, so screens can route its changes."""

from __future__ import annotations

from textual.widgets import TextArea


class NotesArea(TextArea):
    """A plain-text notes box: soft-wrapped, tab moves on, grows with its text."""

    def __init__(self, text: str = "", *, key: str, placeholder: str = "", **kwargs):
        super().__init__(
            text,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            placeholder=placeholder,
            highlight_cursor_line=False,
            **kwargs,
        )
        self.key = key
