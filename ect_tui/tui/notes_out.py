"""Notes out of the app: copy to the clipboard, export to a file, and the unsent-notes guard.

The blocking parts (file sync, clipboard tools) run in worker threads; the
user is always told where the notes went. Copied notes are saved in, and exports
are offered in, ``ect-tui-notes/`` beside the database in use (``files.notes_dir``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ect_tui.export.clipboard import copy_meeting_notes
from ect_tui.export.files import (
    ExportError,
    display_path,
    learning_log_name,
    notes_dir,
    path_lines,
    render_meeting,
    suggested_name,
    write_export,
)
from ect_tui.export.markdown import learning_log_markdown
from ect_tui.script.model import Script
from ect_tui.tui.screens.css import SCREENS_CSS
from ect_tui.tui.screens.save_as import SaveAsScreen

if TYPE_CHECKING:
    from ect_tui.tui.app import EctApp

log = logging.getLogger(__name__)

FORMAT_LABELS = {"email": "email text", "markdown": "Markdown", "json": "JSON (for import)"}


class NotesOut:
    """Copy and export for one app; `then(how)` callbacks report success ("copied"/"exported")."""

    def __init__(self, app: EctApp):
        self.app = app

    @property
    def folder(self) -> Path:
        """``notes_folder`` from config.toml, else ``ect-tui-notes/`` beside the open database:
        copies are saved and exports offered here."""
        return self.app.config.notes_folder or notes_dir(self.app.store.path)

    def script_for(self, doc: dict[str, Any]) -> Script | None:
        return self.app.catalog.scripts.get(doc.get("script", {}).get("id", ""))

    def copy(self, doc: dict[str, Any], then: Callable[[str], None] | None = None) -> None:
        """Copy the meeting's email text; a thread does the blocking part."""
        script = self.script_for(doc)
        self.app.run_worker(partial(self._copy_blocking, doc, script, then), thread=True, group="notes-out")

    def _copy_blocking(
        self, doc: dict[str, Any], script: Script | None, then: Callable[[str], None] | None
    ) -> None:
        app = self.app

        def terminal_copy(text: str) -> None:
            app.call_from_thread(app.copy_to_clipboard, text)

        result = copy_meeting_notes(doc, script, terminal_copy=terminal_copy, save_dir=self.folder)
        app.call_from_thread(self._copied, result, then)

    def _copied(self, result: Any, then: Callable[[str], None] | None) -> None:
        ok = bool(result.ways)
        # Why each way to the clipboard failed (tools missing, no display): for a bug report, in the log.
        for problem in result.problems:
            log.warning("copy to clipboard: %s", problem)
        log.debug("notes copied by: %s", ", ".join(result.ways) or "nothing")
        self.app.notify(
            result.message,
            title="Notes" if ok else "Notes not saved",
            severity="information" if ok else "error",
            timeout=15,
            markup=False,  # a path or an error is data, never markup
        )
        if ok and then is not None:
            then("copied")

    def export(self, doc: dict[str, Any], fmt: str, then: Callable[[str], None] | None = None) -> None:
        """Ask where, then write the meeting in ``fmt`` (atomic, 0600)."""
        script = self.script_for(doc)
        folder = self.folder
        suggestion = folder / suggested_name(doc, fmt)

        def write(path: Path | None) -> None:
            if path is None:
                return
            try:
                record = ""
                if fmt == "email":  # the full record beside the short letter, named in it
                    beside = path.with_suffix(".md")
                    write_export(beside, render_meeting(doc, script, "markdown"), make_folder=folder)
                    record = beside.name
                written = write_export(path, render_meeting(doc, script, fmt, record), make_folder=folder)
            except ExportError as exc:
                self.app.notify(str(exc), severity="error", timeout=15, markup=False)
                return
            self.app.notify(
                f"Saved as {FORMAT_LABELS[fmt]} in\n{path_lines(written)}",
                title="Exported",
                timeout=10,
                markup=False,
            )
            if then is not None:
                then("exported")

        self.app.push_screen(
            SaveAsScreen(
                f"Export as {FORMAT_LABELS[fmt]}",
                suggestion,
                "Shared record only: private notes stay here."
                + _suggested(folder, self.app.config.notes_folder is not None),
                creatable=folder,
            ),
            write,
        )

    def learning_log(self, ect: str) -> None:
        """The ECT's Learning Log (all their meetings and the progress table) as Markdown."""
        folder = self.folder
        suggestion = folder / learning_log_name(ect)

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.app.run_worker(
                    partial(self._write_learning_log, ect, path), thread=True, group="notes-out"
                )

        self.app.push_screen(
            SaveAsScreen(
                f"Export {ect}'s Learning Log",
                suggestion,
                "Every shared meeting record and the progress table."
                + _suggested(folder, self.app.config.notes_folder is not None),
                creatable=folder,
            ),
            chosen,
        )

    def tutor_note(self, ect: str) -> None:
        """The termly note to the induction tutor (coaching/tutor_note.py) as plain text, saved where asked."""
        folder = self.folder
        suggestion = folder / f"termly-note-{'-'.join(ect.lower().split()) or 'ect'}.txt"

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.app.run_worker(
                    partial(self._write_tutor_note, ect, path), thread=True, group="notes-out"
                )

        self.app.push_screen(
            SaveAsScreen(
                f"Termly note on {ect} for the induction tutor",
                suggestion,
                "Meetings, action steps, audit movement and the next statutory point: evidence, never a judgement."
                + _suggested(folder, self.app.config.notes_folder is not None),
                creatable=folder,
            ),
            chosen,
        )

    def _write_tutor_note(self, ect: str, path: Path) -> None:
        from ect_tui.coaching.tutor_note import note_from_store
        from ect_tui.config import term_dates_path

        app = self.app
        note = note_from_store(
            app.store,
            ect,
            app.clock.now().date(),
            app.catalog.scripts,
            term_dates_path(app.config),
            app.config.coaching_rhythm,
        )
        if note is None:
            app.call_from_thread(app.notify, f"No meetings with {ect} yet.", severity="warning", markup=False)
            return
        try:
            written = write_export(path, note.as_text().encode("utf-8"), make_folder=self.folder)
        except ExportError as exc:
            app.call_from_thread(app.notify, str(exc), severity="error", timeout=15, markup=False)
            return
        app.call_from_thread(
            app.notify,
            f"Termly note saved in\n{path_lines(written)}",
            title="Exported",
            timeout=10,
            markup=False,
        )

    def _write_learning_log(self, ect: str, path: Path) -> None:
        store, app = self.app.store, self.app
        docs = list(store.iter_meetings(ect=ect))
        try:
            written = write_export(
                path,
                learning_log_markdown(ect, docs, app.catalog.scripts).encode("utf-8"),
                make_folder=self.folder,
            )
        except ExportError as exc:
            app.call_from_thread(app.notify, str(exc), severity="error", timeout=15, markup=False)
            return
        app.call_from_thread(
            app.notify,
            f"Learning Log saved in\n{path_lines(written)}",
            title="Exported",
            timeout=10,
            markup=False,
        )


def _suggested(folder: Path, configured: bool = False) -> str:
    """The folder a save prompt suggests, in full: the path box may be too narrow to show it all."""
    where = "notes_folder in config.toml" if configured else "beside your database"
    return f"\nSuggested folder, {where}:\n{display_path(folder)}/"


class UnsentGuard(ModalScreen[str | None]):
    """Asked once when leaving a finished meeting whose notes were never copied or exported."""

    CSS_PATH = SCREENS_CSS  # read when first shown (see screens/css.py)

    BINDINGS = [
        Binding("c", "choose('copy')", "Copy now", id="guard.copy"),
        Binding("e", "choose('export')", "Export", id="guard.export"),
        Binding("l", "choose('leave')", "Leave it", id="guard.leave"),
        Binding("escape", "choose(None)", "Cancel", id="guard.cancel"),
    ]

    def __init__(self, ect: str):
        super().__init__()
        self.ect = ect

    def compose(self) -> ComposeResult:
        with Vertical(id="guard"):
            yield Static(
                Content(f"The notes of this meeting with {self.ect} were never copied or exported."),
                classes="heading",
            )
            yield Static(
                "Send them now, or leave them (they stay saved here; you will not be asked again).",
                classes="hint",
            )
            with Horizontal(classes="buttons"):
                yield Button("Copy now (c)", id="copy", variant="primary")
                yield Button("Export… (e)", id="export")
                yield Button("Leave it (l)", id="leave")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)
