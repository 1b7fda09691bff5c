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


@pytest.mark.parametrize(
    "render", [lambda d: email_text(d, None).as_text(), lambda d: meeting_markdown(d, None)]
)
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
    assert "**1.1** Developing (ECT's own rating: Emerging; mentor: agree)" in meeting_markdown(
        doc, audit_script
    )


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


# ----- a weekly coaching meeting --------------------------------------------------------------


def test_coaching_email_golden(coaching, coaching_script):
    email = email_text(coaching.to_doc(), coaching_script)
    assert email.subject == "Mentor meeting notes: Weekly instructional coaching, Tue 24 Nov 2026"
    check_golden("coaching-email.txt", email.as_text())


def test_coaching_markdown_golden(coaching, coaching_script):
    check_golden("coaching-meeting.md", meeting_markdown(coaching.to_doc(), coaching_script))


@pytest.mark.parametrize(
    "render", [lambda d, s: email_text(d, s).as_text(), lambda d, s: meeting_markdown(d, s)]
)
@pytest.mark.parametrize("with_script", [True, False], ids=["script", "no-script"])
def test_coaching_reads_in_words_not_field_names(coaching, coaching_script, render, with_script):
    text = render(coaching.to_doc(), coaching_script if with_script else None)
    # What the meeting agreed and did, in the summary screen's words.
    assert "Action step: Say the pupil's name after the question, not before" in text
    assert "Success looks like: Every pupil answers at least once" in text and "ECF S5 learn-how 5d" in text
    assert "Last week's step: Count down from 3 before every transition" in text
    assert "Met" in text and "How we know: In the drop-in all three transitions were silent by 0." in text
    assert "Praise: You waited for silence before giving instructions" in text
    assert "Practice: 4 rounds, 2 rehearsals, " in text
    assert "Drop-in: Thu 19 Nov 2026" in text and "Visit timed: 12:30 (within 10-15 min)" in text
    assert "Thu 26 Nov 2026, 10:00" in text and "Tue 1 Dec 2026, 15:30" in text
    assert "developmental support, not assessment" in text
    # No raw store keys or values, and no audit-only headings.
    for raw in (
        "Text:",
        "Success:",
        "Code:",
        "Reference:",
        "Set on",
        "Step id",
        "Reviews",
        "Practice rounds",
        "number:",
        "phase:",
        "Status",
        "Evidence",
        "Visit seconds",
        "Time in the lesson",
        "Date text",
        "2026-11-19",
        "learn-how 7h",
        "AGREED FOCUS AREAS",
        "Agreed focus areas",
        "None agreed yet",
        "None recorded",
        "Not set yet",
        "RATINGS",
        "# Ratings",
        "statements rated",
    ):
        assert raw not in text, raw


def test_coaching_exports_never_carry_private_text(coaching_script):
    from .conftest import record_coaching_meeting

    marker = "PRIVATE-MARKER-c0ac"
    doc = record_coaching_meeting(coaching_script, private=marker).to_doc()
    doc["sections"][3]["data"]["step"]["private"] = f"step {marker}"  # a "private" key at any depth
    for text in (
        email_text(doc, coaching_script).as_text(),
        meeting_markdown(doc, coaching_script),
        learning_log_markdown("Sam Jones", [doc], {coaching_script.id: coaching_script}),
    ):
        assert marker not in text
        assert "Say the pupil's name after the question" in text


def test_an_empty_coaching_meeting_has_no_empty_headings(coaching_script, clock):
    from ect_tui.meeting.transcript import Meeting

    doc = Meeting(coaching_script, ect="Sam", mentor="Alex", clock=clock).to_doc()
    text = email_text(doc, coaching_script).as_text()
    assert "Status: in progress, not finished yet" in text and "developmental support" in text
    for heading in ("AGREED FOCUS AREAS", "NEXT STEPS", "NEXT MEETING", "NEXT DATES", "RATINGS"):
        assert heading not in text
    # What there is to say about an untouched coaching meeting, in words.
    assert "No action step was open." in text and "No new step: last week's carries on." in text
    markdown = meeting_markdown(doc, coaching_script)
    assert "## Agreed focus areas" not in markdown and "## Next meeting" not in markdown


def test_a_lone_coaching_date_says_what_it_is_for(coaching, coaching_script):
    doc = coaching.to_doc()
    next_section = next(s for s in doc["sections"] if s["kind"] == "next")
    del next_section["fields"]["next-coaching"], next_section["dates"]["next-coaching"]
    text = email_text(doc, coaching_script).as_text()
    assert "NEXT DATES\n- When is the next lesson drop-in?\n  Thu 26 Nov 2026, 10:00\n" in text
    assert "NEXT MEETING" not in text


def test_coaching_data_in_an_unexpected_shape_still_gets_out(coaching, coaching_script):
    doc = coaching.to_doc()
    practice = next(s for s in doc["sections"] if s["kind"] == "practice")
    practice["data"]["rounds"] = [{"number": 1, "phase": "model", "seconds": "a minute"}]
    text = email_text(doc, coaching_script).as_text()
    assert "a minute" in text  # shown generically rather than lost
    assert "Action step: Say the pupil's name after the question, not before" in text
