"""The app's own autosave under kill -9: a pilot types into a real meeting, and is killed.

    python bench/app_crash.py child DB        # one typing child (run by the rounds)
    python bench/crash.py --app-rounds 100    # the rounds, after the store's own

The store bench (tests/store/crash_harness.py) kills a process calling the store
directly. This one kills the path a mentor's words really take: key press -> the
notes box -> the meeting model -> the one-second autosave timer -> the saver thread
-> the atomic write. The child (the real EctApp, headless, driven by Textual's pilot)
starts a meeting, types a known text one key at a time and prints ``ack N`` each
time the saver thread has a save holding the first N characters on disk. It is
killed at a random moment; the round then reopens the store and checks that:
- the database opens and the meeting loads (not corrupt),
- its note is exactly the first M characters typed, with M >= the last ack (nothing
  acknowledged is lost, nothing is garbled),
- every meeting of earlier rounds is exactly as it was verified.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SCRIPT_ID = "m1w1-module-audit"
TEXT = "Tuesdays after school, science office; feedback in writing first, then a chat. " * 20
KEY_INTERVAL = 0.004  # a fast typist: many keys between two saves
AUTOSAVE_SECONDS = 0.05  # the app's 1 s timer, shortened so every round holds many saves


def note_of(doc: dict[str, Any]) -> str:
    """The text typed into the first section's notes."""
    notes = doc["sections"][0].get("notes", {})
    return "".join(value for value in notes.values() if isinstance(value, str))


# ----- the child ---------------------------------------------------------------------


async def _type(db: Path) -> None:
    sys.path.insert(0, str(HERE))
    from pilot_child import send_key
    from textual.widgets import TextArea

    from ect_tui.script.catalog import load_catalog
    from ect_tui.store import Store
    from ect_tui.tui.app import EctApp

    class TypingApp(EctApp):
        def _write(self, doc: dict) -> None:  # the saver thread, as in the app
            super()._write(doc)
            print("ack", len(note_of(doc)), flush=True)

    store = Store.open(db)
    app = TypingApp(store=store, catalog=load_catalog([]))
    app.autosave_seconds = AUTOSAVE_SECONDS
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_meeting(SCRIPT_ID, ect="Sam Jones", mentor="Alex Smith")
        await pilot.pause()
        app.go_to("review")
        await pilot.pause()
        app.screen.query(TextArea).first().focus()
        await pilot.pause()
        print("ready", app.meeting.id, flush=True)
        for char in TEXT:
            send_key(app, char)
            await asyncio.sleep(KEY_INTERVAL)
        await asyncio.sleep(3600)  # killed long before this


# ----- the rounds --------------------------------------------------------------------


@dataclass
class AppCrashReport:
    rounds: int = 0
    corrupt: int = 0
    lost: int = 0
    acked: int = 0  # saves acknowledged over all rounds
    early_kills: int = 0  # killed before the meeting started
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.corrupt or self.lost or self.problems)

    def summary(self) -> str:
        return (
            f"app rounds: {self.rounds}, corrupt: {self.corrupt}, lost acknowledged saves: {self.lost}, "
            f"acknowledged saves: {self.acked}, killed before typing: {self.early_kills}"
        )


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    return env


def _kill_at_random(db: Path, rng: random.Random, max_typing: float) -> tuple[str | None, list[int], str]:
    """Run a child and SIGKILL it; (meeting id or None, acknowledged lengths, stderr)."""
    lines: list[str] = []
    ready = threading.Event()
    with tempfile.TemporaryFile() as stderr:
        proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "child", str(db)],
            env=_env(),
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )

        def read() -> None:
            for line in proc.stdout:  # type: ignore[union-attr]
                lines.append(line)
                if line.startswith("ready"):
                    ready.set()
            ready.set()

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        if rng.random() < 0.1:
            time.sleep(rng.uniform(0.0, 1.0))  # during start-up: imports, opening, the first screen
        else:
            ready.wait(timeout=120)
            time.sleep(rng.uniform(0.0, max_typing))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        reader.join()
        stderr.seek(0)
        err = stderr.read().decode(errors="replace")
    meeting = next((line.split()[1] for line in lines if line.startswith("ready")), None)
    # Only whole lines count: a kill can cut the last one short ("ack " and no number yet).
    acks = [
        int(parts[1])
        for line in lines
        if line.endswith("\n")
        and len(parts := line.split()) == 2
        and parts[0] == "ack"
        and parts[1].isdigit()
    ]
    if proc.returncode != -signal.SIGKILL:
        err = f"child exited by itself with {proc.returncode}: {err}"
    else:
        err = ""
    return meeting, acks, err


def run_app_rounds(
    folder: Path, rounds: int, *, seed: int = 0, max_typing: float = 1.5, progress: Any = None
) -> AppCrashReport:
    """``rounds`` rounds against one database in ``folder``."""
    from ect_tui.store import MeetingNotFoundError, Store, StoreError

    rng = random.Random(seed)
    db = folder / "app-crash" / "ect-tui.json"
    report = AppCrashReport()
    kept: dict[str, dict[str, Any]] = {}  # earlier rounds' meetings, as verified
    for number in range(1, rounds + 1):
        meeting_id, acks, err = _kill_at_random(db, rng, max_typing)
        report.rounds += 1
        report.acked += len(acks)
        if err:
            report.problems.append(f"round {number}: {err.strip()[:500]}")
        if meeting_id is None:
            report.early_kills += 1
        floor = acks[-1] if acks else 0
        try:
            with Store.open(db) as store:
                for old_id, old in kept.items():
                    if store.load_meeting(old_id) != old:
                        report.problems.append(
                            f"round {number}: meeting {old_id} of an earlier round changed"
                        )
                if meeting_id is None:
                    continue
                try:
                    doc = store.load_meeting(meeting_id)
                except MeetingNotFoundError:
                    if floor:
                        report.lost += 1
                        report.problems.append(
                            f"round {number}: meeting file missing after {floor} chars acked"
                        )
                    continue
        except StoreError as error:
            report.corrupt += 1
            report.problems.append(f"round {number}: corrupt: {error}")
            break
        note = note_of(doc)
        if not TEXT.startswith(note):
            report.corrupt += 1
            report.problems.append(f"round {number}: the note is not what was typed: {note[-40:]!r}")
        elif len(note) < floor:
            report.lost += 1
            report.problems.append(f"round {number}: {floor} chars acknowledged, {len(note)} on disk")
        kept[meeting_id] = doc
        if progress is not None:
            progress(number, report)
    return report


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "child":
        asyncio.run(_type(Path(sys.argv[2])))
    else:
        raise SystemExit(__doc__)
