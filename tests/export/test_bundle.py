"""JSON bundles: exact round trips through a real store, the merge rule, and files that must be refused."""

from __future__ import annotations

import copy
import json
import re
import tempfile
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ect_tui.commands.history import history_rows
from ect_tui.export.bundle import FORMAT, bundle_bytes, make_bundle, store_bundle
from ect_tui.export.private import strip_private
from ect_tui.meeting.clock import FakeClock
from ect_tui.meeting.transcript import Meeting
from ect_tui.script.catalog import bundled_scripts
from ect_tui.store import Store
from ect_tui.transfer.importer import import_bundle
from ect_tui.transfer.merge import merge_meeting
from ect_tui.transfer.read import BundleError, parse_bundle, read_bundle

from .conftest import record_meeting

SCRIPT = next(s for s in bundled_scripts() if s.id == "m1w1-module-audit")
# Every code point, lone surrogates and controls included: JSON must keep them all exactly.
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=30)
JSON = st.recursive(
    # numbers within the schema's range (ect_tui/store/limits.py)
    st.none() | st.booleans() | st.integers(-(10**15), 10**15) | st.floats(-1e15, 1e15) | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(ANY_TEXT, inner, max_size=3),
    max_leaves=6,
)


@st.composite
def meeting_docs(draw):
    """A meeting recorded through the real model with arbitrary text, plus unknown future keys."""
    clock = FakeClock(datetime(2026, 9, 1, 9, 0).astimezone())
    clock.advance(draw(st.integers(0, 10**7)))
    meeting = Meeting(
        SCRIPT,
        ect=draw(st.sampled_from(["Sam Jones", "Ana Ruiz", "李雷"])),
        mentor="Alex",
        clock=clock,
        meeting_id=draw(st.uuids()).hex,
    )
    review, audit, next_steps = SCRIPT.sections
    for question in draw(st.lists(st.sampled_from(review.questions), max_size=3, unique=True)):
        meeting.set_note(review.id, question.id, draw(ANY_TEXT))
    for statement in draw(st.lists(st.sampled_from(audit.statements), max_size=4, unique=True)):
        meeting.rate(audit.id, statement.code, draw(st.sampled_from(["emerging", "developing", "secure"])))
        meeting.set_reason(audit.id, statement.code, draw(ANY_TEXT))
    meeting.set_field(next_steps.id, "further-reading", draw(ANY_TEXT))
    meeting.set_private(draw(ANY_TEXT))
    meeting.record(review.id).private = draw(ANY_TEXT)
    clock.advance(draw(st.floats(0, 5000)))
    if draw(st.booleans()):
        meeting.finish()
    doc = meeting.to_doc()
    doc["future"] = draw(JSON)
    doc["sections"][2]["data"] = {"step": draw(JSON)}
    return doc


def _open(folder: str) -> Store:
    return Store.open(Path(folder) / "ect-tui.json")


def _without_time(bundle):
    return {k: v for k, v in bundle.items() if k != "exported"}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(meeting_docs(), min_size=1, max_size=3, unique_by=lambda d: d["id"]))
def test_full_backup_round_trips_exactly_through_a_fresh_store(docs):
    with tempfile.TemporaryDirectory() as old, tempfile.TemporaryDirectory() as new:
        with _open(old) as source:
            for doc in docs:
                source.put_meeting(doc)
            source.set_setting("mentor", "Alex \ud800")
            source.table("study_log").insert({"ect": "Sam", "minutes": 40, "private": "x"})
            bundle = store_bundle(source, shared=False)
            history = history_rows(source)
        path = Path(old) / "backup.json"
        path.write_bytes(bundle_bytes(bundle))
        read = read_bundle(path)
        assert read == bundle
        with _open(new) as target:
            report = import_bundle(target, read)
            assert (report.added, report.updated, report.conflicts) == (len(docs), 0, [])
            for doc in docs:
                assert target.load_meeting(doc["id"]) == doc
            assert history_rows(target) == history
            assert _without_time(store_bundle(target, shared=False)) == _without_time(bundle)
            again = import_bundle(target, read)
            assert (again.added, again.updated, again.unchanged, again.rows_added, again.conflicts) == (
                0,
                0,
                len(docs),
                0,
                [],
            )


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(meeting_docs(), min_size=1, max_size=2, unique_by=lambda d: d["id"]))
def test_a_shared_bundle_round_trips_without_private_text(docs):
    with tempfile.TemporaryDirectory() as old, tempfile.TemporaryDirectory() as new:
        with _open(old) as source:
            for doc in docs:
                source.put_meeting(doc)
            source.set_setting("mentor", "Alex")
            bundle = store_bundle(source, shared=True)
        assert bundle["private_included"] is False and bundle["tables"] == {}
        with _open(new) as target:
            import_bundle(target, parse_bundle(bundle_bytes(bundle), "shared.json"))
            for doc in docs:
                assert target.load_meeting(doc["id"]) == strip_private(doc)
            assert target.get_setting("mentor") is None


def test_importing_a_shared_bundle_keeps_the_stored_private_notes(db, audit_script, clock):
    doc = record_meeting(audit_script, clock, private="mine").to_doc()
    db.put_meeting(doc)
    report = import_bundle(db, make_bundle([doc], private=False))
    assert (report.unchanged, report.conflicts) == (1, [])
    assert db.load_meeting(doc["id"]) == doc


# ----- the merge rule ---------------------------------------------------------------


@pytest.fixture
def pair(audit_script, clock):
    """The same meeting as stored, and a copy edited later on another laptop."""
    meeting = record_meeting(audit_script, clock)
    stored = meeting.to_doc()
    clock.advance(3600)
    meeting.set_note("review", "where-when", "Moved to Wednesdays.")
    return stored, meeting.to_doc()


def test_identical_meetings_are_unchanged(pair):
    stored, _ = pair
    merged = merge_meeting(stored, copy.deepcopy(stored))
    assert (merged.outcome, merged.conflicts, merged.doc) == ("unchanged", [], stored)


def test_the_later_copy_wins_and_the_difference_is_reported(pair):
    stored, newer = pair
    merged = merge_meeting(stored, newer, source="backup.json")
    assert merged.outcome == "updated" and merged.doc == newer
    [conflict] = merged.conflicts
    assert conflict.startswith("Meeting 3f2a1b4c (Sam Jones, Tue 24 Nov 2026)")
    assert "kept the copy in backup.json" in conflict

    merged = merge_meeting(newer, stored, source="backup.json")
    assert merged.outcome == "unchanged" and merged.doc == newer
    assert "kept the copy in this database" in merged.conflicts[0]


def test_different_private_notes_are_both_kept_once(pair):
    stored, _ = pair
    incoming = copy.deepcopy(stored)
    stored["private"], incoming["private"] = "on the old laptop", "on the new laptop"
    stored["sections"][1]["private"] = "same"
    incoming["sections"][1]["private"] = "same"
    merged = merge_meeting(stored, incoming, source="b.json")
    assert merged.outcome == "updated"
    assert merged.doc["private"].startswith(
        "on the old laptop\n\n----- private notes from the copy in b.json"
    )
    assert merged.doc["private"].endswith("-----\n\non the new laptop")
    assert merged.doc["sections"][1]["private"] == "same"
    assert len(merged.conflicts) == 1 and "both were kept" in merged.conflicts[0]
    again = merge_meeting(merged.doc, incoming, source="b.json")
    assert (again.outcome, again.conflicts) == ("unchanged", [])


def test_private_text_of_a_section_missing_from_the_kept_copy_is_not_lost(pair):
    stored, newer = pair
    stored["sections"].append({"id": "old-section", "private": "keep me"})
    merged = merge_meeting(stored, newer)
    assert merged.doc["sections"] == newer["sections"]
    assert merged.doc["private"].endswith("keep me")


def test_a_meeting_twice_in_one_file_is_merged_once(db, pair):
    stored, newer = pair
    report = import_bundle(db, make_bundle([stored, newer], private=True), source="twice.json")
    assert report.added == 1 and db.meeting_count() == 1
    assert db.load_meeting(stored["id"]) == newer
    assert len(report.conflicts) == 1


# ----- bad files ----------------------------------------------------------------------


def _bundle(**changes):
    doc = record_meeting(SCRIPT, FakeClock()).to_doc()
    bundle = make_bundle([doc], private=True)
    bundle.update(changes)
    return bundle


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        (b"", "not valid JSON"),
        (b'{"format": ', "not valid JSON"),
        (b"\xff\xfe", "not UTF-8"),
        (b"[]", "not an ect-tui bundle"),
        (json.dumps({"format": "other"}).encode(), "not an ect-tui bundle"),
        (json.dumps(_bundle(schema=2)).encode(), "newer ect-tui (bundle schema 2"),
        (json.dumps(_bundle(schema="1")).encode(), "schema version '1'"),
        (json.dumps(_bundle(meetings={})).encode(), "meetings are missing"),
        (json.dumps(_bundle(private_included=None)).encode(), "private notes are included"),
        (json.dumps(_bundle(tables={"meetings": []})).encode(), "table named 'meetings'"),
    ],
)
def test_bad_bundles_are_refused_in_one_sentence(raw, says):
    with pytest.raises(BundleError) as caught:
        parse_bundle(raw, "in.json")
    message = str(caught.value)
    assert message.startswith("Cannot import in.json: ") and says in message
    assert message.endswith(".") and "\n" not in message


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"id": "../../etc"}, "invalid id"),
        ({"schema": 9}, "newer ect-tui (meeting schema 9"),
        ({"ect": ""}, "no ECT name"),
        ({"started": "yesterday"}, "no valid start time"),
        ({"script": None}, "does not name its script"),
        ({"sections": [{"id": "a"}, {"id": "a"}]}, "two sections with the same id"),
    ],
)
def test_a_bad_meeting_anywhere_refuses_the_whole_file(db, change, says):
    good = record_meeting(SCRIPT, FakeClock()).to_doc()
    bad = {**record_meeting(SCRIPT, FakeClock(), meeting_id="bad0").to_doc(), **change}
    bundle = make_bundle([good, bad], private=True)
    bundle["meetings"] = [good, bad]
    with pytest.raises(BundleError, match=re.escape(says)):
        import_bundle(db, bundle, source="in.json")
    assert db.meeting_count() == 0


def test_read_bundle_names_a_missing_file(tmp_path):
    with pytest.raises(BundleError, match=r"Cannot import .*nope.json: there is no such file\."):
        read_bundle(tmp_path / "nope.json")
    with pytest.raises(BundleError, match="it is a folder"):
        read_bundle(tmp_path)


def test_bundle_shape(audit_script, clock):
    doc = record_meeting(audit_script, clock, private="secret").to_doc()
    bundle = make_bundle([doc], private=False, exported=datetime(2026, 11, 24, 17, 0).astimezone())
    assert bundle["format"] == FORMAT and bundle["schema"] == 1 and bundle["private_included"] is False
    assert bundle["exported"].startswith("2026-11-24T17:00:00")
    assert "secret" not in bundle_bytes(bundle).decode()


def test_bundle_json_printed_to_a_terminal_cannot_drive_it():
    text = "\x1b[31m \x9b2J \x7f \x07 \ud800"
    raw = bundle_bytes(make_bundle([], private=True, tables={"t": [{"v": text}]}))
    assert not any(b < 0x20 and b not in b"\n" for b in raw)
    assert b"\xc2\x9b" not in raw and b"\x7f" not in raw
    assert parse_bundle(raw, "x.json")["tables"]["t"][0]["v"] == text
