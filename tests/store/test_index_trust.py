"""The index by month against what a review of it found: caches after a fold, a viewer following
the writer's journals, damaged and odd files, an unreadable meetings folder, and the event loop
never waiting for the saver's fsync."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from ect_tui.store import Store
from tests.store.helpers import make_doc

SEPT = "2025-09-08T15:30:00+01:00"
JAN = "2025-01-08T15:30:00+00:00"


def ids(rows) -> list[str]:
    return [row["id"] for row in rows]


def index_dir(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".index")


def kill(store: Store) -> None:
    """As kill -9 would leave it: the journal not folded, the lock free."""
    store._lock.release()
    store._closed = True


def test_a_month_listed_before_a_fold_is_listed_afresh_after_it(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.put_meeting(make_doc(id="x1", started=SEPT))
        assert ids(store.list_meetings()) == ["x1"]
        store.discard_meeting("x1")
        store._index.fold()  # as when the journal passes 256 KB
        store.put_meeting(make_doc(id="y2", started=SEPT))
        assert ids(store.list_meetings()) == ["y2"]
        assert ids(store.unfinished()) == ["y2"]


def test_a_viewer_follows_the_writer_through_folds_and_new_journals(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.put_meeting(make_doc(id="old0", started=JAN, status="complete"))
    viewer = Store.open(db_path, read_only=True)
    writer = Store.open(db_path)
    writer.put_meeting(make_doc(id="x1", started=SEPT))
    assert ids(viewer.unfinished()) == ["x1"]
    assert ids(viewer.list_meetings()) == ["x1", "old0"]
    writer.discard_meeting("x1")
    writer.close()  # folded: the journal is gone, September has no file
    assert viewer.meeting_count() == 1
    for round_ in range(3):  # each reopening starts a journal of a new name (an inode may be reused)
        writer = Store.open(db_path)
        writer.put_meeting(make_doc(id=f"y{round_}", started=SEPT))
        assert ids(viewer.unfinished()) == [f"y{n}" for n in reversed(range(round_ + 1))]
        writer.close()
    assert ids(viewer.list_meetings()) == ["y2", "y1", "y0", "old0"]


def test_a_damaged_month_with_a_journal_left_by_a_kill_opens(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.put_meeting(make_doc(id="a1", started=JAN))
    store = Store.open(db_path)
    store.put_meeting(make_doc(id="b2", started=SEPT))
    kill(store)
    (index_dir(db_path) / "2025-01.json").write_text("{ not json")
    with Store.open(db_path) as again:  # was a KeyError from the fold at open
        assert sorted(ids(again.list_meetings())) == ["a1", "b2"]
    assert len(list(index_dir(db_path).glob("2025-01.json.*.damaged"))) == 1


@pytest.mark.parametrize("odd", ["folder", "fifo"])
def test_a_journal_that_is_not_a_file_is_never_opened(db_path: Path, odd: str) -> None:
    with Store.open(db_path) as store:
        store.put_meeting(make_doc(id="a1"))
    for path in (index_dir(db_path) / "journal.0123456789abcdef", db_path.with_name("ect-tui.json.journal")):
        if odd == "folder":
            path.mkdir()
        else:
            os.mkfifo(path)  # opening it to read would wait for a writer, for ever
    with Store.open(db_path, read_only=True) as viewer:
        assert ids(viewer.list_meetings()) == ["a1"]
        assert viewer.get_setting("last_ect") is None
    with Store.open(db_path) as store:
        store.put_meeting(make_doc(id="b2", started=JAN))
        store.set_setting("last_ect", "Alex Brown")
        assert ids(store.list_meetings()) == ["a1", "b2"]
    with Store.open(db_path, read_only=True) as viewer:
        assert viewer.get_setting("last_ect") == "Alex Brown"


def test_an_index_folder_that_cannot_be_listed_reads_as_empty(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.put_meeting(make_doc(id="a1"))
    folder = index_dir(db_path)
    os.rename(folder, folder.with_name("moved"))
    os.symlink(folder.name, folder)  # a link to itself: ELOOP
    with Store.open(db_path, read_only=True) as viewer:
        assert viewer.meeting_count() == 0 and viewer.list_meetings() == []


def test_a_meetings_folder_that_cannot_be_listed_keeps_the_index(db_path: Path, monkeypatch) -> None:
    with Store.open(db_path) as store:
        for number in range(3):
            store.put_meeting(make_doc(id=f"a{number}", started=f"2025-0{number + 1}-08T15:30:00+00:00"))
    import ect_tui.store.reconcile as reconcile

    meetings = str(db_path.with_name(db_path.name + ".meetings"))
    real_lstat, real_scandir = os.lstat, os.scandir

    def lstat(path, *args, **kwargs):
        if str(path).startswith(meetings + os.sep):
            raise PermissionError(13, "Permission denied", str(path))  # as chmod 000 (root ignores it)
        return real_lstat(path, *args, **kwargs)

    def scandir(path=".", *args, **kwargs):
        if str(path) == meetings:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path, *args, **kwargs)

    monkeypatch.setattr(reconcile.os, "lstat", lstat)
    monkeypatch.setattr(reconcile.os, "scandir", scandir)
    Store.open(db_path).close()
    monkeypatch.undo()
    assert sorted(path.name for path in index_dir(db_path).glob("2025-*.json")) == [
        "2025-01.json",
        "2025-02.json",
        "2025-03.json",
    ]


def test_the_event_loop_does_not_wait_for_the_savers_fsync(db_path: Path, monkeypatch) -> None:
    import ect_tui.store.journal as journal

    with Store.open(db_path) as store:
        store.put_meeting(make_doc(id="a1"))
        store.list_meetings()
        real_fsync = os.fsync
        syncing = threading.Event()

        def slow_fsync(fd):
            syncing.set()
            time.sleep(0.5)  # a slow disk, a USB stick
            real_fsync(fd)

        monkeypatch.setattr(journal.os, "fsync", slow_fsync)
        saver = threading.Thread(target=store.index_meeting, args=(make_doc(id="a1", status="complete"),))
        saver.start()
        assert syncing.wait(5)
        started = time.perf_counter()
        store.meeting_count()  # the start screen, on the event loop
        store.list_meetings()
        waited = time.perf_counter() - started
        saver.join()
        monkeypatch.undo()
        assert waited < 0.25, f"waited {waited:.2f} s for the saver's fsync"
        assert store.list_meetings()[0]["status"] == "complete"


def test_a_journal_line_with_a_number_too_long_to_read_is_a_damaged_line(db_path: Path) -> None:
    """json refuses a 5,000-digit number with a plain ValueError: it must stop at the line, not
    escape from every query and from opening (found in a second review)."""
    store = Store.open(db_path)
    store.put_meeting(make_doc(id="a1"))
    store.set_setting("last_ect", "Alex Brown")
    kill(store)
    huge = b'{"k":"a2","v":null,"s":null,"x":' + b"9" * 5000 + b"}\n"
    for journal in (*index_dir(db_path).glob("journal.*"), db_path.with_name("ect-tui.json.journal")):
        with open(journal, "ab") as handle:
            handle.write(
                huge.replace(b'"k":"a2"', b'"t":"settings","k":"2"') if journal.suffix == ".journal" else huge
            )
    with Store.open(db_path, read_only=True) as viewer:
        assert ids(viewer.list_meetings()) == ["a1"]
        assert viewer.get_setting("last_ect") == "Alex Brown"
    with Store.open(db_path) as again:
        assert ids(again.list_meetings()) == ["a1"]
        assert again.get_setting("last_ect") == "Alex Brown"


def test_a_viewer_reads_the_summary_again_after_the_writer_folds(db_path: Path, monkeypatch) -> None:
    """Rather than working out every month from its file (at a hub, parsing two years of index)."""
    from ect_tui.store import segments

    with Store.open(db_path) as store:
        store.put_meeting(make_doc(id="a1", started=JAN, status="complete"))
    viewer = Store.open(db_path, read_only=True)
    assert viewer.meeting_count() == 1
    with Store.open(db_path) as writer:
        writer.put_meeting(make_doc(id="b2", started=SEPT))
    monkeypatch.setattr(segments, "read_segment", lambda *a, **k: pytest.fail("a month file was parsed"))
    assert viewer.meeting_count() == 2 and ids(viewer.unfinished()) == ["b2"]
