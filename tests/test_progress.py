"""Movement between audits, counted the same way everywhere."""

from __future__ import annotations

from datetime import datetime

from ect_tui.meeting.progress import Cell, ProgressRow, build_progress, movement
from tests.factories import audit_meeting


def row(*levels):
    return ProgressRow("x", "", "g", 1, tuple(Cell(level) for level in levels))


def test_movement_compares_first_and_latest_rating():
    rows = [
        row("emerging", "developing", "secure"),  # up
        row("developing", None, "emerging"),  # down, still emerging
        row("emerging", "emerging"),  # same, still emerging
        row(None, "secure"),  # rated once
        row(None, None),  # never rated
    ]
    assert movement(rows).__dict__ == {"up": 1, "down": 1, "same": 1, "still_emerging": 2, "once": 1}


def test_grid_from_stored_meetings(audit_script):
    docs = [
        audit_meeting(audit_script, ect="Sam", when=datetime(2026, 11, 10, 15), step=1),
        audit_meeting(audit_script, ect="Sam", when=datetime(2026, 9, 8, 15), step=0),
    ]
    progress = build_progress("Sam", docs, {audit_script.id: audit_script})
    assert [c.date for c in progress.columns] == ["2026-09-08", "2026-11-10"]
    assert len(progress.rows) == 36
    first = progress.rows[0]
    assert first.code == "1.1" and [c.level for c in first.cells] == ["emerging", "developing"]
    assert first.cells[0].mentor_view == "too-harsh"
    assert progress.movement().up + progress.movement().same == 36
    assert {r.standard for r in progress.filtered(7).rows} == {7}


def test_agreed_rating_counts_over_the_ects_own():
    doc = {
        "id": "m",
        "started": "2026-09-01T10:00",
        "script": {"id": "gone"},
        "sections": [{"kind": "audit", "ratings": {"7b": {"level": "secure", "agreed": "developing"}}}],
    }
    progress = build_progress("Sam", [doc], {})
    [only] = progress.rows
    assert only.code == "7b" and only.standard == 7
    assert only.cells[0] == Cell("developing", None, "secure")


def test_meetings_without_ratings_are_not_audits(audit_script):
    doc = audit_meeting(audit_script, ect="Sam", when=datetime(2026, 9, 8, 15))
    for section in doc["sections"]:
        section["ratings"] = {}
    assert build_progress("Sam", [doc], {audit_script.id: audit_script}).columns == ()


def test_calibration_counts_the_ect_against_the_mentors_prepared_view():
    doc = {
        "id": "m",
        "started": "2026-09-01T10:00",
        "script": {"id": "gone"},
        "sections": [
            {
                "kind": "audit",
                "ratings": {
                    "1.1": {"level": "secure", "prior": "developing"},
                    "1.2": {"level": "emerging", "prior": "developing"},
                    "1.3": {"level": "emerging", "prior": "secure"},
                    "1.4": {"level": "developing", "prior": "developing"},
                    "1.5": {"level": "developing"},
                },
            }
        ],
    }
    [calibration] = build_progress("Sam", [doc], {}).calibrations
    assert (calibration.above, calibration.below, calibration.level) == (1, 2, 1)


def test_last_audit_is_the_newest_rated_audit_of_the_same_script():
    from ect_tui.meeting.progress import last_audit

    def doc(script_id, started, ratings):
        return {
            "script": {"id": script_id},
            "started": started,
            "sections": [{"kind": "audit", "ratings": ratings}],
        }

    docs = [  # newest first, as the store lists them
        doc("m1w1-module-audit", "2026-11-20T16:00:00", {}),  # started, nothing rated
        doc("weekly-coaching", "2026-11-18T16:00:00", {"1a": {"level": "secure"}}),
        doc(
            "m1w1-module-audit",
            "2026-10-14T16:00:00",
            {"1a": {"level": "emerging", "agreed": "developing"}, "1b": {"level": "secure"}, "1c": {}},
        ),
    ]
    assert last_audit(docs, "m1w1-module-audit") == ("2026-10-14", {"1a": "developing", "1b": "secure"})
    assert last_audit([], "m1w1-module-audit") is None


def test_two_audits_on_one_day_get_their_times_in_the_heading():
    from ect_tui.meeting.progress import AuditColumn, column_labels

    columns = [
        AuditColumn("a", "2026-10-14T15:30:00", "s"),
        AuditColumn("b", "2026-11-30T09:05:00", "s"),
        AuditColumn("c", "2026-11-30T16:40:00", "s"),
    ]
    assert column_labels(columns) == ["2026-10-14", "2026-11-30 09:05", "2026-11-30 16:40"]


def test_frameworks_are_never_mixed_a_code_is_compared_only_within_its_own(audit_script):
    """ECF 1.1 and ITTECF 1.1 share a code, not a statement: two rows, and the grid says which audit used which."""
    from ect_tui.script.catalog import load_catalog

    ittecf = load_catalog([]).get("ittecf-s1-audit")
    docs = [
        audit_meeting(ittecf, ect="Sam", when=datetime(2026, 11, 10, 15), step=1),
        audit_meeting(audit_script, ect="Sam", when=datetime(2025, 6, 8, 15), step=0),
    ]
    progress = build_progress("Sam", docs, {audit_script.id: audit_script, ittecf.id: ittecf})
    assert [c.framework for c in progress.columns] == ["ECF", "ITTECF"]
    ones = [r for r in progress.rows if r.code == "1.1"]
    assert [(r.framework, [c.level for c in r.cells]) for r in ones] == [
        ("ECF", ["emerging", None]),
        ("ITTECF", [None, "developing"]),
    ]
    assert progress.movement().up == 0  # nothing compared across frameworks
    assert progress.framework_line() == (
        "Frameworks: ECF for 2025-06-08; ITTECF for 2026-11-10. "
        "A statement is compared only with audits of its own framework."
    )
    assert ones[0].group.startswith("ECF ") and ones[1].group.startswith("ITTECF ")
    single = build_progress("Sam", docs[1:], {audit_script.id: audit_script})
    assert single.framework_line() == "Framework: ECF (1 audit)."
