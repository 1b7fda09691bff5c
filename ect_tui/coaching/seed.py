"""Starting a coaching meeting: find the ECT's open action step in the store and carry it in."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ect_tui.coaching.records import name_key
from ect_tui.coaching.steps import ActionStep, section_of_kind, seed_meeting
from ect_tui.meeting.transcript import Meeting
from ect_tui.store.errors import StoreError

if TYPE_CHECKING:
    from ect_tui.store.protocol import MeetingStore


def ect_docs(store: MeetingStore, ect: str) -> Iterator[dict[str, Any]]:
    """Every stored meeting with this ECT (name matched ignoring case); damaged files are skipped."""
    wanted = name_key(ect)
    for name in store.ects():
        if name_key(name) != wanted:
            continue
        for row in store.list_meetings(ect=name):
            try:
                yield store.load_meeting(row["id"])
            except StoreError:
                continue  # check-db reports it; one bad file must not stop a meeting starting


def seed_from_store(meeting: Meeting, store: MeetingStore) -> ActionStep | None:
    """If the meeting's script has a last-step section, carry in the ECT's open step (if any)."""
    if section_of_kind(meeting, "last-step") is None:
        return None
    return seed_meeting(meeting, ect_docs(store, meeting.ect))
