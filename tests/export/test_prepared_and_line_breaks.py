"""Exports: only the preparation ticked (never a ✗), and a note's own line breaks kept in Markdown."""

from __future__ import annotations

from markdown_it import MarkdownIt

from ect_tui.export.email import email_text
from ect_tui.export.markdown import meeting_markdown
from ect_tui.meeting.transcript import Meeting

NOTE = "Tuesdays 15:30 in [bold]B12[/]\n2 * 3 = 6, ends in \\\n\nA new paragraph"


def render(markdown: str) -> str:
    return MarkdownIt("commonmark").render(markdown)


def test_nothing_ticked_means_no_preparation_line(audit_script, clock):
    doc = Meeting(audit_script, ect="Sam", mentor="Alex", clock=clock).to_doc()
    for text in (email_text(doc, audit_script).body, meeting_markdown(doc, audit_script)):
        assert "Prepared" not in text and "Brought" not in text and "✗" not in text


def test_ticked_preparation_is_shown_with_a_tick(meeting, audit_script):
    item = audit_script.preparation[0]
    email = email_text(meeting.to_doc(), audit_script).body
    assert "Prepared" not in email and "✗" not in email  # admin for the record, not the letter
    markdown = meeting_markdown(meeting.to_doc(), audit_script)
    assert f"- **Prepared:** ✓ {item}" in markdown and "✗" not in markdown


def test_markdown_keeps_a_notes_line_breaks_and_its_text_verbatim(audit_script, clock):
    meeting = Meeting(audit_script, ect="Sam", mentor="Alex", clock=clock)
    meeting.set_note("review", "where-when", NOTE)
    markdown = meeting_markdown(meeting.to_doc(), audit_script)
    # The text itself as typed: only a line followed by another in its paragraph gains two spaces.
    assert "Tuesdays 15:30 in [bold]B12[/]  \n2 * 3 = 6, ends in \\\n\nA new paragraph\n" in markdown
    html = render(markdown)
    assert "<p>Tuesdays 15:30 in [bold]B12[/]<br />\n2 * 3 = 6, ends in \\</p>" in html  # two lines, not one
    assert "<p>A new paragraph</p>" in html


def test_markdown_keeps_line_breaks_in_reasons_and_fields(audit_script, clock):
    meeting = Meeting(audit_script, ect="Sam", mentor="Alex", clock=clock)
    meeting.rate("audit", "1.1", "emerging")
    meeting.set_reason("audit", "1.1", "Seen in the drop-in\nand in the ITT file")
    meeting.set_field("next-steps", "further-reading", "Ch. 3\nCh. 4")
    html = render(meeting_markdown(meeting.to_doc(), audit_script))
    assert "Why: Seen in the drop-in<br />\nand in the ITT file" in html
    assert "Ch. 3<br />\nCh. 4" in html
