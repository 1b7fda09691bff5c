"""config.toml in the app: a keymap of one's own, a theme that stays, problems said once, the Learning Log."""

from __future__ import annotations

import logging

import pytest

from ect_tui.config import Config, load_config
from ect_tui.diagnostics import setup_logging
from ect_tui.meeting.clock import FakeClock
from ect_tui.script.catalog import load_catalog
from ect_tui.tui.app import EctApp
from tests.tui.steps import bar_text, open_audit_meeting

MARKER = "NOTE-TEXT-MARKER-51c9"


def app_with(store, config: Config) -> EctApp:
    return EctApp(store=store, catalog=load_catalog([]), clock=FakeClock(), config=config)


def config_file(tmp_path, text: str):
    path = tmp_path / "config" / "config.toml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def notices_of(app, monkeypatch) -> list[str]:
    told: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **kw: told.append(message))
    return told


async def test_a_keymap_remaps_meeting_next(store, tmp_path):
    path = config_file(tmp_path, '[keymap]\n"meeting.next" = "ctrl+j"\n')
    app = app_with(store, load_config(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await open_audit_meeting(app, pilot)
        assert app.meeting.position == "briefing"
        assert "^j Next" in bar_text(app) and "^n Next" not in bar_text(app)
        await pilot.press("ctrl+n")  # the old key does nothing now
        await pilot.pause()
        assert app.meeting.position == "briefing"
        await pilot.press("ctrl+j")
        await pilot.pause()
        assert app.meeting.position == app.meeting.positions[1]


async def test_a_theme_chosen_in_the_palette_is_there_next_time(store, tmp_path):
    path = config_file(tmp_path, "# mine\nnotes_folder = 'notes'  # keep\n")
    first = app_with(store, load_config(path))
    async with first.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert first.theme == "textual-dark"
        first.action_change_theme()
        await pilot.pause()
        await pilot.press(*"textual-light")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await first.workers.wait_for_complete()
        assert first.theme == "textual-light"
    assert (
        path.read_text(encoding="utf-8")
        == "# mine\nnotes_folder = 'notes'  # keep\ntheme = \"textual-light\"\n"
    )
    assert path.with_name("config.toml.bak").read_text(encoding="utf-8").startswith("# mine")

    second = app_with(store, load_config(path))
    async with second.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert second.theme == "textual-light"


async def test_the_environment_beats_the_file_for_one_run(store, tmp_path, monkeypatch):
    monkeypatch.setenv("TEXTUAL_THEME", "nord")
    app = app_with(store, load_config(config_file(tmp_path, 'theme = "textual-light"\n')))
    assert app.theme != "textual-light"


async def test_a_theme_set_by_the_file_is_not_rewritten(store, tmp_path):
    """Only a choice in the palette writes to config.toml: opening the app never does."""
    path = config_file(tmp_path, 'theme = "nord"\n')
    app = app_with(store, load_config(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
    assert not path.with_name("config.toml.bak").exists()


async def test_problems_are_one_message_each_and_the_app_still_starts(store, tmp_path, monkeypatch):
    path = config_file(
        tmp_path,
        'theme = "solarised-light"\ncolour = 1\n[keymap]\n"meeting.nxt" = "ctrl+j"\n"meeting.back" = "ctrl+t"\n',
    )
    app = app_with(store, load_config(path))
    told = notices_of(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # the keymap is checked beside the event loop
        await open_audit_meeting(app, pilot)  # the app works, with the defaults for what was wrong
        assert app.theme == "textual-dark"
    assert told == [
        f"{path} (the rest of it applies):\n"
        "• colour: unknown key (known: theme, keymap, notes_folder, term_dates, coaching_rhythm)\n"
        "• theme: no theme called 'solarised-light' (did you mean solarized-light?)",
        f"{path} (the rest of it applies):\n"
        "• keymap.meeting.nxt: no such binding id (did you mean meeting.next?)\n"
        "• keymap: meeting.back and meeting.timer would both be ctrl+t (MeetingScreen)",
    ]


async def test_a_broken_config_file_names_itself_and_the_app_starts(store, tmp_path, monkeypatch):
    path = config_file(tmp_path, 'theme = "textual-light\n')
    app = app_with(store, load_config(path))
    told = notices_of(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await open_audit_meeting(app, pilot)
    [message] = told
    assert message.startswith(f"{path}:\n• not valid TOML") and message.endswith("using the defaults")


async def test_the_learning_log_is_in_the_palette(store, tmp_path):
    from ect_tui.tui.screens.save_as import SaveAsScreen

    notes = tmp_path / "my-notes"
    app = app_with(store, Config(path=tmp_path / "config.toml", notes_folder=notes))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await open_audit_meeting(app, pilot)
        await pilot.press("ctrl+n", *"Tuesdays after school")
        app.meeting.set_private(MARKER)
        commands = {command.title: command for command in app.get_system_commands(app.screen)}
        commands["Learning Log: Sam Jones"].callback()
        await pilot.pause()
        assert isinstance(app.screen, SaveAsScreen)
        assert app.screen.query_one("#save-path").value == str(notes / "learning-log-sam-jones.md")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    text = (notes / "learning-log-sam-jones.md").read_text(encoding="utf-8")
    assert text.startswith("# Learning Log: Sam Jones") and "Tuesdays after school" in text
    assert MARKER not in text


class Boom(Exception):
    pass


async def test_a_crash_is_logged_without_note_text(store, tmp_path, monkeypatch):
    """A note holds a marker; debug logging is on; the app hits a bug of ours. The log has the
    traceback and never the marker (Textual's own traceback, with locals, would have it)."""
    log_file = tmp_path / "log" / "ect-tui.log"
    setup_logging(debug=True, path=log_file)
    app = app_with(store, Config())

    def broken(*args):
        raise Boom("a bug of ours")

    try:
        with pytest.raises(Boom):
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.pause()
                await open_audit_meeting(app, pilot)
                await pilot.press("ctrl+n", *MARKER)
                await pilot.pause()
                logging.getLogger("ect_tui.test").debug("typed %d characters", len(MARKER))
                monkeypatch.setattr(app, "action_toggle_timer", broken)
                await pilot.press("ctrl+t")
                await pilot.pause()
        assert isinstance(app.crash, Boom)
        text = log_file.read_text(encoding="utf-8")
        assert "the app stopped on an unexpected error" in text and "Boom: a bug of ours" in text
        assert f"typed {len(MARKER)} characters" in text  # debug records do reach the file
        assert MARKER not in text
        assert MARKER in str(app.meeting.to_doc())  # the note was there to leak
    finally:
        setup_logging(path=tmp_path / "after.log")


async def test_the_termly_note_for_the_induction_tutor_is_in_the_palette(store, tmp_path):
    from ect_tui.tui.screens.save_as import SaveAsScreen

    notes = tmp_path / "my-notes"
    app = app_with(store, Config(path=tmp_path / "config.toml", notes_folder=notes))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await open_audit_meeting(app, pilot)
        await pilot.press("ctrl+n", *"Tuesdays after school")
        app.meeting.set_private(MARKER)
        app.save_now(wait=True)
        commands = {command.title: command for command in app.get_system_commands(app.screen)}
        commands["Termly note for the induction tutor: Sam Jones"].callback()
        await pilot.pause()
        assert isinstance(app.screen, SaveAsScreen)
        assert app.screen.query_one("#save-path").value == str(notes / "termly-note-sam-jones.txt")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    text = (notes / "termly-note-sam-jones.txt").read_text(encoding="utf-8")
    assert text.startswith("Subject: Termly note: Sam Jones") and "Dear induction tutor," in text
    assert MARKER not in text and "Tuesdays after school" not in text  # evidence, never the notes
