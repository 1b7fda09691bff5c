"""The coaching sections: last week's step, the drop-in, praise, the new action step, practice rounds.

Each screen shows what the core in ``ect_tui.coaching`` decides (refusals, checks,
timings) and routes what is typed back to it; the section's questions are notes
boxes as on a discussion screen. User text is always shown as plain Content.
"""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.validation import Function
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ect_tui.coaching.days import parse_past_day
from ect_tui.coaching.practice import PHASES, PracticeRun, VisitTimer, tally, visit_note
from ect_tui.coaching.praise import DRAFT, add_praise, keep_draft, kept_message, recorded, set_draft
from ect_tui.coaching.steps import (
    STATUSES,
    carried_step,
    new_step_refusal,
    parse_ecf_code,
    replacing,
    review_message,
    set_replacing,
    set_review,
    update_new_step,
)
from ect_tui.meeting.countdown import format_clock, format_minutes
from ect_tui.meeting.when import When, far_note
from ect_tui.script.model import Section
from ect_tui.tui.screens.base import MeetingScreen
from ect_tui.tui.text import visible
from ect_tui.tui.widgets.notes import NotesArea


def _day(iso: str) -> str:
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
        self.changed()

    def say(self, widget_id: str, text: str, *, error: bool = False) -> None:
        """One line of feedback under a control, in the error colour when it is a problem."""
        feedback = self.query_one(f"#{widget_id}", Static)
        feedback.update(Content(text))
        feedback.set_class(error, "-error")


# ----- last week's step ---------------------------------------------------------------------------------


class StatusList(OptionList):
    """Met / partly / not yet, picked with one letter or Enter."""

    # The keys are spelled out in the label above the list, which leaves the footer for the meeting's keys.
    BINDINGS = [
        Binding("m", "status('met')", "Met", id="coaching.met", show=False),
        Binding("p", "status('partly')", "Partly", id="coaching.partly", show=False),
        Binding("n", "status('not-yet')", "Not yet", id="coaching.not-yet", show=False),
    ]

    def action_status(self, status: str) -> None:
        self.screen.choose_status(status)  # type: ignore[attr-defined]


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
            Content(f"The open step, set {_day(step.get('set_on', ''))}{by}{opened}"), classes="subheading"
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
                f"{_day(r.get('on', ''))}: {STATUSES.get(r.get('status', ''), '?').lower()}" for r in reviews
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

    def choose_status(self, status: str) -> None:
        message = set_review(self.meeting, status)
        self._fill_statuses()
        self.say("status-feedback", message)
        if status == "met" and not self.data.get("evidence", "").strip():
            self.say("status-feedback", message + " Add the evidence: how do you know?")
        self.changed(urgent=True)

    @on(OptionList.OptionSelected, "#step-status")
    def _status_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.choose_status(event.option.id)

    @on(TextArea.Changed, "#evidence")
    def _evidence_changed(self, event: TextArea.Changed) -> None:
        self.meeting.set_data(self.section.id, "evidence", event.text_area.text)
        self.changed()


# ----- the drop-in -------------------------------------------------------------------------------------


class DropInScreen(CoachingScreen):
    """When the lesson visit was, a timer for the visit itself, and the notes from it."""

    BINDINGS = [
        Binding(
            "ctrl+s", "visit", "Visit timer", id="coaching.visit", tooltip="Start or stop timing the visit"
        )
    ]

    def __init__(self, section: Section):
        super().__init__(section)
        self.visit: VisitTimer | None = None

    def compose_controls(self) -> ComposeResult:
        yield Static("When was the drop-in?", classes="label")
        yield Input(
            self.data.get("date_text", ""),
            placeholder="e.g. today, mon, 23/11 (blank: today)",
            id="drop-in-day",
            classes="when",
            validators=[Function(self._reads_as_day)],
            valid_empty=True,
        )
        yield Static(id="drop-in-day-feedback", classes="feedback")
        yield Static(id="visit-clock", classes="timer")

    def on_mount(self) -> None:
        self.visit = VisitTimer(self.meeting, self.section.id)
        self._show_day(self.data.get("date_text", ""), record=False)
        self._show_visit()
        super().on_mount()

    def refresh_clock(self) -> None:
        super().refresh_clock()
        if self.is_mounted and self.visit is not None:
            self._show_visit()

    def on_screen_suspend(self) -> None:
        # The stopwatch lives in this screen: record the visit rather than leave it running unseen.
        if self.visit is not None and self.visit.running:
            self.visit.stop()
            self.changed(urgent=True)

    def action_visit(self) -> None:
        assert self.visit is not None
        self.visit.toggle()
        self._show_visit()
        self.changed(urgent=True)

    def _show_visit(self) -> None:
        assert self.visit is not None
        elapsed = self.visit.elapsed
        state = "timing · ctrl+s stops" if self.visit.running else "ctrl+s to start or carry on timing"
        self.query_one("#visit-clock", Static).update(
            Content(f"Visit {format_clock(elapsed)} ({visit_note(elapsed)}) · {state}")
        )
        self.query_one("#visit-clock", Static).set_class(self.visit.running, "-running")

    @on(Input.Changed, "#drop-in-day")
    def _day_changed(self, event: Input.Changed) -> None:
        self._show_day(event.value)

    def _reads_as_day(self, text: str) -> bool:
        try:
            parse_past_day(text, self.meeting.clock.now(), what="the drop-in")
        except ValueError:
            return False
        return True

    def _show_day(self, text: str, *, record: bool = True) -> None:
        day = None
        now = self.meeting.clock.now()
        try:
            day = parse_past_day(text, now, what="the drop-in")
        except ValueError as exc:
            # What was typed stays in the box and the record (date_text), with no date.
            self.say("drop-in-day-feedback", f"{exc} Kept as typed, not as a date.", error=True)
        else:
            shown = When(day).human()
            note = far_note(text, When(day), now.date())
            self.say(
                "drop-in-day-feedback",
                note or (f"✓ {shown}" if text.strip() else f"Blank: the drop-in was today, {shown}."),
            )
        box = self.query_one("#drop-in-day", Input)
        box.validate(box.value)
        if record:
            before = self.meeting.revision
            self.meeting.set_data(self.section.id, "date_text", text)
            self.meeting.set_data(self.section.id, "date", day.isoformat() if day else None)
            if self.meeting.revision != before:
                self.changed()


# ----- praise ------------------------------------------------------------------------------------------


class PraiseList(OptionList):
    BINDINGS = [Binding("delete,backspace", "remove", "Remove", id="coaching.remove-praise")]

    def action_remove(self) -> None:
        self.screen.remove_praise()  # type: ignore[attr-defined]


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
        before = self.meeting.revision
        set_draft(self.meeting, self.section.id, event.value)
        if self.meeting.revision != before:
            self.changed()

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

    def remove_praise(self) -> None:
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


# ----- the new action step -----------------------------------------------------------------------------


class ActionStepScreen(CoachingScreen):
    """Exactly one bite-sized step, what success looks like and its ECF code; refused while one is open."""

    BINDINGS = [
        Binding(
            "ctrl+b",
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
        step = self.data.get("step") if isinstance(self.data.get("step"), dict) else {}
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
        yield Static("ECF code", classes="label")
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
        if record:
            before = self.meeting.revision
            check = update_new_step(self.meeting, text, success, code)
            if self.meeting.revision != before:
                self.changed()
        else:
            check = None
        self._show_code(code)
        if check is None:
            refusal = new_step_refusal(self.meeting) if text.strip() else None
            self.say("step-feedback", refusal or "", error=bool(refusal))
            return
        lines = list(check.errors) + list(check.hints)
        if check.recorded and not lines:
            lines = ["✓ One step, with what success looks like and its ECF code."]
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
            text = "Replacing last week's step with a new one (ctrl+b to keep it instead)."
        elif new_step_refusal(self.meeting) is None:
            text = "Last week's step was met: set the next one below."
        else:
            text = (
                f"Last week's step is still open: {visible(step.get('text', ''))}\n"
                "Leave the boxes below empty to carry it on, go back to the first section and mark it met, "
                "or ctrl+b to replace it."
            )
        state.update(Content(text))
        self.refresh_bindings()


# ----- deliberate practice -----------------------------------------------------------------------------


class RoundList(OptionList):
    BINDINGS = [Binding("delete,backspace", "remove", "Remove round", id="coaching.remove-round")]

    def action_remove(self) -> None:
        self.screen.remove_round()  # type: ignore[attr-defined]


class PracticeScreen(CoachingScreen):
    """Model, rehearse, feedback, rehearse again: each round timed on the meeting's clock and counted."""

    FIRST_FOCUS = ".question-notes"
    BINDINGS = [
        Binding(
            "ctrl+s", "round", "Start/stop round", id="coaching.round", tooltip="Start or stop timing a round"
        ),
        Binding(
            "ctrl+b",
            "phase",
            "Next phase",
            id="coaching.phase",
            tooltip="Move on to the next phase (while a round runs, record it and start the next)",
        ),
    ]

    def __init__(self, section: Section):
        super().__init__(section)
        self.run: PracticeRun | None = None

    def compose_controls(self) -> ComposeResult:
        yield Static(id="round-clock", classes="timer")
        yield Static(id="round-tally", classes="hint")
        yield RoundList(id="rounds")

    def on_mount(self) -> None:
        self.run = PracticeRun(self.meeting, self.section.id)
        self._show_rounds()
        super().on_mount()

    def refresh_clock(self) -> None:
        super().refresh_clock()
        if self.is_mounted and self.run is not None:
            self._show_clock()

    def on_screen_suspend(self) -> None:
        if self.run is not None and self.run.running:
            self.run.stop()
            self.changed(urgent=True)

    def action_round(self) -> None:
        assert self.run is not None
        self.run.toggle()
        self._show_rounds()
        self.changed(urgent=True)

    def action_phase(self) -> None:
        assert self.run is not None
        self.run.advance()
        self._show_rounds()
        self.changed(urgent=True)

    def remove_round(self) -> None:
        assert self.run is not None
        rounds_list = self.query_one("#rounds", RoundList)
        index = rounds_list.highlighted
        rounds = self.run.rounds
        if index is None or not 0 <= index < len(rounds):
            return
        self.run.remove(rounds[index]["number"])
        self._show_rounds()
        self.changed(urgent=True)

    def _show_clock(self) -> None:
        assert self.run is not None
        run = self.run
        phase = PHASES[run.phase]
        number = len(run.rounds) + 1
        if run.running:
            text = f"Round {number} · {phase} · {format_clock(run.stopwatch.elapsed)} · ctrl+s stops, ctrl+b next phase"
        else:
            text = f"Next: round {number} · {phase} · ctrl+s starts it, ctrl+b picks another phase"
        clock = self.query_one("#round-clock", Static)
        clock.update(Content(text))
        clock.set_class(run.running, "-running")

    def _show_rounds(self) -> None:
        assert self.run is not None
        rounds = self.run.rounds
        counts = tally(rounds)
        self.query_one("#round-tally", Static).update(
            Content(
                f"{counts.rounds} round{'s' if counts.rounds != 1 else ''} · {counts.rehearsals} "
                f"rehearsal{'s' if counts.rehearsals != 1 else ''} · {format_minutes(counts.seconds)} practised"
            )
        )
        rounds_list = self.query_one("#rounds", RoundList)
        highlighted = rounds_list.highlighted
        rounds_list.clear_options()
        for entry in rounds:
            phase = PHASES.get(entry.get("phase", ""), "?")
            rounds_list.add_option(
                Option(
                    Content(
                        f"{entry.get('number', '?'):>2}. {phase:<15} {format_clock(entry.get('seconds', 0))}"
                    )
                )
            )
        rounds_list.display = bool(rounds)
        if rounds:
            rounds_list.highlighted = min(
                highlighted if highlighted is not None else len(rounds) - 1, len(rounds) - 1
            )
        self._show_clock()
