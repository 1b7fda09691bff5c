"""One past meeting, read-only: every section as recorded, exactly as typed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from ect_tui.export.outline import meeting_outline
from ect_tui.meeting.countdown import format_minutes
from ect_tui.meeting.stored import stored_part, stored_sections
from ect_tui.meeting.transcript import Meeting, TranscriptError
from ect_tui.script.loader import ScriptError
from ect_tui.tui.text import started_minute, visible
from ect_tui.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from ect_tui.tui.app import EctApp


class TranscriptScreen(Screen):
    """The shared record of a meeting; nothing here can change it."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="transcript.back"),
        Binding("p", "progress", "Progress", id="transcript.progress"),
        Binding("c", "copy", "Copy notes", id="transcript.copy"),
        Binding("x", "export", "Export", id="transcript.export"),
    ]

    def __init__(self, doc: dict[str, Any]):
        super().__init__(name="transcript")
        self.doc = doc

    @property
    def ect_app(self) -> EctApp:
        return cast("EctApp", self.app)

    def compose(self) -> ComposeResult:
        doc = self.doc
        script_label = doc.get("script", {}).get("label") or doc.get("script", {}).get("title", "")
        when = started_minute(doc.get("started"))
        length = sum(s.get("elapsed_seconds", 0) for s in stored_sections(doc))
        heading = (
            f"{when}  ·  {doc.get('ect', '')} with {doc.get('mentor', '')}  ·  {script_label}  ·  "
            f"{doc.get('status', '')}, {format_minutes(length)}"
        )
        with VerticalScroll(id="body"):
            yield Static(Content(visible(heading)), classes="heading")
            yield Static(Content(visible(self._text())), id="transcript-text")
        yield KeyBar()

    def _text(self) -> str:
        try:
            script = self.ect_app.catalog.get(self.doc["script"]["id"])
            meeting = Meeting.from_doc(self.doc, script, self.ect_app.clock, resume=False)
        except (ScriptError, TranscriptError, KeyError, ValueError):
            return raw_outline(self.doc)
        return meeting_outline(meeting)

    def on_mount(self) -> None:
        self.query_one("#body").focus()

    def action_back(self) -> None:
        self.ect_app.leave_review_screen()

    def action_copy(self) -> None:
        self.ect_app.notes_out.copy(self.doc)

    def action_export(self) -> None:
        self.ect_app.notes_out.export(self.doc, "markdown")

    def action_progress(self) -> None:
        self.ect_app.open_progress(self.doc.get("ect", ""))


def raw_outline(doc: dict[str, Any]) -> str:
    """When the meeting's plan is not installed here, still show every word that was recorded."""
    lines = [
        f"(The plan {doc.get('script', {}).get('id')!r} is not installed here, so questions show as ids.)"
    ]
    for section in stored_sections(doc):
        lines += ["", f"── {section.get('title', section.get('id', ''))} ──"]
        for key, note in stored_part(section, "notes").items():
            lines.append(f"{key}: {note}")
        for code, rating in stored_part(section, "ratings").items():
            lines.append(f"{code}: {rating.get('level') or 'not rated'}  {rating.get('reason', '')}".rstrip())
        for code in section.get("focus", []):
            lines.append(f"focus: {code}")
        for key, value in stored_part(section, "fields").items():
            lines.append(f"{key}: {value}")
    return "\n".join(lines)
