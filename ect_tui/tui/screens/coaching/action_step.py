"""The new action step: what, success criteria and its statement code (ITTECF or ECF), or replacing the open one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, Static

from ect_tui.coaching.steps import (
    carried_step,
    new_step_refusal,
    parse_ecf_code,
    replacing,
    set_replacing,
    update_new_step,
)
from ect_tui.meeting.stored import stored_part
from ect_tui.tui.screens.coaching.section import CoachingScreen
from ect_tui.tui.text import visible


class ActionStepScreen(CoachingScreen):
    """Exactly one bite-sized step, what success looks like and its statement code (ITTECF or ECF); refused while one is open."""

    BINDINGS = [
        Binding(
            "f2",
            "replace",
            "Replace old step",
            id="coaching.replace",
            tooltip="Close last week's open step as replaced, so this new one can be set",
        ),
    ]

    def compose_controls(self) -> ComposeResult:
        yield Static(id="step-state", classes="step-state")

    def compose_questions(self) -> ComposeResult:
        yield from super().compose_questions()  # the granular feedback first, then the step it leads to
        step = stored_part(self.data, "step")
        yield Static("The action step: one thing, small enough to practise today", classes="question")
        yield Input(
            step.get("text", ""),
            placeholder="e.g. Count down from 3 before every transition",
            id="step-text",
            select_on_focus=False,
            classes="step-input",
        )
        yield Static(id="step-feedback", classes="feedback")
        yield Static("What success looks like", classes="label")
        yield Input(
            step.get("success", ""),
            placeholder="e.g. every pupil silent and facing you by 0",
            id="step-success",
            select_on_focus=False,
            classes="step-input",
        )
        yield Static("Statement code (e.g. ITTECF 7d)", classes="label")
        yield Input(
            step.get("code", ""),
            placeholder="e.g. 7h (learn how to) or 7.2 (learn that)",
            id="step-code",
            select_on_focus=False,
            classes="step-input code",
        )
        yield Static(id="step-code-feedback", classes="feedback")

    def on_mount(self) -> None:
        self._update(record=False)
        super().on_mount()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        # The last-step verdict may have changed since this screen was built.
        self._update()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "replace":
            return carried_step(self.meeting) is not None
        return True

    def action_replace(self) -> None:
        last = next((r for r in self.meeting.sections if r.section.kind == "last-step"), None)
        if last is not None and last.data.get("status") == "met":
            self.notify("Last week's step is marked met, so it is already closed: no need to replace it.")
            return
        set_replacing(self.meeting, not replacing(self.meeting))
        self._update()
        self.changed(urgent=True)

    @on(Input.Changed, ".step-input")
    def _typed(self) -> None:
        self._update()

    def _values(self) -> tuple[str, str, str]:
        return tuple(self.query_one(f"#step-{name}", Input).value for name in ("text", "success", "code"))  # type: ignore[return-value]

    def _update(self, *, record: bool = True) -> None:
        self._show_state()
        text, success, code = self._values()
        check = update_new_step(self.meeting, text, success, code) if record else None
        self._show_code(code)
        if check is None:
            refusal = new_step_refusal(self.meeting) if text.strip() else None
            self.say("step-feedback", refusal or "", error=bool(refusal))
            return
        lines = list(check.errors) + list(check.hints)
        if check.recorded and not lines:
            lines = ["✓ One step, with what success looks like and its statement code."]
        self.say("step-feedback", "\n".join(lines), error=bool(check.errors or check.hints))

    def _show_code(self, code: str) -> None:
        if not code.strip():
            self.say("step-code-feedback", "")
            return
        try:
            parsed = parse_ecf_code(code)
        except ValueError as exc:
            self.say("step-code-feedback", str(exc), error=True)
            return
        statement = self._statement_text(parsed.reference)
        self.say("step-code-feedback", f"✓ {parsed.reference}" + (f": {statement}" if statement else ""))

    def _statement_text(self, reference: str) -> str:
        for script in self.ect_app.catalog:
            for section in script.audit_sections():
                for statement in section.statements:
                    if section.reference(statement) == reference:
                        return statement.text
        return ""

    def _show_state(self) -> None:
        step = carried_step(self.meeting)
        state = self.query_one("#step-state", Static)
        if step is None:
            text = "No step is open: set this week's one step below."
        elif replacing(self.meeting):
            text = "Replacing last week's step with a new one (F2 to keep it instead)."
        elif new_step_refusal(self.meeting) is None:
            text = "Last week's step was met: set the next one below."
        else:
            text = (
                f"Last week's step is still open: {visible(step.get('text', ''))}\n"
                "Leave the boxes below empty to carry it on, go back to the first section and mark it met, "
                "or F2 to replace it."
            )
        state.update(Content(text))
        self.refresh_bindings()
