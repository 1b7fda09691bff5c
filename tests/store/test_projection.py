"""Index rows decoded straight into a command's shape (store/projection.py): the same rows, in the
same order, as the dict rows give, whatever the month files and the journal hold."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ect_tui.commands.history import history_rows
from ect_tui.commands.history_json import HistoryRow, history_json
from ect_tui.safe_text import json_text
from ect_tui.store import Store
from tests.store.helpers import make_doc


def index_dir(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".index")


def as_dicts(rows: list[HistoryRow]) -> list[dict]:
    out = []
    for row in rows:
        out.append({field: getattr(row, field) for field in row.__struct_fields__})
    return out


def fill(db_path: Path) -> None:
    """Meetings over three months, two at the same minute (the id breaks the tie), then a change
    and a new meeting left in the journal (the store is not closed, so nothing is folded)."""
    with Store.open(db_path) as store:
        for number, started in enumerate(
            ["2025-09-01T15:30:00+01:00", "2025-10-06T15:30:00+01:00", "2025-10-06T15:30:00+01:00"]
            + ["2025-11-03T15:30:00+00:00", "2025-11-10T16:00:00+00:00"]
        ):
            store.put_meeting(make_doc(id=f"m{number}", ect=f"ECT {number % 2}", started=started))


def both_ways(db_path: Path) -> tuple[list[dict], list[dict]]:
    with Store.open(db_path, read_only=True) as viewer:
        return as_dicts(viewer.meeting_rows_as(HistoryRow)), history_rows(viewer)


def test_the_rows_are_the_dict_rows_in_the_same_order(db_path: Path) -> None:
    fill(db_path)
    typed, plain = both_ways(db_path)
    assert typed == plain
    assert [row["id"] for row in typed] == ["m4", "m3", "m2", "m1", "m0"]


def test_a_month_the_journal_changes_is_read_with_the_change(db_path: Path) -> None:
    fill(db_path)
    store = Store.open(db_path)
    try:
        store.put_meeting(make_doc(id="m1", ect="Renamed", started="2025-10-06T15:30:00+01:00"))
        store.put_meeting(make_doc(id="new", ect="New", started="2025-11-20T15:30:00+00:00"))
        store.discard_meeting("m3")
        typed, plain = both_ways(db_path)  # a viewer, while the changes are only in the journal
    finally:
        store.close()
    assert typed == plain
    assert [row["id"] for row in typed] == ["new", "m4", "m2", "m1", "m0"]
    assert typed[3]["ect"] == "Renamed"


@pytest.mark.parametrize(
    "damage",
    [
        lambda rows: rows.update(odd=7),  # a row that is not an object
        lambda rows: rows["m1"].update(id="someone-else"),  # a row filed under another id
        lambda rows: rows["m1"].update(ect=["a", {"list": None}], started=5, duration_seconds=1.5),
        lambda rows: rows["m1"].pop("kind"),  # a field older versions did not write
    ],
)
def test_a_month_file_changed_by_hand_gives_what_the_dict_rows_give(db_path: Path, damage) -> None:
    fill(db_path)
    month = index_dir(db_path) / "2025-10.json"
    data = json.loads(month.read_text())
    damage(data["rows"])
    month.write_text(json.dumps(data))
    typed, plain = both_ways(db_path)
    assert typed == plain


def test_a_damaged_month_file_is_left_out_either_way(db_path: Path) -> None:
    fill(db_path)
    (index_dir(db_path) / "2025-10.json").write_text("{ not json")
    typed, plain = both_ways(db_path)
    assert typed == plain and [row["id"] for row in typed] == ["m4", "m3", "m0"]


def test_history_json_prints_the_same_text_either_way(db_path: Path) -> None:
    with Store.open(db_path) as store:
        for number, ect in enumerate(
            ["Zoë Ng", "Sam\x1b[31m\x7f\u2028", 'Quote " \\ slash /', "Broken \ud800"]
        ):
            store.put_meeting(
                make_doc(id=f"m{number}", ect=ect, started=f"2025-09-0{number + 1}T15:30:00+01:00")
            )
    with Store.open(db_path, read_only=True) as viewer:
        fast, plain = history_json(viewer), history_json(viewer, typed=False)
        assert fast == plain == json_text(history_rows(viewer))
        assert "\x1b" not in fast and "\x7f" not in fast and "\u2028" not in fast
        viewer_rows = history_rows(viewer)
    with Store.open(db_path) as store:
        store.discard_meeting("m3")  # without the lone surrogate, msgspec writes the text itself
    with Store.open(db_path, read_only=True) as viewer:
        assert history_json(viewer) == json_text(viewer_rows[1:])


def test_months_the_journal_leaves_alone_are_decoded_straight_from_their_files(
    db_path: Path, monkeypatch
) -> None:
    from ect_tui.store.segments import SegmentedIndex

    fill(db_path)
    with Store.open(db_path, read_only=True) as viewer:
        monkeypatch.setattr(SegmentedIndex, "rows", lambda *args, **kwargs: pytest.fail("read as dict rows"))
        assert [row.id for row in viewer.meeting_rows_as(HistoryRow)] == ["m4", "m3", "m2", "m1", "m0"]


def test_a_read_only_open_that_leaves_the_tables_for_later_still_refuses_what_it_must(db_path: Path) -> None:
    """Store.open(read_only=True, tables_when_asked=True) peeks at the schema version alone: a file
    that is missing, not JSON, or of a newer schema is refused as by a whole read."""
    from ect_tui.store.errors import CorruptDatabaseError, NewerSchemaError, StoreError

    with pytest.raises(StoreError, match="There is no database"):
        Store.open(db_path, read_only=True, tables_when_asked=True)
    fill(db_path)
    good = db_path.read_text()
    db_path.write_text("{ not json")
    with pytest.raises(CorruptDatabaseError):
        Store.open(db_path, read_only=True, tables_when_asked=True)
    data = json.loads(good)
    data["_meta"]["1"]["schema"] = 99
    db_path.write_text(json.dumps(data))
    with pytest.raises(NewerSchemaError):
        Store.open(db_path, read_only=True, tables_when_asked=True)
    data = json.loads(good)
    data["settings"] = {"x": {"key": "mentor_name", "value": "Sam"}}  # a table TinyDB cannot read
    db_path.write_text(json.dumps(data))
    with Store.open(db_path, read_only=True, tables_when_asked=True) as viewer:
        assert [row["id"] for row in history_rows(viewer)] == ["m4", "m3", "m2", "m1", "m0"]
        with pytest.raises(CorruptDatabaseError):  # named when the tables are asked for
            viewer.get_setting("mentor_name")


# ----- hand-written month files (from a review's fuzzing) ----------------------------------------

_TEXT = st.text(alphabet=st.characters(), max_size=6) | st.sampled_from(
    ["\x7f", "\x85", "\u2028", "\x1b[2J", '\t\n"\\/', "é", "😀"]
)
_SCALAR = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(min_value=-1e15, max_value=1e15).filter(
        lambda f: f == 0 or abs(f) > 1e-4
    )  # 1e16: spelt apart
    | _TEXT
)
_VALUE = st.recursive(
    _SCALAR, lambda c: st.lists(c, max_size=3) | st.dictionaries(_TEXT, c, max_size=3), max_leaves=6
)
_FIELDS = [
    "started",
    "ect",
    "mentor",
    "script_id",
    "script_title",
    "kind",
    "status",
    "duration_seconds",
    "date",
    "ended",
]
_ROW = st.fixed_dictionaries(
    {}, optional={f: _VALUE | st.sampled_from(["2025-09-01T15:30:00+01:00", "2025-09-02"]) for f in _FIELDS}
)


def _month_of_one(tmp: Path) -> tuple[Path, Path]:
    db = tmp / "data" / "ect-tui.json"
    with Store.open(db) as store:
        store.put_meeting(make_doc(id="m0", started="2025-09-01T15:30:00+01:00"))
    return db, index_dir(db) / "2025-09.json"


def _both(db: Path) -> tuple[str, str]:
    with Store.open(db, read_only=True, tables_when_asked=True) as viewer:
        return history_json(viewer), history_json(viewer, typed=False)


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(rows=st.lists(_ROW, max_size=5))
def test_any_hand_written_month_prints_the_same_either_way(rows: list[dict]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db, month = _month_of_one(Path(tmp))
        data = {"format": 1, "rows": {f"r{i}": {"id": f"r{i}", **row} for i, row in enumerate(rows)}}
        month.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8", errors="surrogatepass")
        typed, plain = _both(db)
        assert typed == plain


def test_a_month_that_is_not_utf8_is_damaged_either_way(tmp_path: Path) -> None:
    """msgspec passes over a field it does not print unread: the bytes are checked first."""
    db, month = _month_of_one(tmp_path)
    month.write_bytes(
        b'{"format":1,"rows":{"m0":{"id":"m0","started":"2025-09-01T15:30:00+01:00","ended":"\xff"}}}'
    )
    typed, plain = _both(db)
    assert typed == plain == "[]"


def test_a_number_that_is_not_finite_prints_as_null_not_as_json_never_would(tmp_path: Path) -> None:
    """The one stated difference: json writes NaN (not JSON); msgspec writes null."""
    db, month = _month_of_one(tmp_path)
    month.write_bytes(
        b'{"format":1,"rows":{"m0":{"id":"m0","started":"2025-09-01T15:30:00+01:00","duration_seconds":NaN}}}'
    )
    typed, plain = _both(db)
    assert '"duration_seconds": null' in typed and '"duration_seconds": NaN' in plain
    assert json.loads(typed)[0]["duration_seconds"] is None


@pytest.mark.parametrize("depth", [200, 1500])
def test_a_deeply_nested_value_is_treated_alike_either_way(tmp_path: Path, depth: int) -> None:
    db, month = _month_of_one(tmp_path)
    nested = b"[" * depth + b"]" * depth
    month.write_bytes(
        b'{"format":1,"rows":{"m0":{"id":"m0","started":"2025-09-01T15:30:00+01:00","ect":' + nested + b"}}}"
    )
    typed, plain = _both(db)
    assert typed == plain


def test_a_meta_table_with_an_odd_id_is_refused_by_name_not_by_a_crash(db_path: Path) -> None:
    from ect_tui.store.errors import CorruptDatabaseError

    fill(db_path)
    data = json.loads(db_path.read_text())
    data["_meta"] = {"x": data["_meta"]["1"]}
    db_path.write_text(json.dumps(data))
    with pytest.raises(CorruptDatabaseError, match="non-numeric"):
        Store.open(db_path, read_only=True, tables_when_asked=True)
