"""The coaching sections, one screen a module (the modules hold the *why*; see ARCHITECTURE.md).

Each screen shows what the core in ``ect_tui.coaching`` decides (refusals, checks,
timings) and routes what is typed back to it; the section's questions are notes
boxes as on a discussion screen. User text is always shown as plain Content.
"""

from ect_tui.tui.screens.coaching.action_step import ActionStepScreen
from ect_tui.tui.screens.coaching.drop_in import DropInScreen
from ect_tui.tui.screens.coaching.last_step import LastStepScreen, StatusList
from ect_tui.tui.screens.coaching.practice import PracticeScreen, RoundList
from ect_tui.tui.screens.coaching.praise import PraiseList, PraiseScreen
from ect_tui.tui.screens.coaching.section import CoachingScreen

__all__ = [
    "ActionStepScreen",
    "CoachingScreen",
    "DropInScreen",
    "LastStepScreen",
    "PracticeScreen",
    "PraiseList",
    "PraiseScreen",
    "RoundList",
    "StatusList",
]
