"""The weekly coaching loop around the module meetings, and the coordinator's overview.

Plain Python (never imports textual): action steps and their lifecycle
(``steps``), deliberate-practice rounds and the drop-in visit timer
(``practice``), the ECT's self-study log (``study``), school terms and the
expected coaching rhythm (``terms``), dates typed for things that already
happened (``days``), the small store tables this feature owns (``records``),
starting a coaching meeting from the open step (``seed``) and the read-only
report the induction coordinator sees (``report``).

A coaching meeting is an ordinary meeting document; what makes it one is that
its script has coaching sections (see ``COACHING_KINDS`` and ``is_coaching_doc``).
"""

from __future__ import annotations

from typing import Any

from ect_tui.meeting.stored import stored_sections

# Section kinds that only a coaching script has; "next" is shared with nothing but
# carries no coaching content of its own, so it does not make a meeting a coaching one.
COACHING_KINDS: frozenset[str] = frozenset({"last-step", "drop-in", "praise", "action-step", "practice"})


def is_coaching_doc(doc: dict[str, Any]) -> bool:
    """True for a stored meeting whose script has any coaching section."""
    return any(s.get("kind") in COACHING_KINDS for s in stored_sections(doc))
