"""Load session scripts from TOML and check them thoroughly.

A provider edits these files by hand, so every problem is reported as
``file: key.path: what is wrong`` and all problems in a file are reported at once.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ect_tui.safe_files import UnreadableFileError, read_regular
from ect_tui.script.bank import Bank
from ect_tui.script.model import (
    ITEM_KINDS,
    SECTION_KINDS,
    STRANDS,
    Group,
    Item,
    Level,
    Question,
    Script,
    Section,
    Statement,
)

# A session script is a few KB; anything past this is not one (and is not read whole).
MAX_SCRIPT_BYTES = 4 * 1024 * 1024


class ScriptError(Exception):
    """A script file that cannot be used; ``problems`` holds one line per fault."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class _Field:
    kind: type | tuple[type, ...]
    required: bool = True
    item: type | None = None  # element type for lists


_NUMBER = (int, float)
_TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    float: "a number",
    list: "a list",
    dict: "a table",
    bool: "true or false",
}


def _type_name(kind: type | tuple[type, ...]) -> str:
    if kind == _NUMBER:
        return "a number"
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(_TYPE_NAMES.get(k, k.__name__) for k in kinds)


SCRIPT_FIELDS = {
    "id": _Field(str),
    "version": _Field(int),
    "title": _Field(str),
    "module": _Field(int, required=False),
    "module_title": _Field(str, required=False),
    "week": _Field(int, required=False),
    "standards": _Field(list, required=False, item=int),
    "framework": _Field(str, required=False),
    "introduction": _Field(str, required=False),
    "learning_intentions": _Field(list, item=str),
    "preparation": _Field(list, required=False, item=str),
    "sections": _Field(list, item=dict),
}

SECTION_FIELDS = {
    "id": _Field(str),
    "kind": _Field(str),
    "title": _Field(str),
    "minutes": _Field(_NUMBER),
    "guidance": _Field(str, required=False),
    "questions": _Field(list, required=False, item=dict),
    "levels": _Field(list, required=False, item=dict),
    "groups": _Field(list, required=False, item=dict),
    "statements": _Field(list, required=False, item=dict),
    "codes": _Field(list, required=False, item=str),
    "prompts": _Field(list, required=False, item=str),
    "caution": _Field(str, required=False),
    "items": _Field(list, required=False, item=dict),
}

# Which content fields each kind must have; a kind may not carry another kind's content.
KIND_CONTENT: dict[str, tuple[str, ...]] = {
    "discussion": ("questions",),
    "audit": ("levels", "prompts"),  # and either `codes` or `groups` + `statements`
    "next-steps": ("items",),
    "last-step": ("questions",),
    "drop-in": ("questions",),
    "praise": ("questions",),
    "action-step": ("questions",),
    "practice": ("questions",),
    "next": ("items",),
}
KIND_OPTIONAL: dict[str, tuple[str, ...]] = {"audit": ("caution", "codes", "groups", "statements")}
_CONTENT_FIELDS = ("questions", "levels", "groups", "statements", "codes", "prompts", "caution", "items")

# ctrl + a level's letter records the rating agreed together on the audit list; these ctrl
# letters already mean something (the meeting's keys, or a terminal's tab, enter and backspace).
RESERVED_AUDIT_KEYS = tuple("cfghijmnopqrtyz")

QUESTION_FIELDS = {"id": _Field(str), "text": _Field(str), "hint": _Field(str, required=False)}
LEVEL_FIELDS = {"key": _Field(str), "label": _Field(str), "shortcut": _Field(str), "definition": _Field(str)}
GROUP_FIELDS = {"id": _Field(str), "title": _Field(str), "standard": _Field(int), "strand": _Field(str)}
STATEMENT_FIELDS = {"code": _Field(str), "text": _Field(str), "group": _Field(str)}
ITEM_FIELDS = {
    "id": _Field(str),
    "kind": _Field(str),
    "text": _Field(str),
    "hint": _Field(str, required=False),
}


class _Checker:
    """Collects problems while walking a parsed TOML document."""

    def __init__(self, name: str):
        self.name = name
        self.problems: list[str] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(f"{self.name}: {path}: {message}")

    def table(self, data: dict[str, Any], fields: dict[str, _Field], path: str) -> dict[str, Any]:
        """Check keys and types of one table; return only the well-typed values."""
        good: dict[str, Any] = {}
        prefix = f"{path}." if path else ""
        for key in data:
            if key not in fields:
                self.fail(f"{prefix}{key}", "unknown key")
        for key, spec in fields.items():
            if key not in data:
                if spec.required:
                    self.fail(f"{prefix}{key}", "missing")
                continue
            value = data[key]
            if not _is(value, spec.kind):
                self.fail(f"{prefix}{key}", f"should be {_type_name(spec.kind)}")
                continue
            if spec.item is not None:
                bad = [i for i, element in enumerate(value) if not _is(element, spec.item)]
                for i in bad:
                    self.fail(f"{prefix}{key}[{i}]", f"should be {_type_name(spec.item)}")
                if bad:
                    continue
            if isinstance(value, str) and not value.strip() and spec.required:
                self.fail(f"{prefix}{key}", "empty")
                continue
            good[key] = value
        return good

    def unique(self, values: list[tuple[str, str]], what: str) -> None:
        seen: dict[str, str] = {}
        for path, value in values:
            if value in seen:
                self.fail(path, f"duplicate {what} {value!r} (first at {seen[value]})")
            else:
                seen[value] = path


def _is(value: Any, kind: type | tuple[type, ...]) -> bool:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    # TOML booleans are ints in Python; never accept one where a number is meant.
    if isinstance(value, bool) and bool not in kinds:
        return False
    return isinstance(value, kinds)


def _build_list(
    check: _Checker,
    raw: list[dict[str, Any]],
    fields: dict[str, _Field],
    path: str,
    make: Callable[[dict[str, Any], str], Any],
) -> list[Any]:
    built = []
    for i, entry in enumerate(raw):
        entry_path = f"{path}[{i}]"
        good = check.table(entry, fields, entry_path)
        if all(key in good for key, spec in fields.items() if spec.required):
            value = make(good, entry_path)
            if value is not None:
                built.append((entry_path, value))
    return built


def _from_bank(
    check: _Checker, codes: list[str], bank: Bank | None, path: str
) -> tuple[list[tuple[str, Group]], list[tuple[str, Statement]]]:
    """Groups and statements for an audit that lists codes: the bank's headings and paraphrases."""
    if bank is None:
        check.fail(f"{path}.codes", 'needs the script to name its framework (framework = "...")')
        return [], []
    wanted: dict[str, int] = {}
    for i, code in enumerate(codes):
        code = code.strip()
        if code in wanted:
            check.fail(f"{path}.codes[{i}]", f"{code!r} is listed twice")
        elif bank.statement(code) is None:
            check.fail(f"{path}.codes[{i}]", f"{code!r} is not a statement code of {bank.short} ({bank.id})")
        else:
            wanted[code] = i
    groups: list[tuple[str, Group]] = []
    statements: list[tuple[str, Statement]] = []
    for heading in bank.headings:
        inside = [code for code in heading.codes if code in wanted]
        if not inside:
            continue
        groups.append((path, Group(heading.id, heading.title, heading.standard, heading.strand)))
        for code in inside:
            found = bank.statement(code)
            assert found is not None
            statements.append((path, Statement(code, found.text, heading.id)))
    return groups, statements


def _section(check: _Checker, raw: dict[str, Any], path: str, bank: Bank | None = None) -> Section | None:
    good = check.table(raw, SECTION_FIELDS, path)
    kind = good.get("kind")
    if kind is not None and kind not in SECTION_KINDS:
        check.fail(f"{path}.kind", f"unknown kind {kind!r} (known: {', '.join(SECTION_KINDS)})")
        return None
    if "minutes" in good and not 0 < good["minutes"] <= 240:
        check.fail(f"{path}.minutes", "should be more than 0 and at most 240")
        good.pop("minutes")
    if kind is None:
        return None
    needed = KIND_CONTENT[kind]
    allowed = set(needed) | set(KIND_OPTIONAL.get(kind, ()))
    for key in _CONTENT_FIELDS:
        if key in raw and key not in allowed:
            check.fail(f"{path}.{key}", f"not used by a {kind!r} section")
    for key in needed:
        if key not in raw:
            check.fail(f"{path}.{key}", f"missing (a {kind!r} section needs it)")
        elif isinstance(raw[key], list) and not raw[key]:
            check.fail(f"{path}.{key}", "empty")
    if kind == "audit":
        if "codes" in raw and ("groups" in raw or "statements" in raw):
            check.fail(
                f"{path}.codes",
                "give either codes (from the framework's bank) or groups and statements, not both",
            )
        elif "codes" not in raw:
            for key in ("groups", "statements"):
                if key not in raw:
                    check.fail(f"{path}.{key}", "missing (an audit needs codes, or groups and statements)")
                elif isinstance(raw[key], list) and not raw[key]:
                    check.fail(f"{path}.{key}", "empty")
        elif isinstance(raw["codes"], list) and not raw["codes"]:
            check.fail(f"{path}.codes", "empty")

    questions = _build_list(
        check,
        good.get("questions", []),
        QUESTION_FIELDS,
        f"{path}.questions",
        lambda d, _p: Question(d["id"], d["text"], d.get("hint", "")),
    )
    check.unique([(p + ".id", q.id) for p, q in questions], "id")

    def make_level(d: dict[str, Any], p: str) -> Level | None:
        if len(d["shortcut"]) != 1 or not d["shortcut"].isalpha():
            check.fail(f"{p}.shortcut", "should be a single letter")
            return None
        if d["shortcut"].lower() in RESERVED_AUDIT_KEYS:
            check.fail(
                f"{p}.shortcut",
                f"{d['shortcut']!r} is already used on the audit screen as ctrl+{d['shortcut'].lower()} "
                f"(avoid {', '.join(RESERVED_AUDIT_KEYS)})",
            )
            return None
        return Level(d["key"], d["label"], d["shortcut"].lower(), d["definition"])

    levels = _build_list(check, good.get("levels", []), LEVEL_FIELDS, f"{path}.levels", make_level)
    check.unique([(p + ".key", lv.key) for p, lv in levels], "key")
    check.unique([(p + ".shortcut", lv.shortcut) for p, lv in levels], "shortcut")

    def make_group(d: dict[str, Any], p: str) -> Group | None:
        if d["strand"] not in STRANDS:
            check.fail(f"{p}.strand", f"should be one of {', '.join(STRANDS)}")
            return None
        return Group(d["id"], d["title"], d["standard"], d["strand"])

    groups = _build_list(check, good.get("groups", []), GROUP_FIELDS, f"{path}.groups", make_group)
    check.unique([(p + ".id", g.id) for p, g in groups], "id")
    group_ids = {g.id for _, g in groups}

    def make_statement(d: dict[str, Any], p: str) -> Statement | None:
        if groups and d["group"] not in group_ids:
            check.fail(f"{p}.group", f"no group with id {d['group']!r}")
            return None
        code = d["code"].strip()
        if bank is not None and bank.statement(code) is None:
            check.fail(f"{p}.code", f"{code!r} is not a statement code of {bank.short} ({bank.id})")
            return None
        return Statement(code, d["text"], d["group"])

    statements = _build_list(
        check, good.get("statements", []), STATEMENT_FIELDS, f"{path}.statements", make_statement
    )
    if "codes" in good and kind == "audit" and "groups" not in raw and "statements" not in raw:
        groups, statements = _from_bank(check, good["codes"], bank, path)
    check.unique([(p + ".code", s.code) for p, s in statements], "statement code")

    def make_item(d: dict[str, Any], p: str) -> Item | None:
        if d["kind"] not in ITEM_KINDS:
            check.fail(f"{p}.kind", f"unknown kind {d['kind']!r} (known: {', '.join(ITEM_KINDS)})")
            return None
        return Item(d["id"], d["kind"], d["text"], d.get("hint", ""))

    items = _build_list(check, good.get("items", []), ITEM_FIELDS, f"{path}.items", make_item)
    check.unique([(p + ".id", it.id) for p, it in items], "id")

    if not all(key in good for key in ("id", "title", "minutes")):
        return None
    return Section(
        id=good["id"],
        kind=kind,
        title=good["title"],
        minutes=float(good["minutes"]),
        guidance=good.get("guidance", ""),
        questions=tuple(q for _, q in questions),
        levels=tuple(lv for _, lv in levels),
        groups=tuple(g for _, g in groups),
        statements=tuple(s for _, s in statements),
        prompts=tuple(good.get("prompts", ())),
        caution=good.get("caution", ""),
        items=tuple(it for _, it in items),
    )


def _banks(banks: Mapping[str, Bank] | None) -> Mapping[str, Bank]:
    if banks is not None:
        return banks
    from ect_tui.script.catalog import bundled_banks

    return bundled_banks()


def parse_script(data: dict[str, Any], name: str, banks: Mapping[str, Bank] | None = None) -> Script:
    """Build a Script from parsed TOML, or raise ScriptError listing every problem.

    ``banks`` are the statement banks a script may name (the bundled ones when not given).
    """
    check = _Checker(name)
    good = check.table(data, SCRIPT_FIELDS, "")
    bank: Bank | None = None
    if "framework" in good:
        known = _banks(banks)
        bank = known.get(good["framework"])
        if bank is None:
            check.fail(
                "framework",
                f"unknown framework {good['framework']!r} (known: {', '.join(sorted(known)) or 'none'})",
            )
    sections: list[tuple[str, Section]] = []
    for i, raw in enumerate(good.get("sections", [])):
        section = _section(check, raw, f"sections[{i}]", bank)
        if section is not None:
            sections.append((f"sections[{i}]", section))
    if "sections" in good and not good["sections"]:
        check.fail("sections", "empty")
    check.unique([(p + ".id", s.id) for p, s in sections], "section id")
    if "version" in good and good["version"] < 1:
        check.fail("version", "should be 1 or more")
    if check.problems:
        raise ScriptError(check.problems)
    return Script(
        id=good["id"],
        version=good["version"],
        title=good["title"],
        module=good.get("module"),
        module_title=good.get("module_title", ""),
        week=good.get("week"),
        standards=tuple(good.get("standards", ())),
        learning_intentions=tuple(good["learning_intentions"]),
        preparation=tuple(good.get("preparation", ())),
        sections=tuple(s for _, s in sections),
        introduction=good.get("introduction", ""),
        framework=good.get("framework", ""),
        framework_label=bank.label if bank is not None else "",
        source=name,
        bank=bank,
    )


def load_script(path: Path, banks: Mapping[str, Bank] | None = None) -> Script:
    """Read and check one script file; every failure is a ScriptError naming the file."""
    name = str(path)
    try:
        raw = read_regular(path, MAX_SCRIPT_BYTES)  # never a FIFO, a device or a huge file
        if raw is None:
            raise ScriptError([f"{name}: no such file"])
        text = raw.decode("utf-8")
    except UnreadableFileError as exc:
        raise ScriptError([f"{name}: {exc.reason}"]) from None
    except UnicodeDecodeError as exc:
        raise ScriptError([f"{name}: not UTF-8 text (byte {exc.start})"]) from None
    except OSError as exc:
        raise ScriptError([f"{name}: cannot read ({exc.strerror})"]) from None
    return load_script_text(text, name, banks)


def load_script_text(text: str, name: str, banks: Mapping[str, Bank] | None = None) -> Script:
    """Parse script TOML held in memory (bundled scripts come through here too)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScriptError([f"{name}: not valid TOML: {exc}"]) from None
    except RecursionError:
        raise ScriptError([f"{name}: nested too deeply to be a session script"]) from None
    except ValueError as exc:  # e.g. a number with thousands of digits
        raise ScriptError([f"{name}: not valid TOML: {exc}"]) from None
    return parse_script(data, name, banks)
