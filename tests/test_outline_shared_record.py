"""The summary/transcript text: only the preparation ticked, and multi-line notes kept indented."""

from __future__ import annotations

from ect_tui.meeting.outline import meeting_outline
from ect_tui.meeting.transcript import Meeting


def new_meeting(script, clock) -> Meeting:
    return Meeting(script, ect="Sam", mentor="Alex", clock=clock)


def test_nothing_ticked_says_nothing_about_preparation(audit_script, clock):
    text = meeting_outline(new_meeting(audit_script, clock))
    assert "✗" not in text and "✓" not in text and "Prepared" not in text
    for item in audit_script.preparation:
        assert item not in text


def test_only_what_was_ticked_is_shown(audit_script, clock):
    meeting = new_meeting(audit_script, clock)
    assert len(audit_script.preparation) >= 2
    meeting.set_brought(audit_script.preparation[0], True)
    lines = meeting_outline(meeting).splitlines()
    assert f"Prepared: ✓ {audit_script.preparation[0]}" in lines
    assert "✗" not in "\n".join(lines)
    assert not any(item in line for item in audit_script.preparation[1:] for line in lines)
    meeting.set_brought(audit_script.preparation[1], True)
    lines = meeting_outline(meeting).splitlines()
    first = lines.index(f"Prepared: ✓ {audit_script.preparation[0]}")
    assert lines[first + 1] == f"          ✓ {audit_script.preparation[1]}"


def test_continuation_lines_of_a_note_are_indented_like_the_first(audit_script, clock):
    meeting = new_meeting(audit_script, clock)
    meeting.set_note("review", "where-when", "Tuesdays 15:30\nroom B12\n\n[bold]not markup[/]")
    meeting.rate("audit", "1.1", "emerging")
    meeting.set_reason("audit", "1.1", "Seen in the drop-in\nand in the ITT file")
    lines = meeting_outline(meeting).splitlines()
    at = lines.index("  Tuesdays 15:30")
    assert lines[at + 1 : at + 4] == ["  room B12", "", "  [bold]not markup[/]"]
    why = next(i for i, line in enumerate(lines) if line.strip() == "why: Seen in the drop-in")
    assert lines[why + 1] == " " * lines[why].index("why") + "and in the ITT file"
    assert not any(line and not line.startswith(" ") for line in lines if "B12" in line or "ITT file" in line)
