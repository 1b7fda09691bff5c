"""A closed terminal (SIGHUP), a kill (SIGTERM) or ctrl+c from outside (SIGINT) saves, then exits
128 + the signal's number, as a shell reports it."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ect_tui.store import Store

CHILD = Path(__file__).with_name("signal_child.py")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_signal_saves_the_draft_then_exits_128_plus_its_number(tmp_path, sig):
    db = tmp_path / "ect-tui.json"
    note = f"typed just before {sig.name} [bold]!"
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(db), note],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        line = child.stdout.readline().split()
        assert line[0] == "ready", line
        meeting_id = line[1]
        child.send_signal(sig)
        out, _ = child.communicate(timeout=20)
    finally:
        child.kill()
    assert child.returncode == 128 + sig and f"exited {128 + sig}" in out
    with Store.open(db, read_only=True) as store:
        doc = store.load_meeting(meeting_id)
    assert doc["sections"][0]["notes"]["where-when"] == note
