"""Power loss, not just kill -9: the data is fsynced before the rename, and the folder after it.

kill -9 leaves the page cache intact, so the crash bench passes even with every fsync
removed; a power cut does not. These tests record the real system calls of the store's
writes, in order, and fail if any fsync (the file's or the folder's) is missing or moved.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from ect_tui.store import Store
from tests.store.helpers import make_doc


class Recorder:
    """Wraps os.open/write/fsync/close/replace, recording (call, path) with fds mapped to paths."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[tuple[str, str]] = []
        self._paths: dict[int, str] = {}
        real = {name: getattr(os, name) for name in ("open", "write", "fsync", "close", "replace")}

        def _open(path: Any, flags: int, mode: int = 0o777, *args: Any, **kwargs: Any) -> int:
            fd = real["open"](path, flags, mode, *args, **kwargs)
            self._paths[fd] = os.fspath(path)
            self.calls.append(("open", os.fspath(path)))
            return fd

        def _write(fd: int, data: Any) -> int:
            if fd in self._paths:
                self.calls.append(("write", self._paths[fd]))
            return real["write"](fd, data)

        def _fsync(fd: int) -> None:
            self.calls.append(("fsync", self._paths.get(fd, "?")))
            real["fsync"](fd)

        def _close(fd: int) -> None:
            if fd in self._paths:
                self.calls.append(("close", self._paths.pop(fd)))
            real["close"](fd)

        def _replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
            self.calls.append(("replace", f"{os.fspath(src)} -> {os.fspath(dst)}"))
            real["replace"](src, dst, *args, **kwargs)

        for name, fn in (
            ("open", _open),
            ("write", _write),
            ("fsync", _fsync),
            ("close", _close),
            ("replace", _replace),
        ):
            monkeypatch.setattr(os, name, fn)


def _check_atomic_writes(calls: list[tuple[str, str]], target: Path) -> None:
    """Every write of ``target``: temp written, fsynced, closed, renamed, then the folder fsynced."""
    renames = [i for i, (call, arg) in enumerate(calls) if call == "replace" and arg.endswith(f"-> {target}")]
    assert renames, f"no rename onto {target}: {calls}"
    for at in renames:
        temp = calls[at][1].split(" -> ")[0]
        mine = [(i, call) for i, (call, arg) in enumerate(calls[:at]) if arg == temp]
        order = [call for _i, call in mine]
        assert order[0] == "open" and "write" in order, order
        assert "fsync" in order, f"the data of {target.name} is not fsynced before the rename: {order}"
        last_write = max(i for i, call in mine if call == "write")
        fsync_at = max(i for i, call in mine if call == "fsync")
        close_at = max(i for i, call in mine if call == "close")
        assert last_write < fsync_at < close_at < at, (
            f"fsync must follow the last write, before the rename: {order}"
        )
        after = calls[at + 1 :]
        folder = str(target.parent)
        dir_calls = [call for call, arg in after[:3] if arg == folder]
        assert dir_calls[:2] == ["open", "fsync"], (
            f"the folder {folder} is not fsynced right after the rename of {target.name}: {after[:4]}"
        )


def test_a_meeting_save_fsyncs_its_data_then_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(tmp_path / "ect-tui.json")
    doc = make_doc()
    recorder = Recorder(monkeypatch)
    store.put_meeting(doc)  # the meeting file, then the index
    monkeypatch.undo()
    store.close()
    _check_atomic_writes(recorder.calls, store.meeting_path(doc["id"]).resolve())
    journals = {
        arg for _call, arg in recorder.calls if arg.startswith(str(store.index_dir.resolve() / "journal."))
    }
    assert len(journals) == 1, journals
    _check_appended(recorder.calls, Path(journals.pop()))


def _check_appended(calls: list[tuple[str, str]], journal_path: Path) -> None:
    """The index row: appended to the index's journal, fsynced before it is closed (store/journal.py),
    and the folder fsynced after the journal is created."""
    journal = str(journal_path)
    mine = [(i, call) for i, (call, arg) in enumerate(calls) if arg == journal]
    writes = [i for i, call in mine if call == "write"]
    fsyncs = [i for i, call in mine if call == "fsync"]
    closes = [i for i, call in mine if call == "close"]
    assert writes, f"nothing written to {journal}: {calls}"
    assert fsyncs and max(writes) < max(fsyncs) < max(closes), (
        f"the journal is not fsynced after its last write: {[call for _i, call in mine]}"
    )
    after = [call for call, arg in calls[max(closes) + 1 :] if arg == str(journal_path.parent)]
    assert after[:2] == ["open", "fsync"], f"the folder is not fsynced after the journal: {calls[-4:]}"


GOOD = [
    ("open", "/d/.m.json.0.tmp"),
    ("write", "/d/.m.json.0.tmp"),
    ("fsync", "/d/.m.json.0.tmp"),
    ("close", "/d/.m.json.0.tmp"),
    ("replace", "/d/.m.json.0.tmp -> /d/m.json"),
    ("open", "/d"),
    ("fsync", "/d"),
    ("close", "/d"),
]


@pytest.mark.parametrize(
    "calls, why",
    [
        ([c for c in GOOD if c != ("fsync", "/d/.m.json.0.tmp")], "not fsynced before the rename"),
        ([c for c in GOOD if c != ("fsync", "/d")], "folder /d is not fsynced"),
        ([*GOOD[:2], *GOOD[3:5], GOOD[2], *GOOD[5:]], "not fsynced before the rename"),  # after it
        ([*GOOD[:4], *GOOD[5:], GOOD[4]], "folder /d is not fsynced"),  # the folder before the rename
    ],
)
def test_the_check_fails_when_an_fsync_is_removed_or_moved(calls, why) -> None:
    _check_atomic_writes(GOOD, Path("/d/m.json"))
    with pytest.raises(AssertionError, match=why):
        _check_atomic_writes(calls, Path("/d/m.json"))
