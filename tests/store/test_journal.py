"""The journals: index and setting changes are appended, not rewritten, and survive anything.

The index's journal sits in its folder (store/segments.py); the settings' beside the database file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ect_tui.store import SaveFailedError, Store, segments, storage
from ect_tui.store.index import index_row
from ect_tui.store.journal import journal_path_for
from tests.store.helpers import make_doc


def file_identity(path: Path) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_ino, st.st_mtime_ns


def index_journal(db_path: Path) -> Path:
    """The index's journal (``journal.<16 hex>``: a new name after every fold), or where none is."""
    folder = db_path.with_name(db_path.name + ".index")
    found = sorted(folder.glob("journal.*"))
    assert len(found) <= 1, found
    return found[0] if found else folder / "journal.none"


def month_rows(db_path: Path, month: str = "2025-09") -> dict:
    return json.loads((db_path.with_name(db_path.name + ".index") / f"{month}.json").read_text())["rows"]


def test_an_index_change_appends_a_line_and_leaves_the_database_file_alone(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.put_meeting(make_doc(id="a1"))
        store.close()
    with Store.open(db_path) as store:
        before = (
            file_identity(db_path),
            file_identity(db_path.with_name("ect-tui.json.index") / "2025-09.json"),
        )
        doc = make_doc(id="a1", status="complete", updated="2025-09-08T16:00:00+01:00")
        store.put_meeting(doc)
        store.set_setting("last_ect", "Alex Brown")
        after = (
            file_identity(db_path),
            file_identity(db_path.with_name("ect-tui.json.index") / "2025-09.json"),
        )
        assert after == before
        [line] = index_journal(db_path).read_bytes().splitlines()
        assert json.loads(line) == {"k": "a1", "v": store.meeting_rows()[0], "s": None}
        [line] = journal_path_for(db_path).read_bytes().splitlines()
        assert json.loads(line)["t"] == "settings"
        assert store.list_meetings() == [index_row(doc)]
        assert store.get_setting("last_ect") == "Alex Brown"


def test_a_reader_sees_the_writers_journal(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.put_meeting(make_doc(id="a1"))
        viewer = Store.open(db_path, read_only=True)
        assert [row["id"] for row in viewer.list_meetings()] == ["a1"]
        store.put_meeting(make_doc(id="b2", started="2025-09-15T15:30:00+01:00"))
        store.set_setting("last_mentor", "Sam Patel")
        assert [row["id"] for row in viewer.list_meetings()] == ["b2", "a1"]
        assert viewer.get_setting("last_mentor") == "Sam Patel"
        store.discard_meeting("a1")
        assert [row["id"] for row in viewer.list_meetings()] == ["b2"]


def test_closing_folds_the_journal_into_the_file(db_path: Path) -> None:
    doc = make_doc(id="a1")
    with Store.open(db_path) as store:
        store.put_meeting(doc)
        assert index_journal(db_path).exists()
    assert not index_journal(db_path).exists()
    assert list(month_rows(db_path)) == ["a1"]


def test_a_long_journal_is_folded_in_as_it_grows(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segments, "FOLD_AT_BYTES", 2000)
    with Store.open(db_path) as store:
        for number in range(20):
            store.put_meeting(make_doc(id=f"m{number}"))
            size = index_journal(db_path).stat().st_size if index_journal(db_path).exists() else 0
            assert size <= 2000 + 1000  # one more row at most before it is folded in
        assert len(month_rows(db_path)) >= 15  # most rows are in the month's file by now
        assert store.meeting_count() == 20


def test_a_kill_in_the_middle_of_an_append_loses_only_that_line(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.put_meeting(make_doc(id="a1"))
        store.set_setting("last_ect", "Alex Brown")
    with Store.open(db_path) as store:
        store.put_meeting(make_doc(id="b2"))
        store.set_setting("last_mentor", "Sam Patel")
        journal = journal_path_for(db_path)
        whole, index_whole = journal.read_bytes(), index_journal(db_path).read_bytes()
        store._lock.release()  # as a kill -9 would: the journals are left behind
        store._closed = True
    journal.write_bytes(whole + b'{"t": "settings", "k": "1", "v": {"key": "last_ect", "va')
    index_journal(db_path).write_bytes(index_whole + b'{"k": "c3", "v": {"id": "c3", "ect": "Sam')
    viewer = Store.open(db_path, read_only=True)
    assert {row["id"] for row in viewer.list_meetings()} == {"a1", "b2"}
    assert viewer.get_setting("last_ect") == "Alex Brown"
    with Store.open(db_path) as store:  # the writer folds both in, cutting the torn lines off
        assert not journal.exists() and not index_journal(db_path).exists()
        assert {row["id"] for row in store.list_meetings()} == {"a1", "b2"}
        store.set_setting("last_ect", "Priya Patel")
        assert json.loads(journal.read_bytes().splitlines()[-1])["v"]["value"] == "Priya Patel"
    assert Store.open(db_path, read_only=True).get_setting("last_ect") == "Priya Patel"


def test_a_damaged_line_stops_readers_and_opening_rebuilds_from_the_files(db_path: Path) -> None:
    first, second = make_doc(id="a1"), make_doc(id="b2", status="complete")
    with Store.open(db_path) as store:
        store.put_meeting(first)
        journal = index_journal(db_path)
        store.put_meeting(second)
        lines = journal.read_bytes().splitlines(keepends=True)
        store._lock.release()
        store._closed = True
    journal.write_bytes(b"".join([lines[0], b"this is not json\n", *lines[1:]]))
    viewer = Store.open(db_path, read_only=True)
    assert [row["id"] for row in viewer.list_meetings()] == ["a1"]  # stops at the damaged line
    with Store.open(db_path) as store:
        assert {row["id"]: row for row in store.list_meetings()} == {
            "a1": index_row(first),
            "b2": index_row(second),
        }
        assert not journal.exists()


def test_replaying_a_journal_the_file_already_holds_changes_nothing(db_path: Path) -> None:
    """A crash between writing the folded file and removing the journal."""
    doc = make_doc(id="a1", status="complete")
    with Store.open(db_path) as store:
        store.put_meeting(make_doc(id="a1"))
        store.put_meeting(doc)
        store.set_setting("last_ect", "Alex Brown")
        leftover = journal_path_for(db_path).read_bytes(), index_journal(db_path).read_bytes()
    journal_path_for(db_path).write_bytes(leftover[0])
    index_journal(db_path).write_bytes(leftover[1])
    with Store.open(db_path) as store:
        assert store.list_meetings() == [index_row(doc)]
        assert store.get_setting("last_ect") == "Alex Brown"


def test_put_meetings_indexes_a_batch_with_one_append(db_path: Path) -> None:
    docs = [
        make_doc(id=f"m{number}", started=f"2025-09-{number + 10:02d}T15:30:00+01:00") for number in range(5)
    ]
    with Store.open(db_path) as store:
        store.put_meetings(docs)
        assert [row["id"] for row in store.list_meetings()] == [f"m{n}" for n in reversed(range(5))]
        assert len(index_journal(db_path).read_bytes().splitlines()) == 5
        assert all((store.meetings_dir / f"m{n}.json").is_file() for n in range(5))


def test_a_batch_that_fails_part_way_indexes_none_and_opening_finds_what_was_written(
    db_path: Path, monkeypatch
) -> None:
    docs = [
        make_doc(id=f"m{number}", started=f"2025-09-{number + 10:02d}T15:30:00+01:00") for number in range(8)
    ]
    with Store.open(db_path) as store:
        real_save = store.save_meeting

        def save(doc):
            if doc["id"] == "m3":
                raise SaveFailedError(store.meeting_path("m3"), OSError(28, "No space left on device"))
            real_save(doc)

        monkeypatch.setattr(store, "save_meeting", save)
        with pytest.raises(SaveFailedError):
            store.put_meetings(docs)
        assert store.list_meetings() == []  # the batch is not indexed
        on_disk = {path.stem for path in store.meetings_dir.glob("*.json")}
    # m3 failed; saves not yet started when it did are not run (Executor.map), the rest are complete.
    assert {"m0", "m1", "m2"} <= on_disk <= {f"m{n}" for n in range(8)} - {"m3"}
    with Store.open(db_path) as store:
        indexed = {row["id"]: row for row in store.list_meetings()}
    assert set(indexed) == on_disk  # every file written is found
    assert all(indexed[doc["id"]] == index_row(doc) for doc in docs if doc["id"] in on_disk)


def test_the_newest_first_order_follows_every_change_to_the_index(db_path: Path) -> None:
    docs = [make_doc(id=f"m{n}", started=f"2025-09-{n + 10:02d}T15:30:00+01:00") for n in range(4)]
    with Store.open(db_path) as store, Store.open(db_path, read_only=True) as viewer:
        store.put_meetings(docs)
        assert [r["id"] for r in store.list_meetings()] == ["m3", "m2", "m1", "m0"]
        assert [r["id"] for r in store.meeting_rows()] == ["m3", "m2", "m1", "m0"]
        assert not store.meeting_rows(ect="nobody")
        docs[0]["started"] = "2025-10-01T15:30:00+01:00"  # an index change that reorders
        store.index_meeting(docs[0])
        assert [r["id"] for r in store.meeting_rows()][:2] == ["m0", "m3"]
        store.discard_meeting("m3")
        assert [r["id"] for r in store.list_meetings()] == ["m0", "m2", "m1"]
        assert [r["id"] for r in viewer.list_meetings()] == ["m0", "m2", "m1"]  # another copy's view
        rows = store.list_meetings()
        rows[0]["ect"] = "changed by a caller"  # callers get copies: the kept order is not touched
        assert store.list_meetings()[0]["ect"] != "changed by a caller"


def test_the_lock_holder_does_not_read_back_what_it_wrote_but_a_viewer_sees_every_change(
    db_path: Path, monkeypatch
) -> None:
    reads: list[Path] = []
    real_read = storage.read_file_bytes

    def counting(path, *args, **kwargs):
        reads.append(Path(path))
        return real_read(path, *args, **kwargs)

    monkeypatch.setattr(storage, "read_file_bytes", counting)
    with Store.open(db_path) as store, Store.open(db_path, read_only=True) as viewer:
        store.table("study_log").insert({"n": 1})  # a full write of the file, just now
        reads.clear()
        for _ in range(3):
            store.list_meetings()
        assert db_path not in reads  # at a hub each read back was 22 MB, for as long as 3 s
        store.table("study_log").insert({"n": 2})
        assert [row["n"] for row in viewer.table("study_log").all()] == [1, 2]  # within the same second
