"""Statement banks: each framework's codes are audited exactly once, and scripts name their framework."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from ect_tui.script.bank import BankError, load_bank_text
from ect_tui.script.catalog import bundled_banks, bundled_scripts, load_catalog
from ect_tui.script.loader import ScriptError, load_script_text

REPO = Path(__file__).resolve().parent.parent
SESSIONS = REPO / "sessions"

# What the banks hold, per standard: (learn that, learn how to). The learn-that counts are the
# framework's numbered statements as checked (see docs/scripts.md); a change here is a content change.
EXPECTED_COUNTS = {
    "ecf-2019": {1: (6, 8), 7: (7, 15)},
    "ittecf-2024": {
        1: (8, 8),
        2: (10, 11),  # 2.6 (working memory differs; SEND) is new in the ITTECF
        3: (10, 19),
        4: (11, 16),
        5: (7, 15),
        6: (7, 13),
        7: (9, 15),
        8: (9, 11),
    },
}


def test_both_frameworks_are_bundled_with_their_counts() -> None:
    banks = bundled_banks()
    assert {bank_id: bank.counts() for bank_id, bank in banks.items()} == EXPECTED_COUNTS
    assert banks["ittecf-2024"].short == "ITTECF"
    assert banks["ecf-2019"].label == "ECF (DfE, January 2019)"


@pytest.mark.parametrize("bank_id", sorted(EXPECTED_COUNTS))
def test_every_statement_code_appears_in_exactly_one_audit_script(bank_id: str) -> None:
    seen: Counter[str] = Counter()
    for script in bundled_scripts():
        if script.framework != bank_id:
            continue
        for section in script.audit_sections():
            seen.update(statement.code for statement in section.statements)
    codes = bundled_banks()[bank_id].codes()
    assert sorted(seen) == sorted(codes), (
        "a code is audited by no script, or a script audits a code not in the bank"
    )
    assert [code for code, n in seen.items() if n != 1] == []


def test_each_ittecf_standard_has_its_own_audit_and_only_the_first_contracts() -> None:
    scripts = {s.id: s for s in bundled_scripts()}
    for n in range(1, 9):
        script = scripts[f"ittecf-s{n}-audit"]
        assert script.standards == (n,)
        assert [s.kind for s in script.sections] == ["discussion", "audit", "next-steps"]
        audit = script.audit_sections()[0]
        assert {g.standard for g in audit.groups} == {n}
        assert len(audit.prompts) == 5 and audit.caution and len(audit.levels) == 3
        assert any(item.kind == "focus" for item in script.section("next-steps").items)
        contracting = any(q.id == "separate-from-induction" for q in script.section("review").questions)
        assert contracting == (n == 1), script.id


def test_paraphrases_mended_in_the_ecf_bank() -> None:
    bank = bundled_banks()["ecf-2019"]
    text = {s.code: s.text for s in bank.statements}
    assert "errors are a normal step in learning" in text["1c"]
    assert "effort as well as the progress" in text["1h"]
    assert "especially valuable for pupils with special educational needs" in text["7.2"]
    assert "how they see them" in text["7.7"]
    assert "school's ethos" in text["7h"]
    assert "meet high expectations" in text["7k"]


def test_every_bundled_script_passes_scripts_check() -> None:
    files = sorted(str(p) for p in SESSIONS.glob("*.toml"))
    done = subprocess.run(
        [sys.executable, "-m", "ect_tui", "scripts", "check", *files],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count(": ok (") == len(files)


AUDIT = """
id = "mine"
version = 1
title = "Mine"
framework = "{framework}"
learning_intentions = ["x"]
[[sections]]
id = "audit"
kind = "audit"
title = "Audit"
minutes = 10
prompts = ["Why?"]
codes = [{codes}]
[[sections.levels]]
key = "emerging"
label = "Emerging"
shortcut = "e"
definition = "x"
"""


def test_a_script_listing_codes_gets_the_banks_paraphrases_under_its_headings() -> None:
    script = load_script_text(AUDIT.format(framework="ittecf-2024", codes='"5d", "5.1"'), "mine.toml")
    audit = script.section("audit")
    assert [s.code for s in audit.statements] == ["5.1", "5d"]  # the framework's order
    assert [g.id for g in audit.groups] == ["s5-that", "s5-how-needs"]
    assert "SEND Code of Practice" in audit.statement("5d").text
    assert script.framework_label == "ITTECF (DfE, January 2024)"


def test_unknown_codes_and_frameworks_are_named() -> None:
    with pytest.raises(ScriptError) as caught:
        load_script_text(AUDIT.format(framework="ittecf-2024", codes='"5d", "5z", "5d"'), "mine.toml")
    assert caught.value.problems == [
        "mine.toml: sections[0].codes[1]: '5z' is not a statement code of ITTECF (ittecf-2024)",
        "mine.toml: sections[0].codes[2]: '5d' is listed twice",
    ]
    with pytest.raises(ScriptError) as caught:
        load_script_text(AUDIT.format(framework="ecf-2020", codes='"1a"'), "mine.toml")
    assert (
        "mine.toml: framework: unknown framework 'ecf-2020' (known: ecf-2019, ittecf-2024)"
        in caught.value.problems
    )


def test_a_provider_pack_brings_its_own_bank(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    (pack / "frameworks").mkdir(parents=True)
    (pack / "frameworks" / "ours.toml").write_text(
        '[framework]\nid = "ours"\nname = "Our framework"\n'
        '[[standards]]\nnumber = 1\ntitle = "One"\n'
        '[[headings]]\nid = "h"\nstandard = 1\nstrand = "learn-that"\ntitle = "Heading"\n'
        'statements = [{ code = "1.1", text = "Our own words." }]\n',
        encoding="utf-8",
    )
    (pack / "mine.toml").write_text(AUDIT.format(framework="ours", codes='"1.1"'), encoding="utf-8")
    catalog = load_catalog([pack])
    assert catalog.problems == []
    assert catalog.get("mine").section("audit").statement("1.1").text == "Our own words."


def test_a_broken_bank_names_file_and_key() -> None:
    with pytest.raises(BankError) as caught:
        load_bank_text('[framework]\nid = "x"\nname = "X"\n[[headings]]\nid = "h"\nstandard = 1\n', "b.toml")
    assert "b.toml: headings[0].strand: missing" in caught.value.problems
    assert "b.toml: headings[0].statements: missing or empty" in caught.value.problems


def _cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ect_tui", *args], capture_output=True, text=True, cwd=cwd)


def test_scripts_new_copies_a_bundled_script_and_check_names_a_mistake(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    done = _cli("scripts", "new", "my-audit", "--from", "ittecf-s5-audit", "--sessions", str(folder))
    assert done.returncode == 0, done.stderr
    copy = folder / "my-audit.toml"
    assert 'id = "my-audit"' in copy.read_text(encoding="utf-8")
    assert _cli("scripts", "check", str(copy)).returncode == 0
    again = _cli("scripts", "new", "my-audit", "--from", "ittecf-s5-audit", "--sessions", str(folder))
    assert again.returncode == 1 and "already a script id" in again.stderr
    copy.write_text(copy.read_text(encoding="utf-8").replace('"5d", ', '"5d", "5z", '), encoding="utf-8")
    broken = _cli("scripts", "check", str(copy))
    assert broken.returncode == 1
    assert (
        f"{copy}: sections[1].codes[11]: '5z' is not a statement code of ITTECF (ittecf-2024)"
        in broken.stderr
    )
    missing = _cli("scripts", "new", "x", "--from", "nope", "--sessions", str(folder))
    assert missing.returncode == 1 and "no bundled script 'nope'" in missing.stderr
