"""The session script: the plan of one meeting, as written by a programme provider.

Frozen dataclasses so a loaded script can be shared freely between screens and
the meeting core without anyone changing it underneath the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ect_tui.script.bank import Bank

SectionKind = Literal[
    "discussion",
    "audit",
    "next-steps",
    "last-step",
    "drop-in",
    "praise",
    "action-step",
    "practice",
    "next",
]
SECTION_KINDS: tuple[str, ...] = (
    "discussion",
    "audit",
    "next-steps",
    "last-step",
    "drop-in",
    "praise",
    "action-step",
    "practice",
    "next",
)

ItemKind = Literal["focus", "text", "datetime"]
ITEM_KINDS: tuple[str, ...] = ("focus", "text", "datetime")

STRANDS: tuple[str, ...] = ("learn-that", "learn-how")


@dataclass(frozen=True)
class Question:
    """One discussion topic with an optional hint for the mentor."""

    id: str
    text: str
    hint: str = ""


@dataclass(frozen=True)
class Level:
    """One step of a rating scale (e.g. Emerging) with the key that picks it."""

    key: str
    label: str
    shortcut: str
    definition: str


@dataclass(frozen=True)
class Group:
    """A heading that audit statements sit under, e.g. Standard 1, learn how to."""

    id: str
    title: str
    standard: int
    strand: str


@dataclass(frozen=True)
class Statement:
    """One framework statement (ITTECF or ECF), paraphrased, with its code."""

    code: str
    text: str
    group: str


@dataclass(frozen=True)
class Item:
    """One next-steps item: choose focus areas, write text, or give a date and time."""

    id: str
    kind: str
    text: str
    hint: str = ""


@dataclass(frozen=True)
class Section:
    """One timed part of a meeting. Which content fields matter depends on `kind`."""

    id: str
    kind: str
    title: str
    minutes: float
    guidance: str = ""
    questions: tuple[Question, ...] = ()
    levels: tuple[Level, ...] = ()
    groups: tuple[Group, ...] = ()
    statements: tuple[Statement, ...] = ()
    prompts: tuple[str, ...] = ()
    caution: str = ""
    items: tuple[Item, ...] = ()

    @property
    def planned_seconds(self) -> int:
        return round(self.minutes * 60)

    def group(self, group_id: str) -> Group:
        for group in self.groups:
            if group.id == group_id:
                return group
        raise KeyError(group_id)

    def statement(self, code: str) -> Statement:
        for statement in self.statements:
            if statement.code == code:
                return statement
        raise KeyError(code)

    def level(self, key: str) -> Level:
        for level in self.levels:
            if level.key == key:
                return level
        raise KeyError(key)

    def reference(self, statement: Statement) -> str:
        """The ECF reference of a statement, e.g. ``S7 learn-how 7b``."""
        group = self.group(statement.group)
        return f"S{group.standard} {group.strand} {statement.code}"


@dataclass(frozen=True)
class Script:
    """The plan of one meeting: aims, preparation and ordered sections."""

    id: str
    version: int
    title: str
    module: int | None
    module_title: str
    week: int | None
    standards: tuple[int, ...]
    learning_intentions: tuple[str, ...]
    preparation: tuple[str, ...]
    sections: tuple[Section, ...]
    introduction: str = ""
    framework: str = ""  # the id of the statement bank its audits use, e.g. "ittecf-2024"
    framework_label: str = ""  # how to name it to people, e.g. "ITTECF (DfE, January 2024)"
    source: str = field(default="", compare=False)
    bank: Bank | None = field(default=None, compare=False, repr=False)  # the framework's statements

    @property
    def planned_seconds(self) -> int:
        return sum(section.planned_seconds for section in self.sections)

    @property
    def label(self) -> str:
        """A human title such as ``Module 1 Week 1: Module audit``."""
        parts = []
        if self.module is not None:
            parts.append(f"Module {self.module}")
        if self.week is not None:
            parts.append(f"Week {self.week}")
        prefix = " ".join(parts)
        return f"{prefix}: {self.title}" if prefix else self.title

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def audit_sections(self) -> tuple[Section, ...]:
        return tuple(section for section in self.sections if section.kind == "audit")
