"""The coordinator's report as words: the table for `ect-tui report` and the overview screen,
and the JSON for `ect-tui report --json`. Built from the numbers in report.py, never from
meeting wording (the privacy rule in report.py)."""

from __future__ import annotations

import textwrap
from datetime import date
from typing import Any

from ect_tui.coaching.report import FOLLOW_UP, ON_TRACK, STUDY_WEEKS, SUPPORT_NOTE, EctRow, Report
from ect_tui.coaching.study import (
    GUIDE,
    against_guide,
)
from ect_tui.meeting.columns import fit_column


def short_day(day: date, today: date) -> str:
    """``19 Nov`` this year, ``19 Nov 2025`` otherwise."""
    return f"{day.day} {day:%b}" if day.year == today.year else f"{day.day} {day:%b %Y}"


def audit_text(row: EctRow) -> str:
    if row.audits == 0:
        return "-"
    if row.audits == 1:
        return "baseline"
    return f"{row.movement.up} up, {row.movement.down} down"


def study_text(row: EctRow) -> str:
    """The weekly average over complete school weeks; in an ECT's first week, this week so far."""
    average = row.study.average
    if average is not None:
        return f"{average} min"
    if row.study.this_week:
        return f"{row.study.this_week} so far"
    return "-"


def gap_text(row: EctRow) -> str:
    weeks = row.gap.weeks_without
    return "-" if weeks is None else f"{weeks} wk"


def step_text(row: EctRow) -> str:
    return "-" if row.open_step is None else f"{row.open_step.days_open} days"


def row_json(row: EctRow) -> dict[str, Any]:
    low, high = GUIDE
    return {
        "ect": row.ect,
        "mentors": list(row.mentors),
        "year": row.year,
        "rhythm": row.rhythm.label,
        "every_weeks": row.rhythm.every_weeks,
        "last_coaching": row.gap.last.isoformat() if row.gap.last else None,
        "weeks_without_coaching": row.gap.weeks_without,
        "coaching_meetings": row.coaching_meetings,
        "open_step": None
        if row.open_step is None
        else {
            "set_on": row.open_step.set_on.isoformat(),
            "days_open": row.open_step.days_open,
            "school_weeks_open": row.open_step.school_weeks_open,
        },
        "steps_set": row.steps_set,
        "steps_met": row.steps_met,
        "praise": row.praise,
        "study": {
            "logged": row.study.logged,
            "guide_minutes_per_week": [low, high],
            "this_week": row.study.this_week,
            "weeks": [
                {"week": monday.isoformat(), "minutes": minutes, "guide": against_guide(minutes)}
                for monday, minutes in row.study.counted_weeks  # none before the first entry
            ],
            "average_per_week": row.study.average,
            "minutes_since": row.study.minutes_since,
        },
        "audit": {
            "audits": row.audits,
            "up": row.movement.up,
            "down": row.movement.down,
            "same": row.movement.same,
        },
        "recent_weeks": [{"week": mark.monday.isoformat(), "coaching": mark.kind} for mark in row.strip],
        "flags": list(row.flags),
        "status": row.status,
    }


def report_json(report: Report) -> dict[str, Any]:
    return {
        "report": "coaching-overview",
        "note": SUPPORT_NOTE,
        "as_of": report.today.isoformat(),
        "since": report.since.isoformat() if report.since else None,
        "term_dates_until": report.terms_until.isoformat() if report.terms_until else None,
        "ects": [row_json(row) for row in report.rows],
    }


def report_heading(report: Report) -> str:
    today = report.today
    text = f"Coaching overview, {today:%a} {today.day} {today:%b %Y}"
    if report.since:
        text += f" (counts since {report.since.day} {report.since:%b %Y})"
    return text


# The text table's width: ECT 16, Coached 11, Gap 5, Step open 9, Praise 6, Study/wk 9, Audit 14.
TABLE_WIDTH = 77


def report_text(report: Report) -> str:
    """A plain-text table for a terminal or an email, at most 78 columns (an 80-column terminal,
    an email line): those to follow up first, each with its flags under it, then those on track."""
    lines = [report_heading(report), *textwrap.wrap(SUPPORT_NOTE, 78), ""]
    if report.past_terms:
        lines[-1:-1] = textwrap.wrap(f"Warning: {report.past_terms}", 78)
    if not report.rows:
        lines += textwrap.wrap(
            "No ECTs yet: nobody has a meeting, a study entry or a rhythm setting in this database.", 78
        )
        return "\n".join(lines)
    header = f"{'ECT':<16} {'Coached':<11} {'Gap':<5} {'Step open':<9} {'Praise':>6} {'Study/wk':>9}  Audit"
    total = len(report.rows)
    for title, rows in (
        (FOLLOW_UP.upper(), [r for r in report.rows if r.flags]),
        (ON_TRACK.capitalize(), [r for r in report.rows if not r.flags]),
    ):
        if not rows:
            continue
        lines += [f"{title}: {len(rows)} of {total}", header, "-" * TABLE_WIDTH]
        for row in rows:
            last = short_day(row.gap.last, report.today) if row.gap.last else "never"
            lines.append(
                f"{fit_column(row.ect, 16)} {last:<11} {gap_text(row):<5} {step_text(row):<9} "
                f"{row.praise:>6} {study_text(row):>9}  {fit_column(audit_text(row), 14)}".rstrip()
            )
            lines += [f"    ! {flag}" for flag in row.flags]
        lines.append("")
    lines.pop()
    lines.append("")
    low, high = GUIDE
    lines += textwrap.wrap(
        f"{len(report.rows)} ECT{'s' if len(report.rows) != 1 else ''}, {report.flagged} to follow up. "
        f"Study/wk: average of the last {STUDY_WEEKS} school weeks "
        f"(from the first entry; guide {low}-{high}). "
        "Holidays never count as missed weeks.",
        78,
    )
    return "\n".join(lines)
