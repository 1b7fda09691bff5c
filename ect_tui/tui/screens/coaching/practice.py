"""Deliberate practice: timed rounds (model, practise, feedback) and their tally."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ect_tui.coaching.practice import PHASES, PracticeRun, tally
from ect_tui.meeting.countdown import format_clock, format_minutes
from ect_tui.script.model import Section
from ect_tui.tui.screens.coaching.section import CoachingScreen


class RoundList(OptionList):
    BINDINGS = [
        Binding("delete,backspace", "screen.remove_round", "Remove round", id="coaching.remove-round")
    ]


class PracticeScreen(CoachingScreen):
    """Model, rehearse, feedback, rehearse again: each round timed on the meeting's clock and counted."""

    FIRST_FOCUS = ".question-notes"
    BINDINGS = [
        Binding(
            "ctrl+s", "round", "Start/stop round", id="coaching.round", tooltip="Start or stop timing a round"
        ),
        Binding(
            "f2",
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

    def action_remove_round(self) -> None:
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
            text = f"Round {number} · {phase} · {format_clock(run.stopwatch.elapsed)} · ctrl+s stops, F2 next phase"
        else:
            text = f"Next: round {number} · {phase} · ctrl+s starts it, F2 picks another phase"
        for clock in self.query("#round-clock").results(Static):  # none while the screen closes
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
