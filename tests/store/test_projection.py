"""Index rows decoded straight into a command's shape (store/projection.py): the same rows, in the
same order, as the dict rows give, whatever the month files and the journal hold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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
