"""Kill -9 a process that is saving, then check the database: the crash test's rounds.

Shared by tests/store/test_crash.py (a few rounds in every test run) and
bench/crash.py (hundreds on demand). Each round starts tests/store/crash_child.py
on the same database, kills it with SIGKILL at a random (seeded) moment, reopens
the store in this process and checks that:
- the database opens and the meeting loads (not corrupt),
- its counter is at least the last acknowledged save, and at most one more,
- its content is exactly the document for that counter,
- the index row matches the file (reconciled), and another meeting is untouched.
"""

from __future__ import annotations

import importlib.util
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CHILD = HERE / "crash_child.py"
MEETING_ID = "c0ffee00c0ffee00c0ffee00c0ffee00"
BYSTANDER_ID = "b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0"


def _load_child_module():
    # Loaded by path so the harness works from pytest and from bench/crash.py alike.
    spec = importlib.util.spec_from_file_location("ect_tui_crash_child", CHILD)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


crash_doc = _load_child_module().crash_doc


@dataclass
class CrashReport:
    rounds: int = 0
    corrupt: int = 0
    lost: int = 0
    early_kills: int = 0  # killed before the child had opened the store
    acked: int = 0  # acknowledged saves over all rounds
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.corrupt or self.lost or self.problems)

    def summary(self) -> str:
        return f"rounds: {self.rounds}, corrupt: {self.corrupt}, lost acknowledged saves: {self.lost}"


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    return env


def _prepare(db: Path) -> dict:
    from ect_tui.store import Store

    bystander = crash_doc(BYSTANDER_ID, 0)
    with Store.open(db) as store:
        store.put_meeting(bystander)
    return bystander


def _run_child(db: Path, rng: random.Random, max_delay: float) -> tuple[int | None, int | None, str]:
    """Start the child, kill it at a random moment; return (start counter, last ack, stderr)."""
    with tempfile.TemporaryFile() as stderr:
        proc = subprocess.Popen(
            [sys.executable, str(CHILD), str(db), MEETING_ID],
            env=_child_env(),
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
        lines = _kill_at_random(proc, rng, max_delay)
        stderr.seek(0)
        err = stderr.read().decode(errors="replace")
    start = next((int(line.split()[1]) for line in lines if line.startswith("ready")), None)
    acks = [int(line.split()[1]) for line in lines if line.startswith("ack ")]
    if proc.returncode != -signal.SIGKILL:
        err = f"child exited by itself with {proc.returncode}: {err}"
    return start, (acks[-1] if acks else None), err


def _kill_at_random(proc: subprocess.Popen, rng: random.Random, max_delay: float) -> list[str]:
    """SIGKILL ``proc`` at a random moment; return every line it printed."""
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        for line in proc.stdout:
            lines.append(line)
            if line.startswith("ready"):
                ready.set()
        ready.set()  # EOF: the child died or was killed

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    early = rng.random() < 0.15
    if early:
        # Kill during start-up (imports, Store.open, reconcile, temp clean-up).
        time.sleep(rng.uniform(0.0, 0.25))
    else:
        ready.wait(timeout=60)
        time.sleep(rng.uniform(0.0, max_delay))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    reader.join()
    proc.stdout.close()
    return lines


def _verify(db: Path, floor: int, bystander: dict) -> tuple[int | None, str | None]:
    """Open the store and check the meeting; (counter on disk, problem or None)."""
    from ect_tui.store import MeetingNotFoundError, Store, StoreError
    from ect_tui.store.index import index_row

    try:
        with Store.open(db) as store:
            try:
                doc = store.load_meeting(MEETING_ID)
            except MeetingNotFoundError:
                return 0, None if floor == 0 else "meeting file missing"
            counter = doc.get("counter")
            if not isinstance(counter, int) or doc != crash_doc(MEETING_ID, counter):
                return None, f"meeting content is not save {counter!r}"
            rows = {row["id"]: row for row in store.list_meetings()}
            if rows.get(MEETING_ID) != index_row(doc):
                return counter, f"index row {rows.get(MEETING_ID)} does not match save {counter}"
            if store.load_meeting(BYSTANDER_ID) != bystander or rows.get(BYSTANDER_ID) != index_row(
                bystander
            ):
                return counter, "the other meeting changed"
            return counter, None
    except StoreError as error:
        return None, f"store did not open: {error}"


def run_rounds(
    folder: Path,
    rounds: int,
    *,
    seed: int = 0,
    max_delay: float = 0.05,
    progress: Callable[[int, CrashReport], None] | None = None,
) -> CrashReport:
    """Run ``rounds`` kill-and-check rounds against one database in ``folder``."""
    rng = random.Random(seed)
    db = folder / "crash" / "ect-tui.json"
    bystander = _prepare(db)
    report = CrashReport()
    verified = 0  # counter found on disk after the previous round
    for number in range(1, rounds + 1):
        start, last_ack, err = _run_child(db, rng, max_delay)
        report.rounds += 1
        if start is None:
            report.early_kills += 1
        if err.strip() and "child exited" in err:
            report.problems.append(f"round {number}: {err.strip()}")
        if last_ack is not None:
            report.acked += last_ack - (start if start is not None else verified)
        floor = last_ack if last_ack is not None else verified
        counter, problem = _verify(db, floor, bystander)
        if counter is None:
            report.corrupt += 1
            report.problems.append(f"round {number}: corrupt: {problem}")
            break  # later rounds would only repeat the failure
        if counter < floor:
            report.lost += 1
            report.problems.append(f"round {number}: lost acknowledged save {floor}, found {counter}")
        elif counter > floor + 1:
            report.problems.append(f"round {number}: found save {counter}, but only {floor} was acknowledged")
        elif problem:
            report.problems.append(f"round {number}: {problem}")
        verified = counter
        if progress is not None:
            progress(number, report)
    return report
