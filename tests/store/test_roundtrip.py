"""Any transcript-like document comes back from the store exactly as it went in."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ect_tui.store import Store
from ect_tui.store.index import index_row

NASTY = [
    "[/]",
    "[bold]",
    "[link=x]",
    "[/bold]",
    "\x1b[31m",
    "\x1b]52;c;SGVsbG8=\x07",
    "😀",
    "👩🏽‍🏫",
    "שלום",
    "مرحبا",
    "\u202e",
    "\u200b",
    "\x00",
    "\ud800",
    "\udfff",
    "\udc80x",
    "\r\n",
    "\t",
    '"',
    "\\",
    "\ufeff",
    "Ω",
    "\U0010ffff",
]

nasty_text = st.lists(
    st.one_of(
        st.text(max_size=20), st.sampled_from(NASTY), st.text(st.characters(categories=["Cs"]), max_size=3)
    ),
    max_size=6,
).map("".join)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**15), 10**15),  # the schema's range for any number (ect_tui/store/limits.py)
    st.floats(-1e15, 1e15),
    nasty_text,
)
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(nasty_text, children, max_size=4),
    max_leaves=20,
)
# Names and ids must not be empty (ect_tui/store/schema.py); times must be times.
named = st.builds(lambda a, b: a + b, st.sampled_from(["A", "Ω", "😀", " x"]), nasty_text)
stamps = st.datetimes(timezones=st.none() | st.timezones()).map(lambda d: d.isoformat(timespec="seconds"))
sections = st.lists(
    st.fixed_dictionaries(
        {"id": named, "elapsed_seconds": st.floats(0, 100_000)},
        optional={
            "notes": st.dictionaries(nasty_text, nasty_text, max_size=3),
            "answers": st.dictionaries(nasty_text, nasty_text, max_size=3),
            "ratings": st.dictionaries(
                nasty_text, st.fixed_dictionaries({"level": st.none() | nasty_text}), max_size=3
            ),
            "data": st.dictionaries(nasty_text, json_values, max_size=3),
        },
    ),
    max_size=5,
    unique_by=lambda s: s["id"],
)
docs = st.fixed_dictionaries(
    {
        "schema": st.just(1),
        "id": st.uuids().map(lambda u: u.hex),
        "kind": st.sampled_from(["meeting", "coaching"]),
        "script": st.fixed_dictionaries({"id": named, "version": st.integers(1, 9), "title": nasty_text}),
        "ect": named,
        "mentor": named,
        "status": st.sampled_from(["in-progress", "complete"]),
        "started": stamps,
        "ended": st.none() | stamps,
        "updated": stamps,
        "sections": sections,
    },
    optional={"extra": json_values, "next_meeting": nasty_text},
)


@pytest.fixture(scope="module")
def shared_store() -> Iterator[Store]:
    # One store for all examples: hypothesis and function-scoped fixtures do not mix.
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "ect-tui.json") as store:
        yield store


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=docs)
def test_meeting_round_trips_exactly(shared_store: Store, doc: dict) -> None:
    shared_store.put_meeting(doc)
    assert shared_store.load_meeting(doc["id"]) == doc
    rows = shared_store.list_meetings(
        ect=doc["ect"], status=doc["status"], kind=doc["kind"], script_id=doc["script"]["id"]
    )
    assert index_row(doc) in rows
    if doc["ect"].strip():
        assert doc["ect"] in shared_store.ects()


@settings(max_examples=25, deadline=None)
@given(key=named, value=json_values)
def test_settings_round_trip(shared_store: Store, key: str, value) -> None:
    shared_store.set_setting(key, value)
    assert shared_store.get_setting(key) == value


def test_a_one_megabyte_note_round_trips(tmp_path: Path) -> None:
    note = ("".join(NASTY) + " Emerging -> Developing -> Secure. ") * (1_000_000 // 80)
    doc = {
        "schema": 1,
        "id": "big1",
        "kind": "meeting",
        "ect": "Alex",
        "status": "complete",
        "started": "2025-09-08T15:30:00",
        "mentor": "Sam",
        "script": {"id": "m1w1-module-audit"},
        "sections": [{"id": "audit", "elapsed_seconds": 2400.0, "notes": {"q1": note}}],
    }
    assert len(note) >= 1_000_000
    with Store.open(tmp_path / "ect-tui.json") as store:
        store.put_meeting(doc)
    with Store.open(tmp_path / "ect-tui.json", read_only=True) as store:
        assert store.load_meeting("big1") == doc
        assert next(store.iter_meetings()) == doc
    assert json.loads((tmp_path / "ect-tui.json.meetings" / "big1.json").read_bytes()) == doc
