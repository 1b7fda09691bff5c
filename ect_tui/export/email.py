"""The meeting as plain-text email: what the mentor pastes into a message to the ECT.

Plain text wrapped at 72 columns reads the same in every mail client and in a
terminal. Order follows what the reader needs first: who and when, what was
agreed, then the ratings, then the notes section by section.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ect_tui.export.text import wrap
from ect_tui.export.view import meeting_view
from ect_tui.export.view_model import (
    DEVELOPMENTAL,
    NEXT_KINDS,
    PREPARED,
    MeetingView,
    SectionNotes,
    StatementRef,
)
from ect_tui.script.model import Script

NOTE_INDENT = "    "


@dataclass(frozen=True)
class Email:
    subject: str
    body: str

    def as_text(self) -> str:
        """Subject line, a blank line, then the body: what goes to the clipboard and file."""
        return f"Subject: {self.subject}\n\n{self.body}"


def email_text(doc: dict[str, Any], script: Script | None) -> Email:
    """The email for a stored meeting; ``script`` may be None if this machine no longer has it."""
    return render_email(meeting_view(doc, script))


def render_email(view: MeetingView) -> Email:
    out: list[str] = []
    out += wrap(f"Date: {view.when} (took {view.time_line})")
    out += wrap(f"Who: {view.ect} (ECT) and {view.mentor} (mentor)")
    if view.prepared:
        out += wrap(f"{PREPARED}: {view.prepared}", "  ", first="")
    if not view.complete:
        out.append("Status: in progress, not finished yet")
    out.append("")
    out += wrap(DEVELOPMENTAL)
    out += _coaching_agreed(view) if view.coaching else _audit_agreed(view)

    if view.ratings is not None:
        out += _heading("RATINGS")
        out += wrap(view.ratings.sentence())
        if view.ratings.emerging:
            out.append("Emerging:")
            out += _statements(view.ratings.emerging)

    out += _heading("NOTES BY SECTION")
    for section in view.sections:
        if section.empty and (view.coaching or section.kind in NEXT_KINDS):
            continue  # its items are already shown above, or (coaching) nothing happened in it
        out += _section(section)
    body = "\n".join(out).rstrip("\n") + "\n"
    return Email(view.subject, body)


def _audit_agreed(view: MeetingView) -> list[str]:
    """A module meeting's agreements: focus areas, next steps and the next meeting, each said even when empty."""
    out = _heading("AGREED FOCUS AREAS")
    out += _statements(view.focus) if view.focus else ["None agreed yet."]

    out += _heading("NEXT STEPS")
    for line in view.next_steps:
        out += wrap(line.label, "  ", first="- ")
        out += wrap(line.text, "  ")
    if not view.next_steps:
        out.append("None recorded.")

    out += _heading("NEXT MEETING" if len(view.next_dates) < 2 else "NEXT DATES")
    if len(view.next_dates) == 1:
        out += wrap(view.next_dates[0].text)
    for line in view.next_dates if len(view.next_dates) > 1 else ():
        out += wrap(line.label, "  ", first="- ")
        out += wrap(line.text, "  ")
    if not view.next_dates:
        out.append("Not set yet.")
    return out


def _coaching_agreed(view: MeetingView) -> list[str]:
    """A coaching meeting's agreements: the one action step, then the dates; no heading with nothing under it."""
    out: list[str] = []
    if view.agreed:
        out += _heading("ACTION STEP")
        out += _summary(view.agreed)
    if view.focus:
        out += _heading("AGREED FOCUS AREAS")
        out += _statements(view.focus)
    if view.next_steps:
        out += _heading("NEXT STEPS")
        for line in view.next_steps:
            out += wrap(line.label, "  ", first="- ")
            out += wrap(line.text, "  ")
    if view.next_dates:
        # Always labelled: a lone date could be the drop-in or the meeting.
        out += _heading("NEXT DATES")
        for line in view.next_dates:
            out += wrap(line.label, "  ", first="- ")
            out += wrap(line.text, "  ")
    return out


def _summary(lines: tuple[str, ...]) -> list[str]:
    """Coaching summary lines, wrapped; a line's own leading spaces say it belongs to the one above."""
    out: list[str] = []
    for line in lines:
        body = line.lstrip(" ")
        lead = line[: len(line) - len(body)]
        out += wrap(body, lead + "  ", first=lead)
    return out


def _heading(title: str) -> list[str]:
    return ["", title]


def _statements(refs: tuple[StatementRef, ...]) -> list[str]:
    lines: list[str] = []
    for ref in refs:
        lines += wrap(f"{ref.code} {ref.text}".rstrip(), "  ", first="- ")
    return lines


def _section(section: SectionNotes) -> list[str]:
    took = f" ({section.took})" if section.took else ""
    title = f"{section.title}{took}"
    lines = ["", title, "-" * min(len(title), 72)]
    lines += _summary(section.summary)  # what happened first (a coaching section), then the notes
    for index, note in enumerate(section.notes):
        lines += [""] * (index > 0 or bool(section.summary)) + wrap(note.label)
        lines += wrap(note.text, NOTE_INDENT)
    for rated in section.ratings:
        level = rated.verdict
        about = f": {rated.text}" if rated.text else ""
        lines += wrap(f"{rated.code} {level}{about}", "  ", first="- ")
        if rated.reason:
            lines += wrap(f"Why: {rated.reason}", NOTE_INDENT)
        if rated.agreed_reason:
            lines += wrap(f"Agreed: {rated.agreed_reason}", NOTE_INDENT)
    if section.focus:
        lines.append("Focus areas:")
        lines += _statements(section.focus)
    for field in section.fields:
        lines += [""] * (len(lines) > 3) + wrap(field.label)
        lines += wrap(field.text, NOTE_INDENT)
    if section.empty:
        lines.append("(no notes)")
    return lines
