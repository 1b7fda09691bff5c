"""The command palette's own commands (ctrl+p): every section, exports, settings, looking back.

Textual's system-commands provider lists what ``EctApp.get_system_commands`` yields, sorted by
title, and searches it with its fuzzy matcher; that method yields Textual's own commands and
then ``palette_commands`` below. One provider keeps the list in one order (two providers'
hits arrive in whichever order their tasks run). Imported when the palette first opens.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.screen import Screen

if TYPE_CHECKING:
    from ect_tui.tui.app import EctApp


def palette_commands(app: EctApp, screen: Screen) -> Iterator[SystemCommand]:
    """ect-tui's commands for ``screen``: the meeting's only while a meeting is open."""
    log_ect = app.review_ect or (app.meeting.ect if app.meeting else app.last_ect())
    if log_ect:  # README.md: the Learning Log is in the palette (an ECT in review has their own)
        yield SystemCommand(
            f"Learning Log: {log_ect}",
            "every meeting and the audit progress, as Markdown; private notes stay here",
            lambda: app.export_learning_log(log_ect),
        )
    if app.review_ect is None:  # an ECT reading their own record sees no one else's
        yield SystemCommand(
            "Induction tutor's overview", "every ECT: coaching gaps, steps, praise, study", app.open_overview
        )
        yield SystemCommand("Self-study log", "log the ECT's study minutes and topic", app.open_study)
        if log_ect:
            yield SystemCommand(
                f"Termly note for the induction tutor: {log_ect}",
                "meetings, action steps, audit movement, the next statutory point; evidence only",
                lambda: app.notes_out.tutor_note(log_ect),
            )
        ect = app.meeting.ect if app.meeting else app.last_ect()
        if ect and not app.store.read_only:
            yield SystemCommand(
                f"Private notebook: {ect}",
                "your own notes on this ECT across meetings; never exported",
                lambda: app.open_notebook(ect),
            )
    yield from _page_commands(app, screen)
    if app.meeting is None:
        return
    yield from _meeting_commands(app, screen)


def _page_commands(app: EctApp, screen: Screen) -> Iterator[SystemCommand]:
    """The two web pages, written beside the notes (tui/pages_out.py says where in its notice)."""

    def learning_log_page(ect: str) -> None:
        from ect_tui.tui.pages_out import write_learning_log_page

        write_learning_log_page(app, ect)

    def overview_page() -> None:
        from ect_tui.tui.pages_out import write_overview_page

        write_overview_page(app)

    # The ECT on screen (progress, history, study log), else the meeting's, else the last one's.
    shown = getattr(screen, "ect", None)
    ect = app.review_ect or (shown if isinstance(shown, str) and shown else None)
    ect = ect or (app.meeting.ect if app.meeting else app.last_ect())
    if ect:
        yield SystemCommand(
            f"Learning Log page: {ect}",
            "their record as one web page for a browser or a phone; saved beside your notes",
            lambda: learning_log_page(ect),
        )
    if app.review_ect is None:
        yield SystemCommand(
            "Coordinator overview page",
            "every ECT on one web page, gaps flagged, no notes; saved beside your notes",
            overview_page,
        )


def _meeting_commands(app: EctApp, screen: Screen) -> Iterator[SystemCommand]:
    from ect_tui.meeting.transcript import BRIEFING, SUMMARY
    from ect_tui.tui.notes_out import FORMAT_LABELS
    from ect_tui.tui.screens.base import MeetingScreen

    meeting = app.meeting
    assert meeting is not None
    for number, record in enumerate(meeting.sections, start=1):
        yield SystemCommand(
            f"Go to {number}. {record.section.title}",
            f"{record.section.kind}, {record.section.minutes:g} min planned",
            lambda position=record.id: app.go_to(position),
        )
    yield SystemCommand(
        "Go to the briefing", "learning intentions and preparation", lambda: app.go_to(BRIEFING)
    )
    yield SystemCommand("Go to the summary", "read it through and finish", lambda: app.go_to(SUMMARY))
    if app.timer_here():
        yield SystemCommand("Pause or restart the timer", "ctrl+t", app.action_toggle_timer)
        yield SystemCommand("Add a minute to this section", "ctrl+g", lambda: app.action_extend(1))
        yield SystemCommand("Take a minute off this section", "ctrl+r", lambda: app.action_extend(-1))
    yield SystemCommand("Save now", "everything is also saved as you type", lambda: app.save_now())
    if meeting.finished:
        yield SystemCommand("Start the next meeting", "back to the first screen", app.new_meeting)
    else:
        yield SystemCommand(
            "Leave this meeting for now",
            "back to the first screen; it waits in the "
            "unfinished list to carry on (Enter) or discard (delete)",
            app.new_meeting,
        )
    yield SystemCommand(
        "Copy the notes as an email", "to the clipboard, and to a file", app.action_copy_notes
    )
    for fmt, label in FORMAT_LABELS.items():
        yield SystemCommand(
            f"Export this meeting as {label}…",
            "choose where to save it",
            partial(app.export_meeting, fmt),
        )
    if isinstance(screen, MeetingScreen):
        yield SystemCommand("Private note (ctrl+f)", "for you only: never exported", screen.action_private)
    other = "heading" if meeting.reveal == "each" else "each"
    yield SystemCommand(
        f"Blind ratings: reveal differences {'at the end of each heading' if other == 'heading' else 'after each rating'}",
        f"now: {'after each rating' if meeting.reveal == 'each' else 'at the end of each heading'}",
        lambda: _set_reveal(app, other),
    )
    yield SystemCommand(
        f"Keep the meeting to the hour: turn {'off' if meeting.rebalance else 'on'}",
        "when a section overruns, the sections to come shrink so the meeting ends on time",
        lambda: meeting.set_rebalance(not meeting.rebalance),
    )
    if meeting.current is not None:
        pinned = meeting.current.pinned
        yield SystemCommand(
            f"{'Unpin' if pinned else 'Pin'} this section's minutes",
            "a pinned section keeps its planned time when the meeting is rebalanced",
            lambda: meeting.toggle_pin(meeting.current.id),
        )
    yield SystemCommand(
        "Save a copy of this meeting",
        "to a file you choose (e.g. a USB stick if this disk is full); private notes included",
        app.action_save_copy,
    )
    ect = meeting.ect
    yield SystemCommand(
        f"Past meetings with {ect}",
        "look back without leaving this meeting (escape returns)",
        lambda: app.open_history(ect),
    )
    yield SystemCommand(
        f"Audit progress of {ect}",
        "every audit so far, statement by statement (escape returns)",
        lambda: app.open_progress(ect),
    )


def _set_reveal(app: EctApp, mode: str) -> None:
    if app.meeting is not None:
        app.meeting.set_reveal(mode)
        app.meeting_changed(urgent=True)
        app.refresh_meeting_screen()
