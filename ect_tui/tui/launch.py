"""Open the database and scripts, then run the app; problems become one clear sentence."""

from __future__ import annotations

import sys
from pathlib import Path

from ect_tui.paths import resolve_db_path, user_sessions_dir
from ect_tui.script.catalog import load_catalog
from ect_tui.store import Store, StoreError


def run_app(
    *,
    db: str | None,
    sessions: str | None,
    read_only: bool = False,
    review_ect: str | None = None,
    prepare: tuple[str, str] | None = None,
) -> int:
    """Run the app; ``read_only`` (or an ECT's review) opens the database without the writer's lock.

    ``prepare`` (ECT, script id) opens straight on the mentor's blind-ratings screen.
    """
    read_only = read_only or review_ect is not None
    path = resolve_db_path(db)
    folder = Path(sessions).expanduser() if sessions else user_sessions_dir()
    if sessions and not folder.is_dir():
        print(f"ect-tui: --sessions {sessions}: no such folder", file=sys.stderr)
        return 1
    try:
        store = Store.open(path, read_only=read_only)
    except StoreError as exc:
        print(f"ect-tui: {exc}", file=sys.stderr)
        return 1
    try:
        catalog = load_catalog([folder])
        from ect_tui.tui.app import EctApp

        app = EctApp(store=store, catalog=catalog, review=read_only, review_ect=review_ect, prepare=prepare)
        app.run()
        app.save_now(wait=True)
        return app.return_code or 0
    finally:
        store.close()
