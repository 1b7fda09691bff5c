"""What a meeting records per section: each statement's ratings, and the section's notes and answers.

``Meeting`` (transcript.py) owns and changes these; they turn into the stored document's
``sections`` (``to_doc``) and back.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from ect_tui.meeting.countdown import Countdown
from ect_tui.script.model import Section

REVEAL_MODES = ("each", "heading")

MENTOR_VIEWS: dict[str, str] = {
    "agree": "agree",
    "too-harsh": "maybe too harsh",
    "too-kind": "maybe too kind",
}
# The mentor's live views that question the ECT's rating, so the pair may agree another.
DOUBTS = ("too-harsh", "too-kind")


class TranscriptError(ValueError):
    """A stored meeting that does not fit its script (e.g. the script was edited)."""


@dataclass
class Rating:
    """One statement: the ECT's self-rating and reason, the mentor's view of it, and,
    in a blind audit, the mentor's prior view and the rating the pair agreed."""

    level: str | None = None
    reason: str = ""
    mentor_view: str | None = None
    prior: str | None = None  # the mentor's own rating, recorded before the meeting
    prior_evidence: str = ""
    agreed: str | None = None
    agreed_reason: str = ""

    def to_doc(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"level": self.level, "reason": self.reason, "mentor_view": self.mentor_view}
        if self.prior is not None or self.agreed is not None:
            doc.update(
                prior=self.prior,
                prior_evidence=self.prior_evidence,
                agreed=self.agreed,
                agreed_reason=self.agreed_reason,
            )
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Rating:
        return cls(
            doc.get("level"),
            doc.get("reason", ""),
            doc.get("mentor_view"),
            doc.get("prior"),
            doc.get("prior_evidence", ""),
            doc.get("agreed"),
            doc.get("agreed_reason", ""),
        )

    @property
    def empty(self) -> bool:
        return self == Rating()

    @property
    def counted(self) -> str | None:
        """The rating that counts: the agreed one where the pair settled a difference."""
        return self.agreed or self.level

    @property
    def differs(self) -> bool:
        """The ECT's rating and the mentor's prior view disagree."""
        return self.level is not None and self.prior is not None and self.level != self.prior

    @property
    def unsettled(self) -> bool:
        """A difference the pair has not yet agreed a rating for."""
        return self.differs and self.agreed is None

    @property
    def doubted(self) -> bool:
        """The ECT has rated and the mentor's live view questions it (maybe too harsh / too kind)."""
        return self.level is not None and self.mentor_view in DOUBTS

    def settleable(self, prior_shown: bool) -> bool:
        """Whether the pair may record an agreed rating: the ECT has rated, and either the
        mentor's prepared view differs (once it is shown) or the mentor's live view questions it."""
        return (self.differs and prior_shown) or self.doubted


@dataclass
class SectionRecord:
    """What was said and rated in one section, and how long it took."""

    section: Section
    countdown: Countdown
    visited: bool = False
    notes: dict[str, str] = field(default_factory=dict)
    ratings: dict[str, Rating] = field(default_factory=dict)
    focus: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    dates: dict[str, str] = field(default_factory=dict)
    private: str = ""
    # Structured content of the coaching kinds (step status, practice rounds, ...), JSON-able.
    data: dict[str, Any] = field(default_factory=dict)
    pinned: bool = False  # keeps its planned minutes when the meeting is rebalanced

    @property
    def id(self) -> str:
        return self.section.id

    def rating(self, code: str) -> Rating:
        return self.ratings.get(code) or Rating()

    def to_doc(self) -> dict[str, Any]:
        countdown = self.countdown
        return {
            "id": self.section.id,
            "kind": self.section.kind,
            "title": self.section.title,
            "planned_seconds": countdown.planned_seconds,
            "adjust_seconds": countdown.adjust_seconds,
            "elapsed_seconds": round(countdown.elapsed, 3),
            "running": countdown.running,
            "visited": self.visited,
            "pinned": self.pinned,
            "notes": dict(self.notes),
            "ratings": {code: r.to_doc() for code, r in self.ratings.items() if not r.empty},
            "focus": list(self.focus),
            "fields": dict(self.fields),
            "dates": dict(self.dates),
            "private": self.private,
            "data": copy.deepcopy(self.data),
        }
