"""Looking back and around: the read-only screens the app opens over whatever is on show.

Past meetings, one transcript, audit progress, the coordinator's overview, the study log and
the private notebook. Each screen module is imported when first opened, never at start-up
(bench/README.md, "Keeping start-up lean").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ect_tui.store.errors import StoreError

if TYPE_CHECKING:
    from textual.app import App

    from ect_tui.meeting.transcript import Meeting
    from ect_tui.store.protocol import MeetingStore

    _AppBase = App
else:
    _AppBase = object


class LookBackMixin(_AppBase):
    """Opening the looking-back screens: mixed into EctApp, which sets these attributes."""

    store: MeetingStore
    meeting: Meeting | None
    review: bool
    review_ect: str | None
    prepare_only: tuple[str, str] | None

    def open_history(self, ect: str | None = None) -> None:
        """Past meetings: the ECT's own in review mode, else everyone's or just ``ect``'s."""
        from ect_tui.tui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen(ect=self.review_ect or ect))

    def open_transcript(self, meeting_id: str) -> None:
        try:
            doc = self.store.load_meeting(meeting_id)
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        from ect_tui.tui.screens.transcript import TranscriptScreen

        self.push_screen(TranscriptScreen(doc))

    def open_progress(self, ect: str) -> None:
        from ect_tui.tui.screens.progress import ProgressScreen

        self.push_screen(ProgressScreen(ect))

    def open_overview(self) -> None:
        """The coordinator's read-only overview of every ECT."""
        from ect_tui.tui.screens.overview import OverviewScreen

        self.push_screen(OverviewScreen())

    def open_study(self, ect: str | None = None) -> None:
        """The self-study log, for ``ect``, else the ECT of the meeting in progress or the last one met."""
        from ect_tui.tui.screens.study import StudyScreen

        name = ect or (self.meeting.ect if self.meeting else self.store.get_setting("last_ect", ""))
        self.push_screen(StudyScreen(name or ""))

    def open_notebook(self, ect: str) -> None:
        """The mentor's private notebook for ``ect`` (never in review mode: see tui/palette.py)."""
        from ect_tui.tui.screens.notebook import NotebookScreen

        self.push_screen(NotebookScreen(ect))

    def last_ect(self) -> str:
        """The ECT of the last meeting started here, if the store can say yet."""
        if not getattr(self.store, "is_open", True):  # still opening: never wait in the palette
            return ""
        try:
            return self.store.get_setting("last_ect", "") or ""
        except StoreError:
            return ""

    def leave_review_screen(self) -> None:
        # The first screen of review mode has nowhere to go back to. (Review and prepare
        # push theirs onto Textual's default screen; the writer's start screen is the default.)
        first = 2 if self.review or self.prepare_only is not None else 1
        if len(self.screen_stack) > first:
            self.pop_screen()
        else:
            self.notify("This is the first screen: ctrl+q quits.")
