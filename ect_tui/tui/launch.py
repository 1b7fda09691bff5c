"""Open the database and scripts, then run the app; problems become one clear sentence.

Start-up is on the mentor's clock (bench/README.md measures it against a minimal
Textual app), so this path stays lean:

- the writer's start screen is drawn before the store opens (opening stats every
  meeting file and parses the index: with thousands of meetings as long as drawing
  the screen); the screen then opens it in a worker and fills in the remembered
  names and unfinished meetings. Review and prepare open it in a thread while this
  one imports the app, as their first screens need it;
- likewise the session scripts (importing the loader and parsing the TOML costs as
  much as a screenful of widgets): the writer's start screen fills in its plan list
  once they are loaded (_PendingCatalog); review and prepare load them up front;
- the cyclic garbage collector is off until the app is built, then everything that
  exists by then (modules, classes) is frozen out of its reach, so no collection
  walks those objects again, neither during start-up nor later while the mentor
  types.
"""

from __future__ import annotations

import gc
import sys
import threading
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ect_tui.paths import resolve_db_path, user_sessions_dir
from ect_tui.safe_text import printable
from ect_tui.store.errors import DatabaseLockedError, StoreError

if TYPE_CHECKING:
    from ect_tui.script.catalog import Catalog
    from ect_tui.store import Store
    from ect_tui.store.protocol import MeetingStore


def _open_store(path: Path, *, read_only: bool) -> Store:
    from ect_tui.store.database import Store

    return Store.open(path, read_only=read_only)


class _OpenStore(threading.Thread):
    """``Store.open`` in the background; ``result()`` waits and returns it or raises its error.

    It imports the store itself (json, hashing, the index: ~12 ms), off the main
    thread; nothing the main thread imports at start-up imports those modules, so the
    two never wait on each other's imports. ``start=False`` leaves it until
    ``begin()`` or ``result()``.
    """

    def __init__(self, path: Path, *, read_only: bool, start: bool = True) -> None:
        super().__init__(name="ect-tui-open", daemon=True)
        self._path = path
        self._read_only = read_only
        self._store: Store | None = None
        self._error: BaseException | None = None
        self._begin_lock = threading.Lock()
        self.begun = False
        if start:
            self.begin()

    def begin(self) -> None:
        """Start opening, unless already started (``result()`` starts it too)."""
        with self._begin_lock:
            if not self.begun:
                self.begun = True
                self.start()

    def run(self) -> None:
        try:
            self._store = _open_store(self._path, read_only=self._read_only)
        except BaseException as error:  # handed to the main thread by result()
            self._error = error

    @property
    def opened(self) -> bool:
        """Opened successfully (never waits)."""
        return self._store is not None and not self.is_alive()

    def result(self) -> Store:
        self.begin()
        self.join()
        if self._error is not None:
            raise self._error
        assert self._store is not None
        return self._store


class _PendingStore:
    """Stands in for the Store while it opens, so the first screen is drawn meanwhile.

    ``is_open`` never waits; ``wait()`` returns the Store or raises why it could not
    open; anything else is the Store's own, waiting for it first. The start screen
    asks ``is_open`` and waits in a worker; the app uses it as the Store it is.
    """

    read_only = False  # only the writer's start-up waits like this

    def __init__(self, opening: _OpenStore) -> None:
        self._opening = opening

    @property
    def is_open(self) -> bool:
        return self._opening.opened

    def wait(self) -> Store:
        return self._opening.result()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._opening.result(), name)


class _PendingCatalog:
    """Stands in for the Catalog until the scripts are loaded, so the first screen is drawn meanwhile.

    ``is_loaded`` never waits; ``wait()`` loads them (once, in whichever thread asks
    first; the start screen asks in a worker) and returns the Catalog, or raises why
    it could not. Anything else is the Catalog's own, loading it first.
    """

    def __init__(self, folders: list[Path]) -> None:
        self._folders = folders
        self._lock = threading.Lock()
        self._catalog: Catalog | None = None

    @property
    def is_loaded(self) -> bool:
        return self._catalog is not None

    def wait(self) -> Catalog:
        with self._lock:
            if self._catalog is None:
                from ect_tui.script.catalog import load_catalog

                self._catalog = load_catalog(self._folders)
            return self._catalog

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wait(), name)

    def __iter__(self):
        return iter(self.wait())

    def __len__(self) -> int:
        return len(self.wait())


def _quiet_tracebacks(app: Any) -> None:
    """Textual prints an unexpected error's traceback (with local variables: note text) on exit;
    EctApp has logged it already (diagnostics.py), so Textual's copy goes nowhere."""
    import io

    from rich.console import Console

    app.error_console = Console(file=io.StringIO(), markup=False, highlight=False)


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
    from ect_tui.config import load_config

    config = load_config()  # never raises: its problems are shown once the app is up
    path = resolve_db_path(db)
    folder = Path(sessions).expanduser() if sessions else user_sessions_dir()
    if sessions and not folder.is_dir():
        print(printable(f"ect-tui: --sessions {sessions}: no such folder"), file=sys.stderr)
        return 1
    # The writer's start screen is drawn first and opens the store once it is on
    # screen (see StartScreen): with thousands of meetings opening costs as much as
    # drawing, and a thread would only share one core with it. Review and prepare
    # need the store for their first screen, so it opens here, beside the imports.
    pending = not read_only and prepare is None
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        opening = _OpenStore(path, read_only=read_only, start=not pending)
        try:
            waiting = _PendingCatalog([folder])
            catalog: Catalog | _PendingCatalog = waiting if pending else waiting.wait()
            from ect_tui.tui.app import EctApp
        except BaseException:
            if opening.begun:
                with suppress(BaseException):
                    opening.result().close()
            raise
        store: Store | _PendingStore
        if pending:
            store = _PendingStore(opening)
        else:
            try:
                store = opening.result()
            except DatabaseLockedError as exc:
                message = exc.for_change("`ect-tui prepare`") if prepare else str(exc)
                print(printable(f"ect-tui: {message}"), file=sys.stderr)
                return 1
            except StoreError as exc:
                print(printable(f"ect-tui: {exc}"), file=sys.stderr)
                return 1
        try:
            # The stand-ins forward every attribute to the real thing, waiting for it first.
            app = EctApp(
                store=cast("MeetingStore", store),
                catalog=cast("Catalog", catalog),
                review=read_only,
                review_ect=review_ect,
                prepare=prepare,
                config=config,
            )
            _quiet_tracebacks(app)
        except BaseException:
            if opening.begun:
                with suppress(BaseException):
                    opening.result().close()
            raise
    finally:
        gc.freeze()
        if gc_was_enabled:
            gc.enable()
    try:
        app.run()
        if app.crash is not None:
            from ect_tui.diagnostics import crash_sentence, current_log_path

            with suppress(Exception):  # the crash may have been in saving; the log has it
                app.save_now(wait=True)
            print(crash_sentence(current_log_path(), in_app=True), file=sys.stderr)
            return 1
        if opening.begun:  # else the app closed before its first screen asked for the store
            try:
                opening.result()
            except StoreError as exc:  # the app closed itself as soon as it knew
                print(printable(f"ect-tui: {exc}"), file=sys.stderr)
                return 1
        app.save_now(wait=True)
        return app.return_code or 0
    finally:
        if gc_was_enabled:
            gc.enable()  # typing pauses it (EctApp._typing); never leave it off
        if opening.begun:
            with suppress(StoreError):
                opening.result().close()
