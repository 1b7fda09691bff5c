"""One writer at a time, across real processes; the OS frees the lock when a holder dies."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ect_tui.store import DatabaseLockedError, ReadOnlyError, Store

from .helpers import child_env, make_doc

HOLDER = """
import sys
from ect_tui.store import Store
store = Store.open(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
store.close()
"""


@pytest.fixture
def holder(db_path: Path):
    """A child process holding the store open until its stdin gets a line."""
    with Store.open(db_path) as store:
        store.put_meeting(make_doc(id="a1"))
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)],
        env=child_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout.readline().strip() == "ready"
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)


def test_second_writer_is_refused_with_the_holders_pid(db_path: Path, holder) -> None:
    with pytest.raises(DatabaseLockedError) as caught:
        Store.open(db_path)
    message = str(caught.value)
    assert str(db_path) in message
    assert f"pid {holder.pid}" in message
    assert "--read-only" in message
    assert caught.value.pid == holder.pid


def test_read_only_open_works_beside_the_writer(db_path: Path, holder) -> None:
    with Store.open(db_path, read_only=True) as viewer:
        assert [row["id"] for row in viewer.list_meetings()] == ["a1"]
        assert viewer.load_meeting("a1")["id"] == "a1"
        with pytest.raises(ReadOnlyError):
            viewer.put_meeting(make_doc())


def test_lock_is_free_after_the_holder_closes(db_path: Path, holder) -> None:
    holder.stdin.write("\n")
    holder.stdin.flush()
    assert holder.wait(timeout=30) == 0
    with Store.open(db_path) as store:
        assert store.meeting_count() == 1


def test_lock_is_free_after_the_holder_is_killed(db_path: Path, holder) -> None:
    holder.send_signal(signal.SIGKILL)
    assert holder.wait(timeout=30) == -signal.SIGKILL
    with Store.open(db_path) as store:
        assert store.meeting_count() == 1


def test_same_process_cannot_open_twice(db_path: Path) -> None:
    with Store.open(db_path), pytest.raises(DatabaseLockedError):
        Store.open(db_path)
