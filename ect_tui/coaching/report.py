"""The induction coordinator's overview: one row per ECT, engagement only, gaps flagged.

Privacy rule (issue 10): the coordinator sees dates, counts, minutes, how long a
step has been open and how many statements moved. Never note text, reasons,
praise wording, action-step wording, study topics, or anything under a key named
``private``. So a row is built from numbers and dates only; the wording in the
meeting documents is read (to know a step exists) but never copied into a row.

Counting rules:

- Coaching happened on the day a coaching meeting started, if it was finished
  or recorded anything (an abandoned, empty meeting does not count).
- Last coaching, weeks without coaching and the open step are always as of
  ``today``; ``since`` limits the counts (coaching meetings, praise, steps set
  and met, study minutes). Audit movement compares the first and the latest audit.
- Flags: a coaching gap or no coaching at all (see ``terms``); a step open for
  ``STEP_OPEN_FLAG_WEEKS`` school weeks or more; self-study logged before but not
  in either of the last two school weeks. An ECT who has never used the study log
  is not flagged for it: the log is optional, and the programme platform may hold
  the study record instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ect_tui.coaching import is_coaching_doc
from ect_tui.coaching.records import name_key
from ect_tui.coaching.steps import MET, doc_day
from ect_tui.coaching.strip import WeekMark, coaching_strip
from ect_tui.coaching.study import (
    StudyEntry,
    first_day,
    from_first_entry,
    week_total,
    weekly_minutes,
)
from ect_tui.coaching.summary import EctSummary, coached_days, in_window, summarise
from ect_tui.coaching.term_dates import term_dates_in_force
from ect_tui.coaching.terms import (
    STEP_OPEN_FLAG_WEEKS,
    Calendar,
    Gap,
    Rhythm,
    coaching_gap,
    rhythm_for,
    school_weeks_open,
)
from ect_tui.meeting.progress import Movement, counted_level
from ect_tui.meeting.stored import stored_part, stored_sections
from ect_tui.script.model import Script

if TYPE_CHECKING:
    from ect_tui.store.protocol import MeetingStore

SUPPORT_NOTE = (
    "Support, not assessment: engagement only (dates, counts and minutes). "
    "No grades, and nothing of what was said."
)
STUDY_WEEKS = 4
STUDY_QUIET_WEEKS = 2
FOLLOW_UP, ON_TRACK = "follow up", "on track"


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def plain(name: str) -> str:
    """A name as one line with no control characters, so an imported record cannot drive the terminal."""
    return " ".join(_CONTROL.sub("?", name).split())


@dataclass(frozen=True)
class DocFacts:
    """What the report may use from one meeting document."""

    ect: str
    mentor: str
    day: date
    coaching: bool
    counted: bool
    praise: int
    slim: dict[str, Any]  # id, started, status and the coaching/audit sections, for steps and progress


def _has_content(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, dict):
        return any(_has_content(v) for k, v in value.items() if k != "private")
    if isinstance(value, list):
        return any(_has_content(v) for v in value)
    if isinstance(value, bool):
        return value
    return isinstance(value, (int, float)) and value != 0


def _recorded(doc: dict[str, Any]) -> bool:
    """Did this meeting record anything shared (notes, fields or coaching content)?"""
    for section in stored_sections(doc):
        data = stored_part(section, "data")
        # The open step copied in at the start is not something this meeting recorded.
        data = {
            k: v
            for k, v in data.items()
            if k not in ("step", "step_id") or section.get("kind") != "last-step"
        }
        if any(
            _has_content(section.get(key)) for key in ("notes", "fields", "focus", "ratings")
        ) or _has_content(data):
            return True
    return False


def _praise_count(doc: dict[str, Any]) -> int:
    # Only when a meeting file is read: a warm report never needs the meeting modules praise.py
    # brings in (transcript, audit, checks), ~10 ms of a hub's report --json.
    from ect_tui.coaching.praise import praise_points

    count = 0
    for section in stored_sections(doc, "praise"):
        count += len(praise_points(stored_part(section, "data")))
    return count


def doc_facts(doc: dict[str, Any]) -> DocFacts | None:
    """The facts of one stored meeting, or None if it has no ECT or readable start time."""
    ect, day = doc.get("ect"), doc_day(doc)
    if not isinstance(ect, str) or not ect.strip() or day is None:
        return None
    coaching = is_coaching_doc(doc)
    sections = []
    for section in stored_sections(doc):
        if section.get("kind") in ("last-step", "action-step") and isinstance(section.get("data"), dict):
            sections.append({"kind": section["kind"], "data": section["data"]})
        elif section.get("kind") == "audit" and isinstance(section.get("ratings"), dict):
            ratings = {
                code: {"level": r.get("level"), "agreed": r.get("agreed")}
                for code, r in section["ratings"].items()
                if isinstance(r, dict) and counted_level(r)
            }
            if ratings:
                sections.append({"kind": "audit", "ratings": ratings})
    script = stored_part(doc, "script")
    slim = {
        "id": doc.get("id"),
        "started": doc.get("started"),
        "mentor": doc.get("mentor"),
        "script": {"id": script.get("id")},
        "sections": sections,
    }
    counted = coaching and (doc.get("status") == "complete" or _recorded(doc))
    mentor = found if isinstance(found := doc.get("mentor"), str) else ""
    return DocFacts(ect, mentor, day, coaching, counted, _praise_count(doc), slim)


@dataclass(frozen=True)
class StudySummary:
    logged: bool  # any entry at all, up to today
    this_week: int
    weeks: tuple[tuple[date, int], ...]  # the last complete school weeks, oldest first
    minutes_since: int
    first: date | None = None  # the first day anything was logged

    @property
    def counted_weeks(self) -> tuple[tuple[date, int], ...]:
        """The recent weeks since the ECT started logging (earlier zeros say nothing)."""
        return tuple(from_first_entry(self.weeks, self.first))

    @property
    def average(self) -> int | None:
        weeks = self.counted_weeks
        if not weeks:
            return None
        return round(sum(m for _, m in weeks) / len(weeks))

    @property
    def quiet(self) -> bool:
        """Logged before, but nothing in the last two school weeks."""
        recent = self.weeks[-STUDY_QUIET_WEEKS:]
        if self.first is None or len(recent) < STUDY_QUIET_WEEKS or self.first >= recent[0][0]:
            return False
        return all(m == 0 for _, m in recent)


@dataclass(frozen=True)
class OpenStep:
    set_on: date
    days_open: int
    school_weeks_open: int


@dataclass(frozen=True)
class EctRow:
    """One ECT's engagement: numbers and dates only."""

    ect: str
    mentors: tuple[str, ...]
    year: int | None
    rhythm: Rhythm
    gap: Gap
    coaching_meetings: int
    open_step: OpenStep | None
    steps_set: int
    steps_met: int
    praise: int
    study: StudySummary
    audits: int
    movement: Movement
    flags: tuple[str, ...]
    strip: tuple[WeekMark, ...] = ()  # recent weeks: coached, gap, holiday (coaching/strip.py)

    @property
    def status(self) -> str:
        return FOLLOW_UP if self.flags else ON_TRACK


@dataclass(frozen=True)
class Report:
    today: date
    since: date | None
    rows: tuple[EctRow, ...]
    terms_until: date | None

    @property
    def flagged(self) -> int:
        return sum(1 for r in self.rows if r.flags)

    @property
    def past_terms(self) -> str:
        """A warning when the report's day is after the last known term, else ""."""
        if self.terms_until is None or self.today <= self.terms_until:
            return ""
        return (
            f"Term dates end on {self.terms_until.isoformat()}: after that every week counts, so holidays "
            "show as gaps. Add your school's term dates (term-dates.toml, see ect-tui rhythm)."
        )


def build_row(
    summary: EctSummary,
    entries: list[StudyEntry],
    setting: dict[str, Any] | None,
    calendar: Calendar,
    today: date,
    since: date | None = None,
    by_year: Mapping[int, int] | None = None,
) -> EctRow:
    """One ECT's row as of ``today`` from the summary of their meetings (up to ``today``,
    see summary.py) and their study entries."""
    entries = [e for e in entries if e.day <= today]
    window = in_window(summary.marks, since)
    setting = setting or {}
    year = setting.get("year") if setting.get("year") in (1, 2) else None
    every = setting.get("every_weeks")
    rhythm = rhythm_for(
        year, every if isinstance(every, int) and not isinstance(every, bool) and every > 0 else None, by_year
    )

    coached = coached_days(summary, today)
    gap = coaching_gap(coached, today, rhythm, calendar)

    steps = summary.steps
    current = next((s for s in reversed(steps) if s.open), None)
    open_step = None
    if current is not None:
        open_step = OpenStep(
            current.set_on, current.days_open(today), school_weeks_open(current.set_on, today, calendar)
        )
    steps_set = sum(1 for s in steps if since is None or s.set_on >= since)
    steps_met = sum(
        1 for s in steps if s.outcome == MET and s.closed_on and (since is None or s.closed_on >= since)
    )

    weeks = calendar.recent_school_weeks(today, STUDY_WEEKS)
    study = StudySummary(
        logged=bool(entries),
        this_week=week_total(entries, today),
        weeks=tuple(weekly_minutes(entries, weeks)),
        minutes_since=sum(e.minutes for e in entries if since is None or e.day >= since),
        first=first_day(entries),
    )

    counted = praise = 0
    for mark in window:  # one pass over what may be a hundred meetings
        counted += mark.counted
        if mark.coaching:
            praise += mark.praise

    flags = []
    if gap.reason:
        flags.append(gap.reason)
    if open_step is not None and open_step.school_weeks_open >= STEP_OPEN_FLAG_WEEKS:
        flags.append(f"action step open for {open_step.school_weeks_open} school weeks")
    if study.quiet:
        flags.append(f"no self-study logged for {STUDY_QUIET_WEEKS} school weeks")

    return EctRow(
        ect=summary.name,
        mentors=summary.mentors,
        year=year,
        rhythm=rhythm,
        gap=gap,
        coaching_meetings=counted,
        open_step=open_step,
        steps_set=steps_set,
        steps_met=steps_met,
        praise=praise,
        study=study,
        audits=summary.audits,
        movement=summary.movement,
        flags=tuple(flags),
        strip=coaching_strip(coached, today, rhythm, calendar),
    )


def summaries_of(
    facts: Iterable[DocFacts], today: date, scripts: Mapping[str, Script] | None = None
) -> dict[str, EctSummary]:
    """Each ECT's summary (by ``name_key``) from meeting facts given newest first, up to ``today``."""
    by_ect: dict[str, list[DocFacts]] = {}
    for fact in facts:
        if fact.day <= today:
            by_ect.setdefault(name_key(fact.ect), []).append(fact)
    return {key: summarise(found, scripts or {}, plain) for key, found in by_ect.items()}


def build_report(
    facts: Iterable[DocFacts],
    entries: Iterable[StudyEntry],
    settings: dict[str, dict[str, Any]],
    calendar: Calendar,
    today: date,
    since: date | None = None,
    scripts: dict[str, Script] | None = None,
    by_year: Mapping[int, int] | None = None,
) -> Report:
    """Rows for everyone known from meetings (facts given newest first), study entries or
    settings; those to follow up first."""
    return report_of(summaries_of(facts, today, scripts), entries, settings, calendar, today, since, by_year)


def report_of(
    summaries: Mapping[str, EctSummary],
    entries: Iterable[StudyEntry],
    settings: dict[str, dict[str, Any]],
    calendar: Calendar,
    today: date,
    since: date | None = None,
    by_year: Mapping[int, int] | None = None,
) -> Report:
    """The report from each ECT's summary (by ``name_key``), study entries and settings."""
    names = {key: summary.name for key, summary in summaries.items()}
    study: dict[str, list[StudyEntry]] = {}
    keys: dict[str, str] = {}  # each spelling's key, worked out once (a hub logs tens of thousands)
    for entry in entries:
        if entry.day > today:
            continue
        key = keys.get(entry.ect)
        if key is None:
            key = keys[entry.ect] = name_key(entry.ect)
            names.setdefault(key, plain(entry.ect))
        study.setdefault(key, []).append(entry)
    for key, row in settings.items():
        names.setdefault(key, plain(str(row.get("ect", key))))
    rows = [
        build_row(
            summaries.get(key) or _nobody(name),
            study.get(key, []),
            settings.get(key),
            calendar,
            today,
            since,
            by_year,
        )
        for key, name in names.items()
    ]
    rows.sort(key=lambda r: (not r.flags, r.ect.casefold(), r.ect))
    return Report(today, since, tuple(rows), calendar.last_day)


def _nobody(name: str) -> EctSummary:
    """The summary of an ECT known only from study entries or settings: no meetings yet."""
    return EctSummary(name, (), (), (), 0, Movement(), date.min)


def report_from_store(
    store: MeetingStore,
    today: date,
    since: date | None = None,
    scripts: dict[str, Script] | None = None,
    term_file: Path | None = None,
    by_year: Mapping[int, int] | None = None,
    cache: Path | None = None,
    stop: Callable[[], bool] | None = None,
) -> Report:
    """Each ECT's summary (from ``cache`` where none of their meeting files changed, see
    facts_cache.py; else from the files, one at a time) and the feature tables. ``stop``:
    asked between files; facts_cache.ReportStopped if it says to give up."""
    from ect_tui.coaching.facts_cache import report_inputs

    inputs = report_inputs(store, today, scripts or {}, cache, stop)
    return report_of(
        inputs.summaries,
        inputs.entries,
        inputs.settings,
        term_dates_in_force(term_file, inputs.terms)[0].calendar,
        today,
        since,
        by_year,
    )
