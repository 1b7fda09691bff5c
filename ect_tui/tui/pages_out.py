"""The two web pages from the palette: written beside the notes, and the notice says where.

Like copied notes (``notes_out.NotesOut.copy``), a page goes straight into the notes folder
beside the database (``export.files.notes_dir``): no prompt, one file per ECT (or per day for
the overview), rewritten each time, so the newest page is always the one there. Pages are
built in a worker thread (they read every meeting of the ECT, or every meeting for the
overview), and Jinja2 is imported there too, never on the app's start-up path.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from ect_tui.export.files import ExportError, learning_log_name, notes_dir, path_lines, write_export

if TYPE_CHECKING:
    from ect_tui.tui.app import EctApp


def learning_log_page_name(ect: str) -> str:
    """E.g. ``learning-log-sam-jones.html``, beside ``learning-log-sam-jones.md``."""
    return learning_log_name(ect).removesuffix(".md") + ".html"


def write_learning_log_page(app: EctApp, ect: str) -> None:
    """Write ``ect``'s Learning Log page into the notes folder, off the event loop."""
    app.run_worker(
        partial(
            _write,
            app,
            f"Learning Log page for {ect}",
            partial(_log_page, app, ect),
            learning_log_page_name(ect),
        ),
        thread=True,
        group="pages-out",
    )


def write_overview_page(app: EctApp) -> None:
    """Write the coordinator's overview page (as of today) into the notes folder."""
    today = app.clock.now().date()
    name = f"coaching-overview-{today.isoformat()}.html"
    app.run_worker(
        partial(_write, app, "Coordinator overview page", partial(_overview_page, app), name),
        thread=True,
        group="pages-out",
    )


def _log_page(app: EctApp, ect: str) -> bytes:
    from ect_tui.export.html.pages import learning_log_from_store

    page, _count = learning_log_from_store(app.store, ect, app.catalog.scripts, app.clock.now().date())
    return page.encode("utf-8")


def _overview_page(app: EctApp) -> bytes:
    from ect_tui.export.html.pages import overview_html
    from ect_tui.tui.screens.overview import overview_report

    return overview_html(overview_report(app)).encode("utf-8")


def _write(app: EctApp, what: str, build: Callable[[], bytes], name: str) -> None:
    folder = notes_dir(app.store.path)
    try:
        written = write_export(folder / name, build(), make_folder=folder)
    except ExportError as exc:
        app.call_from_thread(app.notify, str(exc), severity="error", timeout=15, markup=False)
        return
    except Exception as exc:  # a damaged record must not end the app: say so, keep going
        app.call_from_thread(
            app.notify, f"Could not write the {what}: {exc}", severity="error", timeout=15, markup=False
        )
        return
    app.call_from_thread(
        app.notify,
        f"{what} saved in\n{path_lines(written)}\nOpen it in a browser; it holds no private notes.",
        title="Web page written",
        timeout=12,
        markup=False,
    )
