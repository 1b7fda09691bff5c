"""The mentor's termly note to the induction tutor: evidence of the term's mentoring, never a judgement.

What it says: meetings held against the expected rhythm, the action steps worked on and what
became of each, how audit ratings moved (and under which framework), self-study logged, and the
statutory progress-review or assessment point the term leads to, as a reminder. It never rates
the ECT's teaching, and carries no note text, reasons or private notes: only what the two of
them agreed and what the record counts. Plain text at 72 columns, like the email (export/email.py).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ect_tui.coaching import is_coaching_doc
from ect_tui.coaching.outline import statement_words
from ect_tui.coaching.steps import MET, REPLACED, doc_day, step_history
from ect_tui.coaching.study import StudyEntry
from ect_tui.coaching.terms import Calendar, Rhythm, Term
from ect_tui.meeting.progress import audit_ratings, build_progress, counted_level
from ect_tui.script.model import Script

WIDTH = 72
SEASONS = ("Autumn", "Spring", "Summer")


@dataclass(frozen=True)
class SchoolTerm:
    """A whole term (its half-terms joined), e.g. Autumn 2026."""

    name: str
    season: str
    start: date
    end: date


def _season(term: Term) -> str:
    for season in SEASONS:
        if term.name.lower().startswith(season.lower()):
            return season
    month = term.start.month
    return "Autumn" if month >= 8 else ("Spring" if month <= 3 else "Summer")


def school_terms(calendar: Calendar) -> list[SchoolTerm]:
    """Half-terms joined into whole terms (Autumn 1 and 2 make Autumn), oldest first."""
    out: list[SchoolTerm] = []
    for term in calendar.terms:
        season = _season(term)
        year = term.start.year
        if out and out[-1].season == season and (term.start - out[-1].end).days < 40:
            last = out[-1]
            out[-1] = SchoolTerm(last.name, season, last.start, term.end)
        else:
            out.append(SchoolTerm(f"{season} {year}", season, term.start, term.end))
    return out


def term_for(calendar: Calendar, today: date) -> SchoolTerm | None:
    """The term ``today`` is in, else the last one that has started."""
    started = [t for t in school_terms(calendar) if t.start <= today]
    return started[-1] if started else None


def statutory_point(year: int | None, season: str) -> str:
    """The statutory point this term leads to, for an ECT who started in September (two-year induction)."""
    number = ((year or 1) - 1) * 3 + SEASONS.index(season) + 1
    if number == 3:
        return "the formal assessment at the end of year 1 (term 3 of 6)"
    if number == 6:
        return "the final formal assessment at the end of induction (term 6 of 6)"
    return f"a progress review (term {number} of 6)"


@dataclass(frozen=True)
class TutorNote:
    subject: str
    body: str
    ect: str = ""

    def as_text(self) -> str:
        return f"Subject: {self.subject}\n\n{self.body}"


def _wrap(text: str, indent: str = "", first: str | None = None) -> list[str]:
    lead = indent if first is None else first
    return textwrap.wrap(
        text, WIDTH, initial_indent=lead, subsequent_indent=indent, break_long_words=False
    ) or [lead.rstrip()]


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _held(doc: dict[str, Any]) -> bool:
    return doc.get("status") == "complete"


def tutor_note(
    ect: str,
    mentor: str,
    docs: Iterable[dict[str, Any]],
    entries: Iterable[StudyEntry],
    year: int | None,
    rhythm: Rhythm,
    calendar: Calendar,
    today: date,
    scripts: dict[str, Script],
) -> TutorNote:
    """The note for the term ``today`` is in (or the last one started), from this ECT's meetings."""
    docs = [d for d in docs if " ".join(str(d.get("ect") or "").split()).casefold() == ect.casefold()]
    term = term_for(calendar, today)
    start = term.start if term else today - timedelta(days=84)
    end = min(term.end, today) if term else today
    term_name = term.name if term else "the last twelve weeks"
    in_term = [d for d in docs if (day := doc_day(d)) is not None and start <= day <= end]

    coaching = [d for d in in_term if is_coaching_doc(d) and _held(d)]
    audits = [d for d in in_term if any(counted_level(r) for r in audit_ratings(d).values()) and _held(d)]
    weeks = len(calendar.school_weeks(start, end + timedelta(days=7)))
    expected = max(1, -(-weeks // rhythm.every_weeks)) if weeks else 0

    first = ect.split()[0] if ect.split() else ect
    out: list[str] = ["Dear induction tutor,", ""]
    span = f"{_day(start)} to {_day(end)}"
    out += _wrap(
        f"Here is my termly note on {ect}'s mentoring for {term_name} ({span}). It records what we did "
        "and what the record shows; it is not a judgement of their teaching."
    )
    out += ["", "Meetings"]
    out += _wrap(
        f"{len(coaching)} coaching meeting{'s' if len(coaching) != 1 else ''} held over {weeks} school "
        f"week{'s' if weeks != 1 else ''} (expected {rhythm.label}: about {expected}); "
        f"{len(audits)} audit{'s' if len(audits) != 1 else ''}.",
        "  ",
        "- ",
    )

    steps = [s for s in step_history(docs, until=end) if s.set_on >= start]
    out += ["", "Action steps worked on"]
    if not steps:
        out += ["- None set this term."]
    for step in steps:
        if step.outcome == MET and step.closed_on:
            became = f"met {_day(step.closed_on)}"
        elif step.outcome == REPLACED:
            became = "replaced by a new step"
        else:
            became = "still being practised"
        script = scripts.get(
            str(
                (
                    (next((d for d in docs if d.get("id") == step.meeting_id), {}) or {}).get("script") or {}
                ).get("id", "")
            )
        )
        bank = script.bank if script is not None else None
        tag = f"; towards {statement_words(step.code, bank)}" if step.code else ""
        out += _wrap(f"{step.text} (set {_day(step.set_on)}, {became}{tag})", "  ", "- ")

    progress = build_progress(ect, [d for d in docs if _held(d)], scripts)
    out += ["", "Audit movement"]
    if len(progress.columns) < 2:
        out += _wrap(
            "One audit so far: the baseline." if progress.columns else "No audit recorded yet.", "  ", "- "
        )
    else:
        moved = progress.movement()
        out += _wrap(
            f"Since {progress.columns[0].date}: {moved.up} statements moved up, {moved.same} stayed the "
            f"same, {moved.down} moved down ({moved.still_emerging} still Emerging).",
            "  ",
            "- ",
        )
    if progress.framework_line():
        out += _wrap(progress.framework_line(), "  ", "- ")

    minutes = [e.minutes for e in entries if e.ect.casefold() == ect.casefold() and start <= e.day <= end]
    out += ["", "Self-study"]
    if minutes:
        out += _wrap(
            f"{sum(minutes)} minutes logged in {len(minutes)} sitting{'s' if len(minutes) != 1 else ''} "
            f"(the programme suggests {'30-50 minutes a week' if (year or 1) == 1 else 'what the ECT and mentor agree'}).",
            "  ",
            "- ",
        )
    else:
        out += ["- None logged in the app (the programme platform may hold it)."]

    if term is not None:
        out += ["", "Coming up"]
        out += _wrap(
            f"This term leads to {statutory_point(year, term.season)}, due by {_day(term.end)}: yours to "
            "record with the appropriate body. Assuming a September start; tell me if the dates differ.",
            "  ",
            "- ",
        )
    out += ["", "Best wishes,", mentor.split()[0] if mentor.split() else "Mentor"]
    subject = f"Termly note: {first} {ect.split()[-1] if len(ect.split()) > 1 else ''}".rstrip()
    return TutorNote(f"{subject}, {term_name}", "\n".join(out) + "\n", ect)


def note_from_store(
    store: Any,
    ect: str,
    today: date,
    scripts: dict[str, Script],
    term_file: Any = None,
    by_year: Any = None,
) -> TutorNote | None:
    """The note for ``ect`` (matched ignoring case and spacing) from a store; None if nobody matches."""
    from ect_tui.coaching.records import calendar, ect_settings, match_ect, name_key, study_entries
    from ect_tui.coaching.terms import rhythm_for
    from ect_tui.store.errors import StoreError

    name = match_ect(store, ect)
    if name is None:
        return None
    docs = []
    for row in store.list_meetings():
        if name_key(str(row.get("ect") or "")) == name_key(name):
            try:
                docs.append(store.load_meeting(row["id"]))
            except StoreError:
                continue  # a damaged file: check-db names it; the note uses the rest
    setting = ect_settings(store).get(name_key(name), {})
    mentors = [str(d.get("mentor") or "") for d in sorted(docs, key=lambda d: str(d.get("started") or ""))]
    mentor = next((m for m in reversed(mentors) if m.strip()), "")
    rhythm = rhythm_for(setting.get("year"), setting.get("every_weeks"), by_year)
    entries = study_entries(store, name)
    cal = calendar(store, term_file)
    return tutor_note(name, mentor, docs, entries, setting.get("year"), rhythm, cal, today, scripts)
