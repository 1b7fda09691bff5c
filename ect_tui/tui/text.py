"""Show user text exactly as typed: never markup, and control characters made visible.

An escape sequence in a note must never drive the terminal, so ESC and friends
are drawn as their Unicode "control picture" (␛) instead of being sent raw: the one
sanitiser in ect_tui/safe_text.py, shared with every command.
"""

from __future__ import annotations

from ect_tui.safe_text import visible

__all__ = ["started_minute", "visible"]


def started_minute(stamp: str | None) -> str:
    """'2026-11-17 15:30' from a stored ISO time ('2026-11-17T15:30:12+00:00'), as the lists show it."""
    return (stamp or "")[:16].replace("T", " ")
