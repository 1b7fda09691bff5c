"""Golden files for the email text, a meeting's Markdown and the Learning Log.

The expected text lives in tests/export/golden/. After a deliberate change, run
``ECT_TUI_UPDATE_GOLDEN=1 pytest tests/export/test_golden.py``, read the diff by eye, and commit it.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

from ect_tui.export.email import email_text
from ect_tui.export.markdown import learning_log_markdown, meeting_markdown
from ect_tui.meeting.clock import FakeClock

from .conftest import HOSTILE, record_meeting

GOLDEN = Path(__file__).parent / "golden"


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("ECT_TUI_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.exists(), f"missing golden file {path}: run with ECT_TUI_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


def test_email_golden(meeting, audit_script):
    email = email_text(meeting.to_doc(), audit_script)
    assert email.subject == "Mentor meeting notes: Module 1 Week 1: Module audit, Tue 24 Nov 2026"
    check_golden("email.txt", email.as_text())


def test_email_is_plain_72_column_text(meeting, audit_script):
    text = email_text(meeting.to_doc(), audit_script).as_text()
    long_lines = [line for line in text.splitlines()[1:] if len(line) > 72]
    assert all("https://" in line for line in long_lines)  # only an unbreakable link may overrun
    assert "developmental support, not assessment" in text
    assert "[bold]loud[/] red 🎉 naïve" in text and "\x1b" not in text and "\x07" not in text


def test_markdown_golden(meeting, audit_script):
    check_golden("meeting.md", meeting_markdown(meeting.to_doc(), audit_script))


def test_markdown_keeps_hostile_text_as_typed_without_controls(meeting, audit_script):
    text = meeting_markdown(meeting.to_doc(), audit_script)
    assert HOSTILE.replace("\x1b[31m", "").replace("\x1b[0m", "") in text
    assert not any(ord(ch) < 32 and ch != "\n" for ch in text)


def test_learning_log_golden(audit_script):
    first = record_meeting(audit_script, FakeClock(), meeting_id="aaaa1111")
    later_clock = FakeClock(datetime(2027, 1, 12, 15, 30).astimezone())
    second = record_meeting(audit_script, later_clock, meeting_id="bbbb2222")
    for statement in audit_script.sections[1].statements[:8]:
        second.rate("audit", statement.code, "secure")
    docs = [second.to_doc(), first.to_doc()]  # newest first, as the store lists them
    log = learning_log_markdown("Sam Jones", docs, {audit_script.id: audit_script})
    assert log.index("Tue 24 Nov 2026") < log.index("### Module 1 Week 1: Module audit, Tue 12 Jan 2027")
    check_golden("learning-log.md", log)


@pytest.mark.parametrize("render", [lambda d: email_text(d, None).as_text(), lambda d: meeting_markdown(d, None)])
def test_without_the_script_ids_and_stored_titles_stand_in(meeting, render):
    text = render(meeting.to_doc())
    assert "Module 1 Week 1: Module audit" in text
    assert "Further reading" in text and "Ch. 3 of the *Summary Module Guide*" in text
    assert "Review: how we will work together" in text and "Ways of working" in text
    assert "15 Emerging" in text and "Tue 1 Dec 2026, 15:30" in text


def test_an_empty_in_progress_meeting(audit_script, clock):
    from ect_tui.meeting.transcript import Meeting

    doc = Meeting(audit_script, ect="Sam", mentor="Alex", clock=clock).to_doc()
    text = email_text(doc, audit_script).as_text()
    assert "Status: in progress, not finished yet" in text
    assert "None agreed yet." in text and "Not set yet." in text and "No statements rated yet." in text
    assert "(no notes)" in meeting_markdown(doc, audit_script)


def test_an_agreed_rating_counts_and_its_reason_is_shown(meeting, audit_script):
    doc = meeting.to_doc()
    doc["sections"][1]["ratings"]["1.1"].update(agreed="developing", agreed_reason="Strong ITT evidence.")
    text = email_text(doc, audit_script).as_text()
    assert "- 1.1 Developing (ECT's own rating: Emerging; mentor: agree): Teachers" in text
    assert "    Agreed: Strong ITT evidence." in text
    assert "14 Emerging, 15 Developing" in text
    assert "**1.1** Developing (ECT's own rating: Emerging; mentor: agree)" in meeting_markdown(doc, audit_script)


def test_coaching_data_is_shown_generically(meeting, audit_script):
    doc = meeting.to_doc()
    doc["sections"][0]["data"] = {
        "action_step": "Narrate the positive \x1b[2J",
        "rounds": [{"number": 1, "seconds": 45}, {"number": 2, "seconds": 80}],
        "done": True,
        "step_id": "abc123",  # links between records mean nothing to a reader
        "phase": "model",  # screen state, not record
    }
    text = email_text(doc, audit_script).as_text()
    assert "Action step\n    Narrate the positive\n" in text
    assert "Rounds\n    - number: 1, seconds: 45 s\n    - number: 2, seconds: 1 min 20 s\n" in text
    assert "Done\n    yes\n" in text
    assert "abc123" not in text and "Step id" not in text and "Phase" not in text
