"""Messages the app posts to itself from other threads (post_message is thread-safe)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class SaveFinished(Message):
    """The saver thread finished a write: ``error`` is None when it reached the disk."""

    error: Exception | None
