"""The small store tables this feature owns: the study log, per-ECT rhythm, and term dates.

- ``study``: one row per sitting ``{"ect", "date", "minutes", "topic"}``;
- ``ect_settings``: one row per ECT ``{"ect", "year", "every_weeks"}`` (either may be None);
- the setting ``coaching_terms``: the school's own term dates, if set.

ECT names match case-insensitively and keep the spelling first stored, so
"sam jones" in a study entry joins Sam Jones's meetings.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ect_tui.coaching.study import StudyEntry
from ect_tui.coaching.term_dates import TermDates, term_dates_in_force
from ect_tui.coaching.terms import Calendar, Term, terms_to_rows
from ect_tui.store.index import sorted_names

if TYPE_CHECKING:
    from ect_tui.store.protocol import MeetingStore

STUDY_TABLE = "study"
ECT_SETTINGS_TABLE = "ect_settings"
TERMS_SETTING = "coaching_terms"


def name_key(name: str) -> str:
    """One ECT however the name was typed: case and spacing aside ("sam  jones" is "Sam Jones")."""
    return " ".join(name.split()).casefold()


def study_entries(store: MeetingStore, ect: str | None = None) -> list[StudyEntry]:
    """Study entries, oldest first (all ECTs, or one by name)."""
    days: dict[str, date] = {}
    entries = [StudyEntry.from_row(row, days) for row in store.table_rows(STUDY_TABLE)]
    found = [e for e in entries if e is not None and (ect is None or name_key(e.ect) == name_key(ect))]
    return sorted(found, key=lambda e: e.day)


def add_study(store: MeetingStore, entry: StudyEntry) -> None:
    store.table(STUDY_TABLE).insert(entry.to_row())


def ect_settings(store: MeetingStore) -> dict[str, dict[str, Any]]:
    """Each ECT's rhythm settings, keyed by the name folded to lower case."""
    found: dict[str, dict[str, Any]] = {}
    for row in store.table(ECT_SETTINGS_TABLE).all():
        name = row.get("ect")
        if isinstance(name, str) and name.strip():
            found[name_key(name)] = dict(row)
    return found


def set_ect_setting(store: MeetingStore, ect: str, **values: int | None) -> dict[str, Any]:
    """Set ``year`` and/or ``every_weeks`` for one ECT (None clears); returns the stored row."""
    table = store.table(ECT_SETTINGS_TABLE)
    for row in table.all():
        if isinstance(row.get("ect"), str) and name_key(row["ect"]) == name_key(ect):
            updated: dict[str, Any] = {**dict(row), **values}
            table.update(values, doc_ids=[row.doc_id])
            return updated
    new: dict[str, Any] = {"ect": ect, "year": None, "every_weeks": None, **values}
    table.insert(new)
    return new


def known_ects(store: MeetingStore) -> list[str]:
    """Everyone with a meeting, a study entry or a rhythm setting, one spelling each, sorted."""
    names: dict[str, str] = {}
    for name in store.ects():
        names.setdefault(name_key(name), name)
    for row in store.table_rows(STUDY_TABLE):  # in the order logged: the first spelling wins
        entry = StudyEntry.from_row(row)
        if entry is not None:
            names.setdefault(name_key(entry.ect), " ".join(entry.ect.split()))
    for setting in ect_settings(store).values():
        names.setdefault(name_key(setting["ect"]), setting["ect"])
    return sorted_names(names.values())


def match_ect(store: MeetingStore, name: str) -> str | None:
    """The stored spelling of ``name`` (ignoring case and extra spaces), or None if nobody matches."""
    return next((known for known in known_ects(store) if name_key(known) == name_key(name)), None)


def term_dates(store: MeetingStore, school_file: Path | None = None) -> tuple[TermDates, str]:
    """The term dates in force (the school's file, else those set with rhythm --terms, else the
    bundled ones) and a problem with the school's file to show, "" if none."""
    return term_dates_in_force(school_file, store.get_setting(TERMS_SETTING))


def calendar(store: MeetingStore, school_file: Path | None = None) -> Calendar:
    """The calendar of the term dates in force (see ``term_dates``)."""
    return term_dates(store, school_file)[0].calendar


def set_terms(store: MeetingStore, terms: tuple[Term, ...] | None) -> None:
    """Store the school's term dates; None goes back to the defaults."""
    store.set_setting(TERMS_SETTING, terms_to_rows(terms) if terms else None)
