"""Saving when the disk says no: SaveFailedError, the old file intact, no temp file left."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from ect_tui.store import ReadOnlyError, SaveFailedError, Store

from .helpers import make_doc, run_python, snapshot, temp_files

# A real file-size limit in a child process: writes past 64 KiB fail with EFBIG,
# as they would with ENOSPC on a full disk (SIGXFSZ ignored so the process lives).
FULL_DISK_CHILD = """
import hashlib, json, os, resource, signal, sys
from ect_tui.store import SaveFailedError, Store

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
db, meeting_id = sys.argv[1], sys.argv[2]
store = Store.open(db)
resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
doc = store.load_meeting(meeting_id)
index_hash = lambda: hashlib.sha256(store.path.read_bytes()).hexdigest()
report = {"index_before": index_hash()}
try:
    store.put_meeting({**doc, "status": "complete", "note": "x" * 1_000_000})
    report["big"] = "saved"
except SaveFailedError as error:
    report["big"] = str(error)
    report["errno"] = error.error.errno
file = store.meeting_path(meeting_id)
report["after_failure"] = hashlib.sha256(file.read_bytes()).hexdigest()
report["index_after_failure"] = index_hash()
report["temps"] = sorted(n for n in os.listdir(store.meetings_dir) if n.endswith(".tmp"))
store.put_meeting({**doc, "counter": 2})  # a save that fits still works
report["small"] = "saved"
store.close()
print(json.dumps(report))
"""


def test_file_size_limit_in_a_real_process(db_path: Path) -> None:
    import hashlib

    doc = make_doc(counter=1)
    with Store.open(db_path) as store:
        store.put_meeting(doc)
        file = store.meeting_path(doc["id"])
    original = hashlib.sha256(file.read_bytes()).hexdigest()

    result = run_python(FULL_DISK_CHILD, str(db_path), doc["id"])
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["errno"] == errno.EFBIG
    assert str(file) in report["big"] and "notes are still in memory" in report["big"]
    assert report["after_failure"] == original
    assert report["index_after_failure"] == report["index_before"]  # the failed put never reached the index
    assert report["temps"] == []
    assert report["small"] == "saved"
    assert temp_files(db_path.parent) == []
    with Store.open(db_path) as store:
        assert store.load_meeting(doc["id"]) == {**doc, "counter": 2}


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EROFS, "the disk is read-only"),
        (errno.EACCES, "permission denied"),
        (errno.EIO, "Input/output error"),
    ],
)
@pytest.mark.parametrize("stage", ["open", "write", "fsync", "replace"])
def test_os_errors_at_every_stage(store: Store, monkeypatch, code: int, words: str, stage: str) -> None:
    doc = make_doc()
    store.put_meeting(doc)
    file = store.meeting_path(doc["id"])
    before = snapshot(file)
    real = getattr(os, stage)

    def failing(*args, **kwargs):
        if stage == "open" and not str(args[0]).endswith(".tmp"):
            return real(*args, **kwargs)  # only creating the temp file fails
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, stage, failing)
    with pytest.raises(SaveFailedError) as caught:
        store.save_meeting({**doc, "status": "complete"})
    monkeypatch.undo()
    message = str(caught.value)
    assert str(file) in message and words in message
    assert "notes are still in memory" in message
    assert caught.value.error.errno == code
    assert snapshot(file) == before
    assert temp_files(store.meetings_dir) == []


def test_index_write_failure_leaves_index_intact(store: Store, monkeypatch) -> None:
    doc = make_doc()
    store.put_meeting(doc)
    before = snapshot(store.path)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(SaveFailedError) as caught:
        store.index_meeting({**doc, "status": "complete"})
    monkeypatch.undo()
    assert str(store.path) in str(caught.value)
    assert snapshot(store.path) == before
    assert temp_files(store.path.parent) == []
    # The file itself holds the latest state; the next open reconciles the index.
    store.save_meeting({**doc, "status": "complete"})


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder(store: Store) -> None:
    doc = make_doc()
    store.put_meeting(doc)
    os.chmod(store.meetings_dir, 0o500)
    try:
        with pytest.raises(SaveFailedError, match="permission denied"):
            store.save_meeting({**doc, "status": "complete"})
    finally:
        os.chmod(store.meetings_dir, 0o700)
    assert store.load_meeting(doc["id"]) == doc


def test_read_only_store_raises_read_only_error(db_path: Path) -> None:
    Store.open(db_path).close()
    with Store.open(db_path, read_only=True) as viewer, pytest.raises(ReadOnlyError):
        viewer.save_meeting(make_doc())
