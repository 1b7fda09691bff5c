"""`history --json` and `report --json` write many rows through orjson (safe_text.json_text's
``fast``): the same text as the plain way, which is json.dumps(indent=2) with nothing left raw
that a terminal could act on, however the rows look."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from ect_tui.safe_text import json_text

KEYS = ("id", "date", "ect", "duration_seconds")
VALUES = st.one_of(st.text(), st.none(), st.integers(), st.booleans())
PLAIN_VALUES = st.one_of(st.text(st.characters(max_codepoint=0x7E)), st.none(), st.integers(), st.booleans())


@given(st.lists(st.fixed_dictionaries({key: VALUES for key in KEYS}), max_size=8))
def test_rows_of_the_same_keys_come_out_the_same_either_way(rows: list[dict]) -> None:
    assert json_text(rows, fast=True) == json_text(rows)
    assert json.loads(json_text(rows, fast=True)) == rows


@given(st.lists(st.dictionaries(st.text(max_size=3), VALUES, max_size=3), max_size=4))
def test_rows_of_any_shape_come_out_the_same_either_way(rows: list[dict]) -> None:
    assert json_text(rows, fast=True) == json_text(rows)


@given(st.lists(st.fixed_dictionaries({key: PLAIN_VALUES for key in KEYS}), max_size=8))
def test_plain_rows_come_out_as_json_dumps_writes_them(rows: list[dict]) -> None:
    assert json_text(rows, fast=True) == json.dumps(rows, indent=2, ensure_ascii=False)


@given(
    st.lists(st.fixed_dictionaries({"minutes": st.floats(allow_nan=False, allow_infinity=False)}), max_size=4)
)
def test_a_float_reads_back_as_the_same_number(rows: list[dict]) -> None:
    assert json.loads(json_text(rows, fast=True)) == rows


def test_a_lone_surrogate_is_escaped_either_way() -> None:
    rows = [{"ect": "broken paste \ud800"}]
    assert json_text(rows, fast=True) == json_text(rows) == json.dumps(rows, indent=2)


def test_few_rows_and_many_rows_come_out_the_same() -> None:
    rows = [{"id": f"{number:032x}", "ect": "Sam Jones", "minutes": number} for number in range(3)]
    assert json_text(rows) == json_text(rows, fast=True) == json.dumps(rows, indent=2)


def test_text_that_could_drive_a_terminal_is_escaped_as_json_escapes_it() -> None:
    rows = [{"ect": 'Sam\x1b[31m "quoted" 100% \\', "note": None, "minutes": 90}]
    assert json_text(rows, fast=True) == json.dumps(rows, indent=2, ensure_ascii=False)
    assert "\x1b" not in json_text(rows, fast=True)


def test_del_c1_and_line_separators_are_escaped_either_way() -> None:
    """Both encoders write these raw; json_text escapes them the same way after either."""
    rows = [{"ect": "Sam\x7f\x9b\u2028\u2029"}]
    assert json_text(rows, fast=True) == json_text(rows) == json.dumps(rows, indent=2)
