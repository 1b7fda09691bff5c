"""Autosave off the event loop: the UI hands over a document, a thread writes it.

A save on the event loop stalled typing for 150-400 ms (ARCHITECTURE.md, Scale). Here
``submit`` only copies the document and wakes a writer thread; submits that arrive
while a write is in flight coalesce (the latest document wins), so at most one
write runs at a time and a slow disk never builds a queue.

Copying: ``submit`` takes a deep copy by default so the UI can keep editing its dict
while the writer serialises the snapshot. A caller that already builds a fresh dict
per save (e.g. ``meeting.to_doc()``) can pass ``copy_docs=False`` to skip it.

Do not mix direct ``Store.save_meeting`` calls and a saver for the same meeting:
to finish a meeting, ``submit`` the final document and ``flush``.
"""

from __future__ import annotations

import atexit
import copy
import queue
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from functools import partial
from typing import Any

Doc = dict[str, Any]


class BackgroundSaver:
    """One writer thread that saves the latest submitted document.

    ``on_done(error_or_None)`` is called after every write attempt, in order, from
    a separate notifier thread: a Textual app marshals it with ``call_from_thread``.
    That call blocks until the event loop runs it, so it must not hold up the
    writer: otherwise a ``flush()`` made on the event loop would wait for a writer
    that waits for the event loop.
    """

    def __init__(
        self,
        save: Callable[[Doc], None],
        *,
        on_done: Callable[[Exception | None], None] | None = None,
        copy_docs: bool = True,
        name: str = "ect-tui-saver",
    ) -> None:
        self._save = save
        self.on_done = on_done
        self._copy_docs = copy_docs
        self._cond = threading.Condition()
        self._queued: tuple[Doc, int] | None = None  # latest doc waiting, with its number
        self._failed: tuple[Doc, int] | None = None  # latest doc, if its write failed
        self._in_flight = False
        self._submitted = 0  # number of the latest submitted doc
        self._attempted = 0  # number of the latest doc whose write finished (ok or not)
        self._written = 0  # number of the latest doc written successfully
        self._closed = False
        self.last_error: Exception | None = None
        self._outcomes: queue.SimpleQueue[tuple[Exception | None] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._notifier = threading.Thread(target=self._notify, name=f"{name}-notify", daemon=True)
        self._thread.start()
        self._notifier.start()
        # The thread is a daemon so a forgotten close() cannot hang exit; this makes
        # sure the last document still reaches the disk in that case.
        atexit.register(self._flush_at_exit)

    def submit(self, doc: Doc) -> None:
        """Queue ``doc`` for writing, replacing any doc still waiting. Never does I/O."""
        snapshot = copy.deepcopy(doc) if self._copy_docs else doc
        with self._cond:
            if self._closed:
                raise RuntimeError("BackgroundSaver.submit() after close()")
            self._submitted += 1
            self._queued = (snapshot, self._submitted)
            self._failed = None  # superseded by the newer document
            self._cond.notify_all()

    @property
    def pending(self) -> bool:
        """True while the latest submitted doc is not safely written (waiting, writing, or failed)."""
        with self._cond:
            return self._queued is not None or self._in_flight or self._failed is not None

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until the latest submitted doc is written; True if it is on disk.

        If its write fails, it is retried once. False on timeout or if the retry
        failed too (see ``last_error``).
        """
        deadline = time.monotonic() + timeout
        retried = False
        with self._cond:
            while True:
                if self._failed is not None and self._queued is None and not retried and not self._closed:
                    doc, _ = self._failed
                    self._failed = None
                    self._submitted += 1
                    self._queued = (doc, self._submitted)
                    retried = True
                    self._cond.notify_all()
                target = self._submitted
                finished = self._cond.wait_for(
                    partial(self._attempted_or_dead, target), timeout=max(0.0, deadline - time.monotonic())
                )
                if self._written >= target:
                    return True
                if not finished or retried or self._failed is None:
                    return False

    def _attempted_or_dead(self, target: int) -> bool:
        return self._attempted >= target or not self._thread.is_alive()

    def close(self, timeout: float = 5.0) -> bool:
        """Flush, then stop the writer thread; returns flush()'s answer."""
        ok = self.flush(timeout)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout)
        self._outcomes.put(None)  # stops the notifier once earlier outcomes are delivered
        atexit.unregister(self._flush_at_exit)
        return ok

    def _flush_at_exit(self) -> None:
        if not self._closed:
            self.flush()

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._queued is not None or self._closed)
                if self._queued is None:
                    return  # closed and nothing left to write
                doc, number = self._queued
                self._queued = None
                self._in_flight = True
            error: Exception | None = None
            try:
                self._save(doc)
            except Exception as exc:  # reported to the UI, never fatal to the thread
                error = exc
            with self._cond:
                self._in_flight = False
                self._attempted = number
                if error is None:
                    self._written = number
                    self.last_error = None
                else:
                    self.last_error = error
                    if self._queued is None:
                        self._failed = (doc, number)  # kept so flush() can retry it
                self._cond.notify_all()
            self._outcomes.put((error,))

    def _notify(self) -> None:
        while (outcome := self._outcomes.get()) is not None:
            callback = self.on_done
            if callback is not None:
                with suppress(Exception):  # a UI callback bug must not stop saving
                    callback(outcome[0])
