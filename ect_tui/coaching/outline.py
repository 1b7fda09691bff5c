"""A coaching section's structured content as plain lines, for the mentor's and ECT's read-through.

Includes the wording (this is the pair's own record, not the coordinator's view);
``export.outline`` can append these under each section's notes.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ect_tui.coaching.practice import PHASES, tally, visit_note
from ect_tui.coaching.praise import praise_points
from ect_tui.meeting.countdown import format_duration, format_minutes
from ect_tui.meeting.when import shown_date
from ect_tui.script.bank import Bank

# How last week's step went (steps.STATUSES keys), said in full on the read-through and in the exports.
OUTCOMES = {"met": "Met", "partly": "Partly met", "not-yet": "Not met yet"}


def _day(iso: Any) -> str:
    try:
        day = date.fromisoformat(str(iso))
    except ValueError:
        return ""
    return f"{day:%a} {day.day} {day:%b %Y}"


def statement_words(code: str, bank: Bank | None) -> str:
    """A statement in words with its code after, ``Check instructions are understood (ITTECF 7d)``;
    the code alone where the framework's bank does not hold it."""
    code = code.strip()
    if bank is None:
        return f"statement {code}"
    found = bank.statement(code)
    if found is None:
        return f"{bank.short} {code}"
    return f"{found.text.rstrip('.')} ({bank.short} {code})"


def _step_code(step: dict[str, Any]) -> str:
    """The bare code of a step's tag: ``5d`` from ``S5 learn-how 5d``, as written by coaching.steps."""
    tag = str(step.get("code") or step.get("reference") or "").strip()
    return tag.split()[-1] if tag else ""


def coaching_lines(kind: str, data: dict[str, Any], bank: Bank | None = None) -> list[str]:
    """Plain lines for one section's data (empty for kinds with none, or nothing recorded).

    ``bank`` is the framework the meeting's script names: a step's tag is then said in words.
    """
    if not isinstance(data, dict):
        return []
    lines: list[str] = []
    if kind == "last-step":
        step = data.get("step") if isinstance(data.get("step"), dict) else None
        if step is None:
            return ["No action step was open."]
        lines.append(f"Last week's step: {step.get('text', '')}")
        outcome = OUTCOMES.get(data.get("status") or "")
        lines.append(f"  {outcome}" if outcome else "  (not reviewed)")
        evidence = str(data.get("evidence") or "").strip()
        if evidence:
            lines.append(f"  How we know: {evidence}")
    elif kind == "drop-in":
        if data.get("date"):
            lines.append(f"Drop-in: {_day(data['date'])}")
        elif str(data.get("date_text") or "").strip():  # typed, but not a day: kept as typed, marked
            lines.append(f"Drop-in: {shown_date(str(data['date_text']), None)}")
        seconds = data.get("visit_seconds")
        if isinstance(seconds, (int, float)) and seconds:
            lines.append(f"Visit timed: {format_duration(seconds)} ({visit_note(seconds)})")
    elif kind == "praise":
        # A point still in the box (typed, no Enter) is praise given too: never dropped.
        lines += [f"Praise: {p}" for p in praise_points(data)] or ["(no praise recorded)"]
    elif kind == "action-step":
        step = data.get("step") if isinstance(data.get("step"), dict) else None
        if step is None:
            lines.append(
                "No new step: last week's carries on." if not data.get("replaces") else "(no step recorded)"
            )
        else:
            lines.append(f"Action step: {step.get('text', '')}")
            if step.get("success"):
                lines.append(f"  Success looks like: {step['success']}")
            if _step_code(step):
                lines.append(f"  Builds towards: {statement_words(_step_code(step), bank)}")
            if data.get("replaces"):
                lines.append("  (replaces last week's step)")
    elif kind == "practice":
        rounds = [r for r in data.get("rounds") or [] if isinstance(r, dict)]
        if rounds:
            counts = tally(rounds)
            lines.append(
                f"Practice: {counts.rounds} round{'s' if counts.rounds != 1 else ''}, {counts.rehearsals} "
                f"rehearsal{'s' if counts.rehearsals != 1 else ''}, {format_minutes(counts.seconds)}"
            )
            for entry in rounds:
                lines.append(
                    f"  {entry.get('number', '?')}. {PHASES.get(entry.get('phase', ''), '?')} "
                    f"{format_duration(entry.get('seconds', 0))}"
                )
    return lines
