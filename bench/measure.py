"""The measurements: each returns plain numbers, the runner turns them into rows.

Start-up and the in-app figures run in child processes (``first_frame_child.py``,
``pilot_child.py``) so every run starts cold, as the mentor's does; the store
figures (save, index update, open) run here, in-process, on a private copy.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
FIRST_FRAME_CHILD = BENCH_DIR / "first_frame_child.py"
PILOT_CHILD = BENCH_DIR / "pilot_child.py"
CHILD_TIMEOUT = 180.0


class ChildFailed(RuntimeError):
    """A child process exited badly; the message carries its stderr."""


def child_env(root: Path) -> dict[str, str]:
    """The environment of every child: its own config/data/cache folders and a warm bytecode cache.

    Bytecode is cached (under ``root/pycache``) even where PYTHONDONTWRITEBYTECODE
    is set, because an installed ect-tui runs from compiled .pyc files: without it
    every start would measure compiling our sources.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("ECT_TUI_DB", None)
    env["PYTHONPYCACHEPREFIX"] = str(root / "pycache")
    env["XDG_CONFIG_HOME"] = str(root / "xdg-config")
    env["XDG_DATA_HOME"] = str(root / "xdg-data")
    env["XDG_CACHE_HOME"] = str(root / "xdg-cache")  # the report's cache: never the user's own
    env["PYTHONHASHSEED"] = "0"
    return env


def run_child(args: Sequence[str], env: dict[str, str]) -> tuple[dict[str, Any], float]:
    """Run a child that writes JSON to the path we give it.

    Returns (its JSON, the monotonic time just before the spawn).
    """
    with tempfile.TemporaryDirectory(prefix="ect-bench-") as scratch:
        out = Path(scratch) / "out.json"
        command = [sys.executable, str(args[0]), args[1], str(out), *args[2:]]
        start = time.monotonic()
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL
        )
        deadline = start + CHILD_TIMEOUT
        try:
            _, stderr_bytes = process.communicate(timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            _, stderr_bytes = process.communicate()
        stderr = stderr_bytes.decode(errors="replace") if stderr_bytes else ""
        if process.returncode != 0 or not out.is_file():
            raise ChildFailed(
                f"{' '.join(command[1:3])} exited {process.returncode}: {stderr.strip()[-2000:]}"
            )
        return json.loads(out.read_text(encoding="utf-8")), start


def first_frame(kind: str, env: dict[str, str], db: Path | None = None) -> dict[str, Any]:
    """One cold start of ``kind`` ("minimal" or "ect"): seconds to first frame and peak RSS."""
    args: list[str] = [str(FIRST_FRAME_CHILD), kind]
    extra = ["--db", str(db)] if db is not None else []
    result, start = run_child([*args, *extra], env)
    return {
        "first_frame_s": result["first_frame"] - start,
        "settled_s": result["last_frame"] - start,
        "screen": result["screen"],
        "peak_rss_mb": result["peak_rss_mb"],
    }


def typing(db: Path, env: dict[str, str], *, chars: int, interval: float) -> dict[str, Any]:
    result, _ = run_child(
        [str(PILOT_CHILD), "typing", "--db", str(db), "--chars", str(chars), "--interval", str(interval)], env
    )
    return result


def history(db: Path, env: dict[str, str]) -> dict[str, Any]:
    result, _ = run_child([str(PILOT_CHILD), "history", "--db", str(db)], env)
    return result


# ----- the store, in-process -------------------------------------------------------


def _timed(action: Callable[[], Any]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def store_costs(dbs: dict[int, Path], *, repetitions: int) -> dict[int, dict[str, list[float]]]:
    """Per size: seconds per ``save_meeting`` (the autosave), per ``index_meeting``, per open.

    Sizes are interleaved inside every repetition so they share the machine's noise.
    """
    from ect_tui.store import Store

    stores = {size: Store.open(db) for size, db in dbs.items()}
    times: dict[int, dict[str, list[float]]] = {size: {"save": [], "index": [], "open": []} for size in dbs}
    try:
        docs = {}
        for size, store in stores.items():
            row = store.list_meetings()[0]
            docs[size] = store.load_meeting(row["id"])
        for number in range(repetitions):
            for size, store in stores.items():
                doc = docs[size]
                doc["updated"] = f"2026-11-24T16:{number // 60 % 60:02d}:{number % 60:02d}+00:00"
                doc["private"] = f"edited {number}"
                times[size]["save"].append(_timed(partial(store.save_meeting, doc)))
                times[size]["index"].append(_timed(partial(store.index_meeting, doc)))
    finally:
        for store in stores.values():
            store.close()
    for _ in range(max(3, repetitions // 10)):
        for size, db in dbs.items():
            times[size]["open"].append(_timed(partial(_open_and_close, db)))
    return times


def _open_and_close(db: Path) -> None:
    from ect_tui.store import Store

    Store.open(db).close()
