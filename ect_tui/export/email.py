"""The meeting as a short email to the ECT: a letter in the second person, not the record.

An ECT reads a greeting, a sentence on what the meeting was, the three to five things agreed
(focus areas, the action step, reading, the next meeting) and a sign-off; the full record (every
rating, reason and note) is the Markdown file beside it, named in the letter. Plain text wrapped
at 72 columns reads the same in every mail client and in a terminal; an audit's letter stays
within 40 lines (tests/export/test_golden.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ect_tui.export.text import wrap
from ect_tui.export.view import meeting_view
from ect_tui.export.view_model import Line, MeetingView, StatementRef
from ect_tui.script.model import Script

MAX_AGREED = 5

# Short labels for the items of the bundled scripts, said to the ECT; other items keep their own text.
ITEM_LABELS = {
    "further-reading": "Further reading",
    "return-to-audit": "Coming back to the audit",
    "self-study": "Your self-study",
    "next-meeting": "Our next meeting",
    "next-drop-in": "Next lesson drop-in",
    "next-coaching": "Our next coaching meeting",
    "priorities": "Your priorities for next term",
    "focus-statements": "Statements to focus on next term",
    "rhythm": "How often we will meet",
    "next-review": "Our next termly review",
}


@dataclass(frozen=True)
class Email:
    subject: str
    body: str

    def as_text(self) -> str:
        """Subject line, a blank line, then the body: what goes to the clipboard and file."""
        return f"Subject: {self.subject}\n\n{self.body}"


def email_text(doc: dict[str, Any], script: Script | None, record_name: str = "") -> Email:
    """The email for a stored meeting; ``script`` may be None if this machine no longer has it.

    ``record_name`` is the file holding the full record, written beside the email.
    """
    return render_email(meeting_view(doc, script), record_name)


def first_name(name: str) -> str:
    return name.split()[0] if name.split() else ""


def statement_in_words(ref: StatementRef, framework: str) -> str:
    """``Check instructions are understood (ITTECF 7d)``: the words first, the code after."""
    code = f"{framework}\u00a0{ref.code}" if framework else ref.code  # never split across lines
    text = ref.text.strip().rstrip(".")
    return f"{text} ({code})" if text else code


def render_email(view: MeetingView, record_name: str = "") -> Email:
    out: list[str] = [f"Dear {first_name(view.ect) or 'colleague'},", ""]
    out += wrap(_opening(view))
    if not view.complete:
        out += wrap("(We have not finished this meeting yet: these are the notes so far.)")
    agreed = _agreed(view)
    if agreed:
        out += ["", "What we agreed:", ""]
        for number, (label, lines) in enumerate(agreed[:MAX_AGREED], start=1):
            out += wrap(label, "   ", first=f"{number}. ")
            for line in lines:
                out += wrap(line, "     ", first="   - ")
        if len(agreed) > MAX_AGREED:
            rest = len(agreed) - MAX_AGREED
            out += wrap(f"(and {rest} more in the full record)", "   ", first="   ")
    out.append("")
    where = f"in {record_name}, beside this email" if record_name else "in the app's notes"
    what = "with your ratings and reasons" if view.ratings is not None else "with everything we noted"
    out += wrap(f"The full record of our meeting, {what}, is {where}.")
    out += ["", "Best wishes,", first_name(view.mentor) or view.mentor or "Your mentor"]
    body = "\n".join(out).rstrip("\n") + "\n"
    return Email(_subject(view), body)


def _subject(view: MeetingView) -> str:
    return f"Our meeting on {view.date}: {view.title}"


def _opening(view: MeetingView) -> str:
    if view.coaching:
        return "Thank you for our coaching today. Here is what we agreed, so you have it to hand."
    if view.ratings is not None and view.ratings.rated:
        counts = ", ".join(f"{count} {label}" for label, count in view.ratings.counts)
        of = f" of {view.ratings.total}" if view.ratings.total else ""
        framework = f" from the {view.framework_label}" if view.framework_label else ""
        return (
            f"Thank you for our meeting today. You rated {view.ratings.rated}{of} statements{framework}: "
            f"{counts}. That is our starting point, not a judgement: we will come back to it and see "
            "what moves."
        )
    return "Thank you for our meeting today. Here is what we agreed, so you have it to hand."


def _agreed(view: MeetingView) -> list[tuple[str, list[str]]]:
    """The things agreed, each a label and the lines under it, in the order an ECT acts on them."""
    items: list[tuple[str, list[str]]] = []
    step = _action_step(view.agreed)
    if step is not None:
        items.append(step)
    if view.focus:
        items.append(("To focus on first:", [statement_in_words(ref, view.framework) for ref in view.focus]))
    for line in (*view.next_steps, *view.next_dates):
        items.append((_item(line), []))
    return items


def _item(line: Line) -> str:
    label = ITEM_LABELS.get(line.key)
    if label is None:
        return f"{line.label.rstrip('?:.')}: {line.text}"
    return f"{label}: {line.text}"


def _keep_code_whole(text: str) -> str:
    """``... (ITTECF 5d)`` with a no-break space, so the wrap never leaves the code on its own line."""
    head, sep, tail = text.rpartition(" (")
    if not sep or not tail.endswith(")") or " " not in tail:
        return text
    return f"{head} ({tail.replace(' ', chr(0xA0))}"


def _action_step(agreed: tuple[str, ...]) -> tuple[str, list[str]] | None:
    """The action step from the coaching summary lines (coaching.outline): the step, then its details."""
    if not agreed or not agreed[0].startswith("Action step: "):
        return None  # no new step this time ("last week's carries on"): the record says so
    first = agreed[0]
    details = []
    for line in agreed[1:]:
        text = line.strip()
        if text.startswith("Builds towards: "):
            text = "It builds towards: " + _keep_code_whole(text.removeprefix("Builds towards: "))
        if text:
            details.append(text)
    return ("Your action step: " + first.removeprefix("Action step: "), details)
