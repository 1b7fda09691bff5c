"""A meeting read for export: what the email and Markdown both show, worked out once.

Takes the stored document (a dict) and, where this machine still has it, the
script it was recorded with (for question, statement and level texts). When the
script is gone, ids and the titles stored in the document stand in, so a mentor
can always get their notes out. Private text is dropped first and every string
is cleaned of terminal controls, so the renderers cannot leak or pass on either.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from ect_tui.coaching import is_coaching_doc
from ect_tui.export.private import strip_private
from ect_tui.export.reader import SectionReader, as_number, script_title, section_budget
from ect_tui.export.text import human_date, human_datetime, one_line, parse_iso

# Sections whose items are the meeting's agreed next steps: shown at the top, not with the notes.
# Importable from here, as before the split (hence 'X as X': an explicit re-export).
from ect_tui.export.view_model import DEVELOPMENTAL as DEVELOPMENTAL
from ect_tui.export.view_model import NEXT_KINDS as NEXT_KINDS
from ect_tui.export.view_model import PREPARED as PREPARED
from ect_tui.export.view_model import UI_STATE_KEYS as UI_STATE_KEYS
from ect_tui.export.view_model import Line as Line
from ect_tui.export.view_model import MeetingView as MeetingView
from ect_tui.export.view_model import RatedStatement as RatedStatement
from ect_tui.export.view_model import RatingsSummary as RatingsSummary
from ect_tui.export.view_model import SectionNotes as SectionNotes
from ect_tui.export.view_model import StatementRef as StatementRef
from ect_tui.meeting.countdown import meeting_plan_seconds
from ect_tui.meeting.stored import stored_part, stored_sections
from ect_tui.script.model import Script


def meeting_view(doc: dict[str, Any], script: Script | None) -> MeetingView:
    """Read a stored meeting for export (private text removed, controls stripped)."""
    doc = strip_private(doc)
    stored_script = stored_part(doc, "script")
    if script is not None and script.id != stored_script.get("id"):
        script = None  # a different plan: its texts would mislabel the notes
    reader = SectionReader(script)

    started = parse_iso(doc.get("started"))
    focus: list[StatementRef] = []
    next_steps: list[Line] = []
    next_dates: list[Line] = []
    sections: list[SectionNotes] = []
    agreed: list[str] = []
    for raw in stored_sections(doc):
        section = reader.section(raw)
        notes = SectionNotes(
            title=one_line(section.title if section else str(raw.get("title") or raw.get("id") or "Section")),
            kind=str(raw.get("kind") or (section.kind if section else "")),
            planned_seconds=section_budget(raw) if "planned_seconds" in raw else None,
            actual_seconds=as_number(raw.get("elapsed_seconds")),
            notes=tuple(reader.notes(raw, section)),
            ratings=tuple(reader.ratings(raw, section)),
        )
        items_focus, fields, dates = reader.items(raw, section)
        summary = reader.coaching(raw, notes.kind)
        if summary is None:
            extra = reader.data(raw)
            fields += extra
            dates += [False] * len(extra)
        if notes.kind in NEXT_KINDS:
            focus += items_focus
            agreed += summary or ()
            for line, is_date in zip(fields, dates, strict=False):
                (next_dates if is_date else next_steps).append(line)
        else:
            notes = replace(
                notes, focus=tuple(items_focus), fields=tuple(fields), summary=tuple(summary or ())
            )
        sections.append(notes)

    planned = [s.planned_seconds for s in sections if s.planned_seconds is not None]
    script_planned = [as_number(raw.get("planned_seconds")) for raw in stored_sections(doc)]
    # The sections' own time only, as the summary, transcript and history count a meeting; time
    # between sections (briefing, summary: ``untimed_seconds``) is not in the total.
    total_seconds = sum(s.actual_seconds for s in sections)
    return MeetingView(
        id=str(doc.get("id", "")),
        title=one_line(script_title(stored_script, script)),
        date=human_date(started) if started else "date unknown",
        when=human_datetime(started)
        if isinstance(started, datetime)
        else (human_date(started) if started else "date unknown"),
        started=str(doc.get("started") or ""),
        ect=one_line(str(doc.get("ect") or "")),
        mentor=one_line(str(doc.get("mentor") or "")),
        complete=doc.get("status") == "complete",
        actual_seconds=total_seconds,
        planned_seconds=meeting_plan_seconds(script_planned, planned) if planned else None,
        brought=tuple(one_line(str(b)) for b in doc.get("brought") or [] if str(b).strip()),
        focus=tuple(focus),
        next_steps=tuple(next_steps),
        next_dates=tuple(next_dates),
        ratings=reader.summary(stored_sections(doc)),
        sections=tuple(sections),
        coaching=is_coaching_doc(doc),
        agreed=tuple(agreed),
        framework=script.bank.short if script is not None and script.bank is not None else "",
        framework_label=script.framework_label if script is not None else "",
    )
