"""Keys act in the order they were typed, even when one terminal read brings several.

Textual sends each key to the widget focused when the key is read, but resolves that widget's
own bindings (space on a list, ↓) only when the key has bubbled back up to the app. A key
with a priority binding (tab, shift+tab) acts at once instead. So in a fast burst such as
``space ↓ space tab`` (one terminal read) the tab moved focus first, and the two choices
were then looked up against the next field: nothing was chosen, and nothing said so.

Here a key that acts at once waits while keys sent before it are still on their way: after
each key sent to a widget a `KeysSettled` marker follows it along the same path; when the
marker reaches the app, every key before it has been dealt with, and the keys held back
are let through in order. A marker that never arrives (its widget closed) frees the keys
after half a second, so nothing is held for ever.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from textual import events
from textual.message import Message

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

STUCK_AFTER = 0.5  # seconds a held key waits for a marker that may never come


class KeysSettled(Message):
    """Follows a key to the widget it was sent to, and bubbles up to the app behind it."""


class KeyOrder:
    """The app's record of keys on their way and keys held back (see the module's docstring)."""

    def __init__(self, app: App, take: Callable[[events.Key], Awaitable[None]]) -> None:
        """``take`` deals with one key now (the app's own path for a key that is not held)."""
        self.app = app
        self.take = take
        self.in_flight = 0
        self.held: deque[events.Key] = deque()
        self._timer: Timer | None = None

    def hold(self, event: events.Key) -> bool:
        """Hold ``event`` back if it must wait its turn; True when it was held."""
        if not self.held and not (self.in_flight and self._acts_at_once(event.key)):
            return False
        self.held.append(event)
        if self._timer is None:
            self._timer = self.app.set_timer(STUCK_AFTER, self._unstick)
        return True

    def sent(self, event: events.Key, target: object) -> None:
        """``event`` went to ``target`` (a widget or the screen): a marker follows it there."""
        post = getattr(target, "post_message", None)
        if event.is_forwarded and post is not None and post(KeysSettled()):
            self.in_flight += 1

    def _free(self) -> list[events.Key]:
        free: list[events.Key] = []
        while self.held:
            if free and self._acts_at_once(self.held[0].key):
                break  # it waits for the keys just freed to be dealt with first
            if self.in_flight and self._acts_at_once(self.held[0].key):
                break
            free.append(self.held.popleft())
        if not self.held and self._timer is not None:
            self._timer.stop()
            self._timer = None
        return free

    def _acts_at_once(self, key: str) -> bool:
        binding = self.app.screen.active_bindings.get(key)
        return binding is not None and binding.binding.priority

    async def release(self) -> None:
        """A marker arrived: the keys it was holding back go, in order."""
        self.in_flight = max(0, self.in_flight - 1)
        for event in self._free():
            await self.take(event)

    async def _unstick(self) -> None:
        self._timer = None
        self.in_flight = 0
        for event in self._free():
            await self.take(event)
