"""Notes leaving the app: copy, export, a copy of the whole meeting, and the unsent-notes guard.

The copy and export themselves are ``NotesOut`` (tui/notes_out.py), built when first used.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

    from ect_tui.meeting.transcript import Meeting
    from ect_tui.tui.notes_out import NotesOut

    _AppBase = App
else:
    _AppBase = object


class SendingMixin(_AppBase):
    """Mixed into EctApp, which sets these attributes."""

    meeting: Meeting | None
    review: bool

    if TYPE_CHECKING:

        @property
        def notes_out(self) -> NotesOut: ...

        def meeting_changed(self, *, urgent: bool = False) -> None: ...

        def save_now(self, *, wait: bool = False) -> bool: ...

    def guard_unsent(self, then: Callable[[], None]) -> None:
        """Before leaving a finished meeting whose notes never went anywhere, ask once.

        Signals and crashes never come through here: they save and go.
        """
        meeting = self.meeting
        if self.review or meeting is None or not meeting.finished or meeting.sent is not None:
            then()
            return

        def chosen(choice: str | None) -> None:
            if choice is None:
                return  # cancelled: stay
            if choice == "leave":
                self.mark_sent("left")
                then()
            elif choice == "copy":
                self.notes_out.copy(meeting.to_doc(), then=sent_then_go)
            else:
                self.notes_out.export(meeting.to_doc(), "email", then=sent_then_go)

        def sent_then_go(how: str) -> None:
            self.mark_sent(how)
            then()

        from ect_tui.tui.notes_out import UnsentGuard

        self.push_screen(UnsentGuard(meeting.ect), chosen)

    def mark_sent(self, how: str) -> None:
        if self.meeting is not None:
            self.meeting.mark_sent(how)
            self.meeting_changed(urgent=True)

    def action_copy_notes(self) -> None:
        """Copy the open meeting's notes as email text (summary screen, palette)."""
        if self.meeting is not None:
            self.notes_out.copy(self.meeting.to_doc(), then=self.mark_sent)

    def export_meeting(self, fmt: str) -> None:
        if self.meeting is not None:
            self.notes_out.export(self.meeting.to_doc(), fmt, then=self.mark_sent)

    def export_learning_log(self, ect: str) -> None:
        """The ECT's Learning Log (every shared meeting record and the progress table) as Markdown."""
        self.save_now(wait=True)  # the meeting open now goes in as typed
        self.notes_out.learning_log(ect)

    def action_save_copy(self, then: Callable[[], None] | None = None) -> None:
        """Write the whole meeting as JSON wherever the mentor says (it can be imported later);
        ``then`` runs once the copy is written."""
        if self.meeting is None:
            return
        from ect_tui.store.atomic import atomic_write_json
        from ect_tui.tui.screens.save_as import SaveAsScreen

        meeting = self.meeting
        suggestion = Path.home() / f"ect-meeting-{meeting.started:%Y-%m-%d}-{meeting.id[:8]}.json"

        def write(path: Path | None) -> None:
            if path is None:
                return
            try:
                atomic_write_json(path, meeting.to_doc())
            except OSError as exc:
                self.notify(f"Could not write {path}: {exc.strerror or exc}", severity="error", timeout=15)
            else:
                self.notify(f"A copy of this meeting is in {path}.", title="Copy saved", timeout=10)
                if then is not None:
                    then()

        self.push_screen(
            SaveAsScreen(
                "Save a copy of this meeting",
                suggestion,
                "The whole meeting as JSON, private notes included: keep the file to yourself.",
            ),
            write,
        )
