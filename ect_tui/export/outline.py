"""The whole record of a meeting as plain text, for the summary and transcript screens.

It sits in export, above both meeting and coaching, because a coaching section adds its own
lines (``coaching.outline``); see ARCHITECTURE.md for the direction of imports.
"""

from __future__ import annotations

from ect_tui.coaching.outline import coaching_lines
from ect_tui.meeting.columns import fit_column
from ect_tui.meeting.countdown import format_minutes, meeting_plan_seconds, whole_minutes
from ect_tui.meeting.records import MENTOR_VIEWS
from ect_tui.meeting.transcript import Meeting
from ect_tui.meeting.when import shown_date


def meeting_outline(meeting: Meeting) -> str:
    """Plain text of the whole shared record (never the private notes), for the screens."""
    lines: list[str] = []
    lines.append("Time per section (planned, with minutes added / actual / difference)")
    planned_total = 0.0
    for record in meeting.sections:
        planned = float(record.countdown.budget_seconds)  # what its countdown ran from, after +1 min etc.
        planned_total += planned
        lines.append(_time_row(record.section.title, planned, record.countdown.elapsed))
    plan = meeting_plan_seconds((r.countdown.planned_seconds for r in meeting.sections), [planned_total])
    lines.append(_time_row("Whole meeting", plan, meeting.duration()))
    if meeting.script.framework_label:
        lines.append(f"Statements from the {meeting.script.framework_label}")
    # Only what was ticked: a missing tick is no failing in a developmental programme (and some
    # items are not actions at all), so nothing is said about the rest, or when none was ticked.
    prepared = [item for item in meeting.script.preparation if item in meeting.brought]
    if prepared:
        lines.append("")
        lines += [f"{'Prepared:' if index == 0 else '':<9} ✓ {item}" for index, item in enumerate(prepared)]
    for record in meeting.sections:
        section = record.section
        lines += ["", f"── {section.title} ──"]
        structured = coaching_lines(section.kind, record.data, meeting.script.bank)
        for question in section.questions:
            note = record.notes.get(question.id, "").strip()
            if not note and structured:
                continue  # a coaching section says what happened in its own lines below
            lines.append(f"{question.text}")
            lines.append(f"  {note}" if note else "  (no notes)")
        lines.extend(f"  {line}" for line in structured)
        if section.kind == "audit":
            counts = meeting.rating_counts(section.id)
            total = len(section.statements)
            parts = [f"{lv.label} {counts.get(lv.key, 0)}" for lv in section.levels]
            lines.append(f"Rated {sum(counts.values())} of {total}: " + ", ".join(parts))
            for statement in section.statements:
                rating = record.rating(statement.code)
                if rating.empty:
                    continue
                # The rating that counts (agreed, where the pair settled a difference), as the counts
                # above and the exports give it; the ECT's own beside it when it differs.
                label = section.level(rating.counted).label if rating.counted else "not rated"
                own = ""
                if rating.agreed and rating.level and rating.agreed != rating.level:
                    own = f" (ECT's own rating: {section.level(rating.level).label})"
                view = f" (mentor: {MENTOR_VIEWS[rating.mentor_view]})" if rating.mentor_view else ""
                lines.append(f"  {statement.code:<4} {label}{own}{view}: {statement.text}")
                if rating.reason.strip():
                    lines.append(f"       why: {rating.reason.strip()}")
                if rating.agreed_reason.strip():
                    lines.append(f"       agreed: {rating.agreed_reason.strip()}")
        for item in section.items:
            lines.append(item.text)
            if item.kind == "focus":
                codes = record.focus
                for code in codes:
                    lines.append(f"  • {code} {meeting.statement_text(code)}")
                if not codes:
                    lines.append("  (none chosen)")
            else:
                value = record.fields.get(item.id, "").strip()
                if item.kind == "datetime":  # the day it was read as; what was typed, marked, if none
                    value = shown_date(value, record.dates.get(item.id))
                lines.append(f"  {value}" if value else "  (nothing recorded)")
    return "\n".join(hanging for line in lines for hanging in _hang(line))


def _hang(line: str) -> list[str]:
    """A line holding a multi-line note as lines, each indented as far as the first.

    E.g. ``"  Tuesdays\nroom B12"`` -> ``["  Tuesdays", "  room B12"]``: the second line of a
    note stays under the first, never at the left margin. Blank lines stay blank.
    """
    first, *rest = line.split("\n")
    indent = " " * (len(first) - len(first.lstrip(" ")))
    return [first] + [f"{indent}{more}" if more.strip() else "" for more in rest]


def _time_row(title: str, planned: float, actual: float) -> str:
    """Planned and actual in whole minutes by the one rule, and the difference between those two."""
    diff = whole_minutes(actual) - whole_minutes(planned)
    difference = f"{diff:+d} min" if diff else "on time"
    return (
        f"  {fit_column(title, 38)} {format_minutes(planned):>7} {format_minutes(actual):>11}  {difference}"
    )
