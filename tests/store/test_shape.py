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
