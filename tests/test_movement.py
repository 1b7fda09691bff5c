"""Movement between the last two audits, per standard and per statement (meeting/movement.py)."""

from __future__ import annotations

from datetime import datetime

from ect_tui.meeting.movement import DOWN, LEVEL, UP, movement_lines, recent_movement
from ect_tui.meeting.progress import AuditColumn, Cell, Progress, ProgressRow, build_progress
from tests.factories import audit_meeting


def grid(*rows: tuple[str, int, tuple[str | None, ...]]) -> Progress:
    width = len(rows[0][2])
    columns = tuple(AuditColumn(f"m{i}", f"2026-0{i + 1}-01T10:00", "s") for i in range(width))
    return Progress(
        "Sam",
        columns,
        tuple(
            ProgressRow(code, "", "g", standard, tuple(Cell(x) for x in cells))
            for code, standard, cells in rows
        ),
    )


def test_only_the_last_two_audits_count_per_standard():
    progress = grid(
        ("1.1", 1, ("secure", "emerging", "developing")),  # up since the middle audit (down overall)
        ("1.2", 1, ("emerging", "developing", "developing")),  # level
        ("1a", 1, ("emerging", None, "secure")),  # not rated in the middle audit: newly rated
        ("7a", 7, ("emerging", "secure", "developing")),  # down
        ("7b", 7, ("emerging", "emerging", None)),  # not in the latest: left out
    )
    recent = recent_movement(progress)
    assert recent is not None
    assert recent.before.meeting_id == "m1" and recent.after.meeting_id == "m2"
    by_standard = {s.standard: (s.up, s.level, s.down, s.new) for s in recent.standards}
    assert by_standard == {1: (1, 1, 0, 1), 7: (0, 0, 1, 0)}
    assert [m.code for m in recent.moved(UP)] == ["1.1"]
    assert [m.code for m in recent.moved(DOWN)] == ["7a"]
    assert recent.direction_of("1.2") == LEVEL and recent.direction_of("7b") is None
    assert (recent.total.up, recent.total.level, recent.total.down) == (1, 1, 1)


def test_one_audit_has_no_movement_and_says_so():
    progress = grid(("1.1", 1, ("secure",)))
    assert recent_movement(progress) is None
    assert movement_lines(None) == ["One audit so far: movement shows once there is a second."]


def test_lines_name_the_statements_that_moved(audit_script):
    docs = [
        audit_meeting(audit_script, ect="Sam", when=datetime(2026, 9, 8, 15), step=0),
        audit_meeting(audit_script, ect="Sam", when=datetime(2026, 11, 10, 15), step=1),
    ]
    recent = recent_movement(build_progress("Sam", docs, {audit_script.id: audit_script}))
    assert recent is not None
    lines = movement_lines(recent)
    total = recent.total
    assert total.up > 0 and total.up + total.level == 36 and total.down == 0
    s1, s7 = recent.standards
    assert lines[0] == (
        f"Since the audit of 2026-09-08 (latest 2026-11-10): {total.up} up, {total.level} level, 0 down "
        f"(Standard 1: {s1.up} up, {s1.level} level, 0 down; Standard 7: {s7.up} up, {s7.level} level, 0 down)."
    )
    assert lines[1].startswith("Moved up: 1.1, ") and "Moved down" not in lines[1]
    assert len(lines) == 2
