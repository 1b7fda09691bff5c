"""The bundled Module 1 Week 1 audit script loads and holds every part of the mentor guide."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest

from ect_tui.script.loader import load_script
from ect_tui.script.model import Script, Section

REPO = Path(__file__).resolve().parent.parent
SCRIPT_PATH = REPO / "sessions" / "m1w1-module-audit.toml"


def _letters(first: str, last: str) -> list[str]:
    return [chr(c) for c in range(ord(first), ord(last) + 1)]


# The ECF codes of the 36 audit statements, group by group, in order.
EXPECTED_GROUPS: dict[str, list[str]] = {
    "s1-that": [f"1.{n}" for n in range(1, 7)],
    "s1-how-potential": [f"1{x}" for x in _letters("a", "d")],
    "s1-how-behaviour": [f"1{x}" for x in _letters("e", "h")],
    "s7-that": [f"7.{n}" for n in range(1, 8)],
    "s7-how-environment": [f"7{x}" for x in _letters("a", "g")],
    "s7-how-routines": [f"7{x}" for x in _letters("h", "j")],
    "s7-how-relationships": [f"7{x}" for x in _letters("k", "l")],
    "s7-how-motivation": [f"7{x}" for x in _letters("m", "o")],
}
EXPECTED_CODES = [code for codes in EXPECTED_GROUPS.values() for code in codes]


@pytest.fixture(scope="module")
def script() -> Script:
    return load_script(SCRIPT_PATH)


@pytest.fixture(scope="module")
def audit(script: Script) -> Section:
    return script.section("audit")


def test_script_identity(script: Script) -> None:
    assert script.id == "m1w1-module-audit"
    assert script.version == 2
    assert script.framework == "ecf-2019"
    assert script.title == "Module audit"
    assert script.module == 1
    assert script.module_title == "Enabling pupil learning"
    assert script.week == 1
    assert script.standards == (1, 7)
    assert script.label == "Module 1 Week 1: Module audit"
    assert script.introduction.strip()


def test_learning_intentions_and_preparation(script: Script) -> None:
    assert len(script.learning_intentions) == 3
    assert 1 <= len(script.preparation) <= 2
    assert any("ITT/ITE" in line for line in script.preparation)


def test_sections_kinds_and_minutes(script: Script) -> None:
    assert [(s.id, s.kind, s.minutes) for s in script.sections] == [
        ("review", "discussion", 15),
        ("audit", "audit", 40),
        ("next-steps", "next-steps", 5),
    ]
    assert script.planned_seconds == 60 * 60
    assert all(s.guidance.strip() for s in script.sections)


def test_review_questions(script: Script) -> None:
    review = script.section("review")
    assert [q.id for q in review.questions] == [
        "where-when",
        "separate-from-induction",
        "ways-of-working",
        "resolving-difficulties",
        "looking-forward",
        "keeping-a-record",
    ]
    assert all(q.text.strip() and q.hint.strip() for q in review.questions)
    assert "Learning Log" in review.questions[-1].hint


def test_rating_levels(audit: Section) -> None:
    assert [(lv.key, lv.label, lv.shortcut) for lv in audit.levels] == [
        ("emerging", "Emerging", "e"),
        ("developing", "Developing", "d"),
        ("secure", "Secure", "s"),
    ]
    assert all(lv.definition.strip() for lv in audit.levels)


def test_audit_prompts_and_caution(audit: Section) -> None:
    assert len(audit.prompts) == 5
    assert all(p.strip() for p in audit.prompts)
    assert audit.caution.strip()


def test_audit_statement_codes_in_order(audit: Section) -> None:
    assert len(EXPECTED_CODES) == 36
    assert [s.code for s in audit.statements] == EXPECTED_CODES


def test_audit_groups_hold_expected_codes(audit: Section) -> None:
    assert [g.id for g in audit.groups] == list(EXPECTED_GROUPS)
    for group in audit.groups:
        codes = [s.code for s in audit.statements if s.group == group.id]
        assert codes == EXPECTED_GROUPS[group.id], group.id
        assert group.standard == (1 if group.id.startswith("s1") else 7)
        assert group.strand == ("learn-that" if group.id.endswith("-that") else "learn-how")


def test_statement_references(audit: Section) -> None:
    assert audit.reference(audit.statement("1.3")) == "S1 learn-that 1.3"
    assert audit.reference(audit.statement("7b")) == "S7 learn-how 7b"


@pytest.mark.parametrize("code", EXPECTED_CODES)
def test_statement_text_is_short(audit: Section, code: str) -> None:
    text = audit.statement(code).text
    assert text.strip()
    assert len(text) <= 140, f"{code} is {len(text)} characters"


def test_next_steps_items(script: Script) -> None:
    items = script.section("next-steps").items
    assert [(it.id, it.kind) for it in items] == [
        ("focus-areas", "focus"),
        ("further-reading", "text"),
        ("return-to-audit", "text"),
        ("self-study", "text"),
        ("next-meeting", "datetime"),
    ]
    assert all(it.text.strip() for it in items)


def _strings(value: object):
    """Every string held anywhere in a loaded script."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (tuple, list)):
        for element in value:
            yield from _strings(element)
    elif is_dataclass(value):
        for f in fields(value):
            if f.name != "source":
                yield from _strings(getattr(value, f.name))


def test_no_markup_brackets_in_content(script: Script) -> None:
    # Screens may render script text as Rich markup; a bracket could be taken as a tag.
    offenders = [text for text in _strings(script) if "[" in text or "]" in text]
    assert offenders == []


def test_no_tabs_in_file() -> None:
    assert "\t" not in SCRIPT_PATH.read_text(encoding="utf-8")


def test_bundled_catalog_serves_the_same_script(script: Script) -> None:
    from ect_tui.script.catalog import bundled_scripts

    bundled = {s.id: s for s in bundled_scripts()}
    assert bundled["m1w1-module-audit"] == script
