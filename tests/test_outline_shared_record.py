"""The summary/transcript text: only the preparation ticked, and multi-line notes kept indented."""

from __future__ import annotations

from ect_tui.export.outline import meeting_outline
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


def test_an_agreed_rating_is_the_one_shown_with_the_ects_own_beside_it(audit_script, clock):
    """The summary is read through together: it gives the rating that counts, as the counts and exports do."""
    meeting = new_meeting(audit_script, clock)
    meeting.apply_priors("audit", {"1.1": {"level": "developing", "evidence": ""}})
    meeting.rate("audit", "1.1", "secure")
    meeting.settle("audit", "1.1", "developing")
    meeting.set_agreed_reason("audit", "1.1", "one lesson so far")
    meeting.rate("audit", "1.2", "secure")
    lines = meeting_outline(meeting).splitlines()
    text_1_1 = audit_script.section("audit").statement("1.1").text
    assert f"  1.1  Developing (ECT's own rating: Secure): {text_1_1}" in lines
    assert (
        lines[lines.index(f"  1.1  Developing (ECT's own rating: Secure): {text_1_1}") + 1]
        == "       agreed: one lesson so far"
    )
    assert any(line.startswith("  1.2  Secure: ") for line in lines)
    assert "Rated 2 of 36: Emerging 0, Developing 1, Secure 1" in lines
