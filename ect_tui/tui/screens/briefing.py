"""Before the clock starts: what this meeting is for and what the ECT was asked to bring."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Checkbox, Static

from ect_tui.meeting.countdown import format_clock
from ect_tui.tui.screens.base import MeetingScreen
from ect_tui.tui.text import visible
from ect_tui.tui.widgets.checklist import WrappingCheckbox


class BriefingScreen(MeetingScreen):
    """The learning intentions, preparation ticks and the plan of the hour."""

    def compose_body(self) -> ComposeResult:
        script = self.meeting.script
        yield Static(
            Content(f"{script.label}  ·  {self.meeting.ect} with {self.meeting.mentor}"), classes="heading"
        )
        if script.introduction:
            yield Static(Content(script.introduction), classes="guidance")
        carried = self.ect_app.carried
        if carried is not None:
            when, lines = carried
            yield Static(Content(f"Agreed last time ({when})"), classes="subheading")
            for line in lines:
                yield Static(Content(visible(line)), classes="item")
        yield Static("Learning intentions", classes="subheading")
        for number, aim in enumerate(script.learning_intentions, start=1):
            yield Static(Content(f"{number}. {aim}"), classes="item")
        if script.preparation:
            yield Static("Did the ECT bring…", classes="subheading")
            for index, item in enumerate(script.preparation):
                yield WrappingCheckbox(
                    Content(item), value=item in self.meeting.brought, id=f"brought-{index}"
                )
        yield Static("The plan", classes="subheading")
        for section in script.sections:
            yield Static(Content(f"{format_clock(section.planned_seconds)}  {section.title}"), classes="item")
        yield Static(
            Content("Press ctrl+n to start the first section and its timer."),
            classes="hint",
        )

    @on(Checkbox.Changed)
    def _brought(self, event: Checkbox.Changed) -> None:
        index = int((event.checkbox.id or "0").rsplit("-", 1)[1])
        self.meeting.set_brought(self.meeting.script.preparation[index], event.value)
        self.changed(urgent=True)
