"""What every coaching section screen shares: guidance, its own controls, then its questions."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static, TextArea

from ect_tui.meeting.when import When
from ect_tui.script.model import Section
from ect_tui.tui.screens.base import MeetingScreen
from ect_tui.tui.widgets.notes import NotesArea


def shown_day(iso: str) -> str:
    try:
        return When(date.fromisoformat(iso)).human()
    except (TypeError, ValueError):
        return "an unknown day"


class CoachingScreen(MeetingScreen):
    """A coaching section: its guidance, its own controls (``compose_controls``), then its questions."""

    def __init__(self, section: Section):
        super().__init__(section.id, section.title)
        self.section = section

    @property
    def data(self) -> dict:
        return self.meeting.record(self.section.id).data

    def compose_body(self) -> ComposeResult:
        if self.section.guidance:
            yield Static(Content(self.section.guidance), classes="guidance")
        yield from self.compose_controls()
        yield from self.compose_questions()

    def compose_controls(self) -> ComposeResult:
        yield from ()

    def compose_questions(self) -> ComposeResult:
        record = self.meeting.record(self.section.id)
        for number, question in enumerate(self.section.questions, start=1):
            yield Static(Content(f"{number}. {question.text}"), classes="question")
            if question.hint:
                yield Static(Content(question.hint), classes="hint")
            yield NotesArea(
                record.notes.get(question.id, ""),
                key=question.id,
                placeholder="Notes…",
                classes="notes question-notes",
            )

    @on(TextArea.Changed, ".question-notes")
    def _note_changed(self, event: TextArea.Changed) -> None:
        area = event.text_area
        assert isinstance(area, NotesArea)
        self.meeting.set_note(self.section.id, area.key, area.text)

    def say(self, widget_id: str, text: str, *, error: bool = False) -> None:
        """One line of feedback under a control, in the error colour when it is a problem."""
        feedback = self.query_one(f"#{widget_id}", Static)
        feedback.update(Content(text))
        feedback.set_class(error, "-error")
