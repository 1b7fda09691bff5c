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


RECORD = "2026-11-24-sam-jones-3f2a1b4c.md"


def test_email_golden(meeting, audit_script):
    email = email_text(meeting.to_doc(), audit_script, RECORD)
    assert email.subject == "Our meeting on Tue 24 Nov 2026: Module 1 Week 1: Module audit"
    check_golden("email.txt", email.as_text())


def test_the_audit_email_is_a_short_letter_to_the_ect(meeting, audit_script):
    """A letter in the second person that fits on one screen; the record is the file beside it."""
    body = email_text(meeting.to_doc(), audit_script, RECORD).body
    lines = body.splitlines()
    assert len(lines) <= 40 and max(len(line) for line in lines) <= 78
    assert lines[0] == "Dear Sam," and lines[-2:] == ["Best wishes,", "Alex"]
    assert "You rated 36 of 36 statements from the ECF (DfE, January 2019)" in " ".join(lines)
    assert "the ECT" not in body and "Prepared" not in body and "took" not in body
    numbered = [line for line in lines if line[:3] in {f"{n}. " for n in range(1, 10)}]
    assert 3 <= len(numbered) <= 5
    # Statements in words, the code after (kept whole on its line), each said once.
    flat = " ".join(body.replace("\u00a0", " ").split())
    assert "- Teachers can lift pupils' wellbeing, motivation and behaviour (ECF 1.1)" in flat
    assert "     (ECF\u00a01.1)" in lines
    assert body.count("mutual trust and") == 1
    assert RECORD in body


def test_email_is_plain_72_column_text(meeting, audit_script):
    text = email_text(meeting.to_doc(), audit_script).as_text()
    long_lines = [line for line in text.splitlines()[1:] if len(line) > 72]
    assert all("https://" in line for line in long_lines)  # only an unbreakable link may overrun
    assert "\x1b" not in text and "\x07" not in text


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
    assert "15 Emerging" in text and "Tue 1 Dec 2026, 15:30" in text


def test_without_the_script_the_record_keeps_the_section_notes(meeting):
    text = meeting_markdown(meeting.to_doc(), None)
    assert "Review: how we will work together" in text and "Ways of working" in text


def test_an_empty_in_progress_meeting(audit_script, clock):
    from ect_tui.meeting.transcript import Meeting

    doc = Meeting(audit_script, ect="Sam", mentor="Alex", clock=clock).to_doc()
    text = email_text(doc, audit_script).as_text()
    assert "We have not finished this meeting yet" in text
    assert "What we agreed" not in text  # nothing to list, so no empty heading
    assert "(no notes)" in meeting_markdown(doc, audit_script)


def test_an_agreed_rating_counts_and_its_reason_is_shown(meeting, audit_script):
    doc = meeting.to_doc()
    doc["sections"][1]["ratings"]["1.1"].update(agreed="developing", agreed_reason="Strong ITT evidence.")
    assert "14 Emerging, 15 Developing" in email_text(doc, audit_script).as_text()
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
    text = meeting_markdown(doc, audit_script)
    assert "Narrate the positive" in text and "\x1b" not in text
    assert "number: 1, seconds: 45 s" in text and "number: 2, seconds: 1 min 20 s" in text
    assert "abc123" not in text and "Step id" not in text and "Phase" not in text


# ----- a weekly coaching meeting --------------------------------------------------------------


def test_coaching_email_golden(coaching, coaching_script):
    email = email_text(coaching.to_doc(), coaching_script, RECORD)
    assert email.subject == "Our meeting on Tue 24 Nov 2026: Weekly instructional coaching"
    check_golden("coaching-email.txt", email.as_text())
    body = email.body
    assert body.startswith("Dear Sam,\n") and body.endswith("Best wishes,\nAlex\n")
    assert "1. Your action step: Say the pupil's name after the question, not before" in body
    assert "(ITTECF\u00a05d)" in body and "learn-how" not in body


def test_coaching_markdown_golden(coaching, coaching_script):
    check_golden("coaching-meeting.md", meeting_markdown(coaching.to_doc(), coaching_script))


@pytest.mark.parametrize("with_script", [True, False], ids=["script", "no-script"])
def test_coaching_reads_in_words_not_field_names(coaching, coaching_script, with_script):
    text = meeting_markdown(coaching.to_doc(), coaching_script if with_script else None)
    # What the meeting agreed and did, in the summary screen's words.
    assert "Action step: Say the pupil's name after the question, not before" in text
    assert "Success looks like: Every pupil answers at least once" in text
    # The step's statement in words with its code after, where the framework is known.
    tag = "Use the SEND Code of Practice for guidance on supporting pupils with SEND well (ITTECF 5d)"
    assert (tag if with_script else "Builds towards: statement 5d") in text
    assert "Last week's step: Count down from 3 before every transition" in text
    assert "Met" in text and "How we know: In the drop-in all three transitions were silent by 0." in text
    assert "Praise: You waited for silence before giving instructions" in text
    assert "Practice: 4 rounds, 2 rehearsals, " in text
    assert "Drop-in: Thu 19 Nov 2026" in text and "Visit timed: 12 min 30 s (within 10-15 min)" in text
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
    assert "We have not finished this meeting yet" in text and "What we agreed" not in text
    markdown = meeting_markdown(doc, coaching_script)
    # What there is to say about an untouched coaching meeting, in words.
    assert "No action step was open." in markdown and "No new step: last week's carries on." in markdown
    assert "## Agreed focus areas" not in markdown and "## Next meeting" not in markdown


def test_a_lone_coaching_date_says_what_it_is_for(coaching, coaching_script):
    doc = coaching.to_doc()
    next_section = next(s for s in doc["sections"] if s["kind"] == "next")
    del next_section["fields"]["next-coaching"], next_section["dates"]["next-coaching"]
    text = email_text(doc, coaching_script).as_text()
    assert "Next lesson drop-in: Thu 26 Nov 2026, 10:00" in text
    assert "next coaching" not in text


def test_coaching_data_in_an_unexpected_shape_still_gets_out(coaching, coaching_script):
    doc = coaching.to_doc()
    practice = next(s for s in doc["sections"] if s["kind"] == "practice")
    practice["data"]["rounds"] = [{"number": 1, "phase": "model", "seconds": "a minute"}]
    text = meeting_markdown(doc, coaching_script)
    assert "a minute" in text  # shown generically rather than lost
    assert "Action step: Say the pupil's name after the question, not before" in text
