"""The induction coordinator's overview: one row per ECT, engagement only, gaps flagged. Read-only."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Sparkline, Static
from textual.worker import get_current_worker

from ect_tui.coaching.report import SUPPORT_NOTE, EctRow, Report, report_from_store
from ect_tui.coaching.report_out import gap_text, report_heading, short_day, step_text, study_text
from ect_tui.coaching.strip import COACHED, GAP, HOLIDAY, PENDING, QUIET, WeekMark
from ect_tui.coaching.study import GUIDE, against_guide
from ect_tui.meeting.columns import cut
from ect_tui.store.errors import StoreError
from ect_tui.tui.screens.css import SCREENS_CSS
from ect_tui.tui.text import visible
from ect_tui.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from ect_tui.tui.app import EctApp


def _audit_cell(row: EctRow) -> str:
    if row.audits == 0:
        return "-"
    if row.audits == 1:
        return "baseline"
    return f"↑{row.movement.up} ↓{row.movement.down}"


# The sparkline's heights: coached tallest (its max colour), a gap lowest (its min colour).
# Everything else sits halfway, so only a gap is low and red.
WEEK_HEIGHTS = {COACHED: 1.0, QUIET: 0.45, PENDING: 0.45, HOLIDAY: 0.45, GAP: 0.0}
# The same weeks in letters under it, so the strip reads without colour.
WEEK_LETTERS = {COACHED: "C", GAP: "G", HOLIDAY: "H", QUIET: "-", PENDING: "."}


def coached_weeks(strip: tuple[WeekMark, ...]) -> tuple[WeekMark, ...]:
    """The strip from the first coached week: weeks before coaching began say nothing yet."""
    first = next((i for i, mark in enumerate(strip) if mark.kind == COACHED), len(strip))
    return strip[first:]


def week_heights(strip: tuple[WeekMark, ...]) -> list[float]:
    """One bar a week, from the first coached week."""
    return [WEEK_HEIGHTS.get(mark.kind, 0.45) for mark in coached_weeks(strip)]


def sparkline_data(heights: list[float]) -> list[float]:
    """Each week as ``[height, 0, 1]``, read back by ``first_of_week``: Textual's Sparkline scales
    to its data's lowest and highest values, so without both ends in the data a run of coached
    weeks (all 1.0) would draw as the lowest bars. With them, the scale is fixed at 0 to 1."""
    return [value for height in heights for value in (height, 0.0, 1.0)]


def first_of_week(bucket: Sequence[float]) -> float:
    return bucket[0]


def week_letters(strip: tuple[WeekMark, ...]) -> str:
    """One letter a week under the bars, from the first coached week; "" if never coached."""
    return "".join(WEEK_LETTERS.get(mark.kind, " ") for mark in coached_weeks(strip))


def overview_report(app: EctApp, stop: Callable[[], bool] | None = None) -> Report:
    """The coordinator's report as of the app's today, with the app's scripts, term dates and
    rhythms, from the report's cache (as `ect-tui report`: only changed meetings are read) in
    the user's cache folder, never the store. For this screen and its web page."""
    from ect_tui.coaching.facts_cache import cache_path_for
    from ect_tui.config import term_dates_path

    return report_from_store(
        app.store,
        app.clock.now().date(),
        scripts=app.catalog.scripts,
        term_file=term_dates_path(app.config),
        by_year=app.config.coaching_rhythm,
        cache=cache_path_for(app.store.path),
        stop=stop,
    )


# The ECT column's width at most: with the rest, the table fits an 80-column terminal.
ECT_WIDTH = 18


def detail_text(row: EctRow, report: Report) -> str:
    """Everything the coordinator may see about one ECT, a few short lines."""
    today = report.today
    year = f"year {row.year}" if row.year else "year not set"
    mentors = ", ".join(row.mentors) or "no mentor recorded"
    lines = [f"{row.ect} · {year} · coaching expected {row.rhythm.label} · mentor: {mentors}"]
    if row.gap.last is None:
        lines.append("No coaching recorded yet.")
    else:
        weeks = row.gap.weeks_without or 0
        lines.append(
            f"Last coached {short_day(row.gap.last, today)} · {weeks} school week{'s' if weeks != 1 else ''} "
            f"without since · {row.coaching_meetings} coaching meeting{'s' if row.coaching_meetings != 1 else ''}"
            f" · praise given {row.praise}"
        )
    if row.open_step is not None:
        weeks = row.open_step.school_weeks_open
        lines.append(
            f"Action step open {row.open_step.days_open} days ({weeks} school week{'s' if weeks != 1 else ''}) · "
            f"{row.steps_set} set, {row.steps_met} met"
        )
    else:
        lines.append(f"No action step open · {row.steps_set} set, {row.steps_met} met")
    low, high = GUIDE
    if row.study.logged:
        # Only weeks from the first entry on (the report's rule): earlier ones say nothing about the ECT.
        shown = [f"w/c {short_day(m, today)} {mins}" for m, mins in row.study.counted_weeks]
        lines.append(
            " · ".join(
                [f"Self-study (min, guide {low}-{high}/week): this week {row.study.this_week}", *shown]
            )
        )
    else:
        lines.append("No self-study logged here.")
    if row.audits >= 2:
        lines.append(
            f"Audit: {row.audits} audits · {row.movement.up} statements moved up · "
            f"{row.movement.down} down · {row.movement.same} the same"
        )
    elif row.audits == 1:
        lines.append("Audit: the baseline only so far.")
    if row.flags:
        lines.append("Follow up: " + "; ".join(row.flags) + ".")
    return "\n".join(visible(line) for line in lines)


class OverviewScreen(Screen):
    """Per ECT: last coaching, weeks without, the open step's age, praise, study, audit movement."""

    CSS_PATH = SCREENS_CSS  # read when first shown (see screens/css.py)

    BINDINGS = [
        Binding("escape", "back", "Back", id="overview.back"),
        Binding(
            "s",
            "study",
            "Study log",
            id="overview.study",
            tooltip="Open the highlighted ECT's self-study log",
        ),
        Binding("r", "reload", "Refresh", id="overview.reload"),
    ]

    def __init__(self) -> None:
        super().__init__(name="overview")
        self.report: Report | None = None

    @property
    def ect_app(self) -> EctApp:
        return cast("EctApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static("Overview for the induction tutor", id="overview-title", classes="heading")
        yield Static(Content(SUPPORT_NOTE), classes="hint")
        yield DataTable(id="overview", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="overview-weeks"):
            yield Static("Recent weeks\noldest to now", id="weeks-label")
            with Vertical(id="weeks-column"):
                yield Sparkline([], summary_function=first_of_week, id="weeks-spark")
                yield Static(id="weeks-letters")
            yield Static(
                "C coached · G gap · H holiday\n- off-week in the rhythm · . this week", id="weeks-legend"
            )
        yield Static(id="overview-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#overview", DataTable)
        table.add_column("ECT", key="ect")
        table.add_column("Coached", key="last")
        table.add_column("Gap", key="gap")
        table.add_column("Step open", key="step")
        # Praise is in the detail below: with it the table was wider than an 80-column terminal.
        table.add_column("Study/wk", key="study")
        table.add_column("Audit", key="audit")
        table.add_column("Status", key="status")
        table.focus()
        self.query_one("#overview-detail", Static).update("Loading…")
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        from ect_tui.coaching.facts_cache import ReportStopped

        worker = get_current_worker()
        try:
            report = overview_report(self.ect_app, stop=lambda: worker.is_cancelled)
        except ReportStopped:
            return  # the screen or the app closed meanwhile
        except StoreError as error:  # e.g. the meetings folder cannot be listed: say so, keep going
            self.app.call_from_thread(self._show_problem, str(error))
            return
        self.app.call_from_thread(self._show, report)

    def _show_problem(self, message: str) -> None:
        self.query_one("#overview-detail", Static).update(
            Content(f"The overview could not be made: {message}")
        )

    def _show(self, report: Report) -> None:
        self.report = report
        heading = report_heading(report)
        if report.past_terms:
            heading += f"\n{report.past_terms}"
        self.query_one("#overview-title", Static).update(Content(heading))
        table = self.query_one("#overview", DataTable)
        table.clear()
        for row in report.rows:
            average = row.study.average
            study = Text(study_text(row))
            if average is not None and row.year != 2 and against_guide(average) == "below":
                study.stylize("yellow")
            status = Text("⚑ follow up", style="bold red") if row.flags else Text("on track", style="green")
            table.add_row(
                Text(visible(cut(row.ect, ECT_WIDTH))),  # the detail has it whole
                short_day(row.gap.last, report.today) if row.gap.last else Text("never", style="red"),
                gap_text(row),
                step_text(row),
                study,
                _audit_cell(row),
                status,
            )
        detail = self.query_one("#overview-detail", Static)
        if not report.rows:
            detail.update(
                Content(
                    "No ECTs yet. Coaching meetings, imported bundles and self-study entries show up here."
                )
            )
        else:
            self._show_detail(table.cursor_row)

    def _highlighted(self) -> EctRow | None:
        if self.report is None or not self.report.rows:
            return None
        index = self.query_one("#overview", DataTable).cursor_row
        return self.report.rows[index] if 0 <= index < len(self.report.rows) else None

    def _show_detail(self, index: int) -> None:
        if self.report is None or not 0 <= index < len(self.report.rows):
            return
        row = self.report.rows[index]
        self.query_one("#overview-detail", Static).update(Content(detail_text(row, self.report)))
        letters = week_letters(row.strip)
        spark = self.query_one("#weeks-spark", Sparkline)
        spark.data = sparkline_data(week_heights(row.strip))
        # One cell a week, so each letter sits under its bar.
        spark.styles.width = max(1, len(letters))
        self.query_one("#weeks-letters", Static).update(Content(letters or "no coaching yet"))

    @on(DataTable.RowHighlighted, "#overview")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.cursor_row)

    def action_study(self) -> None:
        row = self._highlighted()
        if row is None:
            self.notify("No ECT to show yet.")
            return
        self.ect_app.open_study(row.ect)

    def action_reload(self) -> None:
        self.load()

    def action_back(self) -> None:
        self.ect_app.leave_review_screen()
