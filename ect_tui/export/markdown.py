"""Markdown for one meeting, and the ECT's Learning Log (every meeting plus audit progress).

Markdown because it reads well raw, in a Git host, or turned into a document by
the ECT. Notes are kept exactly as typed (less terminal controls, see text.py):
a mentor's own Markdown in a note still works, and nothing is escaped away.
Table cells are the exception: a ``|`` there would break the table, so it is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ect_tui.export.private import strip_private
from ect_tui.export.text import human_date, one_line, parse_iso
from ect_tui.export.view import meeting_view
from ect_tui.export.view_model import (
    DEVELOPMENTAL,
    NEXT_KINDS,
    PREPARED,
    MeetingView,
    SectionNotes,
    StatementRef,
)
from ect_tui.meeting.progress import Cell, Movement, Progress, build_progress
from ect_tui.script.model import Script

LETTERS = {"emerging": "E", "developing": "D", "secure": "S"}


def meeting_markdown(doc: dict[str, Any], script: Script | None, *, heading: int = 1) -> str:
    """One meeting as Markdown; ``heading`` is the level of its title (2+ when nested in a log)."""
    return render_meeting(meeting_view(doc, script), heading=heading)


def render_meeting(view: MeetingView, *, heading: int = 1) -> str:
    h1, h2, h3 = ("#" * min(level, 6) for level in (heading, heading + 1, heading + 2))
    out = [f"{h1} {view.title}, {view.date}", ""]
    out.append(f"- **Date:** {view.when} (took {view.time_line})")
    out.append(f"- **ECT:** {view.ect}")
    out.append(f"- **Mentor:** {view.mentor}")
    if view.framework_label:
        out.append(f"- **Framework:** {view.framework_label}")
    if view.prepared:
        out.append(f"- **{PREPARED}:** {view.prepared}")
    if not view.complete:
        out.append("- **Status:** in progress, not finished yet")
    out += ["", f"> {DEVELOPMENTAL}"]
    out += _coaching_agreed(view, h2) if view.coaching else _audit_agreed(view, h2)

    if view.ratings is not None:
        out += ["", f"{h2} Ratings", "", view.ratings.sentence()]
        if view.ratings.emerging:
            out += ["", "Emerging:", ""]
            out += _statements(view.ratings.emerging)

    out += ["", f"{h2} Notes by section"]
    for section in view.sections:
        if section.empty and (view.coaching or section.kind in NEXT_KINDS):
            continue  # shown above, or (coaching) nothing happened in it
        out += _section(section, h3)
    return "\n".join(out).rstrip("\n") + "\n"


def _audit_agreed(view: MeetingView, h2: str) -> list[str]:
    """A module meeting's agreements: focus areas, next steps and the next meeting, each said even when empty."""
    out = ["", f"{h2} Agreed focus areas", ""]
    out += _statements(view.focus) if view.focus else ["None agreed yet."]

    out += ["", f"{h2} Next steps", ""]
    out += _next_steps(view)
    if not view.next_steps:
        out.append("None recorded.")

    out += ["", f"{h2} {'Next meeting' if len(view.next_dates) < 2 else 'Next dates'}", ""]
    if len(view.next_dates) == 1:
        out.append(view.next_dates[0].text)
    for line in view.next_dates if len(view.next_dates) > 1 else ():
        out.append(f"- **{line.label}** {line.text}")
    if not view.next_dates:
        out.append("Not set yet.")
    return out


def _coaching_agreed(view: MeetingView, h2: str) -> list[str]:
    """A coaching meeting's agreements: the one action step, then the dates; no heading with nothing under it."""
    out: list[str] = []
    if view.agreed:
        out += ["", f"{h2} Action step", ""] + _summary(view.agreed)
    if view.focus:
        out += ["", f"{h2} Agreed focus areas", ""] + _statements(view.focus)
    if view.next_steps:
        out += ["", f"{h2} Next steps", ""] + _next_steps(view)
    if view.next_dates:  # always labelled: a lone date could be the drop-in or the meeting
        out += ["", f"{h2} Next dates", ""]
        out += [f"- **{line.label}** {line.text}" for line in view.next_dates]
    return out


def _next_steps(view: MeetingView) -> list[str]:
    out: list[str] = []
    for line in view.next_steps:
        out.append(f"- **{line.label}**  ")
        out += _indented(line.text)
    return out


def _summary(lines: tuple[str, ...]) -> list[str]:
    """Coaching summary lines as a list; a line starting with spaces is a sub-item of the one above."""
    out: list[str] = []
    for line in lines:
        body = line.lstrip(" ")
        nested = body != line
        if nested:
            body = re.sub(r"^(\d+)([.)])", r"\1\\\2", body)  # "1. Model 0:40" is a round, not a new list
        lead = "  - " if nested else "- "
        first, *rest = _breaks(body)
        out.append(lead + first)
        out += [" " * len(lead) + more if more else "" for more in rest]
    return out


def learning_log_markdown(ect: str, docs: Iterable[dict[str, Any]], scripts: dict[str, Script]) -> str:
    """The ECT's Learning Log: audit progress first, then every meeting, oldest first."""
    docs = sorted(
        (strip_private(d) for d in docs), key=lambda d: (str(d.get("started") or ""), str(d.get("id")))
    )
    name = one_line(ect)
    out = [f"# Learning Log: {name}", ""]
    if docs:
        first, last = (parse_iso(docs[i].get("started")) for i in (0, -1))
        if len(docs) == 1:
            out.append(f"1 meeting, {human_date(first)}." if first else "1 meeting.")
        else:
            span = f", {human_date(first)} to {human_date(last)}" if first and last else ""
            out.append(f"{len(docs)} meetings{span}.")
    else:
        out.append("No meetings yet.")
    out += ["", f"> {DEVELOPMENTAL}", "", "## Audit progress", ""]
    out += _progress(build_progress(ect, docs, scripts), scripts)
    out += ["", "## Meetings"]
    for doc in docs:
        script_id = doc.get("script", {}).get("id") if isinstance(doc.get("script"), dict) else None
        out += ["", meeting_markdown(doc, scripts.get(str(script_id)), heading=3).rstrip("\n")]
    return "\n".join(out).rstrip("\n") + "\n"


def _statements(refs: tuple[StatementRef, ...]) -> list[str]:
    return [f"- **{ref.code}** {ref.text}".rstrip() for ref in refs]


def _indented(text: str) -> list[str]:
    """Continuation lines of a list item, indented so they stay inside it."""
    return _breaks(text, "  ")


def _breaks(text: str, indent: str = "") -> list[str]:
    """The user's lines as typed, each still its own line when rendered.

    Markdown joins a single newline into a space, so every line followed by another in the
    same paragraph ends in two spaces (a hard line break, as everywhere in this file; it works
    in every common viewer, where a trailing backslash does not). Nothing in the text itself
    is changed or escaped; a blank line stays a paragraph break.
    """
    lines = text.split("\n")
    out = []
    for line, after in zip(lines, lines[1:] + [""], strict=False):
        hard = "  " if line.strip() and after.strip() else ""
        out.append(f"{indent}{line}{hard}" if line.strip() else "")
    return out


def _section(section: SectionNotes, h3: str) -> list[str]:
    took = f" ({section.took})" if section.took else ""
    out = ["", f"{h3} {section.title}{took}"]
    if section.summary:
        out += [""] + _summary(section.summary)
    for note in section.notes:
        out += ["", f"**{note.label}**", ""] + _breaks(note.text)
    if section.ratings:
        out.append("")
    for rated in section.ratings:
        level = rated.verdict
        about = f": {rated.text}" if rated.text else ""
        notes = [f"Why: {rated.reason}"] * bool(rated.reason) + [f"Agreed: {rated.agreed_reason}"] * bool(
            rated.agreed_reason
        )
        out.append(f"- **{rated.code}** {level}{about}" + ("  " if notes else ""))
        for index, said in enumerate(notes):
            out += _indented(said + ("  " if index < len(notes) - 1 else ""))
    if section.focus:
        out += ["", "Focus areas:", ""]
        out += _statements(section.focus)
    for field in section.fields:
        out += ["", f"**{field.label}**", ""] + _breaks(field.text)
    if section.empty:
        out += ["", "(no notes)"]
    return out


def _progress(progress: Progress, scripts: dict[str, Script]) -> list[str]:
    if not progress.columns:
        return ["No audit ratings yet."]
    headers = _column_headers(progress)
    out: list[str] = []
    group = None
    for row in progress.rows:
        if row.group != group:
            group = row.group
            if out:
                out.append("")
            out += [f"### {_cell_text(group)}", ""]
            out.append("| Code | Statement | " + " | ".join(headers) + " |")
            out.append("|---|---|" + "---|" * len(headers))
        cells = " | ".join(_letter(cell) for cell in row.cells)
        out.append(f"| {_cell_text(row.code)} | {_cell_text(row.text)} | {cells} |")
    out += ["", _legend(scripts), "", _movement_sentence(progress.movement())]
    standards = progress.standards()
    if len(standards) > 1:
        out.append("")
        for standard in standards:
            label = f"Standard {standard}" if standard else "Other statements"
            out.append(f"- {label}: {_movement_sentence(progress.movement(standard), short=True)}")
    return out


def _column_headers(progress: Progress) -> list[str]:
    headers: list[str] = []
    for column in progress.columns:
        parsed = parse_iso(column.started)
        label = human_date(parsed)[4:] if parsed else "undated"
        if label in headers:
            label = f"{label} ({sum(h.startswith(label) for h in headers) + 1})"
        headers.append(label)
    return headers


def _letter(cell: Cell) -> str:
    if not cell.level:
        return ""
    letter = LETTERS.get(cell.level, cell.level[:1].upper())
    if cell.self_level:
        letter += f" (own {LETTERS.get(cell.self_level, cell.self_level[:1].upper())})"
    return letter


def _legend(scripts: dict[str, Script]) -> str:
    labels: dict[str, str] = {}
    for script in scripts.values():
        for section in script.audit_sections():
            for level in section.levels:
                labels.setdefault(level.key, level.label)
    labels = labels or {key: key.capitalize() for key in LETTERS}
    keys = ", ".join(f"{LETTERS.get(k, k[:1].upper())} = {one_line(v)}" for k, v in labels.items())
    return f"{keys}; a blank cell was not rated in that audit."


def _movement_sentence(move: Movement, *, short: bool = False) -> str:
    if not move.compared and not move.once:
        return "nothing rated yet." if short else "Nothing rated yet."
    parts = []
    if move.compared:
        parts.append(f"{move.up} moved up, {move.down} moved down, {move.same} stayed the same")
    parts.append(f"{move.still_emerging} still Emerging")
    if move.once:
        parts.append(f"{move.once} rated in one audit only")
    text = "; ".join(parts) + "."
    if short:
        return text
    return f"Between each statement's first and latest rating: {text}"


def _cell_text(text: str) -> str:
    return one_line(text).replace("|", "\\|")
