"""The audit sections of a meeting: self-ratings, the mentor's views (live and prepared blind),
agreed ratings, and the focus areas chosen from them. Mixed into ``Meeting`` (transcript.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from ect_tui.meeting.checks import ViewRefused, view_refusal
from ect_tui.meeting.records import MENTOR_VIEWS, Rating, SectionRecord
from ect_tui.script.model import Script

if TYPE_CHECKING:
    from ect_tui.script.model import Script


class AuditMixin:
    """Meeting's audit methods; Meeting sets the attributes below."""

    script: Script
    sections: list[SectionRecord]
    reveal: str

    if TYPE_CHECKING:

        def record(self, section_id: str) -> SectionRecord: ...

        def _touch(self) -> None: ...

    def rating_counts(self, section_id: str) -> Counter[str]:
        """How many statements sit at each level (only rated ones count)."""
        record = self.record(section_id)
        return Counter(r.counted for r in record.ratings.values() if r.counted)

    def rated_count(self, section_id: str) -> int:
        return sum(self.rating_counts(section_id).values())

    def audit_ratings(self) -> dict[str, Rating]:
        """Every rating from every audit section, by statement code."""
        found: dict[str, Rating] = {}
        for record in self.sections:
            if record.section.kind == "audit":
                found.update({code: r for code, r in record.ratings.items() if r.counted})
        return found

    def focus_candidates(self) -> list[tuple[str, str, str | None]]:
        """(code, text, level) for every audit statement, Emerging first, then Developing, Secure, unrated."""
        order = {"emerging": 0, "developing": 1, "secure": 2}
        ratings = self.audit_ratings()
        rows = []
        for section in self.script.audit_sections():
            for index, statement in enumerate(section.statements):
                level = ratings.get(statement.code, Rating()).counted
                rows.append((order.get(level or "", 3), index, statement.code, statement.text, level))
        rows.sort()
        return [(code, text, level) for _, _, code, text, level in rows]

    def statement_text(self, code: str) -> str:
        """The text of an audit statement by code, or "" if no audit section has it."""
        for section in self.script.audit_sections():
            for statement in section.statements:
                if statement.code == code:
                    return statement.text
        return ""

    def _update_rating(self, section_id: str, code: str, change: Callable[[Rating], None]) -> Rating:
        record = self.record(section_id)
        record.section.statement(code)  # unknown codes are a programming error
        rating = record.ratings.setdefault(code, Rating())
        change(rating)
        self._touch()
        return rating

    def rate(self, section_id: str, code: str, level: str | None) -> Rating:
        """The ECT's self-rating; None clears it, and with it what was said about it: the
        mentor's view of it (maybe too harsh / kind) and any rating agreed on top of it.
        What was typed (reasons) is kept."""
        if level is not None:
            self.record(section_id).section.level(level)

        levels = self.record(section_id).section.levels

        def change(rating: Rating) -> None:
            rating.level = level
            if level is None:
                rating.agreed = None
                rating.mentor_view = None
            elif view_refusal(levels, level, rating.mentor_view):
                rating.mentor_view = None  # "maybe too harsh" cannot stay on the top level

        return self._update_rating(section_id, code, change)

    def set_reason(self, section_id: str, code: str, reason: str) -> Rating:
        if self.record(section_id).rating(code).reason == reason:
            return self.record(section_id).rating(code)
        return self._update_rating(section_id, code, lambda r: setattr(r, "reason", reason))

    def set_mentor_view(self, section_id: str, code: str, view: str | None) -> Rating:
        """The mentor's live view of the ECT's rating; one that cannot apply to it (maybe too
        harsh on the top level, too kind on the first) raises `ViewRefused` with the reason."""
        if view is not None and view not in MENTOR_VIEWS:
            raise KeyError(view)
        record = self.record(section_id)
        refusal = view_refusal(record.section.levels, record.rating(code).level, view)
        if refusal:
            raise ViewRefused(refusal)
        return self._update_rating(section_id, code, lambda r: setattr(r, "mentor_view", view))

    def apply_priors(self, section_id: str, views: dict[str, dict[str, str]]) -> set[str]:
        """Copy the mentor's blind views into the audit: each one with a level, for a statement of
        this section the ECT has not rated and that holds no prepared view yet (a view recorded
        after seeing the rating would not be blind). Returns the codes that took one."""
        record = self.record(section_id)
        codes = {s.code for s in record.section.statements}
        applied: set[str] = set()
        for code, view in views.items():
            held = record.rating(code)
            if code not in codes or not view.get("level") or held.level or held.prior is not None:
                continue
            rating = record.ratings.setdefault(code, Rating())
            rating.prior = view["level"]
            rating.prior_evidence = view.get("evidence", "")
            applied.add(code)
        self._touch()
        return applied

    def prior_revealed(self, section_id: str, code: str) -> bool:
        """The mentor's prepared view of a statement is shown: it has one, and the ECT has rated
        the statement (or, when revealing by heading, every statement under its heading)."""
        record = self.record(section_id)
        if record.rating(code).prior is None or not record.rating(code).level:
            return False
        if self.reveal == "each":
            return True
        group = record.section.statement(code).group
        return all(record.rating(s.code).level for s in record.section.statements if s.group == group)

    def can_settle(self, section_id: str, code: str) -> bool:
        """Whether an agreed rating may be recorded for this statement now (see `Rating.settleable`)."""
        return self.record(section_id).rating(code).settleable(self.prior_revealed(section_id, code))

    def settle(self, section_id: str, code: str, level: str | None) -> Rating:
        """The rating mentor and ECT agreed on after talking a difference through: with the
        mentor's revealed prepared view, or with the mentor's live view (maybe too harsh / kind)."""
        if level is not None:
            self.record(section_id).section.level(level)
            if not self.can_settle(section_id, code):
                raise ValueError(
                    f"{code}: an agreed rating needs the ECT's rating and a difference with the mentor's view"
                )
        return self._update_rating(section_id, code, lambda r: setattr(r, "agreed", level))

    def set_agreed_reason(self, section_id: str, code: str, reason: str) -> Rating:
        if self.record(section_id).rating(code).agreed_reason == reason:
            return self.record(section_id).rating(code)
        return self._update_rating(section_id, code, lambda r: setattr(r, "agreed_reason", reason))

    def put_marks(
        self, section_id: str, code: str, level: str | None, view: str | None, agreed: str | None
    ) -> Rating:
        """Put back a statement's rating, view and agreed rating exactly as they were (undo and
        redo: see meeting/undo.py); what was typed (reasons) is left alone."""

        def change(rating: Rating) -> None:
            rating.level, rating.mentor_view, rating.agreed = level, view, agreed

        return self._update_rating(section_id, code, change)

    def unsettled(self, section_id: str, group: str | None = None) -> list[str]:
        """Codes, in script order, where the ECT and the mentor's prior view differ and nothing is agreed."""
        record = self.record(section_id)
        return [
            s.code
            for s in record.section.statements
            if (group is None or s.group == group) and record.rating(s.code).unsettled
        ]

    def set_focus(self, section_id: str, code: str, chosen: bool) -> None:
        """Choose or drop a focus area; focus areas keep the order they were chosen in."""
        record = self.record(section_id)
        if chosen == (code in record.focus):
            return
        if chosen:
            record.focus.append(code)
        else:
            record.focus.remove(code)
        self._touch()

    def put_focus(self, section_id: str, codes: list[str]) -> None:
        """Put back the focus areas, in their order, as they were (undo and redo)."""
        record = self.record(section_id)
        if record.focus != codes:
            record.focus = list(codes)
            self._touch()
