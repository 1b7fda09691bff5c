"""The mentor's private notebook per ECT: kept, replaced in one write, never merged away."""

from __future__ import annotations

from ect_tui.store import Store
from ect_tui.store.notebook import JOIN, NOTEBOOK_TABLE, load_notebook, save_notebook


def test_notebook_is_per_ect_and_survives_reopening(db_path):
    with Store.open(db_path) as store:
        assert load_notebook(store, "Sam Jones") == ""
        save_notebook(store, "Sam Jones", "Worried about [bold]Y9[/] on Fridays")
        save_notebook(store, "Kim Lee", "Ask about the timetable")
        save_notebook(store, "sam jones ", "Worried about Y9 on Fridays; improving")
    with Store.open(db_path) as store:
        assert load_notebook(store, "Sam Jones") == "Worried about Y9 on Fridays; improving"
        assert load_notebook(store, "Kim Lee") == "Ask about the timetable"
        assert len(store.table(NOTEBOOK_TABLE)) == 2
        save_notebook(store, "Kim Lee", "  ")
        assert load_notebook(store, "Kim Lee") == "" and len(store.table(NOTEBOOK_TABLE)) == 1


def test_a_second_copy_from_a_backup_is_shown_beside_not_dropped(db_path):
    with Store.open(db_path) as store:
        save_notebook(store, "Sam Jones", "from this laptop")
        store.table(NOTEBOOK_TABLE).insert({"ect": "Sam Jones", "private": "from the old laptop"})
        joined = load_notebook(store, "Sam Jones")
        assert joined == "from this laptop" + JOIN + "from the old laptop"
        save_notebook(store, "Sam Jones", joined + "\nmerged by hand")
        assert load_notebook(store, "Sam Jones") == joined + "\nmerged by hand"
