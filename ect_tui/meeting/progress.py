"""Audit progress across meetings: which statements moved from Emerging towards Secure.

Works on stored meeting documents (plain dicts), so the review screens, the
Learning Log export and the coordinator's report all count movement the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ect_tui.meeting.stored import stored_part, stored_sections
from ect_tui.script.model import Script

LEVEL_ORDER = {"emerging": 0, "developing": 1, "secure": 2}


@dataclass(frozen=True)
class AuditColumn:
    """One audit: the meeting it was part of and when."""

    meeting_id: str
    started: str
    script_id: str
    framework: str = ""  # the framework its script names, short (e.g. "ITTECF"); "" if not known

    @property
    def date(self) -> str:
        return self.started[:10]


@dataclass(frozen=True)
class Cell:
    """One statement in one audit: the rating that counts, and what the mentor thought of it."""

    level: str | None
    mentor_view: str | None = None
    self_level: str | None = None  # the ECT's own rating, where an agreed one differs
    prior: str | None = None  # the mentor's prepared (blind) view, where it differs from the counted level


@dataclass(frozen=True)
class ProgressRow:
    code: str
    text: str
    group: str
    standard: int
    cells: tuple[Cell, ...]
    framework: str = ""  # codes are compared only within one framework: ECF 1.1 is not ITTECF 1.1

    @property
    def first(self) -> str | None:
        return next((c.level for c in self.cells if c.level), None)

    @property
    def last(self) -> str | None:
        return next((c.level for c in reversed(self.cells) if c.level), None)


@dataclass(frozen=True)
class Movement:
    """Between the first and the latest audit a statement was rated in."""

    up: int = 0
    down: int = 0
    same: int = 0
    still_emerging: int = 0
    once: int = 0  # rated in one audit only, so no movement yet

    @property
    def compared(self) -> int:
        return self.up + self.down + self.same


@dataclass(frozen=True)
class Calibration:
    """In one audit: how often the ECT rated above, below or level with the mentor's prepared view."""

    above: int = 0
    below: int = 0
    level: int = 0

    @property
    def compared(self) -> int:
        return self.above + self.below + self.level


@dataclass(frozen=True)
class Progress:
    ect: str
    columns: tuple[AuditColumn, ...]
    rows: tuple[ProgressRow, ...]
    calibrations: tuple[Calibration, ...] = ()

    def movement(self, standard: int | None = None) -> Movement:
        return movement(r for r in self.rows if standard is None or r.standard == standard)

    def standards(self) -> list[int]:
        return sorted({r.standard for r in self.rows})

    def frameworks(self) -> list[tuple[str, tuple[AuditColumn, ...]]]:
        """Each framework the audits used, with its audits, oldest first ("" for a script not known)."""
        found: dict[str, list[AuditColumn]] = {}
        for column in self.columns:
            found.setdefault(column.framework, []).append(column)
        return [(name, tuple(columns)) for name, columns in found.items()]

    def framework_line(self) -> str:
        """Which audits used which framework, in words; "" when no audit names one."""
        named = [(name, columns) for name, columns in self.frameworks() if name]
        if not named:
            return ""
        if len(self.frameworks()) == 1:
            name, columns = named[0]
            count = "1 audit" if len(columns) == 1 else f"all {len(columns)} audits"
            return f"Framework: {name} ({count})."
        parts = []
        for name, columns in self.frameworks():
            dates = ", ".join(c.date for c in columns)
            parts.append(f"{name or 'framework not known'} for {dates}")
        return (
            "Frameworks: "
            + "; ".join(parts)
            + ". A statement is compared only with audits of its own framework."
        )

    def filtered(self, standard: int | None) -> Progress:
        if standard is None:
            return self
        rows = tuple(r for r in self.rows if r.standard == standard)
        return Progress(self.ect, self.columns, rows, self.calibrations)


def column_labels(columns: Iterable[AuditColumn]) -> list[str]:
    """A heading per audit: its date, with the time where two audits share a day."""
    columns = list(columns)
    per_day = Counter(c.date for c in columns)
    return [f"{c.date} {c.started[11:16]}".rstrip() if per_day[c.date] > 1 else c.date for c in columns]


def counted_level(rating: dict[str, Any]) -> str | None:
    """The agreed rating where the pair settled one, else the ECT's own."""
    return rating.get("agreed") or rating.get("level")


def movement(rows: Iterable[ProgressRow]) -> Movement:
    up = down = same = still = once = 0
    for row in rows:
        rated = [c.level for c in row.cells if c.level]
        if not rated:
            continue
        if len(rated) == 1:
            once += 1
        else:
            change = LEVEL_ORDER[rated[-1]] - LEVEL_ORDER[rated[0]]
            up += change > 0
            down += change < 0
            same += change == 0
        still += rated[-1] == "emerging"
    return Movement(up=up, down=down, same=same, still_emerging=still, once=once)


def calibration(ratings: dict[str, dict[str, Any]]) -> Calibration:
    """Compare the ECT's own ratings with the mentor's prepared (blind) views."""
    above = below = level = 0
    for rating in ratings.values():
        own, prior = rating.get("level"), rating.get("prior")
        if not own or not prior:
            continue
        difference = LEVEL_ORDER[own] - LEVEL_ORDER[prior]
        above += difference > 0
        below += difference < 0
        level += difference == 0
    return Calibration(above, below, level)


def audit_ratings(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every statement rating in a meeting document's audit sections, by code."""
    found: dict[str, dict[str, Any]] = {}
    for section in stored_sections(doc, "audit"):
        found.update(stored_part(section, "ratings"))
    return found


def build_progress(ect: str, docs: Iterable[dict[str, Any]], scripts: dict[str, Script]) -> Progress:
    """A grid of statements (rows, in script order) against audits (columns, oldest first).

    Only meetings with at least one rating become columns; statements come from
    the scripts those meetings used, so a provider's own statements appear too.
    """
    audits = sorted(
        (d for d in docs if any(counted_level(r) for r in audit_ratings(d).values())),
        key=lambda d: d.get("started", ""),
    )

    def framework_of(doc: dict[str, Any]) -> str:
        script = scripts.get((doc.get("script") or {}).get("id", ""))
        return script.bank.short if script is not None and script.bank is not None else ""

    columns = tuple(
        AuditColumn(d["id"], d.get("started", ""), d.get("script", {}).get("id", ""), framework_of(d))
        for d in audits
    )
    ratings = [audit_ratings(d) for d in audits]

    def cells_for(code: str, framework: str) -> tuple[Cell, ...]:
        # Another framework's audit says nothing about this statement, whatever its code.
        return tuple(
            _cell(r.get(code)) if c.framework == framework else Cell(None)
            for c, r in zip(columns, ratings, strict=True)
        )

    rows: list[ProgressRow] = []
    seen: set[tuple[str, str]] = set()
    for script_id in dict.fromkeys(c.script_id for c in columns):
        script = scripts.get(script_id)
        if script is None:
            continue
        framework = script.bank.short if script.bank is not None else ""
        for section in script.audit_sections():
            for statement in section.statements:
                if (framework, statement.code) in seen:
                    continue
                seen.add((framework, statement.code))
                group = section.group(statement.group)
                title = (
                    f"{framework} {group.title}"
                    if framework and len({c.framework for c in columns}) > 1
                    else group.title
                )
                rows.append(
                    ProgressRow(
                        statement.code,
                        statement.text,
                        title,
                        group.standard,
                        cells_for(statement.code, framework),
                        framework,
                    )
                )
    # Statements rated under a script this machine no longer has (or of another framework) still count.
    rated = {(c.framework, code) for c, r in zip(columns, ratings, strict=True) for code in r}
    for framework, code in sorted(rated - seen):
        rows.append(
            ProgressRow(
                code, "", "Other statements", _standard_of(code), cells_for(code, framework), framework
            )
        )
    return Progress(ect, columns, tuple(rows), tuple(calibration(r) for r in ratings))


def _cell(rating: dict[str, Any] | None) -> Cell:
    if not rating:
        return Cell(None)
    level = counted_level(rating)
    own = rating.get("level")
    prior = rating.get("prior")
    return Cell(
        level,
        rating.get("mentor_view"),
        own if own != level else None,
        prior if isinstance(prior, str) and prior and prior != level else None,
    )


def _standard_of(code: str) -> int:
    digits = ""
    for ch in code:
        if not ch.isdigit():
            break
        digits += ch
    return int(digits) if digits else 0


def last_audit(docs: Iterable[dict[str, Any]], script_id: str) -> tuple[str, dict[str, str]] | None:
    """The newest audit of this script among ``docs`` (newest first) with any rating:
    its date and the counted level per statement, to show beside this audit's ratings."""
    for doc in docs:
        if (doc.get("script") or {}).get("id") != script_id:
            continue
        levels = {
            code: level for code, rating in audit_ratings(doc).items() if (level := counted_level(rating))
        }
        if levels:
            return str(doc.get("started") or "")[:10], levels
    return None
