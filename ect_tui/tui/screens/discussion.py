"""A discussion section: one notes box per question, with the mentor's guidance."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static, TextArea

from ect_tui.script.model import Section
from ect_tui.tui.screens.base import MeetingScreen
from ect_tui.tui.widgets.notes import NotesArea


class DiscussionScreen(MeetingScreen):
    """Question-by-question notes; used for every kind whose content is questions."""

    def __init__(self, section: Section):
        super().__init__(section.id, section.title)
        self.section = section

    def compose_body(self) -> ComposeResult:
        record = self.meeting.record(self.section.id)
        if self.section.guidance:
            yield Static(Content(self.section.guidance), classes="guidance")
        for number, question in enumerate(self.section.questions, start=1):
            yield Static(Content(f"{number}. {question.text}"), classes="question")
            if question.hint:
                yield Static(Content(question.hint), classes="hint")
            yield NotesArea(
                record.notes.get(question.id, ""),
                key=question.id,
                placeholder="Notes…",
                classes="notes",
            )

    @on(TextArea.Changed, "NotesArea")
    def _note_changed(self, event: TextArea.Changed) -> None:
        area = event.text_area
        assert isinstance(area, NotesArea)
        self.meeting.set_note(self.section.id, area.key, area.text)
