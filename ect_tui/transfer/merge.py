"""Merging one incoming meeting with the stored copy.

Merge rule on import (``merge_meeting``), per meeting id:
- not stored yet: added;
- the same apart from private notes: the stored copy stays;
- different: the incoming copy wins only if it is certainly a later version (``later``):
  its ``updated`` time is later, believable (not in the future, not before the meeting
  began) and its content's own history agrees (its clocks have not run backwards, it
  has not gone from finished back to unfinished, it does not end earlier). Otherwise
  the stored copy stays. Either way a conflict is reported, since the other copy's
  changes are not imported, and a stored copy that is replaced is first kept in
  ``<db>.meetings/replaced/`` (transfer/importer.py);
- private notes are merged separately, field by field, whichever copy won: a
  missing or empty side takes the other, text already contained in the other is
  dropped as a duplicate, and two different texts are both kept, joined by a
  separator line, with a conflict reported. Importing the same file twice
  changes nothing the second time.
A meeting id that appears twice in one file is merged the same way first.
Table rows are added where no equal row exists; a setting is only added where
this database has none (a differing one is reported and left alone).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from ect_tui.export.private import PRIVATE_KEY, has_path, private_values, set_value, strip_private
from ect_tui.export.text import human_when, one_line
from ect_tui.store.storage import json_copy
from ect_tui.transfer.read import parse_time

_MISSING = object()


@dataclass
class Merged:
    """The result of merging one incoming meeting with what is stored."""

    doc: dict[str, Any]
    outcome: str  # "added", "updated" or "unchanged"
    conflicts: list[str] = field(default_factory=list)


def merge_meeting(
    stored: dict[str, Any] | None,
    incoming: dict[str, Any],
    *,
    source: str = "the bundle",
    here: str = "this database",
) -> Merged:
    """Merge ``incoming`` into ``stored`` by the rule in this module's docstring (pure: no I/O)."""
    if stored is None:
        return Merged(incoming, "added")  # not copied: nothing changes either afterwards
    label = meeting_label(stored)
    conflicts: list[str] = []
    if strip_private(stored) == strip_private(incoming):
        result = json_copy(stored)
    else:
        newer = later(incoming, stored)
        winner, loser = (incoming, stored) if newer else (stored, incoming)
        result = json_copy(winner)
        kept = source if newer else here
        other = here if newer else source
        conflicts.append(
            f"{label}: {here} and {source} hold different versions; kept the copy in {kept} "
            f"(updated {_when(winner)}) and left out the one in {other} (updated {_when(loser)})"
        )
    conflicts += _merge_private(result, stored, incoming, label, source)
    outcome = "unchanged" if result == stored else "updated"
    return Merged(result, outcome, conflicts)


def private_separator(source: str) -> str:
    """The line that joins two different private notes, so the mentor can see where one ends."""
    return f"\n\n----- private notes from the copy in {one_line(source)} (they differed) -----\n\n"


def _merge_private(
    result: dict[str, Any], stored: dict[str, Any], incoming: dict[str, Any], label: str, source: str
) -> list[str]:
    mine, theirs = private_values(stored), private_values(incoming)
    conflicts: list[str] = []
    orphans: list[str] = []
    for path in [*mine, *(p for p in theirs if p not in mine)]:
        kept, other = mine.get(path, _MISSING), theirs.get(path, _MISSING)
        if other is _MISSING or other == kept or _blank(other):
            value = kept
        elif kept is _MISSING or _blank(kept):
            value = other
        elif isinstance(kept, str) and isinstance(other, str):
            if other in kept:
                value = kept
            elif kept in other:
                value = other
            else:
                value = kept + private_separator(source) + other
                conflicts.append(
                    f"{label}: the private notes{_where(path)} differed; both were kept, "
                    "joined by a separator line"
                )
        else:
            value = kept
            conflicts.append(
                f"{label}: the private notes{_where(path)} differed and could not be joined; "
                "kept this database's"
            )
        if value is _MISSING:
            continue
        if has_path(result, path):
            set_value(result, path, value)
        elif isinstance(value, str) and value:
            orphans.append(value)  # its section is gone from the copy kept: never drop private text
    if orphans:
        top = result.get(PRIVATE_KEY) if isinstance(result.get(PRIVATE_KEY), str) else ""
        result[PRIVATE_KEY] = private_separator(source).join(t for t in [top, *orphans] if t)
    return conflicts


def _blank(value: Any) -> bool:
    return value is None or value == ""


def _where(path: tuple[Any, ...]) -> str:
    steps = [s[1] for s in path[:-1] if isinstance(s, tuple)]
    return f" in section {one_line(str(steps[-1]))!r}" if steps else ""


def meeting_label(doc: dict[str, Any]) -> str:
    """E.g. ``Meeting 3f2a1b4c (Sam Jones, Tue 24 Nov 2026)``, cleaned for the terminal."""
    date = human_when(str(doc.get("started") or "")[:10]) or "undated"
    return f"Meeting {str(doc.get('id'))[:8]} ({one_line(str(doc.get('ect') or '?'))}, {date})"


def later(a: dict[str, Any], b: dict[str, Any], *, now: datetime | None = None) -> bool:
    """True only if ``a`` is certainly a later version of the same meeting than ``b``.

    A claimed time alone decides nothing (a bundle can say ``9999-12-31``): the time must
    be believable, and the content's own history must agree with it.
    """
    ta, tb = _claimed(a), _claimed(b)
    if ta is None or tb is None:
        return False
    now = now or datetime.now(UTC)
    started = _aware(parse_time(a.get("started")))
    if ta > now + timedelta(days=1) or (started is not None and ta < started):
        return False  # in the future, or before the meeting began: not believed
    if _elapsed(a) + 1.0 < _elapsed(b):
        return False  # its clocks ran backwards: an older copy with a newer stamp
    if b.get("status") == "complete" and a.get("status") != "complete" and _elapsed(a) <= _elapsed(b):
        return False  # finished here, unfinished there, and no time spent on it since
    ended_a, ended_b = _aware(parse_time(a.get("ended"))), _aware(parse_time(b.get("ended")))
    if ended_a is not None and ended_b is not None and ended_a < ended_b:
        return False
    return ta > tb


def _aware(value: datetime | None) -> datetime | None:
    """Comparable times: one without an offset is taken as UTC."""
    if value is None:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _claimed(doc: dict[str, Any]) -> datetime | None:
    return _aware(parse_time(doc.get("updated") or doc.get("started")))


def _elapsed(doc: dict[str, Any]) -> float:
    """Seconds the meeting's clocks have run, from its sections (they only ever grow)."""
    total = 0.0
    sections = doc.get("sections")
    for section in sections if isinstance(sections, list) else []:
        value = section.get("elapsed_seconds") if isinstance(section, dict) else None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            total += float(value)
    untimed = doc.get("untimed_seconds")
    if isinstance(untimed, (int, float)) and not isinstance(untimed, bool):
        total += float(untimed)
    return total


def _when(doc: dict[str, Any]) -> str:
    return human_when(doc.get("updated")) or "at an unknown time"
