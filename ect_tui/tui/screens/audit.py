"""The module audit: the ECT rates each statement, says why, and the mentor gives a view."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ect_tui.meeting.transcript import MENTOR_VIEWS, Rating
from ect_tui.script.model import Level, Section, Statement
from ect_tui.tui.screens.base import MeetingScreen
from ect_tui.tui.text import visible
from ect_tui.tui.widgets.notes import NotesArea

LEVEL_STYLES = {"emerging": "$error", "developing": "$warning", "secure": "$success"}
VIEW_MARKS = {"agree": "=", "too-harsh": "↑", "too-kind": "↓"}
ASIDES = ("prompts", "levels", "caution")


class StatementList(OptionList):
    """The statements under their headings; level keys are added per script by `statement_list_for`."""

    # The mentor's-view keys are explained beside the rating, so the footer keeps room for the rest.
    BINDINGS = [
        Binding("enter", "reason", "Reason", id="audit.reason"),
        Binding("p", "aside", "Prompts", id="audit.aside"),
        Binding("a", "view('agree')", "Mentor agrees", show=False, id="audit.agree"),
        Binding("h", "view('too-harsh')", "Maybe too harsh", show=False, id="audit.too-harsh"),
        Binding("k", "view('too-kind')", "Maybe too kind", show=False, id="audit.too-kind"),
        Binding("delete,backspace", "clear", "Clear rating", show=False, id="audit.clear"),
    ]

    def action_rate(self, level: str) -> None:
        self.screen.rate_highlighted(level)  # type: ignore[attr-defined]

    def action_view(self, view: str) -> None:
        self.screen.view_highlighted(view)  # type: ignore[attr-defined]

    def action_clear(self) -> None:
        self.screen.clear_highlighted()  # type: ignore[attr-defined]

    def action_reason(self) -> None:
        self.screen.focus_reason()  # type: ignore[attr-defined]

    def action_aside(self) -> None:
        self.screen.cycle_aside()  # type: ignore[attr-defined]


def statement_list_for(levels: tuple[Level, ...]) -> type[StatementList]:
    """A StatementList whose footer shows this script's own rating keys (e.g. e/d/s)."""
    bindings = [
        Binding(level.shortcut, f"rate('{level.key}')", level.label, id=f"audit.rate-{level.key}")
        for level in levels
    ]
    return type("StatementList", (StatementList,), {"BINDINGS": bindings})


def statement_prompt(statement: Statement, rating: Rating, levels: tuple[Level, ...]) -> Content:
    """One row of the list: level letter, mentor mark, code and text (user text never markup)."""
    by_key = {level.key: level for level in levels}
    level = by_key.get(rating.level or "")
    letter = level.label[0] if level else "·"
    style = LEVEL_STYLES.get(rating.level or "", "$text-muted")
    mark = VIEW_MARKS.get(rating.mentor_view or "", " ")
    return Content.assemble((f"{letter}", f"bold {style}"), mark, f" {statement.code:<4} ", statement.text)


class AuditScreen(MeetingScreen):
    """Rate with one key, give a reason, see definitions and prompts without leaving the list."""

    BINDINGS = [Binding("escape", "focus_list", "To list", id="audit.to-list", show=False)]

    def __init__(self, section: Section):
        super().__init__(section.id, section.title)
        self.section = section
        self.aside = 0
        self.current_code: str | None = section.statements[0].code if section.statements else None

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
                with VerticalScroll(id="aside"):
                    yield Static(id="aside-text")

    def on_mount(self) -> None:
        statements = self.query_one("#statements", StatementList)
        if self.current_code is not None:
            statements.highlighted = statements.get_option_index(self.current_code)
        statements.focus()
        self.show_counts()
        self.show_aside()

    # ----- what the keys do -----
    def _advance(self) -> None:
        statements = self.query_one("#statements", StatementList)
        statements.action_cursor_down()

    def rate_highlighted(self, level: str) -> None:
        if self.current_code is None:
            return
        self.meeting.rate(self.section.id, self.current_code, level)
        self._refresh_row(self.current_code)
        self.changed(urgent=True)
        self._advance()

    def view_highlighted(self, view: str) -> None:
        if self.current_code is None:
            return
        current = self.meeting.record(self.section.id).rating(self.current_code).mentor_view
        self.meeting.set_mentor_view(self.section.id, self.current_code, None if current == view else view)
        self._refresh_row(self.current_code)
        self.changed(urgent=True)

    def clear_highlighted(self) -> None:
        if self.current_code is None:
            return
        self.meeting.rate(self.section.id, self.current_code, None)
        self._refresh_row(self.current_code)
        self.changed(urgent=True)

    def focus_reason(self) -> None:
        self.query_one("#reason", NotesArea).focus()

    def action_focus_list(self) -> None:
        self.query_one("#statements", StatementList).focus()

    def cycle_aside(self) -> None:
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
            Content(f"{self.section.reference(statement)}  ·  {group.title}")
        )
        self.query_one("#statement-text", Static).update(Content(statement.text))
        level = self.section.level(rating.level) if rating.level else None
        keys = " ".join(f"{lv.shortcut}={lv.label}" for lv in self.section.levels)
        rating_part: str | tuple[str, str] = (
            (level.label, f"bold {LEVEL_STYLES.get(level.key, '')}") if level else f"not rated ({keys})"
        )
        view = MENTOR_VIEWS.get(rating.mentor_view or "", "no view yet (a/h/k)")
        self.query_one("#statement-rating", Static).update(
            Content.assemble("ECT: ", rating_part, "   Mentor: ", view)
        )
        reason = self.query_one("#reason", NotesArea)
        if reason.text != rating.reason:
            reason.load_text(rating.reason)
        if ASIDES[self.aside] == "levels":
            self.show_aside()

    def show_aside(self) -> None:
        kind = ASIDES[self.aside]
        if kind == "prompts":
            lines = ["Probing prompts  (p: levels)"] + [f"• {prompt}" for prompt in self.section.prompts]
        elif kind == "levels":
            lines = ["Levels  (p: caution)"] + [f"{lv.label}: {lv.definition}" for lv in self.section.levels]
        else:
            lines = ["Watch for  (p: prompts)", self.section.caution or self.section.guidance]
        self.query_one("#aside-text", Static).update(Content(visible("\n".join(lines))))

    @on(OptionList.OptionHighlighted, "#statements")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and not event.option.id.startswith("group:"):
            self.current_code = event.option.id
            self.show_detail()

    @on(TextArea.Changed, "#reason")
    def _reason_changed(self, event: TextArea.Changed) -> None:
        if self.current_code is None:
            return
        before = self.meeting.revision
        self.meeting.set_reason(self.section.id, self.current_code, event.text_area.text)
        if self.meeting.revision != before:
            self.changed()
