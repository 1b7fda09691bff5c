"""Next steps: focus areas from the audit (Emerging first), plans, and the next meeting."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.validation import Function
from textual.widgets import Input, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from ect_tui.meeting.undo import Change
from ect_tui.meeting.when import far_note, parse_when
from ect_tui.script.model import Item, Section
from ect_tui.tui.screens.base import MeetingScreen
from ect_tui.tui.widgets.choices import ChoiceList
from ect_tui.tui.widgets.notes import NotesArea
from ect_tui.tui.widgets.statements import LEVEL_STYLES


class NextStepsScreen(MeetingScreen):
    """Each next-steps item as the right control: a pick list, a notes box or a date."""

    def __init__(self, section: Section):
        super().__init__(section.id, section.title)
        self.section = section

    def compose_body(self) -> ComposeResult:
        if self.section.guidance:
            yield Static(Content(self.section.guidance), classes="guidance")
        for number, item in enumerate(self.section.items, start=1):
            yield Static(Content(f"{number}. {item.text}"), classes="question")
            if item.hint:
                yield Static(Content(item.hint), classes="hint")
            yield from self._control(item)

    def _control(self, item: Item) -> ComposeResult:
        record = self.meeting.record(self.section.id)
        if item.kind == "focus":
            yield ChoiceList[str](id=f"focus-{item.id}", classes="focus-list")
            yield Static(id=f"focus-{item.id}-summary", classes="hint")
        elif item.kind == "datetime":
            yield Input(
                record.fields.get(item.id, ""),
                placeholder="e.g. tue 15:30, 1/12 3.30pm, 2026-12-01 15:30",
                id=f"when-{item.id}",
                classes="when",
                validators=[Function(self._reads_as_date)],
                valid_empty=True,
            )
            yield Static(id=f"when-{item.id}-feedback", classes="feedback")
        else:
            yield NotesArea(
                record.fields.get(item.id, ""), key=item.id, placeholder="Notes…", classes="notes"
            )

    def _reads_as_date(self, text: str) -> bool:
        if not text.strip():
            return True
        try:
            parse_when(text, self.meeting.clock.now())
        except ValueError:
            return False
        return True

    def on_mount(self) -> None:
        for item in self.section.items:
            if item.kind == "datetime":
                self._show_when(item.id, self.meeting.record(self.section.id).fields.get(item.id, ""))

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        # Ratings may have changed on the audit screen since this list was last built.
        for item in self.section.items:
            if item.kind == "focus":
                self._fill_focus(item)

    def _fill_focus(self, item: Item) -> None:
        record = self.meeting.record(self.section.id)
        levels = {lv.key: lv.label for s in self.meeting.script.audit_sections() for lv in s.levels}
        selections = []
        for code, text, level in self.meeting.focus_candidates():
            label = levels.get(level or "", "not rated")
            prompt = Content.assemble(
                (f"{label:<10}", LEVEL_STYLES.get(level or "", "$text-muted")), f" {code:<4} ", text
            )
            selections.append(Selection(prompt, code, code in record.focus))
        focus_list = self.query_one(f"#focus-{item.id}", SelectionList)
        highlighted = focus_list.highlighted
        with focus_list.prevent(SelectionList.SelectedChanged):
            focus_list.clear_options()
            focus_list.add_options(selections)
        if selections:
            focus_list.highlighted = min(highlighted or 0, len(selections) - 1)
        self._show_focus_summary(item)

    def _show_focus_summary(self, item: Item) -> None:
        chosen = self.meeting.record(self.section.id).focus
        text = (
            f"Chosen: {', '.join(chosen)}"
            if chosen
            else "Space to choose; Emerging statements are listed first."
        )
        self.query_one(f"#focus-{item.id}-summary", Static).update(Content(text))

    @on(SelectionList.SelectionToggled)
    def _focus_toggled(self, event: SelectionList.SelectionToggled) -> None:
        item_id = (event.selection_list.id or "").removeprefix("focus-")
        chosen = event.selection.value in event.selection_list.selected
        change = self.history.set_focus(self.section.id, event.selection.value, chosen)
        self._show_focus_summary(next(i for i in self.section.items if i.id == item_id))
        self.changed(urgent=True)
        if change is not None:
            self.notify(f"{change.description[0].upper()}{change.description[1:]}, ctrl+z to undo", timeout=3)

    def show_change(self, change: Change, line: str) -> None:
        super().show_change(change, line)
        if change.kind == "focus" and change.section_id == self.section.id:
            for item in self.section.items:
                if item.kind == "focus":
                    self._fill_focus(item)

    @on(TextArea.Changed, "NotesArea")
    def _notes_changed(self, event: TextArea.Changed) -> None:
        area = event.text_area
        assert isinstance(area, NotesArea)
        self.meeting.set_field(self.section.id, area.key, area.text)

    @on(Input.Changed, ".when")
    def _when_changed(self, event: Input.Changed) -> None:
        item_id = (event.input.id or "").removeprefix("when-")
        self._show_when(item_id, event.value)

    def _show_when(self, item_id: str, text: str) -> None:
        feedback = self.query_one(f"#when-{item_id}-feedback", Static)
        when = None
        if text.strip():
            now = self.meeting.clock.now()
            try:
                when = parse_when(text, now)
            except ValueError as exc:
                # What was typed stays in the box and the record, but not as a date.
                feedback.update(Content(f"{exc} Kept as typed, not as a date."))
                feedback.set_class(True, "-error")
            else:
                note = far_note(text, when, now.date())
                feedback.update(Content(note or f"✓ {when.human()}"))
                feedback.set_class(False, "-error")
        else:
            feedback.update("")
        box = self.query_one(f"#when-{item_id}", Input)
        box.validate(box.value)  # marks the box itself (and keeps it marked after tab, unlike a set class)
        if box.has_focus:  # the message sits under the box: at 80x24 it would be below the fold
            self.call_after_refresh(feedback.scroll_visible, animate=False)
        self.meeting.set_field(self.section.id, item_id, text, when.iso() if when else None)
