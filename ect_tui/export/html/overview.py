"""The induction tutor's overview as a page: one row per ECT, engagement only, gaps flagged.

Built from ``coaching.report.Report`` and nothing else, so it can hold only what
``ect-tui report --json`` holds: dates, counts and minutes, never what was said
(see the privacy rule in coaching/report.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from ect_tui.coaching.report import SUPPORT_NOTE, EctRow, Report
from ect_tui.coaching.report_out import report_heading, short_day, study_text
from ect_tui.coaching.strip import GAP, WORDS, longest_gap
from ect_tui.coaching.study import GUIDE, against_guide

STRIP_CELL = 18  # SVG units per week in the strip
STRIP_LETTERS = {"coached": "C", "gap": "G", "quiet": "", "holiday": "H", "pending": "", "before": ""}


@dataclass(frozen=True)
class StripWeek:
    x: int
    kind: str
    letter: str  # C / G / H: the strip reads without colour too
    title: str


@dataclass(frozen=True)
class TutorRow:
    ect: str
    mentors: str
    rhythm: str
    strip: tuple[StripWeek, ...]
    strip_words: str
    last_coached: str
    weeks_without: str
    open_step: str
    study: str
    study_kind: str  # below / within / above / none
    audit: str
    flags: tuple[str, ...]
    longest_gap: int


@dataclass(frozen=True)
class TutorPage:
    heading: str
    note: str
    summary: str
    strip_width: int
    rows: tuple[TutorRow, ...]
    guide: tuple[int, int]


def tutor_page(report: Report) -> TutorPage:
    rows = tuple(_row(row, report) for row in report.rows)
    flagged = report.flagged
    count = len(report.rows)
    summary = (
        f"{count} ECT{'s' if count != 1 else ''}, {flagged} to follow up."
        if count
        else "No ECTs yet: nobody has a meeting, a study entry or a rhythm setting in this database."
    )
    width = max((len(r.strip) for r in report.rows), default=0) * STRIP_CELL
    return TutorPage(report_heading(report), SUPPORT_NOTE, summary, width, rows, GUIDE)


def _row(row: EctRow, report: Report) -> TutorRow:
    today = report.today
    strip = tuple(
        StripWeek(
            x=index * STRIP_CELL,
            kind=mark.kind,
            letter=STRIP_LETTERS.get(mark.kind, ""),
            title=f"Week of {short_day(mark.monday, today)}: {WORDS.get(mark.kind, mark.kind)}",
        )
        for index, mark in enumerate(row.strip)
    )
    gaps = sum(1 for mark in row.strip if mark.kind == GAP)
    coached = sum(1 for mark in row.strip if mark.kind == "coached")
    strip_words = f"last {len(row.strip)} weeks: {coached} coached, {gaps} gap{'s' if gaps != 1 else ''}"
    if row.open_step is None:
        step = "none open"
    else:
        weeks = row.open_step.school_weeks_open
        step = f"{row.open_step.days_open} days ({weeks} school week{'s' if weeks != 1 else ''})"
    average = row.study.average
    if row.audits == 0:
        audit = "no audit yet"
    elif row.audits == 1:
        audit = "baseline only"
    else:
        audit = f"{row.audits} audits: {row.movement.up} up, {row.movement.down} down, {row.movement.same} the same"
    weeks_without = row.gap.weeks_without
    return TutorRow(
        ect=row.ect,
        mentors=", ".join(row.mentors),
        rhythm=row.rhythm.label,
        strip=strip,
        strip_words=strip_words,
        last_coached=short_day(row.gap.last, today) if row.gap.last else "never",
        weeks_without="-" if weeks_without is None else str(weeks_without),
        open_step=step,
        study=study_text(row) if study_text(row) != "-" else "none logged",
        study_kind=(
            "none" if average is None else "logged" if row.year == 2 else against_guide(average)
        ),  # year 2 has no set weekly amount: the minutes, not judged
        audit=audit,
        flags=row.flags,
        longest_gap=longest_gap(row.strip),
    )
