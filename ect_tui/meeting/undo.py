"""Undo and redo for the changes a mentor makes with one key.

A rating, a mentor's view, an agreed rating, a focus choice and finishing the meeting are each
one keystroke, so each can be taken back (ctrl+z) and put again (ctrl+y), as often as wanted,
for as long as the meeting is open. Typed text is not covered: text boxes keep their own undo.

Each change goes through `UndoHistory`, which reads the state before and after, records the
pair with a one-line description ("1.3: Secure -> Developing"), and puts either side back
through the meeting's own methods (so every undo is saved like any other change). The history
lives in memory beside the meeting (`history_of`); it starts empty when a meeting is resumed.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ect_tui.meeting.records import MENTOR_VIEWS

if TYPE_CHECKING:
    from ect_tui.meeting.transcript import Meeting

LIMIT = 500  # far more than one meeting's keystrokes; the oldest go first
Kind = Literal["rating", "focus", "status"]


@dataclass(frozen=True)
class Marks:
    """What a key can change on one statement (the reason is typed, so not here)."""

    level: str | None
    view: str | None
    agreed: str | None


@dataclass(frozen=True)
class Change:
    """One change as recorded: enough to put either side back, and to say what it was."""

    kind: Kind
    section_id: str | None  # None for the meeting's status
    code: str | None  # the statement, for ratings and focus choices
    before: object
    after: object
    description: str  # e.g. "1.3: Secure -> Developing"


class UndoHistory:
    """The changes made with keys in one meeting, newest last, and those undone (for redo)."""

    def __init__(self, meeting: Meeting):
        self.meeting = meeting
        self.done: list[Change] = []
        self.undone: list[Change] = []

    # ----- changes -----
    def rate(self, section_id: str, code: str, level: str | None) -> Change | None:
        """The ECT's rating (None clears it); see `Meeting.rate`."""
        before = self._marks(section_id, code)
        self.meeting.rate(section_id, code, level)
        return self._rating_change(section_id, code, before)

    def set_view(self, section_id: str, code: str, view: str | None) -> Change | None:
        """The mentor's view; raises `ViewRefused` (nothing recorded) when it makes no sense."""
        before = self._marks(section_id, code)
        self.meeting.set_mentor_view(section_id, code, view)
        return self._rating_change(section_id, code, before)

    def settle(self, section_id: str, code: str, level: str | None) -> Change | None:
        """The rating agreed together; see `Meeting.settle`."""
        before = self._marks(section_id, code)
        self.meeting.settle(section_id, code, level)
        return self._rating_change(section_id, code, before)

    def set_focus(self, section_id: str, code: str, chosen: bool) -> Change | None:
        before = list(self.meeting.record(section_id).focus)
        self.meeting.set_focus(section_id, code, chosen)
        after = list(self.meeting.record(section_id).focus)
        if before == after:
            return None
        text = f"focus area {code} {'chosen' if chosen else 'dropped'}"
        return self._push(Change("focus", section_id, code, before, after, text))

    def finish(self) -> Change | None:
        if self.meeting.finished:
            return None
        self.meeting.finish()
        return self._push(Change("status", None, None, False, True, "meeting finished"))

    def reopen(self) -> Change | None:
        if not self.meeting.finished:
            return None
        self.meeting.reopen()
        return self._push(Change("status", None, None, True, False, "meeting reopened"))

    # ----- taking back and putting again -----
    @property
    def can_undo(self) -> bool:
        return bool(self.done)

    @property
    def can_redo(self) -> bool:
        return bool(self.undone)

    def undo(self) -> Change | None:
        """Put the newest change's 'before' back; returns it (None when there is nothing to undo)."""
        if not self.done:
            return None
        change = self.done.pop()
        self._put(change, change.before)
        self.undone.append(change)
        return change

    def redo(self) -> Change | None:
        """Put the last undone change's 'after' back; returns it (None when there is nothing to redo)."""
        if not self.undone:
            return None
        change = self.undone.pop()
        self._put(change, change.after)
        self.done.append(change)
        return change

    # ----- inside -----
    def _marks(self, section_id: str, code: str) -> Marks:
        rating = self.meeting.record(section_id).rating(code)
        return Marks(rating.level, rating.mentor_view, rating.agreed)

    def _rating_change(self, section_id: str, code: str, before: Marks) -> Change | None:
        after = self._marks(section_id, code)
        if before == after:
            return None
        text = describe_marks(self.meeting, section_id, code, before, after)
        return self._push(Change("rating", section_id, code, before, after, text))

    def _push(self, change: Change) -> Change:
        self.done.append(change)
        del self.done[:-LIMIT]
        self.undone.clear()  # a new change ends the redo trail, as in any editor
        return change

    def _put(self, change: Change, state: object) -> None:
        meeting = self.meeting
        if change.kind == "rating":
            assert isinstance(state, Marks) and change.section_id and change.code
            meeting.put_marks(change.section_id, change.code, state.level, state.view, state.agreed)
        elif change.kind == "focus":
            assert isinstance(state, list) and change.section_id
            meeting.put_focus(change.section_id, state)
        elif state:
            meeting.finish()
        else:
            meeting.reopen()


def describe_marks(meeting: Meeting, section_id: str, code: str, before: Marks, after: Marks) -> str:
    """One line saying what changed on a statement, e.g. ``1.3: Secure -> Developing``."""
    section = meeting.record(section_id).section

    def level(key: str | None, empty: str) -> str:
        if key is None:
            return empty
        try:
            return section.level(key).label
        except KeyError:  # a scale from an older version of the script
            return key

    def view(key: str | None) -> str:
        return MENTOR_VIEWS.get(key or "", "no view") if key else "no view"

    parts = []
    if before.level != after.level:
        parts.append(f"{level(before.level, 'not rated')} -> {level(after.level, 'not rated')}")
    if before.view != after.view:
        parts.append(f"your view {view(before.view)} -> {view(after.view)}")
    if before.agreed != after.agreed:
        parts.append(f"agreed {level(before.agreed, 'none')} -> {level(after.agreed, 'none')}")
    return f"{code}: " + ", ".join(parts)


_HISTORIES: weakref.WeakKeyDictionary[Meeting, UndoHistory] = weakref.WeakKeyDictionary()


def history_of(meeting: Meeting) -> UndoHistory:
    """The undo history of this meeting object (one per open meeting, made on first use)."""
    history = _HISTORIES.get(meeting)
    if history is None:
        history = _HISTORIES[meeting] = UndoHistory(meeting)
    return history
