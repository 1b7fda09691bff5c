"""The end of the meeting: everything recorded, time per section, and finishing."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Button, Static

from ect_tui.meeting.countdown import format_clock
from ect_tui.meeting.transcript import MENTOR_VIEWS, SUMMARY, Meeting, timings
from ect_tui.tui.screens.base import MeetingScreen
from ect_tui.tui.text import visible


class SummaryScreen(MeetingScreen):
    """A read-through of the record; rebuilt each time it is shown so it is never stale."""

    def __init__(self) -> None:
        super().__init__(SUMMARY, "Summary")

    def compose_body(self) -> ComposeResult:
        yield Static(id="summary-status", classes="heading")
        yield Static(id="summary-text")
        yield Button("Finish meeting", id="finish", variant="success")

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.show()

    def show(self) -> None:
        meeting = self.meeting
        status = (
            f"Meeting complete and saved. {meeting.ect} with {meeting.mentor}."
            if meeting.finished
            else "Read it through together, then finish the meeting (it is already saved as you go)."
        )
        self.query_one("#summary-status", Static).update(Content(status))
        self.query_one("#summary-text", Static).update(Content(visible(summary_text(meeting))))
        button = self.query_one("#finish", Button)
        button.label = "Start another meeting" if meeting.finished else "Finish meeting"
        button.focus()

    @on(Button.Pressed, "#finish")
    def _finish(self) -> None:
        if self.meeting.finished:
            self.ect_app.new_meeting()
            return
        self.meeting.finish()
        self.changed(urgent=True)
        self.show()
        self.notify("Meeting finished and saved.", title="Saved")


def summary_text(meeting: Meeting) -> str:
    """Plain text of the whole record, for the screen."""
    lines: list[str] = []
    lines.append("Time per section (planned / actual / difference)")
    for row in timings(meeting):
        diff = row.difference
        sign = "+" if diff >= 0 else "-"
        lines.append(
            f"  {row.title[:38]:<38} {format_clock(row.planned):>6} {format_clock(row.actual):>7} "
            f" {sign}{format_clock(abs(diff))}"
        )
    if meeting.script.preparation:
        lines.append("")
        for item in meeting.script.preparation:
            tick = "✓" if item in meeting.brought else "✗"
            lines.append(f"{tick} {item}")
    for record in meeting.sections:
        section = record.section
        lines += ["", f"── {section.title} ──"]
        for question in section.questions:
            note = record.notes.get(question.id, "").strip()
            lines.append(f"{question.text}")
            lines.append(f"  {note}" if note else "  (no notes)")
        if section.kind == "audit":
            counts = meeting.rating_counts(section.id)
            total = len(section.statements)
            parts = [f"{lv.label} {counts.get(lv.key, 0)}" for lv in section.levels]
            lines.append(f"Rated {sum(counts.values())} of {total}: " + ", ".join(parts))
            for statement in section.statements:
                rating = record.rating(statement.code)
                if rating.empty:
                    continue
                label = section.level(rating.level).label if rating.level else "not rated"
                view = f" (mentor: {MENTOR_VIEWS[rating.mentor_view]})" if rating.mentor_view else ""
                lines.append(f"  {statement.code:<4} {label}{view}: {statement.text}")
                if rating.reason.strip():
                    lines.append(f"       why: {rating.reason.strip()}")
        for item in section.items:
            lines.append(item.text)
            if item.kind == "focus":
                codes = record.focus
                for code in codes:
                    lines.append(f"  • {code} {meeting.statement_text(code)}")
                if not codes:
                    lines.append("  (none chosen)")
            else:
                value = record.fields.get(item.id, "").strip()
                lines.append(f"  {value}" if value else "  (nothing recorded)")
    return "\n".join(lines)
