"""A checkbox whose label wraps: preparation items are sentences, not one-word labels."""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import Checkbox


class WrappingCheckbox(Checkbox):
    """Textual's Checkbox is one row tall; this one is as tall as its wrapped label."""

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self.render().wrap(width)))
