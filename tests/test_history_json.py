"""`history --json` writes exactly what json.dumps(indent=2) would, however its rows look."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from ect_tui.commands.history import indented_json

KEYS = ("id", "date", "ect", "duration_seconds")
VALUES = st.one_of(st.text(), st.none(), st.integers(), st.booleans())


@given(st.lists(st.fixed_dictionaries({key: VALUES for key in KEYS}), max_size=8))
def test_rows_of_the_same_keys_come_out_as_json_dumps_writes_them(rows: list[dict]) -> None:
    assert indented_json(rows, orjson_from=0) == json.dumps(rows, indent=2, ensure_ascii=False)


@given(st.lists(st.dictionaries(st.text(max_size=3), VALUES, max_size=3), max_size=4))
def test_rows_of_any_shape_come_out_as_json_dumps_writes_them(rows: list[dict]) -> None:
    assert indented_json(rows, orjson_from=0) == json.dumps(rows, indent=2, ensure_ascii=False)


@given(
    st.lists(st.fixed_dictionaries({"minutes": st.floats(allow_nan=False, allow_infinity=False)}), max_size=4)
)
def test_a_float_reads_back_as_the_same_number(rows: list[dict]) -> None:
    assert json.loads(indented_json(rows, orjson_from=0)) == rows


def test_a_lone_surrogate_is_written_as_json_writes_it() -> None:
    rows = [{"ect": "broken paste \ud800"}]
    assert indented_json(rows, orjson_from=0) == json.dumps(rows, indent=2, ensure_ascii=False)


def test_few_rows_and_many_rows_come_out_the_same() -> None:
    rows = [{"id": f"{number:032x}", "ect": "Sam Jones", "minutes": number} for number in range(3)]
    assert indented_json(rows) == indented_json(rows, orjson_from=0) == json.dumps(rows, indent=2)


def test_text_that_could_drive_a_terminal_is_escaped_as_json_escapes_it() -> None:
    rows = [{"ect": 'Sam\x1b[31m \u2028 "quoted" 100% \\', "note": None, "minutes": 90}]
    assert indented_json(rows, orjson_from=0) == json.dumps(rows, indent=2, ensure_ascii=False)
    assert "\x1b" not in indented_json(rows, orjson_from=0)
