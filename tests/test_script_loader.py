"""The loader names the file and the key for every mistake a provider can make."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from ect_tui.script.catalog import load_catalog
from ect_tui.script.loader import ScriptError, load_script, load_script_text, parse_script

BUNDLED = Path(__file__).resolve().parent.parent / "sessions" / "m1w1-module-audit.toml"


def bundled_data() -> dict:
    """The bundled audit written out in full (groups and statements in the file, as a provider may)."""
    data = tomllib.loads(BUNDLED.read_text(encoding="utf-8"))
    audit = load_script(BUNDLED).section("audit")
    section = data["sections"][1]
    del section["codes"]
    section["groups"] = [
        {"id": g.id, "title": g.title, "standard": g.standard, "strand": g.strand} for g in audit.groups
    ]
    section["statements"] = [{"code": s.code, "text": s.text, "group": s.group} for s in audit.statements]
    return data


def problems_for(data: dict) -> list[str]:
    with pytest.raises(ScriptError) as caught:
        parse_script(data, "my.toml")
    return caught.value.problems


def test_missing_statement_code_names_file_and_key_path():
    data = bundled_data()
    del data["sections"][1]["statements"][4]["code"]
    assert problems_for(data) == ["my.toml: sections[1].statements[4].code: missing"]


def test_unknown_key_is_an_error():
    data = bundled_data()
    data["sections"][0]["colour"] = "blue"
    assert problems_for(data) == ["my.toml: sections[0].colour: unknown key"]


def test_unknown_kind_is_an_error():
    data = bundled_data()
    data["sections"][0]["kind"] = "chat"
    [problem] = problems_for(data)
    assert problem.startswith("my.toml: sections[0].kind: unknown kind 'chat'")


def test_wrong_type_is_an_error():
    data = bundled_data()
    data["sections"][2]["minutes"] = "five"
    assert problems_for(data) == ["my.toml: sections[2].minutes: should be a number"]


def test_boolean_is_not_a_number():
    data = bundled_data()
    data["version"] = True
    assert problems_for(data) == ["my.toml: version: should be a whole number"]


def test_duplicate_statement_codes_are_reported_with_both_places():
    data = bundled_data()
    data["sections"][1]["statements"][5]["code"] = data["sections"][1]["statements"][0]["code"]
    [problem] = problems_for(data)
    assert problem == (
        "my.toml: sections[1].statements[5].code: duplicate statement code '1.1' "
        "(first at sections[1].statements[0].code)"
    )


def test_statement_in_unknown_group():
    data = bundled_data()
    data["sections"][1]["statements"][0]["group"] = "nowhere"
    assert problems_for(data) == ["my.toml: sections[1].statements[0].group: no group with id 'nowhere'"]


def test_content_of_another_kind_is_rejected():
    data = bundled_data()
    data["sections"][0]["prompts"] = ["why?"]
    assert problems_for(data) == ["my.toml: sections[0].prompts: not used by a 'discussion' section"]


def test_kind_without_its_content():
    data = bundled_data()
    del data["sections"][2]["items"]
    assert problems_for(data) == ["my.toml: sections[2].items: missing (a 'next-steps' section needs it)"]


def test_all_problems_are_reported_at_once():
    data = bundled_data()
    del data["title"]
    data["sections"][0]["questions"][1]["text"] = 3
    assert problems_for(data) == [
        "my.toml: title: missing",
        "my.toml: sections[0].questions[1].text: should be text",
    ]


def test_rating_shortcut_must_be_one_letter():
    data = bundled_data()
    data["sections"][1]["levels"][0]["shortcut"] = "em"
    assert problems_for(data) == ["my.toml: sections[1].levels[0].shortcut: should be a single letter"]


def test_rating_shortcut_may_not_clash_with_the_audit_keys():
    data = bundled_data()
    data["sections"][1]["levels"][0]["shortcut"] = "n"  # ctrl+n is the next section
    [problem] = problems_for(data)
    assert problem.startswith("my.toml: sections[1].levels[0].shortcut: 'n' is already used")


def test_minutes_must_be_positive():
    data = bundled_data()
    data["sections"][0]["minutes"] = 0
    assert problems_for(data) == ["my.toml: sections[0].minutes: should be more than 0 and at most 240"]


def test_broken_toml_names_the_file():
    with pytest.raises(ScriptError) as caught:
        load_script_text('id = "x"\ntitle = ', "broken.toml")
    assert caught.value.problems[0].startswith("broken.toml: not valid TOML:")


def test_missing_and_non_utf8_files(tmp_path):
    with pytest.raises(ScriptError, match="no such file"):
        load_script(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b'title = "\xff"')
    with pytest.raises(ScriptError, match="not UTF-8"):
        load_script(bad)


def test_user_folder_adds_and_replaces_scripts_and_reports_broken_ones(tmp_path):
    own = BUNDLED.read_text(encoding="utf-8").replace('id = "m1w1-module-audit"', 'id = "our-audit"', 1)
    (tmp_path / "ours.toml").write_text(own, encoding="utf-8")
    (tmp_path / "broken.toml").write_text("title = ", encoding="utf-8")
    catalog = load_catalog([tmp_path])
    assert {"m1w1-module-audit", "our-audit"} <= set(catalog.scripts)
    assert len(catalog.problems) == 1 and "broken.toml" in catalog.problems[0]


def test_unknown_script_id_lists_the_known_ones():
    catalog = load_catalog([])
    with pytest.raises(
        ScriptError,
        match="unknown script id 'nope' \\(known: weekly-coaching, year2-coaching, termly-review, ittecf-s1-audit, .*m1w1-module-audit",
    ):
        catalog.get("nope")


def test_a_user_script_with_a_bundled_id_replaces_it_and_says_so(tmp_path):
    own = BUNDLED.read_text(encoding="utf-8").replace('title = "', 'title = "Our ', 1)
    (tmp_path / "ours.toml").write_text(own, encoding="utf-8")
    catalog = load_catalog([tmp_path])
    assert catalog.get("m1w1-module-audit").title.startswith("Our ")
    [notice] = catalog.notices
    assert (
        "ours.toml" in notice
        and "'m1w1-module-audit'" in notice
        and "sessions/m1w1-module-audit.toml" in notice
    )
    assert load_catalog([]).notices == []
