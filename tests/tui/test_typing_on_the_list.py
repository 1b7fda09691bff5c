"""Typing on the audit list is never read as commands; ctrl+z takes back a wrong key."""

from __future__ import annotations

import pytest
from textual.binding import Binding

from ect_tui.tui.screens.help import HelpScreen, key_text
from ect_tui.tui.widgets.notes import NotesArea
from ect_tui.tui.widgets.statements import StatementList
from tests.tui.steps import open_audit_meeting


def marks(app) -> dict[str, tuple]:
    record = app.meeting.record("audit")
    return {code: (r.level, r.mentor_view, r.agreed) for code, r in record.ratings.items()}


async def type_on(pilot, text: str) -> None:
    await pilot.press(*text)


@pytest.mark.parametrize(
    "sentence",
    [
        "she said she had tried it",
        "he had a sad dash",  # only the letters that once rated (e d s) and gave views (a h k)
        "tried it 2 times = + - 3",  # once typing has started, the keys that rate are text too
    ],
)
async def test_a_sentence_typed_on_the_list_goes_to_the_reason_and_changes_no_rating(make_app, sentence):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_audit_meeting(app, pilot, at="audit")
        await pilot.press("2", "equals_sign", "down", "1", "down", "3", "minus")  # 1.1-1.3 rated, two views
        before = marks(app)
        assert before == {
            "1.1": ("developing", "agree", None),
            "1.2": ("emerging", None, None),
            "1.3": ("secure", "too-kind", None),
        }
        await type_on(pilot, sentence)
        await pilot.pause()
        assert marks(app) == before
        reason = app.screen.query_one("#reason", NotesArea)
        assert reason.has_focus and reason.text == sentence  # not a character lost, none added
        assert app.meeting.record("audit").rating("1.3").reason == sentence
        assert "Writing the reason" in str(app.screen.query_one("#last-change").content)
        await pilot.press("escape", "2")  # back on the list, the keys rate again
        assert marks(app)["1.3"] == ("developing", "too-kind", None)


async def test_typing_on_the_list_carries_on_after_what_the_reason_holds(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_audit_meeting(app, pilot, at="audit")
        await pilot.press("2", "enter", *"Tried it once.", "escape")
        await type_on(pilot, "she said so")
        assert app.meeting.record("audit").rating("1.1").reason == "Tried it once. she said so"


async def test_ctrl_z_takes_back_a_wrong_rating_and_ctrl_y_puts_it_again(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_audit_meeting(app, pilot, at="audit")
        screen = app.screen
        line = screen.query_one("#last-change")
        await pilot.press("2")
        await pilot.press("1")  # the wrong key
        assert marks(app)["1.1"] == ("emerging", None, None)
        assert str(line.content) == "1.1: Developing -> Emerging, ctrl+z to undo"
        await pilot.press("down", "down")
        await pilot.press("ctrl+z")
        assert marks(app)["1.1"] == ("developing", None, None)
        assert screen.current_code == "1.1"  # the cursor goes to what was undone
        assert str(line.content) == "Undone 1.1: Developing -> Emerging, ctrl+y to redo"
        assert str(screen.query_one(StatementList).get_option("1.1").prompt)[0] == "D"
        await pilot.press("ctrl+z", "ctrl+z")  # and again, back to the start; then nothing to undo
        assert marks(app)["1.1"] == (None, None, None)
        await pilot.press("ctrl+y")
        assert marks(app)["1.1"] == ("developing", None, None)
        app.save_now(wait=True)
        doc = app.store.load_meeting(app.meeting.id)
        assert doc["sections"][1]["ratings"]["1.1"]["level"] == "developing"  # undo is saved too


async def test_a_view_that_cannot_apply_is_refused_with_a_reason(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_audit_meeting(app, pilot, at="audit")
        await pilot.press("3", "plus")
        assert marks(app)["1.1"] == ("secure", None, None)
        line = str(app.screen.query_one("#last-change").content)
        assert line == "1.1: Secure is the top level, so it cannot be too harsh."
        await pilot.press("down", "1", "minus")
        assert marks(app)["1.2"] == ("emerging", None, None)


async def test_jump_keys_go_to_the_next_unrated_and_the_next_to_agree(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_audit_meeting(app, pilot, at="audit")
        screen = app.screen
        await pilot.press("2", "plus", "down", "2", "down", "down", "2")  # 1.1 doubted, 1.2 and 1.4 rated
        await pilot.press("greater_than_sign")
        assert screen.current_code == "1.5"
        await pilot.press("exclamation_mark")
        assert screen.current_code == "1.1"  # the one the mentor doubted: agree a rating there
        await pilot.press("ctrl+s")
        assert marks(app)["1.1"] == ("developing", "too-harsh", "secure")
        await pilot.press("exclamation_mark")
        assert "No statement is waiting" in str(screen.query_one("#last-change").content)


async def test_f1_and_question_mark_show_every_key_of_the_screen_and_escape_closes(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_audit_meeting(app, pilot, at="audit")
        await pilot.press("f1")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        titles = [group.title for group in help_screen.groups]
        assert titles == [
            "On the statement list",
            "On this screen",
            "Moving through the meeting",
            "Everywhere",
        ]
        keys = {key.keys: key.description for group in help_screen.groups for key in group.keys}
        assert keys["1"] == "The ECT rates it Emerging" and keys["+"].startswith("Your view: maybe too harsh")
        assert keys["ctrl+z"].startswith("Undo") and keys["f1 / ?"] == "Every key of this screen"
        # Built from the bindings, so it cannot drift: every key the list binds is there.
        listed = {k for group in help_screen.groups for key in group.keys for k in key.keys.split(" / ")}
        statement_list = app.screen_stack[-2].query_one(StatementList)
        bound = {
            key_text(binding.key)
            for cls in type(statement_list).__mro__
            if cls.__module__.startswith("ect_tui")
            for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", []))
        }
        assert {"1", "2", "3", "+", "-", "=", ">", "!", "delete", "enter", "ctrl+e", "f2"} <= bound <= listed
        assert {"↑", "↓"} <= listed
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "enter", "question_mark")  # in the reason box ? is a character
        assert not isinstance(app.screen, HelpScreen)
        assert app.meeting.record("audit").rating("1.1").reason == "?"


async def test_the_palettes_keys_command_opens_the_help_that_escape_closes(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_audit_meeting(app, pilot, at="audit")
        [keys] = [c for c in app.get_system_commands(app.screen) if c.title == "Keys"]
        keys.callback()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


KEY_NAMES = {" ": "space", "=": "equals_sign", "+": "plus", "-": "minus", ".": "full_stop"}


def post_burst(app, text: str) -> None:
    """Every key of ``text`` queued at once, as a terminal delivers a fast typist's keys or a
    burst in one read (``pilot.press`` waits for the app after each key; a person does not)."""
    from textual import events

    for char in text:
        app.post_message(events.Key(KEY_NAMES.get(char, char), char))


@pytest.mark.parametrize("sentence", ["she said she had tried it", "tried it 2 times = + - 3"])
async def test_a_burst_of_typing_on_the_list_lands_whole_and_in_order(make_app, sentence):
    """Found in tmux at 80x24: keys that arrived before the focus moved were each read as a
    new start ("h e  s a i d", the first letter lost), and a digit among them would rate."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_audit_meeting(app, pilot, at="audit")
        await pilot.press("2")
        before = marks(app)
        post_burst(app, sentence)
        await pilot.pause()
        await pilot.pause()
        assert marks(app) == before
        reason = app.screen.query_one("#reason", NotesArea)
        assert reason.has_focus and reason.text == sentence
        await pilot.press("escape")
        post_burst(app, "3")  # back on the list, a lone digit rates again
        await pilot.pause()
        assert marks(app)["1.1"][0] == "secure"
