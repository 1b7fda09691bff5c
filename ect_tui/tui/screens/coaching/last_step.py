"""Last week's action step: met, partly met or not met yet, with the evidence."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ect_tui.coaching.steps import (
    STATUSES,
    carried_step,
    review_message,
    set_review,
)
from ect_tui.tui.screens.coaching.section import CoachingScreen, shown_day
from ect_tui.tui.text import visible
from ect_tui.tui.widgets.notes import NotesArea


class StatusList(OptionList):
    """Met / partly / not yet, picked with one letter or Enter."""

    # The keys are spelled out in the label above the list, which leaves the footer for the meeting's keys.
    BINDINGS = [
        Binding("m", "screen.status('met')", "Met", id="coaching.met", show=False),
        Binding("p", "screen.status('partly')", "Partly", id="coaching.partly", show=False),
        Binding("n", "screen.status('not-yet')", "Not yet", id="coaching.not-yet", show=False),
    ]


class LastStepScreen(CoachingScreen):
    """The open step this meeting started from: was it met, and how do we know?"""

    def compose_controls(self) -> ComposeResult:
        step = carried_step(self.meeting)
        if step is None:
            yield Static(
                Content(
                    f"No open action step for {visible(self.meeting.ect)}: this is their first coaching meeting "
                    "here, or the last step was met. Set one in the action-step section."
                ),
                classes="subheading",
            )
            return
        today = self.meeting.started.date()
        try:
            days = (today - date.fromisoformat(step.get("set_on", ""))).days
            opened = f" · open {days} day{'s' if days != 1 else ''}"
        except ValueError:
            opened = ""
        by = f" by {visible(step['mentor'])}" if step.get("mentor") else ""
        yield Static(
            Content(f"The open step, set {shown_day(step.get('set_on', ''))}{by}{opened}"),
            classes="subheading",
        )
        yield Static(Content(visible(step.get("text", ""))), id="open-step-text", classes="step-text")
        if step.get("success"):
            yield Static(Content(f"Success looks like: {visible(step['success'])}"), classes="item")
        if step.get("reference") or step.get("code"):
            yield Static(
                Content(f"ECF {visible(step.get('reference') or step.get('code', ''))}"), classes="item"
            )
        reviews = [r for r in step.get("reviews", []) if isinstance(r, dict)]
        if reviews:
            said = " · ".join(
                f"{shown_day(r.get('on', ''))}: {STATUSES.get(r.get('status', ''), '?').lower()}"
                for r in reviews
            )
            yield Static(Content(f"Reviewed before: {said}"), classes="hint")
        yield Static("Has it been met? (m met · p partly · n not yet)", classes="label")
        yield StatusList(id="step-status")
        yield Static(id="status-feedback", classes="feedback")
        yield Static("How do you know? What did you see or hear?", classes="label")
        yield NotesArea(
            self.data.get("evidence", ""),
            key="evidence",
            id="evidence",
            placeholder="Evidence…",
            classes="notes",
        )

    def on_mount(self) -> None:
        if self.query("#step-status"):
            self._fill_statuses()
            self.say("status-feedback", review_message(self.meeting))
        super().on_mount()

    def _fill_statuses(self) -> None:
        status_list = self.query_one("#step-status", StatusList)
        chosen = self.data.get("status")
        highlighted = status_list.highlighted
        status_list.clear_options()
        for key, label in STATUSES.items():
            mark = "●" if key == chosen else "○"
            status_list.add_option(Option(Content(f"{mark} {label}"), id=key))
        keys = list(STATUSES)
        status_list.highlighted = keys.index(chosen) if chosen in keys else (highlighted or 0)

    def action_status(self, status: str) -> None:
        message = set_review(self.meeting, status)
        self._fill_statuses()
        self.say("status-feedback", message)
        if status == "met" and not self.data.get("evidence", "").strip():
            self.say("status-feedback", message + " Add the evidence: how do you know?")
        self.changed(urgent=True)

    @on(OptionList.OptionSelected, "#step-status")
    def _status_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.action_status(event.option.id)

    @on(TextArea.Changed, "#evidence")
    def _evidence_changed(self, event: TextArea.Changed) -> None:
        self.meeting.set_data(self.section.id, "evidence", event.text_area.text)
