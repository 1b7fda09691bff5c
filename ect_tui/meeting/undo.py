"""Undo and redo for the changes a mentor makes with one key.

A rating, a mentor's view, an agreed rating, a focus choice and finishing the meeting are each
one keystroke, so each can be taken back (ctrl+z) and put again (ctrl+y), as often as wanted,
for as long as the meeting is open. Typed text is not covered: text boxes keep their own undo.

Each change goes through `UndoHistory`, which reads the state before and after, records the
pair with a one-line description ("1.3: Secure -> Developing"), and puts either side back
through the meeting's own methods (so every undo is saved like any other change). The history
lives beside the meeting (`history_of`) and in its document (``Meeting.undo``, the newest
KEPT changes), so ctrl+z still takes back a wrong key after a crash and a resume. The change
and its history entry reach the meeting's change hook together: one save holds both.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ect_tui.meeting.records import MENTOR_VIEWS

if TYPE_CHECKING:
    from ect_tui.meeting.transcript import Meeting

LIMIT = 500  # far more than one meeting's keystrokes; the oldest go first
KEPT = 200  # of those, kept in the meeting's document
KINDS = ("rating", "focus", "status")
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
        stored = meeting.undo if isinstance(meeting.undo, dict) else {}
        self.done: list[Change] = [c for c in _changes(stored.get("done")) if self._fits(c)]
        self.undone: list[Change] = [c for c in _changes(stored.get("undone")) if self._fits(c)]

    # ----- changes -----
    def rate(self, section_id: str, code: str, level: str | None) -> Change | None:
        """The ECT's rating (None clears it); see `Meeting.rate`."""
        with self._one_save():
            before = self._marks(section_id, code)
            self.meeting.rate(section_id, code, level)
            return self._rating_change(section_id, code, before)

    def set_view(self, section_id: str, code: str, view: str | None) -> Change | None:
        """The mentor's view; raises `ViewRefused` (nothing recorded) when it makes no sense."""
        with self._one_save():
            before = self._marks(section_id, code)
            self.meeting.set_mentor_view(section_id, code, view)
            return self._rating_change(section_id, code, before)

    def settle(self, section_id: str, code: str, level: str | None) -> Change | None:
        """The rating agreed together; see `Meeting.settle`."""
        with self._one_save():
            before = self._marks(section_id, code)
            self.meeting.settle(section_id, code, level)
            return self._rating_change(section_id, code, before)

    def set_focus(self, section_id: str, code: str, chosen: bool) -> Change | None:
        with self._one_save():
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
        with self._one_save():
            self.meeting.finish()
            return self._push(Change("status", None, None, False, True, "meeting finished"))

    def reopen(self) -> Change | None:
        if not self.meeting.finished:
            return None
        with self._one_save():
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
        with self._one_save():
            change = self.done.pop()
            self._put(change, change.before)
            self.undone.append(change)
            return change

    def redo(self) -> Change | None:
        """Put the last undone change's 'after' back; returns it (None when there is nothing to redo)."""
        if not self.undone:
            return None
        with self._one_save():
            change = self.undone.pop()
            self._put(change, change.after)
            self.done.append(change)
            return change

    # ----- inside -----
    @contextmanager
    def _one_save(self) -> Iterator[None]:
        """The meeting's change hook waits until the history is written into the meeting too,
        then fires once: the save that holds a change also holds its undo entry."""
        meeting = self.meeting
        hook: Callable[[], None] | None = meeting.on_change
        revision = meeting.revision
        meeting.on_change = None
        try:
            yield
        finally:
            meeting.on_change = hook
            if meeting.revision != revision:
                meeting.undo = {
                    "done": [_stored(c) for c in self.done[-KEPT:]],
                    "undone": [_stored(c) for c in self.undone[-KEPT:]],
                }
                if hook is not None:
                    hook()

    def _fits(self, change: Change) -> bool:
        """A stored change this meeting can put back: its section, statement and levels exist."""
        if change.kind == "status":
            return True
        try:
            record = self.meeting.record(change.section_id or "")
        except KeyError:
            return False
        if change.kind == "focus":
            return True
        section = record.section
        levels = {level.key for level in section.levels} | {None}
        codes = {statement.code for statement in section.statements}
        sides = [s for s in (change.before, change.after) if isinstance(s, Marks)]
        return change.code in codes and all(
            s.level in levels and s.agreed in levels and (s.view is None or s.view in MENTOR_VIEWS)
            for s in sides
        )

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


def _stored(change: Change) -> dict[str, Any]:
    """A change as the meeting document keeps it (store/schema.py, UndoChange)."""

    def side(state: object) -> object:
        if isinstance(state, Marks):
            return {"level": state.level, "view": state.view, "agreed": state.agreed}
        return state

    return {
        "kind": change.kind,
        "description": change.description,
        "section_id": change.section_id,
        "code": change.code,
        "before": side(change.before),
        "after": side(change.after),
    }


def _changes(rows: object) -> list[Change]:
    """Changes read back from a meeting document; one that does not make sense is left out
    (the document is the user's file: a bad entry must never stop a meeting opening)."""
    changes: list[Change] = []
    for row in rows if isinstance(rows, list) else []:
        change = _change(row)
        if change is not None:
            changes.append(change)
    return changes[-LIMIT:]


def _change(row: object) -> Change | None:
    if not isinstance(row, dict) or row.get("kind") not in KINDS:
        return None
    kind, section_id, code = row["kind"], row.get("section_id"), row.get("code")
    description = row.get("description")
    if not isinstance(description, str):
        return None
    if kind == "status":
        before, after = row.get("before"), row.get("after")
        if not isinstance(before, bool) or not isinstance(after, bool):
            return None
        return Change("status", None, None, before, after, description)
    if not isinstance(section_id, str) or not isinstance(code, str):
        return None
    if kind == "focus":
        lists = [row.get("before"), row.get("after")]
        if not all(isinstance(s, list) and all(isinstance(c, str) for c in s) for s in lists):
            return None
        return Change("focus", section_id, code, list(lists[0] or []), list(lists[1] or []), description)
    sides = [_marks_from(row.get("before")), _marks_from(row.get("after"))]
    if sides[0] is None or sides[1] is None:
        return None
    return Change("rating", section_id, code, sides[0], sides[1], description)


def _marks_from(value: object) -> Marks | None:
    if not isinstance(value, dict):
        return None
    parts = [value.get("level"), value.get("view"), value.get("agreed")]
    if not all(part is None or isinstance(part, str) for part in parts):
        return None
    return Marks(*parts)


_HISTORIES: weakref.WeakKeyDictionary[Meeting, UndoHistory] = weakref.WeakKeyDictionary()


def history_of(meeting: Meeting) -> UndoHistory:
    """The undo history of this meeting object (one per open meeting, made on first use)."""
    history = _HISTORIES.get(meeting)
    if history is None:
        history = _HISTORIES[meeting] = UndoHistory(meeting)
    return history
