"""An ECT's audit ratings over time: which statements moved, and where the mentor saw it differently."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ect_tui.meeting.movement import movement_lines, recent_movement
from ect_tui.meeting.progress import Cell, Progress, ProgressRow, build_progress, column_labels
from ect_tui.meeting.transcript import IN_PROGRESS
from ect_tui.tui.widgets.keybar import KeyBar
from ect_tui.tui.widgets.statements import VIEW_MARKS

if TYPE_CHECKING:
    from ect_tui.tui.app import EctApp

LETTERS = {"emerging": "E", "developing": "D", "secure": "S"}
GRID_COLOURS = {"emerging": "red", "developing": "yellow", "secure": "green"}


class ProgressScreen(Screen):
    """Statements down the side, audits across the top, coloured by level."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="progress.back"),
        Binding("f", "filter", "Standard", id="progress.filter"),
    ]

    def __init__(self, ect: str):
        super().__init__(name="progress")
        self.ect = ect
        self.progress: Progress | None = None
        self.standard: int | None = None
        self._shown_rows: dict[int, ProgressRow] = {}

    @property
    def ect_app(self) -> EctApp:
        return cast("EctApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static(Content(f"Audit progress: {self.ect}"), classes="heading")
        yield Static(id="movement")
        yield DataTable(id="grid", cursor_type="row", zebra_stripes=True)
        yield Static(id="grid-detail")
        yield Static(
            Content(
                "E Emerging · D Developing · S Secure · ↑ mentor: maybe too harsh · ↓ maybe too kind · "
                "= mentor agrees"
            ),
            classes="hint",
        )
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#movement", Static).update("Loading…")
        self.query_one("#grid", DataTable).focus()
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        store = self.ect_app.store
        open_now = self.ect_app.meeting.id if self.ect_app.meeting is not None else None
        # Finished audits, and the one open now (its ratings beside the last ones, mid-meeting);
        # another left unfinished may be a mistaken start, and would show movement that never was.
        docs = [
            doc
            for doc in store.iter_meetings(ect=self.ect)
            if doc.get("status") != IN_PROGRESS or doc.get("id") == open_now
        ]
        progress = build_progress(self.ect, docs, self.ect_app.catalog.scripts)
        self.app.call_from_thread(self._show, progress)

    def _show(self, progress: Progress) -> None:
        self.progress = progress
        self.render_grid()

    def render_grid(self) -> None:
        assert self.progress is not None
        progress = self.progress.filtered(self.standard)
        table = self.query_one("#grid", DataTable)
        table.clear(columns=True)
        movement = self.query_one("#movement", Static)
        if not progress.columns:
            movement.update(
                Content(
                    f"No audits recorded for {self.ect} yet. Ratings from each module audit appear here, "
                    "so you can see what moved."
                )
            )
            return
        table.add_column("Code", key="code")
        table.add_column("Statement", key="text", width=44)
        for column, label in zip(progress.columns, column_labels(progress.columns), strict=False):
            table.add_column(label, key=column.meeting_id)
        last_group = None
        self._shown_rows = {}
        for row in progress.rows:
            if row.group != last_group:
                last_group = row.group
                table.add_row("", Text(row.group, style="bold"), *[""] * len(progress.columns))
            self._shown_rows[table.row_count] = row
            table.add_row(row.code, Text(row.text), *[_cell(c) for c in row.cells])
        moved = progress.movement()
        scope = f"Standard {self.standard}" if self.standard else "All standards"
        flagged = sum(
            1 for r in progress.rows if r.cells and r.cells[-1].mentor_view in ("too-harsh", "too-kind")
        )
        if len(progress.columns) == 1:
            summary = (
                f"{scope}: one audit so far ({progress.columns[0].date}), the baseline. "
                f"{moved.still_emerging} Emerging. The next audit will show what moved."
            )
        else:
            summary = (
                f"{scope}, {progress.columns[0].date} → {progress.columns[-1].date}: "
                f"{moved.up} moved up · {moved.same} same · {moved.down} moved down · "
                f"{moved.still_emerging} still Emerging"
            )
        summary += f" · mentor saw {flagged} differently in the latest audit" if flagged else ""
        if progress.framework_line():
            summary += "\n" + progress.framework_line()
        if len(progress.columns) > 1:
            # The same figures as the Learning Log page: the last two audits, per standard.
            labels = column_labels(progress.columns)
            summary += "\n" + "\n".join(movement_lines(recent_movement(progress), (labels[-2], labels[-1])))
        blind = [
            f"{label}: {c.above} above, {c.below} below, {c.level} level"
            for label, c in zip(column_labels(progress.columns), progress.calibrations, strict=False)
            if c.compared
        ]
        if blind:
            summary += "\nECT against your prepared view: " + "; ".join(blind)
        movement.update(Content(summary))

    @on(DataTable.RowHighlighted, "#grid")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The full statement under the cursor, since the grid cuts it short."""
        row = self._shown_rows.get(event.cursor_row)
        detail = self.query_one("#grid-detail", Static)
        detail.update(Content(f"{row.code}  {row.text}") if row else "")

    def action_filter(self) -> None:
        if self.progress is None:
            return
        options = [None, *self.progress.standards()]
        self.standard = options[(options.index(self.standard) + 1) % len(options)]
        self.render_grid()

    def action_back(self) -> None:
        self.ect_app.leave_review_screen()


def _cell(cell: Cell) -> Text:
    """A level letter in its colour, with the mentor's mark (DataTable measures Rich Text reliably)."""
    if not cell.level:
        return Text("·")
    mark = VIEW_MARKS.get(cell.mentor_view or "", "")
    return Text.assemble((LETTERS.get(cell.level, "?"), f"bold {GRID_COLOURS.get(cell.level, '')}"), mark)
