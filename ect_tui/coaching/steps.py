"""Action steps: one bite-sized step at a time, open until it is marked met.

Source of truth: the meeting documents, not a table of their own. A step is set
in a coaching meeting's action-step section and reviewed in a later meeting's
last-step section; the history of every step is replayed from those documents.
That way a bundle imported from another mentor (which carries meetings, not
tables) brings its steps with it, and there is no second copy to drift out of
step with the meetings.

Stored shapes (``SectionRecord.data``):

- action-step: ``{"step": {"id", "text", "success", "code", "reference"}, "replaces": id | None}``
- last-step: ``{"step": {...the open step, copied when the meeting started...},
  "step_id": id | None, "status": "met" | "partly" | "not-yet" | None, "evidence": text}``

Lifecycle, replayed oldest meeting first:

- a step is *set* by the action-step section of the meeting it appears in;
- each later last-step section naming it adds a *review* (met, partly, not yet);
  "met" closes it, on that meeting's date;
- a new step that ``replaces`` an open one closes that one as *replaced*;
- only one step is ever open: if an imported record sets a new step while an
  older one is still open, the older one is closed as replaced too.

In the meeting the rule is enforced up front (``new_step_refusal``): a new step is
not recorded while last week's is open, unless the mentor marks it met or
chooses to replace it.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ect_tui.coaching import is_coaching_doc
from ect_tui.meeting.stored import stored_part, stored_sections

if TYPE_CHECKING:
    from ect_tui.meeting.transcript import Meeting, SectionRecord

STATUSES: dict[str, str] = {"met": "Met", "partly": "Partly", "not-yet": "Not yet"}
OPEN, MET, REPLACED = "open", "met", "replaced"
BITE_SIZED_WORDS = 30


# ----- ECF codes --------------------------------------------------------------------------------


@dataclass(frozen=True)
class EcfCode:
    """An Early Career Framework statement code, e.g. ``7h`` (learn how to) or ``7.2`` (learn that)."""

    standard: int
    code: str

    @property
    def strand(self) -> str:
        return "learn-that" if "." in self.code else "learn-how"

    @property
    def reference(self) -> str:
        """The reference used in the scripts, e.g. ``S7 learn-how 7h``."""
        return f"S{self.standard} {self.strand} {self.code}"


_CODE = re.compile(r"([1-8])(?:\.(\d{1,2})|([a-z]))")
_STANDARD = re.compile(r"s(?:tandard)?([1-8])?")
_STRAND_WORDS = {"learn", "that", "how", "to", "learn-that", "learn-how", "standard"}
CODE_EXAMPLE = "e.g. 7h (learn how to) or 7.2 (learn that)"


def parse_ecf_code(text: str) -> EcfCode:
    """Read ``7h``, ``S7 7h``, ``S7 learn-how 7h`` or ``7.2``; ValueError with one sentence otherwise."""
    cleaned = text.strip().lower().replace(",", " ").replace("ittecf", " ").replace("ecf", " ")
    tokens = cleaned.split()
    if not tokens:
        raise ValueError(
            f"Tag the step with the statement code it builds towards (ITTECF or ECF), {CODE_EXAMPLE}."
        )
    match = _CODE.fullmatch(tokens[-1])
    if match is None:
        raise ValueError(f"'{text.strip()}' is not a statement code; {CODE_EXAMPLE}.")
    standard = int(match[1])
    code = f"{standard}.{int(match[2])}" if match[2] else f"{standard}{match[3]}"
    for token in tokens[:-1]:
        named = _STANDARD.fullmatch(token)
        if named is not None:
            if named[1] and int(named[1]) != standard:
                raise ValueError(
                    f"'{text.strip()}' names Standard {named[1]} but the code {code} is Standard {standard}."
                )
            continue
        if token in _STRAND_WORDS or (token.isdigit() and int(token) == standard):
            continue
        raise ValueError(f"'{text.strip()}' is not a statement code; {CODE_EXAMPLE}.")
    strand_words = " ".join(tokens[:-1])
    parsed = EcfCode(standard, code)
    if "that" in strand_words and parsed.strand != "learn-that":
        raise ValueError(
            f"{code} is a 'learn how to' code; 'learn that' codes have a dot, e.g. {standard}.2."
        )
    if "how" in strand_words and parsed.strand != "learn-how":
        raise ValueError(
            f"{code} is a 'learn that' code; 'learn how to' codes have a letter, e.g. {standard}h."
        )
    return parsed


# ----- the step being set in this meeting ----------------------------------------------------------


@dataclass(frozen=True)
class StepCheck:
    """What the action-step screen should say about what has been typed."""

    recorded: bool
    errors: tuple[str, ...] = ()  # stop the step being complete (or recorded, when refused)
    hints: tuple[str, ...] = ()  # worth a second look, never blocking
    reference: str = ""


def check_step_text(text: str) -> list[str]:
    """Problems with the wording of a step: one step, bite-sized."""
    problems = []
    if re.search(r"(^|\s)2[.)]\s|;|\n", text):
        problems.append("One action step at a time: keep the second one for a later week.")
    words = len(text.split())
    if words > BITE_SIZED_WORDS:
        problems.append(
            f"A bite-sized step fits in one short sentence; this one is {words} words. Can it be smaller?"
        )
    return problems


def section_of_kind(meeting: Meeting, kind: str) -> SectionRecord | None:
    """The meeting's first section of ``kind`` (a coaching script has one of each)."""
    return next((r for r in meeting.sections if r.section.kind == kind), None)


def carried_step(meeting: Meeting) -> dict[str, Any] | None:
    """The open step this meeting started from (copied into its last-step section), if any."""
    record = section_of_kind(meeting, "last-step")
    step = record.data.get("step") if record is not None else None
    return step if isinstance(step, dict) and step.get("id") else None


def new_step_refusal(meeting: Meeting) -> str | None:
    """Why a new step cannot be recorded yet, or None if it can."""
    carried = carried_step(meeting)
    if carried is None:
        return None
    last = section_of_kind(meeting, "last-step")
    action = section_of_kind(meeting, "action-step")
    if last is not None and last.data.get("status") == "met":
        return None
    if action is not None and action.data.get("replaces") == carried["id"]:
        return None
    status = STATUSES.get(last.data.get("status") or "", "") if last is not None else ""
    state = f"marked {status.lower()}" if status else "not reviewed yet"
    return (
        f"Last week's step is still open ({state}). One action step at a time: go back to the first "
        "section and mark it met, or press F2 to replace it with this new one. "
        "Leave these boxes empty to carry it on for another week."
    )


def update_new_step(meeting: Meeting, text: str, success: str, code_text: str) -> StepCheck:
    """Record this meeting's step as typed, unless refused; say what is missing or worth a look."""
    action = section_of_kind(meeting, "action-step")
    if action is None:
        return StepCheck(False)
    text, success, code_text = text.strip(), success.strip(), code_text.strip()
    if not (text or success or code_text):
        meeting.set_data(action.id, "step", None)
        return StepCheck(False)
    refusal = new_step_refusal(meeting)
    if refusal is not None:
        meeting.set_data(action.id, "step", None)
        return StepCheck(False, (refusal,))
    errors: list[str] = []
    reference = ""
    code = code_text
    try:
        parsed = parse_ecf_code(code_text)
    except ValueError as exc:
        errors.append(str(exc))
    else:
        code, reference = parsed.code, parsed.reference
    if not text:
        errors.insert(0, "Write the step itself: one thing the ECT will do in their next lessons.")
    if not success:
        errors.append("Say what success looks like, so you both know when it is met.")
    hints = tuple(check_step_text(text))
    previous = stored_part(action.data, "step")
    step = {
        "id": previous.get("id") or uuid.uuid4().hex[:12],
        "text": text,
        "success": success,
        "code": code,
        "reference": reference,
    }
    meeting.set_data(action.id, "step", step)
    return StepCheck(True, tuple(errors), hints, reference)


def set_replacing(meeting: Meeting, replace: bool) -> bool:
    """Choose (or stop choosing) to replace the carried step with a new one; False if there is none."""
    carried = carried_step(meeting)
    action = section_of_kind(meeting, "action-step")
    if carried is None or action is None:
        return False
    meeting.set_data(action.id, "replaces", carried["id"] if replace else None)
    return True


def replacing(meeting: Meeting) -> bool:
    carried = carried_step(meeting)
    action = section_of_kind(meeting, "action-step")
    return bool(carried and action and action.data.get("replaces") == carried["id"])


def set_review(meeting: Meeting, status: str | None) -> str:
    """Record met / partly / not yet for the carried step; returns one sentence to show beside it."""
    if status is not None and status not in STATUSES:
        raise KeyError(status)
    last = section_of_kind(meeting, "last-step")
    carried = carried_step(meeting)
    if last is None or carried is None:
        return ""
    meeting.set_data(last.id, "step_id", carried["id"])
    meeting.set_data(last.id, "status", status)
    action = section_of_kind(meeting, "action-step")
    has_new = action is not None and isinstance(action.data.get("step"), dict)
    if status == "met":
        return "Met: this step is closed. Set the next one in the action-step section."
    if has_new and not replacing(meeting):
        # A new step is already recorded in this meeting: it replaces this one rather than sit beside it.
        set_replacing(meeting, True)
        return "Still open, but this meeting already sets a new step, so that one replaces it."
    if status is None:
        return ""
    return f"{STATUSES[status]}: the step stays open. Carry it on, or replace it in the action-step section."


def review_message(meeting: Meeting) -> str:
    """What the last-step screen says about the status already recorded (e.g. after a resume)."""
    last = section_of_kind(meeting, "last-step")
    status = last.data.get("status") if last is not None else None
    if status == "met":
        return "Met: this step is closed. Set the next one in the action-step section."
    if status in STATUSES:
        if replacing(meeting):
            return f"{STATUSES[status]}: the new step set in this meeting replaces it."
        return (
            f"{STATUSES[status]}: the step stays open. Carry it on, or replace it in the action-step section."
        )
    return ""


# ----- history replayed from meeting documents -------------------------------------------------------


@dataclass(frozen=True)
class Review:
    """A later meeting's verdict on a step."""

    meeting_id: str
    on: date
    status: str


@dataclass
class ActionStep:
    """One step and what happened to it. ``text``/``success`` are for the mentor's screens only."""

    id: str
    text: str
    success: str
    code: str
    reference: str
    set_on: date
    meeting_id: str
    mentor: str
    reviews: list[Review] = field(default_factory=list)
    outcome: str = OPEN
    closed_on: date | None = None

    @property
    def open(self) -> bool:
        return self.outcome == OPEN

    def days_open(self, today: date) -> int:
        return max(0, ((self.closed_on or today) - self.set_on).days)

    def seed(self) -> dict[str, Any]:
        """The copy carried into the next meeting's last-step section."""
        return {
            "id": self.id,
            "text": self.text,
            "success": self.success,
            "code": self.code,
            "reference": self.reference,
            "set_on": self.set_on.isoformat(),
            "mentor": self.mentor,
            "meeting_id": self.meeting_id,
            "reviews": [{"on": r.on.isoformat(), "status": r.status} for r in self.reviews],
        }


def doc_day(doc: dict[str, Any]) -> date | None:
    """The local date a stored meeting started on, or None if unreadable."""
    started = doc.get("started")
    if not isinstance(started, str):
        return None
    try:
        return datetime.fromisoformat(started).date()
    except ValueError:
        return None


def _sections(doc: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [s for s in stored_sections(doc, kind) if isinstance(s.get("data"), dict)]


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def step_history(
    docs: Iterable[dict[str, Any]], *, exclude: str | None = None, until: date | None = None
) -> list[ActionStep]:
    """Every step set in these meetings (one ECT's), oldest first, with its reviews and outcome.

    ``exclude`` leaves out one meeting (the one just starting); ``until`` ignores meetings after that day.
    """
    dated = []
    for doc in docs:
        day = doc_day(doc)
        if day is None or doc.get("id") == exclude or not is_coaching_doc(doc):
            continue
        if until is not None and day > until:
            continue
        dated.append((doc.get("started", ""), str(doc.get("id", "")), day, doc))
    dated.sort(key=lambda item: (item[0], item[1]))
    steps: list[ActionStep] = []
    by_id: dict[str, ActionStep] = {}
    for _started, meeting_id, day, doc in dated:
        for section in _sections(doc, "last-step"):
            data = section["data"]
            step = by_id.get(_text(data.get("step_id")))
            status = data.get("status")
            if step is None or status not in STATUSES:
                continue
            step.reviews.append(Review(meeting_id, day, status))
            if status == MET and step.open:
                step.outcome, step.closed_on = MET, day
        for section in _sections(doc, "action-step"):
            data = section["data"]
            raw = data.get("step")
            if not isinstance(raw, dict) or not _text(raw.get("text")) or not _text(raw.get("id")):
                continue
            if _text(raw.get("id")) in by_id:
                continue  # the same step stored twice (e.g. a copied meeting): the first one counts
            for older in steps:
                if older.open:  # explicitly replaced, or superseded by a record made elsewhere
                    older.outcome, older.closed_on = REPLACED, day
            new = ActionStep(
                id=_text(raw.get("id")),
                text=_text(raw.get("text")),
                success=_text(raw.get("success")),
                code=_text(raw.get("code")),
                reference=_text(raw.get("reference")),
                set_on=day,
                meeting_id=meeting_id,
                mentor=_text(doc.get("mentor")),
            )
            steps.append(new)
            by_id[new.id] = new
    return steps


def open_step(steps: Iterable[ActionStep]) -> ActionStep | None:
    """The one open step (the newest, should an old record hold more)."""
    found = [s for s in steps if s.open]
    return found[-1] if found else None


def seed_meeting(meeting: Meeting, docs: Iterable[dict[str, Any]]) -> ActionStep | None:
    """Start a coaching meeting from the ECT's open step: copy it into the last-step section."""
    last = section_of_kind(meeting, "last-step")
    if last is None:
        return None
    step = open_step(step_history(docs, exclude=meeting.id, until=meeting.started.date()))
    meeting.set_data(last.id, "step", step.seed() if step else None)
    meeting.set_data(last.id, "step_id", step.id if step else None)
    return step
