"""A form box labelled by its border title rather than a label widget beside it.

One widget instead of three (label, box, the row holding them): on the first screen each
widget costs about a millisecond before the first frame (bench/README.md), and the forms
read alike everywhere. app.tcss colours the titles (.titled).
"""

from __future__ import annotations

from typing import TypeVar

from textual.widget import Widget

W = TypeVar("W", bound=Widget)


def titled(widget: W, title: str) -> W:
    """The widget with its label drawn in its border."""
    widget.border_title = title
    widget.add_class("titled", update=False)  # not yet mounted: styled when it is
    return widget
