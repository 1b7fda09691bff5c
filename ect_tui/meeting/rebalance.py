"""Keep the whole meeting on one clock: when a section overruns, the ones to come shrink.

Pure arithmetic so the rule can be read and tested on its own: pinned sections
keep their planned minutes, the rest share what is left of the hour in
proportion to their plan, never growing beyond it and never going below zero.
"""

from __future__ import annotations


def shrink_upcoming(total: float, spent: float, upcoming: list[tuple[float, bool]]) -> list[float]:
    """Budgets (seconds) for the sections still to come, in order.

    ``total`` is the meeting's planned length, ``spent`` the time already used
    (time before the first section, and every section already entered), and
    ``upcoming`` holds each remaining section's (planned seconds, pinned).
    """
    pinned_time = sum(planned for planned, pinned in upcoming if pinned)
    flexible = sum(planned for planned, pinned in upcoming if not pinned)
    available = total - spent - pinned_time
    factor = 1.0 if flexible <= 0 else max(0.0, min(1.0, available / flexible))
    return [planned if pinned else planned * factor for planned, pinned in upcoming]
