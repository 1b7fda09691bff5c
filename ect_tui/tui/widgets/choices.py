"""A SelectionList that toggles the option that was chosen, not the one highlighted later.

Textual's SelectionList turns the OptionList's "selected" message into a toggle of whatever
is highlighted when the message is handled. Keys typed quickly (``space ↓ space``, one
terminal read) move the highlight before that, so both toggles fell on the second option:
chosen, then unchosen, and the mentor's first choice was never made. The message carries
the index of the option that was selected; this list toggles that one.
"""

from __future__ import annotations

from typing import TypeVar

from textual.widgets import OptionList, SelectionList

T = TypeVar("T")


class ChoiceList(SelectionList[T]):
    """SelectionList whose space/enter toggles the option they were pressed on."""

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        event.prevent_default()  # not also the base class's toggle of the highlighted option
        if 0 <= event.option_index < self.option_count:
            self.toggle(self.get_option_at_index(event.option_index))
