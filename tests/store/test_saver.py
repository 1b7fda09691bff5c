"""BackgroundSaver: coalescing, flush, error reporting and recovery (no sleeps)."""

from __future__ import annotations

import queue
import threading
from pathlib import Path

import pytest

from ect_tui.store import BackgroundSaver, SaveFailedError, Store

from .helpers import make_doc

WAIT = 30  # generous upper bound for Event waits; never a timing assertion


class GatedSave:
    """A fake save: records docs, can be held at a gate, can be told to fail."""

    def __init__(self) -> None:
        self.saved: list[dict] = []
        self.started = threading.Event()
        self.gate = threading.Event()
        self.gate.set()
        self.fail_with: Exception | None = None
        self.calls = 0

    def __call__(self, doc: dict) -> None:
        self.calls += 1
        failing = self.fail_with  # decided when the write starts
        self.started.set()
        assert self.gate.wait(WAIT)
        if failing is not None:
            raise failing
        self.saved.append(doc)


@pytest.fixture
def fake():
    return GatedSave()


@pytest.fixture
def saver(fake):
    saver = BackgroundSaver(fake)
    yield saver
    fake.gate.set()
    saver.close()


def test_nothing_submitted_flushes_at_once(saver) -> None:
    assert saver.flush() is True
    assert saver.pending is False and saver.last_error is None


def test_submits_during_a_write_coalesce_to_the_latest(fake, saver) -> None:
    fake.gate.clear()
    saver.submit({"n": 1})
    assert fake.started.wait(WAIT)  # write 1 is in flight
    for n in range(2, 51):
        saver.submit({"n": n})
    assert saver.pending
    fake.gate.set()
    assert saver.flush() is True
    assert fake.saved == [{"n": 1}, {"n": 50}]
    assert saver.pending is False


def test_submit_takes_a_snapshot(fake, saver) -> None:
    fake.gate.clear()
    doc = {"notes": ["first"]}
    saver.submit(doc)
    doc["notes"].append("typed after submit")
    fake.gate.set()
    assert saver.flush()
    assert fake.saved == [{"notes": ["first"]}]


def test_copy_docs_false_passes_the_object_through(fake) -> None:
    saver = BackgroundSaver(fake, copy_docs=False)
    doc = {"a": 1}
    saver.submit(doc)
    assert saver.close()
    assert fake.saved[0] is doc


def test_flush_times_out_while_a_write_is_stuck(fake, saver) -> None:
    fake.gate.clear()
    saver.submit({"n": 1})
    assert fake.started.wait(WAIT)
    assert saver.flush(timeout=0.01) is False
    assert saver.pending
    fake.gate.set()
    assert saver.flush() is True


def test_errors_are_reported_then_cleared_by_a_good_write(fake) -> None:
    outcomes: queue.Queue[Exception | None] = queue.Queue()
    saver = BackgroundSaver(fake, on_done=outcomes.put)
    error = SaveFailedError("/tmp/x.json", OSError(28, "No space left on device"))
    fake.fail_with = error
    saver.submit({"n": 1})
    assert saver.flush() is False  # tried twice (flush retries once), failed twice
    assert saver.last_error is error
    assert saver.pending  # the notes are not on disk
    assert [outcomes.get(timeout=WAIT), outcomes.get(timeout=WAIT)] == [error, error]

    fake.fail_with = None
    saver.submit({"n": 2})
    assert saver.flush() is True
    assert saver.last_error is None and not saver.pending
    assert fake.saved == [{"n": 2}]
    assert outcomes.get(timeout=WAIT) is None
    saver.close()
    assert outcomes.empty()


def test_a_blocking_on_done_does_not_block_flush(fake) -> None:
    # Like Textual's call_from_thread while the event loop itself is inside flush().
    loop_free = threading.Event()
    delivered: queue.Queue[Exception | None] = queue.Queue()

    def on_done(error):
        assert loop_free.wait(WAIT)
        delivered.put(error)

    saver = BackgroundSaver(fake, on_done=on_done)
    saver.submit({"n": 1})
    assert saver.flush() is True  # on_done(1) is now stuck waiting for the "loop"
    saver.submit({"n": 2})
    assert saver.flush() is True  # the writer is not held up by it
    loop_free.set()
    assert [delivered.get(timeout=WAIT), delivered.get(timeout=WAIT)] == [None, None]
    assert saver.close()
    assert fake.saved == [{"n": 1}, {"n": 2}]


def test_flush_retries_a_failed_doc(fake, saver) -> None:
    fake.fail_with = OSError(28, "No space left on device")
    # Wait for the failed attempt to be reported without flushing (flush would retry).
    done = threading.Event()
    saver.on_done = lambda error: done.set()
    saver.submit({"n": 1})
    assert done.wait(WAIT)
    assert saver.pending and saver.last_error is not None
    fake.fail_with = None  # the mentor freed some space
    assert saver.flush() is True
    assert fake.saved == [{"n": 1}]
    assert not saver.pending and saver.last_error is None


def test_failed_write_superseded_by_newer_doc_is_not_retried(fake, saver) -> None:
    fake.gate.clear()
    fake.fail_with = OSError(5, "Input/output error")
    saver.submit({"n": 1})
    assert fake.started.wait(WAIT)
    saver.submit({"n": 2})
    fake.fail_with = None
    fake.gate.set()
    assert saver.flush() is True
    assert fake.saved == [{"n": 2}]


def test_a_broken_on_done_callback_does_not_stop_saving(fake) -> None:
    def broken(error):
        raise RuntimeError("UI bug")

    saver = BackgroundSaver(fake, on_done=broken)
    saver.submit({"n": 1})
    assert saver.flush()
    saver.submit({"n": 2})
    assert saver.close()
    assert fake.saved == [{"n": 1}, {"n": 2}]


def test_close_writes_the_last_doc_and_stops(fake) -> None:
    saver = BackgroundSaver(fake)
    saver.submit({"n": 1})
    assert saver.close() is True
    assert fake.saved == [{"n": 1}]
    assert not saver._thread.is_alive()
    with pytest.raises(RuntimeError):
        saver.submit({"n": 2})
    assert saver.close() is True  # idempotent


def test_submit_is_thread_safe(fake) -> None:
    saver = BackgroundSaver(fake)
    barrier = threading.Barrier(4)

    def hammer(base: int) -> None:
        barrier.wait()
        for n in range(200):
            saver.submit({"from": base, "n": n})

    threads = [threading.Thread(target=hammer, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert saver.close()
    assert fake.saved[-1]["n"] == 199
    assert len(fake.saved) <= 800


def test_with_a_real_store(db_path: Path) -> None:
    with Store.open(db_path) as store:
        saver = BackgroundSaver(store.put_meeting)
        doc = make_doc()
        for minute in range(20):
            doc["sections"][0]["elapsed_seconds"] = minute * 60.0
            saver.submit(doc)
        assert saver.close()
        assert store.load_meeting(doc["id"]) == doc
        assert store.list_meetings()[0]["duration_seconds"] == round(19 * 60 + 1200.2)
