"""Which screen shows which kind of section: add a kind here and nowhere else."""

from __future__ import annotations

from collections.abc import Callable

from ect_tui.script.model import Section
from ect_tui.tui.screens.audit import AuditScreen
from ect_tui.tui.screens.base import MeetingScreen
from ect_tui.tui.screens.coaching import (
    ActionStepScreen,
    DropInScreen,
    LastStepScreen,
    PracticeScreen,
    PraiseScreen,
)
from ect_tui.tui.screens.discussion import DiscussionScreen
from ect_tui.tui.screens.next_steps import NextStepsScreen

# Each takes the section it shows.
SCREEN_FOR_KIND: dict[str, Callable[[Section], MeetingScreen]] = {
    "discussion": DiscussionScreen,
    "audit": AuditScreen,
    "next-steps": NextStepsScreen,
    "next": NextStepsScreen,
    "last-step": LastStepScreen,
    "drop-in": DropInScreen,
    "praise": PraiseScreen,
    "action-step": ActionStepScreen,
    "practice": PracticeScreen,
}


def screen_for_kind(kind: str) -> Callable[[Section], MeetingScreen]:
    """The screen class for a section kind; question-by-question notes for any kind not listed."""
    return SCREEN_FOR_KIND.get(kind, DiscussionScreen)
