"""Show user text exactly as typed: never markup, and control characters made visible.

An escape sequence in a note must never drive the terminal, so ESC and friends
are drawn as their Unicode "control picture" (␛) instead of being sent raw.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def visible(text: str) -> str:
    """The text with every control character (bar newline and tab) replaced by a visible symbol."""
    return _CONTROL.sub(_picture, text)


def started_minute(stamp: str | None) -> str:
    """'2026-11-17 15:30' from a stored ISO time ('2026-11-17T15:30:12+00:00'), as the lists show it."""
    return (stamp or "")[:16].replace("T", " ")
