"""Praise: precise praise items added one at a time; a half-typed one kept as a draft."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ect_tui.coaching.praise import DRAFT, add_praise, keep_draft, kept_message, recorded, set_draft
from ect_tui.tui.screens.coaching.section import CoachingScreen
from ect_tui.tui.text import visible


class PraiseList(OptionList):
    BINDINGS = [Binding("delete,backspace", "screen.remove_praise", "Remove", id="coaching.remove-praise")]


class PraiseScreen(CoachingScreen):
    """Specific praise, one point at a time; each is kept as praise in the record.

    What is typed in the box is saved as a draft with every keystroke, and added as a
    point on leaving the section (with one line saying so): Enter is never needed.
    """

    FIRST_FOCUS = "#praise-input"

    def compose_questions(self) -> ComposeResult:
        yield from ()  # the questions are the prompts above the list

    def compose_controls(self) -> ComposeResult:
        for question in self.section.questions:
            yield Static(Content(question.text), classes="question")
            if question.hint:
                yield Static(Content(question.hint), classes="hint")
        yield Static(id="praise-count", classes="label")
        yield PraiseList(id="praise-list")
        draft = self.data.get(DRAFT)
        yield Input(
            draft if isinstance(draft, str) else "",
            placeholder="One specific praise point, then Enter",
            id="praise-input",
            select_on_focus=False,
        )
        yield Static(id="praise-feedback", classes="feedback")

    @property
    def praise(self) -> list[str]:
        return recorded(self.data)

    def on_mount(self) -> None:
        self._fill()
        super().on_mount()

    def _fill(self) -> None:
        praise_list = self.query_one("#praise-list", PraiseList)
        praise_list.clear_options()
        for number, point in enumerate(self.praise, start=1):
            praise_list.add_option(Option(Content(f"{number}. {visible(point)}")))
        praise_list.display = bool(self.praise)
        count = len(self.praise)
        self.query_one("#praise-count", Static).update(
            Content(f"Praise given: {count}" + (" (delete removes the highlighted one)" if count else ""))
        )

    @on(Input.Changed, "#praise-input")
    def _typed(self, event: Input.Changed) -> None:
        if not self.in_meeting:
            return
        set_draft(self.meeting, self.section.id, event.value)

    def on_screen_suspend(self) -> None:
        # Moving on (or to the summary) without Enter: what is in the box is praise given.
        if not self.in_meeting:
            return
        point = keep_draft(self.meeting, self.section.id)
        if point:
            self.query_one("#praise-input", Input).value = ""
            self._fill()
            self.say("praise-feedback", "")
            self.notify(visible(kept_message(point)), markup=False)  # the praise is data, never markup
            self.changed(urgent=True)

    @on(Input.Submitted, "#praise-input")
    def _add(self, event: Input.Submitted) -> None:
        text = add_praise(self.meeting, self.section.id, event.value)
        if not text:
            self.say("praise-feedback", "Type the praise first, then Enter.", error=True)
            return
        event.input.value = ""
        self._fill()
        if len(text.split()) < 4:
            self.say(
                "praise-feedback", "Recorded. Make it specific: what exactly they did, and why it mattered."
            )
        else:
            self.say("praise-feedback", "Recorded.")
        self.changed(urgent=True)

    def action_remove_praise(self) -> None:
        praise_list = self.query_one("#praise-list", PraiseList)
        index = praise_list.highlighted
        praise = self.praise
        if index is None or not 0 <= index < len(praise):
            return
        del praise[index]
        self.meeting.set_data(self.section.id, "praise", praise)
        self._fill()
        if praise:
            praise_list.highlighted = min(index, len(praise) - 1)
        self.say("praise-feedback", "Removed.")
        self.changed(urgent=True)
