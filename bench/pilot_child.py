"""Child process for the in-app figures: the real app driven by Textual's pilot.

    python bench/pilot_child.py typing OUT.json --db PATH [--chars N] [--interval S]
    python bench/pilot_child.py history OUT.json --db PATH

``typing`` starts a meeting, opens the first discussion section and types into its
notes box at a steady pace while a heartbeat task (sleeping 1 ms at a time) records
every gap in the event loop; the longest gap is the longest block a keystroke could
have waited behind. The real autosave timer runs (1 s), so its saves are inside the
measurement, and the heartbeat keeps running until the last one is on disk.

``history`` waits for the start screen to settle, presses the key that opens the
history (see ``history_key``), and times key press -> the history screen's first
frame, and -> the meetings shown with the app responsive (see ``measure_history``).

Each measurement is a fresh process, as a mentor's session is: no warm caches from
an earlier run, no garbage from the parent.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SIZE = (120, 40)
HEARTBEAT_SECONDS = 0.001
SETTLE_QUIET_SECONDS = 0.3
SETTLE_MAX_SECONDS = 15.0
SCRIPT_ID = "m1w1-module-audit"
NOTE_TEXT = (
    "We agreed to meet on Tuesdays after school in the science office and to keep "
    "Thursday period 5 free for self-study. Sam would like feedback in writing first, "
    "then a short chat, and will keep a Learning Log of each meeting and every action step. "
)


def build_app(db: Path):
    from ect_tui.script.catalog import load_catalog
    from ect_tui.store import Store
    from ect_tui.tui.app import EctApp

    store = Store.open(db)
    return EctApp(store=store, catalog=load_catalog([])), store


async def heartbeat(stop: asyncio.Event, beat: Callable[[float, float], None]) -> None:
    """Sleep 1 ms at a time until ``stop``; after each wake, ``beat(now, gap since the last wake)``.

    A gap much longer than the sleep is a time the event loop was blocked.
    """
    last = time.perf_counter()
    while not stop.is_set():
        await asyncio.sleep(HEARTBEAT_SECONDS)
        now = time.perf_counter()
        beat(now, now - last)
        last = now


def send_key(app: Any, char: str) -> None:
    """Post one key press the way a terminal driver does, without waiting for the app.

    (``pilot.press`` waits for the app to go idle after each key, which a busy
    heartbeat never lets happen; a real typist does not wait either.)
    """
    from textual import events

    key = {" ": "space", ",": "comma", ".": "full_stop"}.get(char, char)
    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)


class FrameLog:
    """Records when the compositor produced an update, per screen (works headless too).

    ``probe(screen)``, if given, is evaluated at every frame and recorded with it.
    """

    def __init__(self, app: Any) -> None:
        self.frames: list[tuple[float, Any, Any]] = []
        self.probe: Any = None
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            if renderable is not None:
                probed = self.probe(screen) if self.probe is not None else None
                self.frames.append((time.perf_counter(), screen, probed))
            original(screen, renderable)

        app._display = display  # the screen calls app._display(self, update)

    def last_time(self) -> float:
        return self.frames[-1][0] if self.frames else 0.0


async def settle(app: Any, pilot: Any, frames: FrameLog, *, quiet: float = SETTLE_QUIET_SECONDS) -> None:
    """Wait until no worker runs and no frame has been drawn for ``quiet`` seconds."""
    start = time.perf_counter()
    while time.perf_counter() - start < SETTLE_MAX_SECONDS:
        await pilot.pause(0.05)
        busy = any(not worker.is_finished for worker in app.workers)
        if not busy and time.perf_counter() - max(frames.last_time(), start) >= quiet:
            return


async def measure_typing(db: Path, chars: int, interval: float) -> dict[str, Any]:
    from textual.widgets import TextArea

    app, store = build_app(db)
    saves: list[float] = []
    original_save = store.save_meeting

    def timed_save(doc: dict[str, Any]) -> None:
        start = time.perf_counter()
        original_save(doc)
        saves.append(time.perf_counter() - start)

    store.save_meeting = timed_save  # runs in the saver thread
    gaps: list[float] = []
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            app.start_meeting(SCRIPT_ID, ect="Sam Jones", mentor="Alex Smith")
            await pilot.pause()
            app.go_to("review")
            await pilot.pause()
            if not isinstance(app.focused, TextArea):
                app.screen.query(TextArea).first().focus()
            # A mentor reads the question before typing: let the new screen settle
            # (its own build is a screen switch, not typing).
            await settle(app, pilot, FrameLog(app), quiet=0.2)
            area = app.focused
            stop = asyncio.Event()

            beat = asyncio.create_task(heartbeat(stop, lambda now, gap: gaps.append(gap)))
            text = (NOTE_TEXT * (chars // len(NOTE_TEXT) + 1))[:chars]
            start = time.perf_counter()
            for number, char in enumerate(text):
                due = start + number * interval
                wait = due - time.perf_counter()
                if wait > 0:
                    await asyncio.sleep(wait)
                send_key(app, char)
            typed_for = time.perf_counter() - start
            # The autosave timer fires up to 1 s after the last key: keep measuring
            # until that save is on disk.
            saves_before = len(saves)
            deadline = time.perf_counter() + 3.0
            while time.perf_counter() < deadline and (len(saves) == saves_before or app.saver.pending):
                await asyncio.sleep(0.02)
            stop.set()
            await beat
            typed = area.text if isinstance(area, TextArea) else ""
            app.saver.flush()
        await asyncio.sleep(0)
    finally:
        app.saver.close()
        store.close()
    blocks_ms = sorted(max(0.0, gap - HEARTBEAT_SECONDS) * 1000 for gap in gaps)
    return {
        "max_block_ms": blocks_ms[-1] if blocks_ms else None,
        "p99_block_ms": blocks_ms[int(0.99 * (len(blocks_ms) - 1))] if blocks_ms else None,
        "heartbeats": len(gaps),
        "chars": chars,
        "typed_ok": typed == text,  # every key reached the notes box
        "typed_for_s": typed_for,
        "saves": len(saves),
        "save_thread_ms_max": max(saves) * 1000 if saves else None,
    }


def history_key(app: Any) -> str | None:
    """The key that opens the history screen from the start screen, or None if there is none.

    One of the two places to change if the history changes: today it is the start
    screen's binding whose action names "history" (``ctrl+l`` -> ``action_history``).
    """
    for key, active in app.active_bindings.items():
        action = active.binding.action
        if "history" in action.split("(")[0].rpartition(".")[2]:
            return key
    return None


def history_rows_drawn(screen: Any, meetings: int) -> bool:
    """True once ``screen`` shows the meetings (the other place to change).

    Today the history is a DataTable; any table, option list or list view holding
    a screenful of rows (or every meeting, if fewer) counts.
    """
    from textual.widgets import DataTable, ListView, OptionList

    wanted = max(1, min(meetings, 10))
    for widget in screen.query("DataTable, OptionList, ListView"):
        if isinstance(widget, DataTable) and widget.row_count >= wanted:
            return True
        if isinstance(widget, OptionList) and widget.option_count >= wanted:
            return True
        if isinstance(widget, ListView) and len(widget.children) >= wanted:
            return True
    return False


BLOCKED_SECONDS = 0.05  # a longer event-loop block after the rows appear means "not ready yet"


async def measure_history(db: Path) -> dict[str, Any]:
    """Key press -> the history screen's first frame, and -> the meetings shown and usable.

    ``loaded_s`` is the first frame showing the meetings after which the event loop
    is never blocked for more than 50 ms (a table may draw its rows, then spend a
    second measuring them, during which no key is handled). ``settled_s`` is the last
    frame before the screen went quiet, which may include cosmetic redraws (e.g. the
    footer) after the meetings are on screen.
    """
    app, store = build_app(db)
    meetings = store.meeting_count()
    try:
        async with app.run_test(size=SIZE) as pilot:
            frames = FrameLog(app)
            await settle(app, pilot, frames)
            key = history_key(app)
            if key is None:
                return {
                    "available": False,
                    "reason": "n/a: history screen not built yet (no key bound to a history action)",
                }
            start_screen = app.screen
            frames.frames.clear()
            frames.probe = lambda screen: screen is not start_screen and history_rows_drawn(screen, meetings)
            blocks: list[float] = []  # when each long block ended
            stop = asyncio.Event()

            def note_block(now: float, gap: float) -> None:
                if gap > BLOCKED_SECONDS:
                    blocks.append(now)

            beat = asyncio.create_task(heartbeat(stop, note_block))
            start = time.perf_counter()
            await pilot.press(key)
            await settle(app, pilot, frames)
            stop.set()
            await beat
            shown = [(t, drawn) for t, screen, drawn in frames.frames if screen is not start_screen]
            if app.screen is start_screen or not shown:
                return {"available": False, "reason": f"n/a: pressing {key!r} did not show another screen"}
            drawn_at = next((t for t, drawn in shown if drawn), None)
            ready_at = None
            if drawn_at is not None:
                unblocked = max([drawn_at, *blocks])
                ready_at = next((t for t, drawn in shown if drawn and t >= unblocked), shown[-1][0])
            return {
                "available": ready_at is not None,
                "reason": None
                if ready_at is not None
                else "n/a: the history screen never showed the meetings",
                "key": key,
                "screen": type(app.screen).__name__,
                "meetings": meetings,
                "first_frame_s": shown[0][0] - start,
                "drawn_s": drawn_at - start if drawn_at is not None else None,
                "loaded_s": ready_at - start if ready_at is not None else None,
                "settled_s": shown[-1][0] - start,
                "long_blocks": len(blocks),
                "frames": len(shown),
            }
    finally:
        app.saver.close()
        store.close()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["typing", "history"])
    parser.add_argument("out", type=Path)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--chars", type=int, default=200)
    parser.add_argument("--interval", type=float, default=0.03)
    args = parser.parse_args(argv)
    if args.what == "typing":
        result = asyncio.run(measure_typing(args.db, args.chars, args.interval))
    else:
        result = asyncio.run(measure_history(args.db))
    args.out.write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
