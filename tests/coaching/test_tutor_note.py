"""The termly note to the induction tutor: evidence of the term, never a judgement (golden file)."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

from ect_tui.coaching.study import StudyEntry
from ect_tui.coaching.terms import Calendar, rhythm_for
from ect_tui.coaching.tutor_note import statutory_point, term_for, tutor_note
from ect_tui.script.catalog import load_catalog
from tests.coaching.builders import STEP_A, STEP_C, chain, coaching_meeting
from tests.factories import audit_meeting

GOLDEN = Path(__file__).parent.parent / "export" / "golden" / "tutor-note.txt"


def _note():
    catalog = load_catalog([])
    ittecf = catalog.get("ittecf-s7-audit")
    docs = chain(
        "Sam Jones",
        [
            {"when": datetime(2026, 11, 3, 15), "step": STEP_A, "praise": ["Calm start"]},
            {"when": datetime(2026, 11, 10, 15), "review": "met", "step": STEP_C},
            {"when": datetime(2026, 11, 17, 15), "review": "partly"},
        ],
    )
    docs += [
        audit_meeting(ittecf, ect="Sam Jones", when=datetime(2026, 9, 8, 15), step=0),
        audit_meeting(ittecf, ect="Sam Jones", when=datetime(2026, 11, 19, 15), step=1),
        coaching_meeting(ect="Priya Shah", when=datetime(2026, 11, 5, 15), step=STEP_A),  # another ECT
    ]
    entries = [
        StudyEntry("Sam Jones", date(2026, 11, 4), 40, "Routines"),
        StudyEntry("Sam Jones", date(2026, 11, 12), 35, "Instructions SECRET-TOPIC"),
        StudyEntry("Sam Jones", date(2026, 7, 1), 50, "Before this term"),
    ]
    return tutor_note(
        "Sam Jones",
        "Alex Smith",
        docs,
        entries,
        1,
        rhythm_for(1),
        Calendar(),
        date(2026, 11, 24),
        catalog.scripts,
    )


def test_tutor_note_golden() -> None:
    note = _note()
    assert note.subject == "Termly note: Sam Jones, Autumn 2026"
    text = note.as_text()
    if os.environ.get("ECT_TUI_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8", newline="\n")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_the_note_is_evidence_for_the_induction_tutor_never_a_judgement() -> None:
    body = _note().body
    assert body.startswith("Dear induction tutor,\n") and "not a judgement" in body
    assert "3 coaching meetings held over" in body and "2 audits" in body
    assert "Count down from 3 before every transition" in body and "Greet every pupil at the door" in body
    assert "(ITTECF 7h)" in " ".join(body.split()).replace("\u00a0", " ")
    assert "75 minutes logged in 2 sittings" in body  # this term's study only
    assert "a progress review (term 1 of 6)" in body
    # Never the record's private or reflective text, nor another ECT's meetings.
    for never in ("SECRET-SUCCESS", "SECRET-TOPIC", "Calm start", "Priya", "Emerging:", "good teacher"):
        assert never not in body
    assert max(len(line) for line in body.splitlines()) <= 72


def test_statutory_points_follow_the_two_year_induction() -> None:
    assert statutory_point(1, "Autumn") == "a progress review (term 1 of 6)"
    assert statutory_point(1, "Summer") == "the formal assessment at the end of year 1 (term 3 of 6)"
    assert statutory_point(2, "Spring") == "a progress review (term 5 of 6)"
    assert statutory_point(2, "Summer") == "the final formal assessment at the end of induction (term 6 of 6)"
    term = term_for(Calendar(), date(2027, 2, 15))  # half-term: still the spring term
    assert term is not None and (term.name, term.start, term.end) == (
        "Spring 2027",
        date(2027, 1, 4),
        date(2027, 3, 25),
    )
