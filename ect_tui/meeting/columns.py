"""Plain-text columns that stay in line, for the time table and the coordinator's report."""

from __future__ import annotations


def cut(text: str, width: int) -> str:
    """``text``, cut visibly with an ellipsis to ``width`` characters if it is longer."""
    return text if len(text) <= width else text[: width - 1] + "…"


def fit_column(text: str, width: int) -> str:
    """Fit a plain-text column: padded, or cut visibly with an ellipsis so the columns after it
    stay in line (the meeting's time table, the coordinator's report)."""
    return f"{cut(text, width):<{width}}"
