"""The ECT's Learning Log as a page: what it shows, worked out from the stored meetings.

The page (``templates/learning_log.html.j2``) only lays this out. Private text is stripped
from every document first (``export.private.strip_private``), and every meeting is read
through ``export.view.meeting_view``, as the email and Markdown are, so the page can show
nothing the other exports would not. Strings stay as typed: the template escapes them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from ect_tui.coaching import is_coaching_doc
from ect_tui.coaching.report import doc_facts
from ect_tui.coaching.steps import MET, OPEN, ActionStep, step_history
from ect_tui.coaching.study import GUIDE, StudyEntry, against_guide, guide_for
from ect_tui.coaching.terms import Calendar, week_start
from ect_tui.export.html.figures import (
    MovementBar,
    Span,
    StudyChart,
    TimeRow,
    movement_bar,
    step_spans,
    study_chart,
    time_rows,
)
from ect_tui.export.private import strip_private
from ect_tui.export.text import human_date, one_line, parse_iso
from ect_tui.export.view import meeting_view
from ect_tui.export.view_model import DEVELOPMENTAL, MeetingView
from ect_tui.meeting.countdown import format_minutes
from ect_tui.meeting.movement import ARROWS, DOWN, UP, RecentMovement, movement_phrase, recent_movement
from ect_tui.meeting.progress import Cell, Progress, build_progress
from ect_tui.meeting.records import MENTOR_VIEWS
from ect_tui.meeting.transcript import IN_PROGRESS
from ect_tui.script.model import Script

LETTERS = {"emerging": "E", "developing": "D", "secure": "S"}
STUDY_WEEKS_SHOWN = 20


@dataclass(frozen=True)
class GridCell:
    letter: str  # E / D / S ("" if not rated in that audit)
    level: str  # the level key, a CSS class ("none" if not rated)
    note: str  # under the letter: "agreed", "own D", "prepared E"
    title: str  # the whole story in words, for hover and screen readers
    move: str = ""  # ↑ / ↓ / = in the latest audit, against the one before


@dataclass(frozen=True)
class GridRow:
    code: str
    text: str
    cells: tuple[GridCell, ...]


@dataclass(frozen=True)
class GridGroup:
    title: str
    rows: tuple[GridRow, ...]


@dataclass(frozen=True)
class StepItem:
    text: str
    success: str
    code: str
    outcome: str  # met / replaced / open
    when: str  # e.g. "set Tue 17 Nov 2026, met Tue 24 Nov 2026 (7 days)"
    span: Span


@dataclass(frozen=True)
class MeetingRecord:
    view: MeetingView
    praise: int
    time: tuple[TimeRow, ...]


@dataclass(frozen=True)
class LearningLogPage:
    ect: str
    made_on: str
    summary: str
    developmental: str
    headers: tuple[str, ...]
    groups: tuple[GridGroup, ...]
    legend: tuple[tuple[str, str, str], ...]  # (level key, letter, label)
    recent: RecentMovement | None
    movement_bars: tuple[MovementBar, ...]
    moved_up: tuple[tuple[str, str, str], ...]  # (code, text, "E → D")
    moved_down: tuple[tuple[str, str, str], ...]
    steps: tuple[StepItem, ...]
    praise_total: int
    praise_rows: tuple[tuple[str, int], ...]  # (meeting date, points), coaching meetings oldest first
    study: StudyChart | None
    study_words: str
    guide: tuple[int, int] | None  # None in year 2: no set weekly amount
    meetings: tuple[MeetingRecord, ...]  # newest first


def learning_log_page(
    ect: str,
    docs: Iterable[dict[str, Any]],
    scripts: dict[str, Script],
    study: Iterable[StudyEntry] = (),
    calendar: Calendar | None = None,
    today: date | None = None,
    year: int | None = None,
) -> LearningLogPage:
    """Everything the page shows for ``ect`` (their meetings ``docs``, their study ``entries``);
    ``year`` is their induction year (the study guide follows it: ``guide_for``)."""
    guide = guide_for(year)
    docs = sorted(
        (strip_private(d) for d in docs if isinstance(d, dict)),
        key=lambda d: (str(d.get("started") or ""), str(d.get("id"))),
    )
    calendar = calendar or Calendar()
    entries = sorted(study, key=lambda e: e.day)
    days = [e.day for e in entries] + [d for d in (_day(doc) for doc in docs) if d is not None]
    today = today or max(days, default=date.today())
    # Finished audits only, as the progress screen shows them: an unfinished one may be a mistaken start.
    progress = build_progress(ect, [d for d in docs if d.get("status") != IN_PROGRESS], scripts)
    recent = recent_movement(progress)
    headers = _headers(progress)
    labels = _level_labels(scripts)
    return LearningLogPage(
        ect=one_line(ect),
        made_on=human_date(today),
        summary=_summary(docs),
        developmental=DEVELOPMENTAL,
        headers=headers,
        groups=_groups(progress, recent, labels, headers),
        legend=tuple((key, LETTERS.get(key, key[:1].upper()), label) for key, label in labels.items()),
        recent=recent,
        movement_bars=tuple(
            movement_bar(s.label, s.up, s.level, s.down, movement_phrase(s)) for s in recent.standards
        )
        if recent
        else (),
        moved_up=_moves(recent, "up"),
        moved_down=_moves(recent, "down"),
        steps=_steps(step_history(docs, until=today), today),
        praise_total=sum(n for _, n in _praise(docs)),
        praise_rows=_praise(docs),
        study=_study_chart(entries, calendar, today, guide),
        study_words=_study_words(entries, calendar, today, guide),
        guide=guide,
        meetings=tuple(_record(doc, scripts) for doc in reversed(docs)),
    )


def _day(doc: dict[str, Any]) -> date | None:
    parsed = parse_iso(doc.get("started"))
    return parsed.date() if isinstance(parsed, datetime) else parsed


def _summary(docs: list[dict[str, Any]]) -> str:
    if not docs:
        return "No meetings yet."
    days = [d for d in (_day(doc) for doc in docs) if d]
    coaching = sum(1 for d in docs if is_coaching_doc(d))
    kinds = (
        f" ({coaching} coaching, {len(docs) - coaching} module)" if coaching and coaching < len(docs) else ""
    )
    count = f"{len(docs)} meeting{'s' if len(docs) != 1 else ''}{kinds}"
    if len(days) >= 2:
        return f"{count}, {human_date(min(days))} to {human_date(max(days))}."
    return f"{count}, {human_date(days[0])}." if days else f"{count}."


def _level_labels(scripts: dict[str, Script]) -> dict[str, str]:
    labels: dict[str, str] = {}
    for script in scripts.values():
        for section in script.audit_sections():
            for level in section.levels:
                labels.setdefault(level.key, one_line(level.label))
    return labels or {key: key.capitalize() for key in LETTERS}


def _headers(progress: Progress) -> tuple[str, ...]:
    headers: list[str] = []
    for column in progress.columns:
        parsed = parse_iso(column.started)
        label = human_date(parsed) if parsed else "undated"
        if label in headers:
            label = f"{label} ({sum(h.startswith(label) for h in headers) + 1})"
        headers.append(label)
    return tuple(headers)


def _letter(level: str | None) -> str:
    return LETTERS.get(level or "", (level or "")[:1].upper())


def _grid_cell(cell: Cell, labels: dict[str, str], header: str, move: str) -> GridCell:
    if not cell.level:
        return GridCell("", "none", "", f"{header}: not rated")
    label = labels.get(cell.level, cell.level.capitalize())
    words = [f"{header}: {label}"]
    note = ""
    if cell.self_level:
        words.append(
            f"agreed together; the ECT's own rating was {labels.get(cell.self_level, cell.self_level)}"
        )
        note = f"own {_letter(cell.self_level)}"
    if cell.prior:
        words.append(f"the mentor's prepared view was {labels.get(cell.prior, cell.prior)}")
        note = (note + " · " if note else "") + f"prep. {_letter(cell.prior)}"
    if cell.mentor_view:
        words.append(f"mentor: {MENTOR_VIEWS.get(cell.mentor_view, cell.mentor_view)}")
    if move:
        words.append({"↑": "moved up", "↓": "moved down"}[move] + " since the audit before")
    key = cell.level if cell.level in LETTERS else "other"
    return GridCell(_letter(cell.level), key, note, "; ".join(words), move)


def _groups(
    progress: Progress, recent: RecentMovement | None, labels: dict[str, str], headers: tuple[str, ...]
) -> tuple[GridGroup, ...]:
    groups: list[GridGroup] = []
    rows: list[GridRow] = []
    title = None
    last = len(progress.columns) - 1
    for row in progress.rows:
        if row.group != title:
            if rows:
                groups.append(GridGroup(one_line(title or ""), tuple(rows)))
            title, rows = row.group, []
        direction = recent.direction_of(row.code) if recent else None
        cells = tuple(
            _grid_cell(
                cell, labels, headers[i], ARROWS[direction] if direction in (UP, DOWN) and i == last else ""
            )
            for i, cell in enumerate(row.cells)
        )
        rows.append(GridRow(one_line(row.code), one_line(row.text), cells))
    if rows:
        groups.append(GridGroup(one_line(title or ""), tuple(rows)))
    return tuple(groups)


def _moves(recent: RecentMovement | None, direction: str) -> tuple[tuple[str, str, str], ...]:
    if recent is None:
        return ()
    return tuple(
        (one_line(m.code), one_line(m.text), f"{_letter(m.before)} → {_letter(m.after)}")
        for m in recent.moved(direction)
    )


def _steps(steps: list[ActionStep], today: date) -> tuple[StepItem, ...]:
    if not steps:
        return ()
    ends = [s.closed_on or today for s in steps]
    spans = step_spans(
        [(s.set_on, end) for s, end in zip(steps, ends, strict=True)], steps[0].set_on, max(ends)
    )
    items = []
    for step, span in zip(steps, spans, strict=True):
        days = step.days_open(today)
        length = f"{days} day{'s' if days != 1 else ''}"
        if step.outcome == MET:
            when = f"set {human_date(step.set_on)}, met {human_date(step.closed_on or today)} ({length})"
        elif step.outcome == OPEN:
            when = f"set {human_date(step.set_on)}, still open ({length} so far)"
        else:
            when = f"set {human_date(step.set_on)}, replaced {human_date(step.closed_on or today)} ({length})"
        items.append(
            StepItem(
                text=step.text,
                success=step.success,
                code=one_line(step.reference or step.code),
                outcome=step.outcome if step.outcome in (MET, OPEN) else "replaced",
                when=when,
                span=span,
            )
        )
    return tuple(reversed(items))  # newest first, like the meetings


def _praise(docs: list[dict[str, Any]]) -> tuple[tuple[str, int], ...]:
    """Points of praise per coaching meeting, counted as the coordinator's report counts them."""
    rows = []
    for doc in docs:
        facts = doc_facts(doc)
        if facts is not None and facts.coaching:
            rows.append((human_date(facts.day), facts.praise))
    return tuple(rows)


def _study_weeks(entries: list[StudyEntry], calendar: Calendar, today: date) -> list[tuple[date, int, bool]]:
    if not entries:
        return []
    this_week = week_start(today)
    monday = max(week_start(entries[0].day), this_week - timedelta(days=7 * (STUDY_WEEKS_SHOWN - 1)))
    weeks = []
    while monday <= this_week:
        minutes = sum(e.minutes for e in entries if monday <= e.day < monday + timedelta(days=7))
        weeks.append((monday, minutes, calendar.is_school_week(monday)))
        monday += timedelta(days=7)
    return weeks


def _study_chart(
    entries: list[StudyEntry], calendar: Calendar, today: date, guide: tuple[int, int] | None = GUIDE
) -> StudyChart | None:
    weeks = _study_weeks(entries, calendar, today)
    return study_chart(weeks, guide, this_week=week_start(today)) if weeks else None


def _study_words(
    entries: list[StudyEntry], calendar: Calendar, today: date, guide: tuple[int, int] | None = GUIDE
) -> str:
    weeks = [(m, minutes) for m, minutes, school in _study_weeks(entries, calendar, today) if school]
    past = [(m, minutes) for m, minutes in weeks if m < week_start(today)]
    if not entries:
        return "No self-study logged in ect-tui (the programme's own platform may hold it)."
    if not past:
        return f"{weeks[-1][1] if weeks else 0} min so far this week."
    average = round(sum(m for _, m in past) / len(past))
    weeks_said = f"{len(past)} complete week{'s' if len(past) != 1 else ''}"
    if guide is None:
        return f"Average {average} min a school week over {weeks_said} (year 2: no set weekly amount)."
    within = sum(1 for _, m in past if against_guide(m) == "within")
    below = sum(1 for _, m in past if against_guide(m) == "below")
    low, high = guide
    return (
        f"Average {average} min a school week over {weeks_said} "
        f"(guide {low}-{high}): {within} within the guide, {below} below, {len(past) - within - below} above."
    )


def _record(doc: dict[str, Any], scripts: dict[str, Script]) -> MeetingRecord:
    script_id = doc.get("script", {}).get("id") if isinstance(doc.get("script"), dict) else None
    view = meeting_view(doc, scripts.get(str(script_id)))
    facts = doc_facts(doc)
    praise = facts.praise if facts is not None and facts.coaching else 0
    time = time_rows(((s.title, s.planned_seconds, s.actual_seconds) for s in view.sections), format_minutes)
    return MeetingRecord(view, praise, time)
