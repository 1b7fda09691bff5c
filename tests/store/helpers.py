"""Shared test helpers for the store tests."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


def make_doc(**overrides: Any) -> dict[str, Any]:
    """A realistic meeting document; override any key."""
    doc: dict[str, Any] = {
        "schema": 1,
        "id": uuid.uuid4().hex,
        "kind": "meeting",
        "script": {"id": "m1-w1-audit", "version": 1, "title": "Module audit", "module": 1},
        "ect": "Alex Brown",
        "mentor": "Sam Patel",
        "status": "in-progress",
        "started": "2025-09-08T15:30:00+01:00",
        "ended": None,
        "updated": "2025-09-08T15:41:12+01:00",
        "sections": [
            {"id": "review", "elapsed_seconds": 600.4, "notes": {"q1": "Wednesdays after school"}},
            {"id": "audit", "elapsed_seconds": 1200.2, "ratings": {"S1-lt-1": {"rating": "Developing"}}},
        ],
        "extra": {"opaque": [1, 2.5, None, True, "x"]},
    }
    doc.update(overrides)
    return doc


def child_env() -> dict[str, str]:
    """Environment for a child Python that imports ect_tui from this checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    return env


def run_python(code: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter and wait for it."""
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def snapshot(path: Path) -> tuple[bytes, int]:
    """Bytes and mtime, to prove a file was not rewritten."""
    return path.read_bytes(), path.stat().st_mtime_ns


def temp_files(folder: Path) -> list[str]:
    """Our temp files left in ``folder`` (should always be none)."""
    if not folder.is_dir():
        return []
    return sorted(name for name in os.listdir(folder) if name.endswith(".tmp"))
