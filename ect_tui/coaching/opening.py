"""What a meeting opens with, read from the ECT's earlier meetings and the store.

Last time's agreed points (the briefing's "carried forward"), the last audit of the same
script (shown beside each statement as it is rated) and the blind views prepared while a
meeting waited unfinished. Kept out of the Textual app so they are unit-tested without a
pilot (ARCHITECTURE.md: the Textual layer gathers input and shows state; the core decides).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from ect_tui.meeting.transcript import IN_PROGRESS, Meeting
from ect_tui.script.model import Script
from ect_tui.store.errors import StoreError

if TYPE_CHECKING:
    from ect_tui.store.protocol import MeetingStore


def earlier_meetings(store: MeetingStore, meeting: Meeting, **filters: str) -> Iterator[dict]:
    """This ECT's finished meetings started before ``meeting``, newest first, each file read
    only when reached; one that cannot be read is skipped (it must not stop a meeting opening).
    One left unfinished is not 'last time': it may still change, or be a mistaken start."""
    for row in store.iter_rows(ect=meeting.ect, **filters):  # newest month first, as far as needed
        if row["id"] == meeting.id or row.get("started", "") > meeting.started.isoformat():
            continue
        if row.get("status") == IN_PROGRESS:
            continue
        try:
            yield store.load_meeting(row["id"])
        except StoreError:
            continue


def carried_forward_from_last(
    store: MeetingStore, scripts: Mapping[str, Script], meeting: Meeting
) -> tuple[str, list[str]] | None:
    """What was agreed at this ECT's last meeting, for the briefing: (its date, the lines)."""
    from ect_tui.meeting.carry import carried_forward

    doc = next(earlier_meetings(store, meeting), None)  # the last one only
    if doc is None:
        return None
    script = scripts.get(doc.get("script", {}).get("id", ""))
    lines = carried_forward(doc, script)
    return ((doc.get("started") or "")[:10], lines) if lines else None


def last_audit_of(store: MeetingStore, meeting: Meeting) -> tuple[str, dict[str, str]] | None:
    """The ECT's previous audit of this meeting's script: its date and the level per statement code."""
    from ect_tui.meeting.progress import last_audit

    if not meeting.script.audit_sections():
        return None
    earlier = earlier_meetings(store, meeting, script_id=meeting.script.id)
    return last_audit(earlier, meeting.script.id)


def join_prepared_views(store: MeetingStore, meeting: Meeting) -> dict | None:
    """Views prepared while this meeting waited unfinished join it where still blind (see
    Meeting.apply_priors). Returns the views left prepared for a later meeting, or None when
    none joined."""
    from ect_tui.store.priors import load_priors

    views = load_priors(store, meeting.ect, meeting.script.id)
    taken: set[str] = set()
    for section in meeting.script.audit_sections():
        taken |= meeting.apply_priors(section.id, views)
    return {code: view for code, view in views.items() if code not in taken} if taken else None


def _same_person(row: Mapping, ect: str) -> bool:
    return (row.get("ect") or "").strip().casefold() == ect.strip().casefold()


def unfinished_like(store: MeetingStore, ect: str, script_id: str) -> dict | None:
    """The newest meeting left unfinished with this ECT (any spelling of case) on this plan."""
    return next(
        (row for row in store.unfinished() if _same_person(row, ect) and row.get("script_id") == script_id),
        None,
    )


def finished_like(store: MeetingStore, ect: str, script_id: str) -> dict | None:
    """The newest finished meeting with this ECT on this plan (asked about before a second audit)."""
    return next(
        (
            dict(row)
            for row in store.iter_rows(script_id=script_id)
            if _same_person(row, ect) and row.get("status") != IN_PROGRESS
        ),
        None,
    )


def plan_after(store: MeetingStore, scripts: Sequence[Script], finished: Script, ect: str) -> str | None:
    """The plan the first screen offers once a meeting is over ("n: next meeting").

    After coaching or a review, the same plan again: it is the weekly rhythm. After an
    audit, not the audit again (a second audit of a standard is rare and asked about) but
    the coaching plan this ECT last met on, else the first plan that is not an audit.
    """
    if not finished.audit_sections():
        return finished.id
    plain = [script.id for script in scripts if not script.audit_sections()]
    for row in store.iter_rows():
        if _same_person(row, ect) and row.get("script_id") in plain:
            return str(row["script_id"])
    return plain[0] if plain else None
