"""Past meetings, newest first: filter by name or plan, search the notes, open one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static
from textual.worker import get_current_worker

from ect_tui.meeting.columns import cut
from ect_tui.meeting.countdown import format_minutes
from ect_tui.meeting.search import row_text, searchable_text, text_matches
from ect_tui.tui.text import started_minute, visible
from ect_tui.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from ect_tui.tui.app import EctApp

SEARCH_NOTES_FROM = 3  # characters typed before the notes themselves are searched
# The ECT and plan columns are cut (with "…") to these widths below 100 columns, so every column,
# the length too, fits 80: date 16, ECT 16, plan 20, status 11, length 7, padding and scrollbar.
NARROW_BELOW = 100
NARROW_ECT, NARROW_PLAN = 16, 20


def _column(value: Any, width: int) -> str:
    """A name or plan as the table shows it: made visible, and cut to ``width`` if given."""
    text = visible(value or "")
    return cut(text, width) if width else text


PAGE_ROWS = 50  # rows added to the table at a time: a screenful and more, never thousands at once


class MeetingsTable(DataTable):
    """The meetings table; asks its screen for more rows when the view nears the last one.

    Rows arrive a page at a time (see HistoryScreen.more_rows): adding thousands at
    once would block the event loop while the table measures every cell.
    """

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if new_value >= self.max_scroll_y - self.scrollable_content_region.height:
            self._more(self.row_count + PAGE_ROWS)

    def action_scroll_bottom(self) -> None:
        self._more(None)  # the very end: every meeting
        super().action_scroll_bottom()

    def action_page_down(self) -> None:
        self._more(self.cursor_row + 2 * max(self.scrollable_content_region.height, 1))
        super().action_page_down()

    def _more(self, upto: int | None) -> None:
        screen = self.screen
        if isinstance(screen, HistoryScreen):
            screen.more_rows(upto)


class HistoryScreen(Screen):
    """The meetings index in a table; the full text is searched in a worker, off the event loop."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="history.back"),
        Binding("/", "focus_filter", "Search", id="history.search"),
        Binding("p", "progress", "Progress", id="history.progress"),
    ]

    def __init__(self, *, ect: str | None = None):
        super().__init__(name="history")
        self.ect = ect
        self.rows: list[Mapping[str, Any]] = []  # the store's own rows: never changed here
        self._texts: dict[str, str] = {}
        self._row_texts: list[str] = []  # row_text of each of self.rows, made at the first filter
        # The rows the filter lets through; the table holds a prefix.
        self._shown: list[Mapping[str, Any]] = []
        self._row_ids: list[str] = []
        self._total = 0  # meetings in the store (for this ECT): more than self.rows until all are read
        self._reading_all = False
        self._to_end = False  # ctrl+end pressed before the older months were read

    @property
    def ect_app(self) -> EctApp:
        return cast("EctApp", self.app)

    def compose(self) -> ComposeResult:
        title = f"Meetings with {self.ect}" if self.ect else "Past meetings"
        yield Static(Content(title), id="history-title", classes="heading")
        yield Input(placeholder="Filter by name, plan or date; 3+ letters also search the notes", id="filter")
        yield MeetingsTable(id="meetings", cursor_type="row", zebra_stripes=True)
        yield Static(id="history-status", classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#meetings", DataTable)
        table.add_columns("Date", "ECT", "Plan", "Status", "Length")
        table.focus()
        self.query_one("#history-status", Static).update("Loading…")
        self.load_rows()

    @property
    def complete(self) -> bool:
        """True once every meeting is listed (at first, only the newest months' are)."""
        return len(self.rows) >= self._total

    @work(thread=True, exclusive=True, group="history-load")
    def load_rows(self) -> None:
        """The newest months' meetings: the first page, at once. The older months are read when the
        mentor goes past them, filters, or jumps to the end (``read_all``): at a hub's 50,000
        meetings reading them all takes a third of a second and 40 MB. The rows are the store's
        own, shared and read only: copying them competed with drawing this screen."""
        worker = get_current_worker()
        store = self.ect_app.store
        if self.ect is None:
            rows, total = list(store.meeting_rows(at_least=PAGE_ROWS)), store.meeting_count()
        else:  # one ECT's meetings: a few hundred at most, read month by month
            rows = list(store.meeting_rows(ect=self.ect))
            total = len(rows)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_rows, rows, total)

    def read_all(self) -> None:
        """Read the older months too (once), keeping the cursor where it is."""
        if not self.complete and not self._reading_all:
            self._reading_all = True
            self._load_all()

    @work(thread=True, exclusive=True, group="history-load")
    def _load_all(self) -> None:
        rows = list(self.ect_app.store.meeting_rows(ect=self.ect))
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_rows, rows, len(rows))

    def _show_rows(self, rows: list[Mapping[str, Any]], total: int) -> None:
        if not self.is_attached:
            return
        table = self.query_one("#meetings", DataTable)
        chosen = self.selected_id() if self.rows and table.cursor_row > 0 else None  # moved to meanwhile
        self.rows, self._total = rows, total
        self._reading_all = False
        self._row_texts.clear()
        self.refilter()
        cursor = self._row_ids.index(chosen) if chosen in self._row_ids else 0
        if self._to_end and self.complete:
            self._to_end = False
            self.more_rows(None)
            cursor = table.row_count - 1
        if cursor > 0:
            self.more_rows(cursor + PAGE_ROWS)
            table.move_cursor(row=min(cursor, table.row_count - 1))
        value = self.query_one("#filter", Input).value
        if self.complete and len(value.strip()) >= SEARCH_NOTES_FROM:
            self.search_notes(value)  # the notes of the older meetings too

    def refilter(self, extra_ids: set[str] | None = None) -> None:
        text = self.query_one("#filter", Input).value
        words = text.casefold().split()
        if not words:  # no filter: every row (matching thousands of rows against nothing is not free)
            shown = list(self.rows)
        else:
            self.read_all()  # a filter looks through every meeting
            texts = self._row_texts
            if len(texts) != len(self.rows):  # once per list of rows, not at every letter
                texts[:] = [row_text(r) for r in self.rows]
            shown = [
                r
                for r, blob in zip(self.rows, texts, strict=True)
                if text_matches(blob, words) or (extra_ids and r["id"] in extra_ids)
            ]
        self._shown = shown
        self._row_ids = [row["id"] for row in shown]
        self.query_one("#meetings", DataTable).clear()
        self.more_rows(PAGE_ROWS)
        status = self.query_one("#history-status", Static)
        if not self.complete and words:
            status.update(
                Content(f"{len(shown):,} of the newest {len(self.rows):,} match; reading the older ones…")
            )
        elif not self.complete:
            status.update(
                Content(f"The newest {len(self.rows):,} of {self._total:,} meetings. Enter opens one.")
            )
        elif not self.rows:
            who = f" with {self.ect}" if self.ect else ""
            status.update(
                Content(
                    f"No meetings{who} yet. Start one from the first screen (escape) and it will be listed here."
                )
            )
        elif not shown:
            status.update(Content(f"Nothing matches {text!r}."))
        else:
            total = len(self.rows)
            status.update(
                Content(f"{len(shown):,} of {total:,} meeting{'s' if total != 1 else ''}. Enter opens one.")
            )

    def more_rows(self, upto: int | None) -> None:
        """Make sure the table holds the first ``upto`` shown meetings (None: all of them)."""
        table = self.query_one("#meetings", DataTable)
        shown = self._shown
        if not self.complete and (upto is None or upto > len(shown)):
            self._to_end = self._to_end or upto is None
            self.read_all()  # past the newest months
        start = table.row_count
        end = len(shown) if upto is None else min(len(shown), max(upto, start))
        if end <= start:
            return
        narrow = self.app.size.width < NARROW_BELOW
        table.add_rows(
            [
                (
                    started_minute(row.get("started")),
                    Text(_column(row.get("ect"), NARROW_ECT if narrow else 0)),
                    Text(
                        _column(row.get("script_title") or row.get("script_id"), NARROW_PLAN if narrow else 0)
                    ),
                    row.get("status", ""),
                    format_minutes(row.get("duration_seconds") or 0),
                )
                for row in shown[start:end]
            ]
        )

    @on(DataTable.RowHighlighted, "#meetings")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        # The cursor nearing the last row added brings the next page.
        if event.cursor_row >= event.data_table.row_count - PAGE_ROWS // 2:
            self.more_rows(event.data_table.row_count + PAGE_ROWS)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.refilter()
        if len(event.value.strip()) >= SEARCH_NOTES_FROM:
            self.search_notes(event.value)
        else:  # too short to search the notes: a search still running stops reading files
            self.workers.cancel_group(self, "history-search")

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one("#meetings", DataTable).focus()

    @work(thread=True, exclusive=True, group="history-search")
    def search_notes(self, text: str) -> None:
        """Read each meeting once (then from memory) and find those whose notes hold every word.

        Stops as soon as it is superseded (the next letter typed starts a new search) or the
        screen or app closes: at a hub's 50,000 meetings one search reads files for half a
        minute, and three letters typed must not mean three searches, nor a quit that waits.
        """
        worker = get_current_worker()
        words = text.casefold().split()
        store = self.ect_app.store
        found: set[str] = set()
        for row in list(self.rows):
            if worker.is_cancelled:
                return
            blob = self._texts.get(row["id"])
            if blob is None:
                try:
                    blob = searchable_text(store.load_meeting(row["id"]))
                except Exception:  # a damaged file is reported when opened, not while searching
                    blob = ""
                self._texts[row["id"]] = blob
            if text_matches(blob, words):
                found.add(row["id"])
        self.app.call_from_thread(self._show_search, text, found)

    def _show_search(self, text: str, found: set[str]) -> None:
        if self.query_one("#filter", Input).value == text:
            self.refilter(found)

    def selected_id(self) -> str | None:
        table = self.query_one("#meetings", DataTable)
        ids = self._row_ids
        if not ids or table.cursor_row is None or table.cursor_row >= len(ids):
            return None
        return ids[table.cursor_row]

    @on(DataTable.RowSelected, "#meetings")
    def _open(self) -> None:
        meeting_id = self.selected_id()
        if meeting_id:
            self.ect_app.open_transcript(meeting_id)

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_progress(self) -> None:
        meeting_id = self.selected_id()
        row = next((r for r in self.rows if r["id"] == meeting_id), None)
        ect = self.ect or (row.get("ect") if row else None)
        if ect:
            self.ect_app.open_progress(ect)
        else:
            self.notify("Choose a meeting first: progress is shown for its ECT.")

    def action_back(self) -> None:
        self.ect_app.leave_review_screen()
