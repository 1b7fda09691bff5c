"""The module audit: the ECT rates each statement, says why, and the mentor gives a view.

Keys on the statement list are never letters (see widgets/statements.py): typing a
sentence there goes into the reason box, first letter included. Every rating, view and agreed
rating can be undone (ctrl+z), and the line under the rating says what the last key changed.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ect_tui.meeting.checks import ViewRefused, landing_statement, needs_agreement, next_after, unrated_codes
from ect_tui.meeting.transcript import Rating
from ect_tui.meeting.undo import Change
from ect_tui.script.model import Section
from ect_tui.tui.screens import audit_panel as panel
from ect_tui.tui.screens.base import MeetingScreen
from ect_tui.tui.widgets.notes import NotesArea
from ect_tui.tui.widgets.statements import (
    LEVEL_STYLES,
    StatementList,
    legend,
    statement_list_for,
    statement_prompt,
)


class AuditScreen(MeetingScreen):
    """Rate with one key, give a reason, see definitions and prompts without leaving the list."""

    BINDINGS = [
        Binding("escape", "focus_list", "To list", id="audit.to-list", tooltip="Back to the statement list")
    ]  # shown in the boxes (check_action)

    def __init__(self, section: Section):
        super().__init__(section.id, section.title)
        self.section = section
        self._codes = {statement.code for statement in section.statements}
        self._agreed_code: str | None = None  # the statement the agreed-reason box is showing
        self.prompt_number = 0  # which probing prompt the side panel asks (F2: the next)
        self._claiming = False  # a reason started by typing on the list, focus not back there yet
        self._first_code: str | None = section.statements[0].code if section.statements else None

    @property
    def current_code(self) -> str | None:
        """The statement under the cursor, read from the list itself.

        Keys can arrive before the list's highlight message, so nothing here may rely
        on a copy of the cursor that a message updates later.
        """
        for statements in self.query("#statements").results(StatementList):
            option = statements.highlighted_option
            if option is not None and option.id and not option.id.startswith("group:"):
                return option.id
            return None
        return self._first_code

    def compose_main(self) -> ComposeResult:
        record = self.meeting.record(self.section.id)
        options: list[Option] = []
        for group in self.section.groups:
            options.append(Option(Content.styled(group.title, "bold"), id=f"group:{group.id}", disabled=True))
            for statement in self.section.statements:
                if statement.group == group.id:
                    prompt = statement_prompt(statement, record.rating(statement.code), self.section.levels)
                    options.append(Option(prompt, id=statement.code))
        with Horizontal(id="audit"):
            with Vertical(id="audit-left"):
                yield statement_list_for(self.section.levels)(*options, id="statements")
                yield Static(id="audit-counts")
            with Vertical(id="audit-right"):
                yield Static(id="statement-ref", classes="subheading")
                yield Static(id="statement-text")
                yield Static(id="statement-rating")
                yield Static(id="last-change")
                reason = NotesArea(key="reason", id="reason", placeholder="Type the ECT's reasons, examples…")
                reason.border_title = "Why?"
                yield reason
                yield Input(
                    placeholder="Why we agreed this rating…", id="agreed-reason", select_on_focus=False
                )
                with VerticalScroll(id="aside"):
                    yield Static(id="aside-text")
        yield Static(legend(self.section.levels), id="audit-legend")

    def on_mount(self) -> None:
        statements = self.query_one("#statements", StatementList)
        landing = landing_statement(self.meeting, self.section.id) or self._first_code
        if landing is not None:
            statements.highlighted = statements.get_option_index(landing)
            self._first_code = landing
        self.show_counts()
        self.show_detail()
        # Focus now, not after a refresh: keys typed as the screen opens go where the mentor
        # was (the base class's first focus follows FIRST_FOCUS, set to the same widget).
        # (Widget.focus waits for the next idle moment; Screen.set_focus does not.)
        if self.meeting.cursor(self.section.id).get("field") == "reason":
            self.FIRST_FOCUS = "#reason"
            reason = self.query_one("#reason", NotesArea)
            self.set_focus(reason)
            reason.move_cursor(reason.document.end)
        else:
            self.FIRST_FOCUS = "#statements"
            self.set_focus(statements)

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        if self.in_meeting:  # an undo on another screen may have changed a row
            for statement in self.section.statements:
                self._refresh_row(statement.code)

    # ----- typing on the list goes into the reason box -----
    def claim_key(self, event: events.Key) -> bool:
        """Called by the app before a key is handed to the focused widget: a character that
        is no command of the list starts the ECT's reason, and goes in first.

        Focus moves after this returns, so the rest of a fast burst ("she said 2 times", one
        terminal read) still arrives while the list looks focused: once a reason is started,
        every character goes into it, digits and signs included, in order, until the list is
        focused again."""
        focused = self.focused
        if not isinstance(focused, StatementList) or not event.is_printable or not event.character:
            return False
        reason = self.query_one("#reason", NotesArea)
        if self._claiming:
            reason.move_cursor(reason.document.end)
            reason.insert(event.character)
            return True
        if event.key in self.active_bindings or self.current_code is None:
            return False
        self._start_reason(event.character)
        return True

    def claim_paste(self, text: str) -> bool:
        """A paste on the list is the ECT's reason too (the app has already cleaned it)."""
        if not isinstance(self.focused, StatementList) or self.current_code is None:
            return False
        if self._claiming:
            reason = self.query_one("#reason", NotesArea)
            reason.move_cursor(reason.document.end)
            reason.insert(text)
        else:
            self._start_reason(text)
        return True

    def _start_reason(self, text: str) -> None:
        """Move to the highlighted statement's reason box and add ``text`` at its end."""
        reason = self.query_one("#reason", NotesArea)
        self.show_detail()  # the box shows the highlighted statement now, not after a message
        self._claiming = True
        self.set_focus(reason)  # now: the rest of a burst finds the box focused
        reason.move_cursor(reason.document.end)
        before = reason.text
        joined = not before or before[-1].isspace() or text[:1].isspace()
        reason.insert(text if joined else " " + text)
        self.show_line("Writing the reason: escape goes back to the list", "$text-muted")

    # ----- what the keys do -----
    def action_rate(self, level: str) -> None:
        """Rate, and stay: the ECT says why, the mentor probes and gives a view, then down moves on.

        (Moving on by itself sent the reason and the mentor's view typed next to the
        following statement.) With blind ratings by heading, finishing a heading jumps to
        its first difference.
        """
        if self.current_code is None:
            return
        code = self.current_code
        self._after(self.history.rate(self.section.id, code, level), code)
        if self.meeting.reveal == "each":
            return
        group = self.section.statement(code).group
        record = self.meeting.record(self.section.id)
        group_rated = all(record.rating(s.code).level for s in self.section.statements if s.group == group)
        waiting = self.meeting.unsettled(self.section.id, group)
        if group_rated and waiting:
            self.notify(
                f"{len(waiting)} difference(s) with your view in this heading: talk each through, "
                f"then agree a rating ({self._agree_keys()}).",
                title="Blind ratings revealed",
            )
            self._go_to_code(waiting[0])

    def action_settle(self, level: str) -> None:
        """Record the rating agreed after a difference. The cursor stays, as after a rating (the
        next key may be about this statement), except when the heading's differences were
        revealed together: then it moves on to the next, and says so."""
        code = self.current_code
        if code is None:
            return
        if not self.meeting.can_settle(self.section.id, code):
            self.show_line(
                "Agreeing comes after a difference: your prepared view, or + / - (too harsh / kind).",
                "$warning",
            )
            return
        self._after(self.history.settle(self.section.id, code, level), code)
        if self.meeting.reveal != "heading":
            return
        group = self.section.statement(code).group
        # Only differences already revealed: jumping to a hidden one would give it away.
        waiting = [c for c in self.meeting.unsettled(self.section.id, group) if self._revealed(c)]
        if waiting:
            self._go_to_code(waiting[0])
            self.notify(f"Next difference in this heading: {waiting[0]}", timeout=4)

    def view_highlighted(self, view: str) -> None:
        code = self.current_code
        if code is None:
            return
        current = self.meeting.record(self.section.id).rating(code).mentor_view
        try:
            change = self.history.set_view(self.section.id, code, None if current == view else view)
        except ViewRefused as refused:
            self.show_line(f"{code}: {refused}", "$warning")
            self.app.bell()
            return
        self._after(change, code)

    def clear_highlighted(self) -> None:
        if self.current_code is not None:
            self._after(self.history.rate(self.section.id, self.current_code, None), self.current_code)

    def jump(self, kind: str) -> None:
        """To the next statement not yet rated, or still to agree (wrapping round)."""
        if kind == "unrated":
            codes, none = unrated_codes(self.meeting, self.section.id), "Every statement is rated."
        else:
            codes, none = (
                needs_agreement(self.meeting, self.section.id),
                "No statement is waiting to be agreed.",
            )
        target = next_after(self.section, codes, self.current_code)
        if target is None:
            self.show_line(none, "$text-muted")
        else:
            self._go_to_code(target)

    def _after(self, change: Change | None, code: str) -> None:
        """After a key changed the record: redraw the row, say what changed, save now."""
        self._refresh_row(code)
        if change is not None:
            self.show_line(f"{change.description}, ctrl+z to undo")
            self.changed(urgent=True)

    def show_change(self, change: Change, line: str) -> None:
        """An undo or redo: show the statement it touched, and say so beside it."""
        if change.kind != "rating" or change.section_id != self.section.id or change.code is None:
            super().show_change(change, line)
            return
        self._go_to_code(change.code)
        self._refresh_row(change.code)
        self.show_line(line)

    def show_line(self, text: str, style: str = "$accent") -> None:
        """The one line under the rating that says what the last key did (or why it did nothing)."""
        self.query_one("#last-change", Static).update(Content.styled(text, style))

    def _agree_keys(self) -> str:
        return panel.agree_keys(self.section)

    def _revealed(self, code: str) -> bool:
        """The mentor's prior view stays hidden until the ECT has rated (per statement or per heading)."""
        return self.meeting.prior_revealed(self.section.id, code)

    def show_statement(self, code: str) -> None:
        """Highlight ``code`` on the list and put focus there (e.g. "go there" from finishing)."""
        if code in self._codes:
            self._go_to_code(code)
            self.set_focus(self.query_one("#statements", StatementList))

    def _go_to_code(self, code: str) -> None:
        statements = self.query_one("#statements", StatementList)
        statements.highlighted = statements.get_option_index(code)

    # The list's keys run these as "screen." actions (widgets/statements.py), as the key is read.
    def action_view(self, view: str) -> None:
        self.view_highlighted(view)

    def action_clear_rating(self) -> None:
        self.clear_highlighted()

    def action_jump(self, kind: str) -> None:
        self.jump(kind)

    def action_reason(self) -> None:
        self.focus_reason()

    def focus_reason(self) -> None:
        """Into the reason box, at its end: what is typed next carries the reason on."""
        reason = self.query_one("#reason", NotesArea)
        reason.focus()
        reason.move_cursor(reason.document.end)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape is shown only in the boxes, where it leads back to the list."""
        if action == "focus_list":
            return not isinstance(self.focused, StatementList)
        return True

    def action_focus_list(self) -> None:
        self.query_one("#statements", StatementList).focus()

    def action_aside(self) -> None:
        self.cycle_aside()

    def cycle_aside(self) -> None:
        self.prompt_number += 1
        self.show_aside()

    # ----- where the mentor is, kept for resuming -----
    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, StatementList):
            self._claiming = False  # back on the list: letters start a new reason again
        self._keep_cursor()

    def _keep_cursor(self) -> None:
        code = self.current_code
        if code is None or not self.in_meeting:
            return
        focused = self.focused
        field = "reason" if focused is not None and focused.id == "reason" else "list"
        self.meeting.set_cursor(self.section.id, code=code, field=field)  # saved through on_change

    # ----- showing state -----
    def _refresh_row(self, code: str) -> None:
        statement = self.section.statement(code)
        rating = self.meeting.record(self.section.id).rating(code)
        self.query_one("#statements", StatementList).replace_option_prompt(
            code, statement_prompt(statement, rating, self.section.levels)
        )
        self.show_counts()
        if code == self.current_code:
            self.show_detail()

    def show_counts(self) -> None:
        counts = self.meeting.rating_counts(self.section.id)
        rated = sum(counts.values())
        parts: list[str | tuple[str, str]] = [f"Rated {rated} of {len(self.section.statements)}"]
        for level in self.section.levels:
            parts.append("  ·  ")
            parts.append((f"{level.label[0]} {counts.get(level.key, 0)}", LEVEL_STYLES.get(level.key, "")))
        self.query_one("#audit-counts", Static).update(Content.assemble(*parts))

    def show_detail(self) -> None:
        if self.current_code is None:
            return
        statement = self.section.statement(self.current_code)
        rating = self.meeting.record(self.section.id).rating(statement.code)
        group = self.section.group(statement.group)
        self.query_one("#statement-ref", Static).update(
            Content(f"{framework_reference(self.meeting.script, group, statement.code)}  ·  {group.title}")
        )
        self.query_one("#statement-text", Static).update(Content(statement.text))
        last = panel.last_time(self.ect_app.last_audit, self.section, statement.code)
        detail = panel.rating_detail(self.meeting, self.section, statement.code, last)
        self.query_one("#statement-rating", Static).update(detail)
        if self.current_code != self.query_one("#reason", NotesArea).key:
            self.show_line("")  # the last change was about another statement
        self._keep_typed_reasons()
        reason = self.query_one("#reason", NotesArea)
        reason.key = statement.code
        reason.border_title = f"Why {statement.code}? (type, or Enter)"
        if reason.text != rating.reason:
            reason.load_text(rating.reason)
        agreed_reason = self.query_one("#agreed-reason", Input)
        agreed_reason.display = rating.agreed is not None or self.meeting.can_settle(
            self.section.id, statement.code
        )
        self._agreed_code = statement.code
        if agreed_reason.value != rating.agreed_reason:
            agreed_reason.value = rating.agreed_reason
        self.show_aside()

    def _keep_typed_reasons(self) -> None:
        """Before the boxes switch statement, file what they hold under the statement they showed."""
        reason = self.query_one("#reason", NotesArea)
        if reason.key in self._codes:
            self._record_reason(reason.key, reason.text)
        agreed = self.query_one("#agreed-reason", Input)
        if self._agreed_code in self._codes:
            self._record_agreed_reason(self._agreed_code, agreed.value)

    def _record_reason(self, code: str, text: str) -> None:
        self.meeting.set_reason(self.section.id, code, text)

    def _record_agreed_reason(self, code: str, text: str) -> None:
        self.meeting.set_agreed_reason(self.section.id, code, text)

    def show_aside(self) -> None:
        """The probing prompt to ask now, the level definitions, what to watch for; or a difference."""
        code = self.current_code
        rating = self.meeting.record(self.section.id).rating(code) if code is not None else Rating()
        if code is not None and rating.differs and self._revealed(code):
            content = panel.difference(self.meeting.ect, self.section, rating)
        else:
            content = panel.aside(self.section, rating, self.prompt_number)
        self.query_one("#aside-text", Static).update(content)

    @on(Input.Changed, "#agreed-reason")
    def _agreed_reason_changed(self, event: Input.Changed) -> None:
        # Filed under the statement the box is showing, whatever the cursor did since.
        if self._agreed_code in self._codes:
            self._record_agreed_reason(self._agreed_code, event.input.value)

    @on(OptionList.OptionHighlighted, "#statements")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and not event.option.id.startswith("group:"):
            self.show_detail()
            self._keep_cursor()

    @on(TextArea.Changed, "#reason")
    def _reason_changed(self, event: TextArea.Changed) -> None:
        area = event.text_area
        assert isinstance(area, NotesArea)
        if area.key in self._codes:
            self._record_reason(area.key, area.text)


def framework_reference(script, group, code: str) -> str:
    """E.g. ``ITTECF 5.1 (learn that)``: the framework named, so a code is never read as another's."""
    strand = "learn that" if group.strand == "learn-that" else "learn how to"
    bank = getattr(script, "bank", None)
    return (
        f"{bank.short} {code} ({strand})" if bank is not None else f"S{group.standard} {group.strand} {code}"
    )
