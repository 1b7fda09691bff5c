"""What moved between the last two audits: per standard up / level / down, and which statements.

The progress grid (``progress.build_progress``) holds every audit; an ECT mostly wants the
latest step: "since the last audit, these statements moved". ``progress.movement`` compares
each statement's first and latest rating (the coordinator's long view); this module compares
the two newest audits only, statement by statement, so the Learning Log page and the
progress screen can both say the same thing. Pure: no I/O, no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from ect_tui.meeting.progress import LEVEL_ORDER, AuditColumn, Progress

UP, LEVEL, DOWN = "up", "level", "down"
ARROWS = {UP: "↑", LEVEL: "=", DOWN: "↓"}


@dataclass(frozen=True)
class StatementMove:
    """One statement rated in both of the last two audits."""

    code: str
    text: str
    standard: int
    before: str  # level key in the earlier audit, e.g. "emerging"
    after: str

    @property
    def direction(self) -> str:
        change = LEVEL_ORDER.get(self.after, 0) - LEVEL_ORDER.get(self.before, 0)
        return UP if change > 0 else DOWN if change < 0 else LEVEL


@dataclass(frozen=True)
class StandardMove:
    """Counts for one standard (0 = statements of no known standard)."""

    standard: int
    up: int = 0
    level: int = 0
    down: int = 0
    new: int = 0  # rated in the latest audit but not the one before

    @property
    def label(self) -> str:
        return f"Standard {self.standard}" if self.standard else "Other statements"

    @property
    def compared(self) -> int:
        return self.up + self.level + self.down


@dataclass(frozen=True)
class RecentMovement:
    """Between ``before`` and ``after``, the two newest audits."""

    before: AuditColumn
    after: AuditColumn
    standards: tuple[StandardMove, ...]
    moves: tuple[StatementMove, ...]  # every statement compared, in grid order

    def moved(self, direction: str) -> tuple[StatementMove, ...]:
        return tuple(m for m in self.moves if m.direction == direction)

    @property
    def total(self) -> StandardMove:
        return StandardMove(
            0,
            up=sum(s.up for s in self.standards),
            level=sum(s.level for s in self.standards),
            down=sum(s.down for s in self.standards),
            new=sum(s.new for s in self.standards),
        )

    def direction_of(self, code: str) -> str | None:
        """How this statement moved, or None if it was not rated in both audits."""
        return next((m.direction for m in self.moves if m.code == code), None)


def recent_movement(progress: Progress) -> RecentMovement | None:
    """Movement between the last two audits, or None with fewer than two."""
    if len(progress.columns) < 2:
        return None
    moves: list[StatementMove] = []
    counts: dict[int, dict[str, int]] = {}
    for row in progress.rows:
        before, after = row.cells[-2].level, row.cells[-1].level
        tally = counts.setdefault(row.standard, {UP: 0, LEVEL: 0, DOWN: 0, "new": 0})
        if after and not before:
            tally["new"] += 1
        if not (before and after):
            continue
        move = StatementMove(row.code, row.text, row.standard, before, after)
        moves.append(move)
        tally[move.direction] += 1
    standards = tuple(
        StandardMove(standard, up=c[UP], level=c[LEVEL], down=c[DOWN], new=c["new"])
        for standard, c in sorted(counts.items())
        if c[UP] or c[LEVEL] or c[DOWN] or c["new"]
    )
    return RecentMovement(progress.columns[-2], progress.columns[-1], standards, tuple(moves))


def movement_phrase(move: StandardMove) -> str:
    """E.g. ``3 up, 10 level, 1 down`` (and ``, 2 newly rated``)."""
    text = f"{move.up} up, {move.level} level, {move.down} down"
    return text + (f", {move.new} newly rated" if move.new else "")


def movement_lines(recent: RecentMovement | None, labels: tuple[str, str] | None = None) -> list[str]:
    """The same summary in words, for the terminal: the totals (and per standard), then what moved.

    ``labels`` names the two audits (e.g. dates as the grid heads them); by default their dates.
    """
    if recent is None:
        return ["One audit so far: movement shows once there is a second."]
    first, second = labels or (recent.before.date, recent.after.date)
    standards = ""
    if len(recent.standards) > 1:
        standards = " (" + "; ".join(f"{s.label}: {movement_phrase(s)}" for s in recent.standards) + ")"
    lines = [f"Since the audit of {first} (latest {second}): {movement_phrase(recent.total)}{standards}."]
    moved = []
    for direction in (UP, DOWN):
        found = recent.moved(direction)
        if found:
            codes = ", ".join(m.code for m in found[:12]) + (" …" if len(found) > 12 else "")
            moved.append(f"Moved {direction}: {codes}")
    if moved:
        lines.append(" · ".join(moved))
    return lines
