"""The start screen's list of meetings left unfinished: Enter carries on, delete discards."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList


class UnfinishedList(OptionList):
    """Options are meeting ids; discarding asks the screen, which asks the mentor."""

    BINDINGS = [Binding("delete,x", "discard", "Discard meeting", id="start.discard")]

    class Discard(Message):
        def __init__(self, meeting_id: str):
            super().__init__()
            self.meeting_id = meeting_id

    def action_discard(self) -> None:
        option = self.highlighted_option
        if option is not None and option.id:
            self.post_message(self.Discard(option.id))
