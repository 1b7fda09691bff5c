"""Statement banks: one framework's statements (standard, heading, code, our paraphrase) as data.

Scripts name a framework and refer to its statements by code, so the paraphrase lives in one place
and a code that is not in the framework is a mistake `ect-tui scripts check` can name. A bank is a
TOML file in a `frameworks/` folder beside the scripts (bundled, the user's, or a provider's pack).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ect_tui.script.model import STRANDS

BANK_FOLDER = "frameworks"


class BankError(Exception):
    """A bank file that cannot be used; ``problems`` holds one ``file: key: problem`` line per fault."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class BankStandard:
    number: int
    title: str
    teachers_standard: str = ""


@dataclass(frozen=True)
class BankStatement:
    """One statement: its code, our paraphrase, and where it sits in the framework."""

    code: str
    text: str
    standard: int
    strand: str
    heading: str  # the id of its heading


@dataclass(frozen=True)
class Heading:
    id: str
    standard: int
    strand: str
    title: str
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Bank:
    """A framework's statements in the framework's order."""

    id: str
    name: str
    short: str
    published: str
    standards: tuple[BankStandard, ...]
    headings: tuple[Heading, ...]
    statements: tuple[BankStatement, ...]
    source: str = ""

    @property
    def label(self) -> str:
        """How exports name the framework, e.g. ``ITTECF (DfE, January 2024)``."""
        return f"{self.short} ({self.published})" if self.published else self.short

    def statement(self, code: str) -> BankStatement | None:
        for statement in self.statements:
            if statement.code == code:
                return statement
        return None

    def heading(self, heading_id: str) -> Heading:
        for heading in self.headings:
            if heading.id == heading_id:
                return heading
        raise KeyError(heading_id)

    def codes(self, standard: int | None = None) -> tuple[str, ...]:
        return tuple(s.code for s in self.statements if standard is None or s.standard == standard)

    def counts(self) -> dict[int, tuple[int, int]]:
        """Per standard: (learn that, learn how to) statement counts."""
        out: dict[int, tuple[int, int]] = {}
        for standard in self.standards:
            that = sum(
                1 for s in self.statements if s.standard == standard.number and s.strand == "learn-that"
            )
            how = sum(1 for s in self.statements if s.standard == standard.number and s.strand == "learn-how")
            out[standard.number] = (that, how)
        return out


def _text(check: list[str], where: str, data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        check.append(f"{where}.{key}: {'missing' if value is None else 'should be text'}")
        return ""
    return value.strip()


def _int(check: list[str], where: str, data: dict[str, Any], key: str) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        check.append(f"{where}.{key}: {'missing' if value is None else 'should be a whole number'}")
        return 0
    return value


def _unknown(check: list[str], where: str, data: dict[str, Any], known: set[str]) -> None:
    for key in data:
        if key not in known:
            check.append(f"{where}.{key}: unknown key")


def parse_bank(data: dict[str, Any], name: str) -> Bank:
    """Build a Bank from parsed TOML, or raise BankError listing every problem."""
    problems: list[str] = []
    _unknown(problems, "", data, {"framework", "standards", "headings"})
    framework = data.get("framework")
    if not isinstance(framework, dict):
        raise BankError([f"{name}: framework: missing (a bank starts with a [framework] table)"])
    _unknown(problems, "framework", framework, {"id", "name", "short", "published"})
    bank_id = _text(problems, "framework", framework, "id")
    full = _text(problems, "framework", framework, "name")
    raw_short, raw_published = framework.get("short"), framework.get("published")
    short: str = raw_short if isinstance(raw_short, str) else full
    published: str = raw_published if isinstance(raw_published, str) else ""

    standards: list[BankStandard] = []
    for i, raw in enumerate(data.get("standards", [])):
        where = f"standards[{i}]"
        if not isinstance(raw, dict):
            problems.append(f"{where}: should be a table")
            continue
        _unknown(problems, where, raw, {"number", "title", "teachers_standard"})
        teachers = raw.get("teachers_standard", "")
        standards.append(
            BankStandard(
                _int(problems, where, raw, "number"),
                _text(problems, where, raw, "title"),
                teachers if isinstance(teachers, str) else "",
            )
        )
    numbers = {s.number for s in standards}

    headings: list[Heading] = []
    statements: list[BankStatement] = []
    seen_codes: dict[str, str] = {}
    seen_headings: set[str] = set()
    for i, raw in enumerate(data.get("headings", [])):
        where = f"headings[{i}]"
        if not isinstance(raw, dict):
            problems.append(f"{where}: should be a table")
            continue
        _unknown(problems, where, raw, {"id", "standard", "strand", "title", "statements"})
        heading_id = _text(problems, where, raw, "id")
        standard = _int(problems, where, raw, "standard")
        strand = _text(problems, where, raw, "strand")
        title = _text(problems, where, raw, "title")
        if heading_id in seen_headings:
            problems.append(f"{where}.id: duplicate heading id {heading_id!r}")
        seen_headings.add(heading_id)
        if strand and strand not in STRANDS:
            problems.append(f"{where}.strand: should be one of {', '.join(STRANDS)}")
        if standard and numbers and standard not in numbers:
            problems.append(f"{where}.standard: no standard {standard} in [[standards]]")
        codes: list[str] = []
        raw_statements = raw.get("statements")
        if not isinstance(raw_statements, list) or not raw_statements:
            problems.append(f"{where}.statements: missing or empty")
            raw_statements = []
        for j, entry in enumerate(raw_statements):
            at = f"{where}.statements[{j}]"
            if not isinstance(entry, dict):
                problems.append(f'{at}: should be a table such as {{ code = "1.1", text = "..." }}')
                continue
            _unknown(problems, at, entry, {"code", "text"})
            code = _text(problems, at, entry, "code")
            text = _text(problems, at, entry, "text")
            if code in seen_codes:
                problems.append(f"{at}.code: duplicate code {code!r} (first at {seen_codes[code]})")
                continue
            if code:
                seen_codes[code] = at
                codes.append(code)
                statements.append(BankStatement(code, text, standard, strand, heading_id))
        headings.append(Heading(heading_id, standard, strand, title, tuple(codes)))
    if not headings:
        problems.append("headings: missing or empty")
    if problems:
        raise BankError([f"{name}: {p.lstrip('.')}" for p in problems])
    return Bank(
        id=bank_id,
        name=full,
        short=short,
        published=published,
        standards=tuple(standards),
        headings=tuple(headings),
        statements=tuple(statements),
        source=name,
    )


def load_bank_text(text: str, name: str) -> Bank:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BankError([f"{name}: not valid TOML: {exc}"]) from None
    return parse_bank(data, name)


def load_bank(path: Path) -> Bank:
    """Read and check one bank file; every failure is a BankError naming the file."""
    name = str(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BankError([f"{name}: not UTF-8 text (byte {exc.start})"]) from None
    except OSError as exc:
        raise BankError([f"{name}: cannot read ({exc.strerror or exc})"]) from None
    return load_bank_text(text, name)


def banks_in(folder: Path) -> tuple[dict[str, Bank], list[str]]:
    """The banks in ``folder/frameworks/`` (if any), with the problems of those that failed."""
    banks: dict[str, Bank] = {}
    problems: list[str] = []
    bank_folder = folder / BANK_FOLDER
    if not bank_folder.is_dir():
        return banks, problems
    for path in sorted(bank_folder.glob("*.toml")):
        try:
            bank = load_bank(path)
        except BankError as exc:
            problems.extend(exc.problems)
            continue
        banks[bank.id] = bank
    return banks, problems
