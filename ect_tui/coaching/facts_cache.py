"""Each ECT's summary for the tutor's overview, kept between runs so a report reads one small file.

The overview (report.py) needs, per ECT, what their meetings say (summary.py: coaching
days, the chain of action steps, audits and movement). Working that out from every
meeting file took seconds at a hub's 50,000 meetings, against a fraction of a second to
read the index, so the summaries are kept in a cache file with, for every meeting file,
its stamp (size, modification time, inode: one stat, no file opened) and whose meeting it
is. A run re-reads only the files whose stamp changed, and works out again only the
summaries of the ECTs those meetings belong (or belonged) to. When the meetings folder's
own stamp is the one kept (Store.meetings_folder_stamp: every write of ours moves it), not
even the 50,000 stats are made; the file is parsed into its declared types (``_Kept``).

The report's other inputs, the study log, the ECTs' rhythm settings and the stored term
dates, live in the database file (2.5 MB of study log at a hub, parsed and checked in 70 ms).
They are kept beside the summaries under the file's own stamp (Store.tables_stamp), so a
report on an unchanged database reads this one file; the study topics are never kept (the
report shows minutes, never what was studied).

The cache is derived data: it lives in the user cache folder (one file per database,
private to the user as the database is), is rebuilt whenever it is missing, damaged, of
another version, or kept under scripts whose frameworks have changed, and is written
atomically. A read-only store is never written to: the cache is not part of it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from datetime import date
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import msgspec

from ect_tui.coaching.records import TERMS_SETTING, ect_settings, name_key, study_entries
from ect_tui.coaching.report import DocFacts, doc_facts, plain
from ect_tui.coaching.study import StudyEntry
from ect_tui.coaching.summary import EctSummary, scripts_fingerprint, summarise
from ect_tui.store.errors import StoreError

if TYPE_CHECKING:
    from ect_tui.script.model import Script
    from ect_tui.store.protocol import MeetingStore

CACHE_VERSION = 4


class _Kept(msgspec.Struct):
    """The cache file's declared shape (checked as it is read: anything else is not ours)."""

    version: int
    scripts: list[list[str]]
    folder: str | None = None  # Store.meetings_folder_stamp when ``stamps`` were taken
    ects: dict[str, EctSummary] = {}
    # Whose each meeting is, and each file's stamp: read only when the folder's stamp changed
    # (or an ECT must be worked out again), 50,000 of each at a hub.
    owners: msgspec.Raw = msgspec.Raw(b"{}")
    stamps: msgspec.Raw = msgspec.Raw(b"{}")
    # The summaries as of ``earlier_day`` of the ECTs who met after it (report --as-of an earlier
    # day), so asking again does not read their meetings again.
    earlier_day: str | None = None
    earlier: dict[str, EctSummary] = {}
    tables: str | None = None  # Store.tables_stamp when the three below were read
    study: list[StudyEntry] = []
    ect_settings: dict[str, dict[str, Any]] = {}
    terms: Any = None


def cache_path_for(db: Path) -> Path:
    """This database's cache file in the user cache folder (named by a hash of its real path)."""
    from platformdirs import user_cache_path

    digest = hashlib.sha256(str(db.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return user_cache_path("ect-tui", appauthor=False) / "report-facts" / f"{digest}.json"


def _read(path: Path) -> _Kept | None:
    """The kept summaries, typed as they are parsed (msgspec: a hub's 50,000 meeting marks read
    back in C, not one object at a time), or None for a cache that is missing or not ours."""
    try:
        kept = msgspec.json.decode(path.read_bytes(), type=_Kept)
    except (OSError, msgspec.ValidationError, msgspec.DecodeError, RecursionError):
        return None
    summaries = [*kept.ects.values(), *kept.earlier.values()]
    if kept.version != CACHE_VERSION or not all(map(_counts_are_counts, summaries)):
        return None
    return kept


_PRAISE = attrgetter("praise")


def _counts_are_counts(summary: EctSummary) -> bool:
    """The one check the types cannot make: no count below nought."""
    movement = summary.movement
    counts = (
        summary.audits,
        movement.up,
        movement.down,
        movement.same,
        movement.still_emerging,
        movement.once,
    )
    return min(counts) >= 0 and min(map(_PRAISE, summary.marks), default=0) >= 0


def _stamps(kept: _Kept | None) -> dict[str, str]:
    """Each kept meeting file's stamp."""
    return _decoded(kept.stamps if kept is not None else None, dict[str, str])


def _owners(kept: _Kept | None) -> dict[str, str | None]:
    """Whose each kept meeting is."""
    return _decoded(kept.owners if kept is not None else None, dict[str, str | None])


def _decoded(raw: msgspec.Raw | None, kind: Any) -> Any:
    """A part of the cache left unparsed until needed; {} for none, or for something else there
    (every file is then read again)."""
    if raw is None:
        return {}
    try:
        return msgspec.json.decode(raw, type=kind)
    except (msgspec.ValidationError, msgspec.DecodeError, RecursionError):
        return {}


def _write(path: Path, kept: _Kept) -> None:
    """Atomically, private to the user; a cache that cannot be written is simply not kept."""
    from ect_tui.store.atomic import atomic_write_bytes

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write_bytes(path, msgspec.json.encode(kept), mode=0o600)
    except (OSError, ValueError, TypeError):
        pass


def _newest_first(facts: list[DocFacts]) -> list[DocFacts]:
    """The order of ``list_meetings``: by start, then id, newest first (the newest names the ECT)."""
    return sorted(facts, key=lambda f: (str(f.slim.get("started")), str(f.slim.get("id"))), reverse=True)


class ReportStopped(Exception):
    """``stop`` said to give up (the screen asking for the report closed): nothing is returned."""


class ReportInputs(NamedTuple):
    """What the report is made from (report.report_of)."""

    summaries: dict[str, EctSummary]  # by name_key
    entries: list[StudyEntry]  # the study log, oldest first, without topics
    settings: dict[str, dict[str, Any]]  # each ECT's rhythm settings, by name_key
    terms: Any  # the stored term dates (records.TERMS_SETTING), None for the bundled ones


def report_inputs(
    store: MeetingStore,
    today: date,
    scripts: Mapping[str, Script],
    cache: Path | None,
    stop: Callable[[], bool] | None = None,
) -> ReportInputs:
    """The report's inputs as of ``today``: the summaries as ``ect_summaries`` works them out, and
    the tables from ``cache`` when the database file has not changed since they were kept."""
    fingerprint = scripts_fingerprint(scripts)
    kept = _read(cache) if cache is not None else None
    part = _summaries(store, today, scripts, fingerprint, kept, stop)
    tables = store.tables_stamp()  # before the tables are read: a change after moves it
    if tables is not None and kept is not None and kept.tables == tables:
        entries, settings, terms = kept.study, kept.ect_settings, kept.terms
        changed = part.changed
    else:
        entries = [StudyEntry(e.ect, e.day, e.minutes, "") for e in study_entries(store)]
        settings, terms = ect_settings(store), store.get_setting(TERMS_SETTING)
        changed = part.changed or tables is not None
    if cache is not None and changed:
        kept_part = _Kept(
            version=CACHE_VERSION,
            scripts=fingerprint,
            folder=part.folder,
            ects=part.ects,
            owners=part.owners,
            stamps=part.stamps,
            earlier_day=today.isoformat(),
            earlier=part.earlier,
            tables=tables,
            study=entries,
            ect_settings=settings,
            terms=terms,
        )
        _write(cache, kept_part)
    return ReportInputs(part.summaries, entries, settings, terms)


def ect_summaries(
    store: MeetingStore,
    today: date,
    scripts: Mapping[str, Script],
    cache: Path | None,
    stop: Callable[[], bool] | None = None,
) -> dict[str, EctSummary]:
    """Each ECT's summary (by ``name_key``) of their meetings up to ``today``: from ``cache`` where
    none of their meeting files changed, else from the files (and the cache brought up to date).
    Without a cache path, every file is read. ``stop`` is asked before each file is opened:
    the first report at a hub reads 50,000, and quitting must not wait for them (ReportStopped)."""
    return report_inputs(store, today, scripts, cache, stop).summaries


class _Summaries(NamedTuple):
    summaries: dict[str, EctSummary]
    ects: dict[str, EctSummary]  # the part of the cache to keep
    owners: msgspec.Raw
    folder: str | None
    stamps: msgspec.Raw
    changed: bool  # the kept part differs from the cache read
    earlier: dict[str, EctSummary]  # as of ``today``, of the ECTs who met after it


def _summaries(
    store: MeetingStore,
    today: date,
    scripts: Mapping[str, Script],
    fingerprint: list[list[str]],
    kept: _Kept | None,
    stop: Callable[[], bool] | None,
) -> _Summaries:
    failed: set[str] = set()  # files that could not be read this run: never kept as read

    def facts_of(meeting_id: str) -> DocFacts | None:
        """The meeting's facts (None for one with no ECT or start: never counted). A file that
        cannot be read (damaged, gone, a passing I/O error) is left out, as check-db names it,
        and noted in ``failed`` so it is never remembered as read: the next report tries again."""
        if stop is not None and stop():
            raise ReportStopped
        try:
            return doc_facts(store.load_meeting(meeting_id))
        except StoreError:
            failed.add(meeting_id)
            return None

    folder = store.meetings_folder_stamp()  # before the files are looked at: a change after moves it
    same_scripts = kept is not None and kept.scripts == fingerprint
    old_ects = kept.ects if kept is not None and same_scripts else {}
    old_earlier = (
        kept.earlier if kept is not None and same_scripts and kept.earlier_day == today.isoformat() else {}
    )
    kept_folder = kept.folder if kept is not None else None
    if (
        kept is not None
        and folder is not None
        and kept_folder == folder
        and same_scripts
        and all(summary.last_day <= today or key in old_earlier for key, summary in old_ects.items())
    ):
        # Not one meeting file changed, and every ECT's summary was kept (a folder's stamp is
        # never kept beside a file that could not be read), as of today where they met since.
        as_of_today = {
            key: old_earlier[key] if summary.last_day > today else summary
            for key, summary in old_ects.items()
        }
        return _Summaries(as_of_today, old_ects, kept.owners, folder, kept.stamps, False, old_earlier)
    old_owners = _owners(kept)

    loaded: dict[str, DocFacts | None] = {}
    dirty: set[str] = set()
    stamps: dict[str, str] | None = None
    old_stamps: dict[str, str] = {}
    if folder is not None and kept is not None and kept_folder == folder:
        owners = old_owners  # not one meeting file changed: no stat, no file read but to redo
    else:
        stamps = store.meeting_stamps()
        old_stamps = _stamps(kept)
        owners = {}
        for meeting_id, stamp in stamps.items():
            before = old_owners.get(meeting_id, False) if old_stamps.get(meeting_id) == stamp else False
            if before is None or isinstance(before, str):
                owners[meeting_id] = before
                continue
            fact = facts_of(meeting_id)
            key = name_key(fact.ect) if fact is not None else None
            dirty.update(k for k in (key, old_owners.get(meeting_id)) if isinstance(k, str))
            if meeting_id in failed:
                continue  # whose it is stays unknown, so the next report reads it again
            loaded[meeting_id] = fact
            owners[meeting_id] = key
        dirty.update(k for i, k in old_owners.items() if i not in stamps and isinstance(k, str))

    ids_by_ect: dict[str, list[str]] = {}
    for meeting_id, key in owners.items():
        if key:
            ids_by_ect.setdefault(key, []).append(meeting_id)

    summaries: dict[str, EctSummary] = {}
    ects: dict[str, EctSummary] = {}
    earlier: dict[str, EctSummary] = {}
    for key, ids in ids_by_ect.items():
        summary = None if key in dirty else old_ects.get(key)
        facts: list[DocFacts] | None = None
        if summary is None:
            facts = _newest_first([f for i in ids if (f := loaded[i] if i in loaded else facts_of(i))])
            if not facts:
                continue
            summary = summarise(facts, scripts, plain)
            if not failed.intersection(ids):  # one of theirs unreadable: worked out again next time
                ects[key] = summary
        else:
            ects[key] = summary
        if summary.last_day > today:  # a report as of an earlier day: only the meetings up to it
            summary = old_earlier.get(key) if key not in dirty else None
            if summary is None:
                if facts is None:
                    facts = _newest_first([f for i in ids if (f := facts_of(i))])
                facts = [f for f in facts if f.day <= today]
                if not facts:
                    continue
                summary = summarise(facts, scripts, plain)
            if not failed.intersection(ids):  # as for ``ects``: kept only when all were read
                earlier[key] = summary
        summaries[key] = summary

    changed = kept is None or bool(loaded or failed) or ects != old_ects or earlier != old_earlier
    if stamps is None and kept is not None:  # the folder's stamp vouched for every file's
        stamps_json, owners_json = kept.stamps, kept.owners
    else:
        changed = changed or stamps != old_stamps or (folder is not None and folder != kept_folder)
        stamps_json = msgspec.Raw(msgspec.json.encode(stamps))
        owners_json = msgspec.Raw(msgspec.json.encode(owners))
    if failed:  # a file that could not be read is looked for again: not vouched for by the folder
        folder = None
    return _Summaries(summaries, ects, owners_json, folder, stamps_json, changed, earlier)
