"""The module audit: the ECT rates each statement, says why, and the mentor gives a view."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ect_tui.meeting.blind import describe_gap, probe_for
from ect_tui.meeting.transcript import MENTOR_VIEWS, Rating
from ect_tui.script.model import Section
from ect_tui.tui.screens.base import MeetingScreen
from ect_tui.tui.text import visible
from ect_tui.tui.widgets.notes import NotesArea
from ect_tui.tui.widgets.statements import (
    LEVEL_STYLES,
    StatementList,
    statement_list_for,
    statement_prompt,
)

ASIDES = ("prompts", "levels", "caution")


class AuditScreen(MeetingScreen):
    """Rate with one key, give a reason, see definitions and prompts without leaving the list."""

    BINDINGS = [
        Binding("escape", "focus_list", "To list", id="audit.to-list")
    ]  # shown in the boxes (check_action)

    def __init__(self, section: Section):
        super().__init__(section.id, section.title)
        self.section = section
        self._codes = {statement.code for statement in section.statements}
        self._agreed_code: str | None = None  # the statement the agreed-reason box is showing
        self.aside = 0
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
                yield Static("Why? The ECT's reasons and examples", classes="label")
                yield NotesArea(key="reason", id="reason", placeholder="Reason, examples, feedback received…")
                yield Input(
                    placeholder="Why we agreed this rating…", id="agreed-reason", select_on_focus=False
                )
                with VerticalScroll(id="aside"):
                    yield Static(id="aside-text")

    def on_mount(self) -> None:
        statements = self.query_one("#statements", StatementList)
        if self._first_code is not None:
            statements.highlighted = statements.get_option_index(self._first_code)
        statements.focus()
        self.show_counts()
        self.show_aside()

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
        self.meeting.rate(self.section.id, code, level)
        self._refresh_row(code)
        self.changed(urgent=True)
        if self.meeting.reveal == "each":
            return
        group = self.section.statement(code).group
        record = self.meeting.record(self.section.id)
        group_rated = all(record.rating(s.code).level for s in self.section.statements if s.group == group)
        waiting = self.meeting.unsettled(self.section.id, group)
        if group_rated and waiting:
            self.notify(
                f"{len(waiting)} difference(s) with your view in this heading: talk each through, "
                "then agree a rating (upper-case letter).",
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
            self.notify(
                "Agreeing a rating comes once the ECT has rated and your view differs: "
                "your prepared view, or maybe too harsh / too kind (h/k)."
            )
            return
        self.meeting.settle(self.section.id, code, level)
        self._refresh_row(code)
        self.changed(urgent=True)
        if self.meeting.reveal != "heading":
            return
        group = self.section.statement(code).group
        # Only differences already revealed: jumping to a hidden one would give it away.
        waiting = [c for c in self.meeting.unsettled(self.section.id, group) if self._revealed(c)]
        if waiting:
            self._go_to_code(waiting[0])
            self.notify(f"Next difference in this heading: {waiting[0]}", timeout=4)

    def _revealed(self, code: str) -> bool:
        """The mentor's prior view stays hidden until the ECT has rated (per statement or per heading)."""
        return self.meeting.prior_revealed(self.section.id, code)

    def _go_to_code(self, code: str) -> None:
        statements = self.query_one("#statements", StatementList)
        statements.highlighted = statements.get_option_index(code)

    def action_view(self, view: str) -> None:
        if self.current_code is None:
            return
        current = self.meeting.record(self.section.id).rating(self.current_code).mentor_view
        self.meeting.set_mentor_view(self.section.id, self.current_code, None if current == view else view)
        self._refresh_row(self.current_code)
        self.changed(urgent=True)

    def action_clear_rating(self) -> None:
        if self.current_code is None:
            return
        self.meeting.rate(self.section.id, self.current_code, None)
        self._refresh_row(self.current_code)
        self.changed(urgent=True)

    def action_reason(self) -> None:
        self.query_one("#reason", NotesArea).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape is shown only in the boxes, where it leads back to the list."""
        if action == "focus_list":
            return not isinstance(self.focused, StatementList)
        return True

    def action_focus_list(self) -> None:
        self.query_one("#statements", StatementList).focus()

    def action_aside(self) -> None:
        self.aside = (self.aside + 1) % len(ASIDES)
        self.show_aside()

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
        level = self.section.level(rating.level) if rating.level else None
        keys = " ".join(f"{lv.shortcut}={lv.label}" for lv in self.section.levels)
        rating_part: str | tuple[str, str] = (
            (level.label, f"bold {LEVEL_STYLES.get(level.key, '')}") if level else f"not rated ({keys})"
        )
        parts: list[str | tuple[str, str]] = ["ECT: ", rating_part]
        revealed = self._revealed(statement.code)
        if revealed:
            assert rating.prior is not None
            parts += ["\nMentor (prepared): ", self._level_part(rating.prior)]
            if rating.mentor_view:
                parts.append(f", now {MENTOR_VIEWS.get(rating.mentor_view, rating.mentor_view)}")
        else:
            parts += ["\nMentor: ", MENTOR_VIEWS.get(rating.mentor_view or "", "no view yet (a/h/k)")]
        if rating.agreed:
            parts += ["\nAgreed: ", self._level_part(rating.agreed)]
        elif self.meeting.can_settle(self.section.id, statement.code):
            # Here as well as in the side panel's prompt, which is below the fold at 80x24.
            agree = "Agree a rating together: " + " ".join(lv.shortcut.upper() for lv in self.section.levels)
            parts.append(
                f"\nDiffers from your prepared view. {agree}" if rating.differs and revealed else f"\n{agree}"
            )
        if rating.prior is not None and not revealed:
            parts.append("   (your prepared view is hidden until the ECT rates)")
        before = self._last_time(statement.code)
        if before:
            parts.append(("   " + before, "$text-muted"))
        if rating.level:
            parts.append(("\nEnter: why?  ·  a/h/k: your view  ·  ↓ next", "$text-muted"))
        self.query_one("#statement-rating", Static).update(Content.assemble(*parts))
        self._keep_typed_reasons()
        reason = self.query_one("#reason", NotesArea)
        reason.key = statement.code
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

    def _level_part(self, key: str) -> tuple[str, str]:
        return (self.section.level(key).label, f"bold {LEVEL_STYLES.get(key, '')}")

    def _last_time(self, code: str) -> str:
        """E.g. ``last audit 14 Oct: Developing``, for talking about what has moved."""
        last = self.ect_app.last_audit
        if last is None or code not in last[1]:
            return ""
        when, levels = last
        try:
            day = date.fromisoformat(when).strftime("%-d %b %Y")
        except ValueError:
            day = when or "undated"
        try:
            label = self.section.level(levels[code]).label
        except KeyError:  # a scale from an older version of the script
            label = levels[code]
        return f"last audit {day}: {label}"

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
        if self.current_code is not None:
            rating = self.meeting.record(self.section.id).rating(self.current_code)
            if rating.differs and self._revealed(self.current_code):
                self._show_difference(rating)
                return
        kind = ASIDES[self.aside]
        if kind == "prompts":
            lines = ["Probing prompts  (p: levels)"] + [f"• {prompt}" for prompt in self.section.prompts]
        elif kind == "levels":
            lines = ["Levels  (p: caution)"] + [f"{lv.label}: {lv.definition}" for lv in self.section.levels]
        else:
            lines = ["Watch for  (p: prompts)", self.section.caution or self.section.guidance]
        self.query_one("#aside-text", Static).update(Content(visible("\n".join(lines))))

    def _show_difference(self, rating: Rating) -> None:
        """The blind-rating difference as a prompt: both ratings, the evidence, a question to ask."""
        assert rating.level is not None and rating.prior is not None
        own, prior = self.section.level(rating.level), self.section.level(rating.prior)
        lines = [
            f"Difference: {self.meeting.ect} rated {own.label}; your prepared view: {prior.label}",
            f"({describe_gap(rating.level, rating.prior)})",
        ]
        if rating.prior_evidence:
            lines.append(f"Your evidence: {rating.prior_evidence}")
        lines.append(f"Ask: {probe_for(rating.level, rating.prior, self.section.prompts)}")
        if rating.agreed:
            lines.append(f"Agreed: {self.section.level(rating.agreed).label}")
        else:
            keys = " ".join(lv.shortcut.upper() for lv in self.section.levels)
            lines.append(f"Then agree a rating together: {keys} (upper case)")
        self.query_one("#aside-text", Static).update(Content(visible("\n".join(lines))))

    @on(Input.Changed, "#agreed-reason")
    def _agreed_reason_changed(self, event: Input.Changed) -> None:
        # Filed under the statement the box is showing, whatever the cursor did since.
        if self._agreed_code in self._codes:
            self._record_agreed_reason(self._agreed_code, event.input.value)

    @on(OptionList.OptionHighlighted, "#statements")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and not event.option.id.startswith("group:"):
            self.show_detail()

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
