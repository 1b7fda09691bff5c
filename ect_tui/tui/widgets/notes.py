"""A notes box that knows which answer it holds, so screens can route its changes."""

from __future__ import annotations

from textual.containers import ScrollableContainer
from textual.widgets import TextArea


class NotesArea(TextArea):
    """A plain-text notes box: soft-wrapped, tab moves on, grows with its text.

    It grows downwards as the mentor types, so at 80x24 the line being typed would soon sit
    under the key bar: after every change (and cursor move) the scrolling container around it
    is scrolled just enough to keep the cursor's line in view.
    """

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

    # Its own messages reach it before they bubble to the screen (which still gets them).
    def on_text_area_changed(self) -> None:
        self.call_after_refresh(self.keep_cursor_in_view)

    def on_text_area_selection_changed(self) -> None:
        self.call_after_refresh(self.keep_cursor_in_view)

    def on_focus(self) -> None:
        self.call_after_refresh(self.keep_cursor_in_view)

    def keep_cursor_in_view(self) -> None:
        """Scroll the nearest scrolling container so the cursor's line (and one more) shows."""
        if not self.is_attached or not self.has_focus:
            return
        container = next((a for a in self.ancestors if isinstance(a, ScrollableContainer)), None)
        if container is None:
            return
        y = self.cursor_screen_offset.y
        view = container.content_region
        if y + 1 >= view.bottom:
            container.scroll_relative(y=y + 2 - view.bottom, animate=False, immediate=True)
        elif y < view.y:
            container.scroll_relative(y=y - view.y, animate=False, immediate=True)
