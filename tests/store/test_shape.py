"""The quick shape check (validate._shape_ok) agrees with the walk that names the problem."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from ect_tui.store.limits import MAX_NUMBER
from ect_tui.store.validate import _shape_ok, _shape_problem_at, shape_problem

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-2 * MAX_NUMBER, max_value=2 * MAX_NUMBER),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=30,
)


@given(VALUES, st.integers(1, 6), st.integers(1, 40), st.integers(0, 10))
def test_the_quick_check_passes_exactly_what_the_walk_passes(value, depth, nodes, text) -> None:
    assert _shape_ok(value, depth, nodes, text) == (_shape_problem_at(value, depth, nodes, text) is None)


def test_a_problem_is_still_named_by_its_path() -> None:
    problem = shape_problem({"sections": [{"id": "a"}, {"elapsed": math.inf}]})
    assert problem is not None and problem.field == "sections[1].elapsed"
    assert shape_problem({"a": [1, {"b": "x" * 10}]}, max_text=5).field == "a[1].b"
    assert shape_problem({1: 2}).detail == "has a key that is not text"
    assert shape_problem({"k" * 10: 1}, max_text=5).detail == "has a key that is too long"
    assert shape_problem({"ok": [1, 2.5, None, True]}) is None


@given(
    st.sampled_from(["last_ect", "last_mentor"]),
    st.one_of(st.text(max_size=260), st.integers(), st.none(), st.lists(st.text(max_size=3), max_size=2)),
)
def test_a_name_setting_is_checked_without_msgspec_exactly_as_the_schema_says(key, value) -> None:
    from ect_tui.store.schema import SETTING_VALUES
    from ect_tui.store.validate import convert_problem, setting_problem

    assert (setting_problem(key, value) is None) == (convert_problem(value, SETTING_VALUES[key]) is None)


def test_reading_the_names_typed_last_does_not_import_the_validator(tmp_path) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from ect_tui.store import Store\n"
        f"with Store.open({str(tmp_path / 'db.json')!r}) as s:\n"
        "    s.set_setting('last_ect', 'Sam Jones')\n"
        f"with Store.open({str(tmp_path / 'db.json')!r}) as s:\n"
        "    assert s.get_setting('last_ect') == 'Sam Jones' and s.get_setting('other', 1) == 1\n"
        "    print('msgspec' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
