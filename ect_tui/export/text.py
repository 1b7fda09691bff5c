"""Plain-text helpers for everything that leaves the app as text: cleaning and wrapping.

Notes are pasted into emails and terminals. A note holding an escape sequence
(typed, pasted, or planted) must never be able to drive the terminal it is later
pasted or printed into, so every exported string passes through ``strip_controls``.
Everything else the user typed (markup-like brackets, emoji, any script) is kept.
"""

from __future__ import annotations

import re
import textwrap
from datetime import date, datetime

# Whole escape sequences go, not just their ESC, so "\x1b[31m" leaves no "[31m" behind.
_SEQUENCES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI, e.g. colours and cursor moves
    r"|\x1b[\]PX^_].*?(?:\x07|\x1b\\|\x9c)"  # OSC / DCS / SOS / PM / APC strings (titles, OSC 52, ...)
    r"|\x1b[ -/]*[0-~]"  # every other ESC sequence (charset switches, resets, ...)
    r"|\x9b[0-?]*[ -/]*[@-~]"  # the 8-bit CSI
    r"|[\x90\x98\x9d\x9e\x9f].*?(?:\x07|\x1b\\|\x9c)",  # 8-bit string sequences
    re.DOTALL,
)
# C0 (bar tab and newline), DEL and C1: what is left of a broken or lone sequence.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")

WIDTH = 72


def strip_controls(text: str) -> str:
    """``text`` without terminal control characters or escape sequences; newlines and tabs stay.

    A carriage return becomes a newline (it could otherwise hide the start of a
    line when printed), and a lone surrogate left by a broken paste becomes U+FFFD
    because it cannot be written as UTF-8 at all.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SEQUENCES.sub("", text)
    text = _CONTROLS.sub("", text)
    return _SURROGATES.sub("\ufffd", text)


def one_line(text: str) -> str:
    """Cleaned text on a single line (for subjects, names and labels)."""
    return " ".join(strip_controls(text).split())


def wrap(text: str, indent: str = "", width: int = WIDTH, *, first: str | None = None) -> list[str]:
    """Wrap each of the user's lines to ``width`` columns, keeping their own line breaks.

    ``first`` replaces ``indent`` on the very first line (e.g. a bullet). Long
    words (links) are never split, so a pasted URL still works.
    """
    lines: list[str] = []
    for line in text.split("\n"):
        lead = indent if lines or first is None else first
        if not line.strip():
            lines.append(lead.rstrip())
            continue
        lines += textwrap.wrap(
            line,
            width=width,
            initial_indent=lead,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
            expand_tabs=False,
            replace_whitespace=False,
        ) or [lead.rstrip()]
    return lines


def human_date(value: date) -> str:
    """E.g. ``Tue 24 Nov 2026`` (day first, as in England)."""
    return f"{value:%a} {value.day} {value:%b %Y}"


def human_datetime(value: datetime) -> str:
    """E.g. ``Tue 24 Nov 2026, 15:30``, in the wall time the value was recorded in."""
    return f"{human_date(value)}, {value:%H:%M}"


def parse_iso(value: object) -> datetime | date | None:
    """A stored ISO date or date-time, or None if it is missing or not ISO."""
    if not isinstance(value, str) or not value:
        return None
    try:
        if "T" in value or " " in value.strip():
            return datetime.fromisoformat(value)
        return date.fromisoformat(value)
    except ValueError:
        return None


def human_when(value: object) -> str | None:
    """A stored ISO value as a human date (with the time if it has one); None if unreadable."""
    parsed = parse_iso(value)
    if isinstance(parsed, datetime):
        return human_datetime(parsed)
    if isinstance(parsed, date):
        return human_date(parsed)
    return None
