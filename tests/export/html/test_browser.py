"""Both pages opened in a real browser (headless Chromium): what a reader gets, and nothing else.

Skipped only where Chromium is absent; CI installs it (.ci/run). Screenshots are kept
under the test's tmp_path as artefacts.
"""

from __future__ import annotations

import pytest

from ect_tui.coaching.report import report_from_store
from ect_tui.export.html.pages import learning_log_from_store, overview_html
from ect_tui.meeting.progress import build_progress
from ect_tui.script.catalog import bundled_scripts
from ect_tui.store import Store

from .chromium import CHROMIUM, SKIP_REASON, open_page, print_pdf, screenshot
from .dom import grid_cells, parse
from .fixtures import HOSTILE, OLA, SAM, TODAY, fill_store

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason=SKIP_REASON)
LETTERS = {"emerging": "E", "developing": "D", "secure": "S"}
A4_PORTRAIT = b"/MediaBox [0 0 594.95996 841.91998]"


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """Both pages written from one store, as the command line writes them."""
    folder = tmp_path_factory.mktemp("pages")
    scripts = {s.id: s for s in bundled_scripts()}
    with Store.open(folder / "ect-tui.json") as store:
        fill_store(store, scripts["m1w1-module-audit"])
        log, _count = learning_log_from_store(store, SAM, scripts, TODAY)
        overview = overview_html(report_from_store(store, TODAY, scripts=scripts))
        docs = list(store.iter_meetings(ect=SAM))
    (folder / "log.html").write_text(log, encoding="utf-8")
    (folder / "overview.html").write_text(overview, encoding="utf-8")
    return folder, build_progress(SAM, docs, scripts)


def assert_quiet(opened) -> None:
    """No console message (so no CSP violation, no script error), no request, no script run."""
    assert opened.console == []
    assert opened.page_requests == []
    root = parse(opened.dom)
    assert root.find_all("script") == [] and root.find_all("img") == []
    assert "PWNED" not in "".join(t.all_text() for t in root.find_all("title"))


def test_the_learning_log_in_a_browser(pages, tmp_path):
    folder, progress = pages
    opened = open_page(folder / "log.html", tmp_path)
    assert_quiet(opened)
    root = parse(opened.dom)
    expected = [
        (row.code, str(i + 1), LETTERS[cell.level] if cell.level else "")
        for row in progress.rows
        for i, cell in enumerate(row.cells)
    ]
    assert len(expected) == 36 * 3 and grid_cells(root) == expected
    assert HOSTILE in root.all_text()  # the hostile note, as text
    assert "Moved up" in root.all_text()
    desktop = screenshot(folder / "log.html", tmp_path / "learning-log.png", 1000, 2400)
    phone = screenshot(folder / "log.html", tmp_path / "learning-log-phone.png", 390, 1600)
    for png in (desktop, phone):
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000


def test_the_learning_log_prints_to_a4(pages, tmp_path):
    folder, _ = pages
    pdf = print_pdf(folder / "log.html", tmp_path / "learning-log.pdf")
    assert pdf.startswith(b"%PDF") and A4_PORTRAIT in pdf


def test_the_tutor_overview_in_a_browser(pages, tmp_path):
    folder, _ = pages
    opened = open_page(folder / "overview.html", tmp_path)
    assert_quiet(opened)
    root = parse(opened.dom)
    rows = {r.attrs["data-ect"]: r for r in root.find_all("tr") if "data-ect" in r.attrs}
    assert list(rows) == [OLA, SAM] and "flagged" in rows[OLA].classes()
    assert "3 school weeks without coaching" in rows[OLA].all_text()
    assert [g.attrs["data-week"] for g in rows[OLA].find_all("g", "wk")][-5:] == [
        "holiday",
        "gap",
        "gap",
        "gap",
        "pending",
    ]
    png = screenshot(folder / "overview.html", tmp_path / "overview.png", 1000, 900)
    assert png.stat().st_size > 10_000


def test_the_checks_catch_a_request_a_script_and_a_policy_breach(tmp_path):
    """The same checks on a page built to break them, so a pass above means something."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!DOCTYPE html><html><head><title>t</title></head><body>"
        '<img src="http://127.0.0.1:9/x.png"><script>document.title="PWNED"</script></body></html>',
        encoding="utf-8",
    )
    opened = open_page(bad, tmp_path / "a")
    assert opened.page_requests == ["http://127.0.0.1:9/x.png"]
    assert "<title>PWNED</title>" in opened.dom
    guarded = tmp_path / "guarded.html"
    guarded.write_text(
        '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'">'
        "<title>t</title></head><body><script>document.title='PWNED'</script></body></html>",
        encoding="utf-8",
    )
    opened = open_page(guarded, tmp_path / "b")
    assert len(opened.console) == 1 and "Content Security Policy" in opened.console[0]
    assert "<title>t</title>" in opened.dom  # the script was there, and did not run
