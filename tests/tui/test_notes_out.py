"""Notes out of the app: the copy key says where the notes went; unsent notes are asked about once."""

from __future__ import annotations

import pytest

import ect_tui.export.clipboard as clipboard
from ect_tui.tui.notes_out import UnsentGuard
from ect_tui.tui.screens.transcript import TranscriptScreen

MARKER = "PRIVATE-MARKER-7f3a"


@pytest.fixture
def no_clipboard(tmp_path, monkeypatch):
    """A machine with no clipboard tool: pyperclip fails. Returns where the notes should go:
    ``ect-tui-notes/`` beside the test's database (tmp_path/ect-tui.json), never the user data dir."""

    def fail(text: str) -> str:
        raise RuntimeError("Pyperclip could not find a copy/paste mechanism for your system.")

    monkeypatch.setattr(clipboard, "pyperclip_copy", fail)
    monkeypatch.setattr("ect_tui.paths.user_data_dir", lambda: tmp_path / "user-data-dir")
    monkeypatch.setenv("ECT_TUI_DB", str(tmp_path / "user-data-dir" / "ect-tui.json"))
    return tmp_path / "ect-tui-notes"


async def finished_meeting(app, pilot, note: str = "Tuesdays after school") -> None:
    app.start_meeting("m1w1-module-audit", ect="Sam Jones", mentor="Alex Smith")
    await pilot.press("ctrl+n", *note)
    app.meeting.set_private(MARKER)
    app.meeting.set_section_private("review", MARKER)
    app.go_to("summary")
    await pilot.pause()
    await pilot.press("enter")  # Finish meeting: it asks once about what is missing
    await pilot.pause()
    await pilot.press("f")  # finish anyway
    await pilot.pause()


async def test_copy_with_no_clipboard_says_where_the_notes_are(make_app, no_clipboard, monkeypatch, tmp_path):
    app = make_app()
    notices: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **kw: notices.append(message))
    async with app.run_test(size=(100, 30)) as pilot:
        await finished_meeting(app, pilot)
        await pilot.press("c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [saved] = list(no_clipboard.glob("*.txt"))
        assert saved.with_suffix(".md").exists()  # the full record, beside the letter
        where = f"Notes saved in\n{no_clipboard}/\n{saved.name}\n"
        assert any(n.startswith(where) and "terminal's clipboard" in n for n in notices)
        assert not (tmp_path / "user-data-dir").exists()
        assert MARKER not in saved.read_text()
        text = saved.with_suffix(".md").read_text()  # the notes are in the full record
        assert "Tuesdays after school" in text and MARKER not in text
        assert app.meeting.sent == "copied"


async def test_quitting_with_unsent_notes_asks_once(make_app, store):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await finished_meeting(app, pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, UnsentGuard)
        await pilot.press("escape")  # changed my mind: stay
        assert not isinstance(app.screen, UnsentGuard)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("l")  # leave it
        await pilot.pause()
    assert store.load_meeting(app.meeting.id)["sent"] == "left"


async def test_private_text_never_reaches_the_review_screens(make_app, store, no_clipboard):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await finished_meeting(app, pilot)
        await pilot.press("c")
        await app.workers.wait_for_complete()
        app.open_transcript(app.meeting.id)
        await pilot.pause()
        assert isinstance(app.screen, TranscriptScreen)
        shown = " ".join(str(s.content) for s in app.screen.query("Static"))
        assert "Tuesdays after school" in shown and MARKER not in shown
    saved_files = sorted(no_clipboard.iterdir())
    assert [p.suffix for p in saved_files] == [".md", ".txt"]
    for saved in saved_files:
        assert MARKER not in saved.read_text()
    assert MARKER in str(store.load_meeting(app.meeting.id))  # it is kept, for the mentor


async def test_export_offers_the_notes_folder_beside_the_database(
    make_app, no_clipboard, monkeypatch, tmp_path
):
    from ect_tui.tui.screens.save_as import SaveAsScreen

    app = make_app()
    notices: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **kw: notices.append(message))
    async with app.run_test(size=(100, 30)) as pilot:
        await finished_meeting(app, pilot)
        app.export_meeting("markdown")
        await pilot.pause()
        assert isinstance(app.screen, SaveAsScreen)
        suggested = app.screen.query_one("#save-path").value
        assert suggested == str(no_clipboard / f"2026-11-24-sam-jones-{app.meeting.id[:8]}.md")
        assert not no_clipboard.exists()  # made only when something is written into it
        await pilot.press("enter")
        await pilot.pause()
        [written] = list(no_clipboard.iterdir())
        assert str(written) == suggested and written.stat().st_mode & 0o777 == 0o600
        assert no_clipboard.stat().st_mode & 0o777 == 0o700
        text = written.read_text()
        assert "Tuesdays after school" in text and MARKER not in text
        assert f"Saved as Markdown in\n{no_clipboard}/\n{written.name}" in notices
        assert app.meeting.sent == "exported"
    assert not (tmp_path / "user-data-dir").exists()


async def test_an_export_elsewhere_still_needs_an_existing_folder(make_app, no_clipboard, tmp_path):
    from ect_tui.tui.screens.save_as import SaveAsScreen

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await finished_meeting(app, pilot)
        app.export_meeting("email")
        await pilot.pause()
        app.screen.query_one("#save-path").value = str(tmp_path / "no-such-folder" / "notes.txt")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SaveAsScreen)  # still asking
        assert "There is no folder" in str(app.screen.query_one("#save-error").content)
        assert not (tmp_path / "no-such-folder").exists()
