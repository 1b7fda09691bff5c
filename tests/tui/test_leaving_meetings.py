"""Leaving a meeting: starting another from the summary, and hiding the private note."""

from __future__ import annotations

from ect_tui.tui.notes_out import UnsentGuard
from ect_tui.tui.screens.base import MeetingScreen
from ect_tui.tui.screens.prepare import PrepareScreen
from ect_tui.tui.screens.start import StartScreen
from ect_tui.tui.widgets.private_notes import PrivateNotes


async def finish(app, pilot) -> str:
    app.start_meeting("m1w1-module-audit", ect="Sam Jones", mentor="Alex Smith")
    await pilot.press("ctrl+n", *"routines first")
    app.go_to("summary")
    await pilot.pause()
    await pilot.press("enter")  # Finish meeting: it asks once about what is missing
    await pilot.pause()
    await pilot.press("f")  # finish anyway
    await pilot.pause()
    return app.meeting.id


async def test_start_another_meeting_after_leaving_unsent_notes(make_app, store):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        meeting_id = await finish(app, pilot)
        await pilot.pause(0.25)  # a button ignores a second press during its 0.2 s "pressed" look
        await pilot.press("enter")  # Start another meeting
        await pilot.pause()
        assert isinstance(app.screen, UnsentGuard)
        await pilot.press("l")  # leave them
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert app.meeting is None
        # The closed meeting's screens are gone, and the app keeps working.
        assert not any(isinstance(s, MeetingScreen) for s in app.screen_stack)
        app.start_meeting("m1w1-module-audit", ect="Sam Jones", mentor="Alex Smith")
        await pilot.pause()
        assert app.meeting.id != meeting_id
    assert store.load_meeting(meeting_id)["sent"] == "left"


async def test_private_note_hides_with_its_text_kept(make_app, store):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.start_meeting("m1w1-module-audit", ect="Sam Jones", mentor="Alex Smith")
        await pilot.pause()
        app.go_to("review")
        await pilot.pause()
        panel = app.screen.query_one("#private", PrivateNotes)
        assert not panel.display
        await pilot.press("ctrl+f", *"only for me")
        assert panel.display
        await pilot.press("escape")
        assert not panel.display  # hidden although it holds text: the ECT is beside the screen
        await pilot.press("ctrl+f")
        assert panel.display and panel.query_one("#private-text").text == "only for me"
        await pilot.press("ctrl+f")
        assert not panel.display
        app.go_to("summary")
        await pilot.pause()
        app.go_to("review")
        await pilot.pause()
        assert not app.screen.query_one("#private", PrivateNotes).display
        assert app.meeting.record("review").private == "only for me"


async def test_escape_in_the_evidence_box_goes_back_to_the_list(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_prepare("Sam Jones", "m1w1-module-audit")
        await pilot.pause()
        assert isinstance(app.screen, PrepareScreen)
        await pilot.press("tab", *"saw it")
        await pilot.press("escape")
        assert isinstance(app.screen, PrepareScreen)
        assert app.screen.query_one("#priors").has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PrepareScreen)


async def test_history_and_progress_open_mid_meeting_and_escape_returns(make_app):
    from ect_tui.tui.screens.history import HistoryScreen
    from ect_tui.tui.screens.progress import ProgressScreen

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.start_meeting("m1w1-module-audit", ect="Sam Jones", mentor="Alex Smith")
        app.go_to("review")
        await pilot.pause()
        meeting_screen = app.screen
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        for title, kind in [
            ("Past meetings with Sam Jones", HistoryScreen),
            ("Audit progress of Sam Jones", ProgressScreen),
        ]:
            commands[title].callback()
            await pilot.pause()
            assert isinstance(app.screen, kind)
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is meeting_screen


async def test_a_meeting_started_by_mistake_can_be_discarded_after_asking(make_app, store):
    from ect_tui.tui.screens.confirm import ConfirmScreen

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.start_meeting("m1w1-module-audit", ect="Wrong Name", mentor="Alex Smith")
        await pilot.pause()
        mistake = app.meeting.id
        app.new_meeting()  # unfinished, so nothing is asked
        await pilot.pause()
        listed = app.screen.query_one("#unfinished")
        listed.focus()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # the focused button is "Keep it"
        await pilot.pause()
        assert [r["id"] for r in store.unfinished()] == [mistake]
        await pilot.press("delete", "y")
        await pilot.pause()
        assert store.unfinished() == []
        assert not app.screen.query_one("#unfinished").display
    assert (store.meetings_dir / "discarded" / f"{mistake}.json").exists()


async def test_the_last_audits_rating_shows_beside_each_statement(make_app, store):
    from ect_tui.meeting.clock import FakeClock

    clock = FakeClock()
    app = make_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.start_meeting("m1w1-module-audit", ect="Sam Jones", mentor="Alex Smith")
        app.go_to("audit")
        await pilot.pause()
        await pilot.press("2")  # the first statement: Developing
        app.go_to("summary")
        await pilot.pause()
        await pilot.press("enter", "f")  # finish (anyway: it is not all rated)
        await pilot.pause(0.25)
        await pilot.press("enter", "l")  # start another; leave the notes unsent
        await pilot.pause()
        clock.advance(7 * 24 * 3600)
        app.start_meeting("m1w1-module-audit", ect="Sam Jones", mentor="Alex Smith")
        app.go_to("audit")
        await pilot.pause()
        line = str(app.screen.query_one("#statement-rating").content)
        assert "last audit" in line and "Developing" in line
        await pilot.press("down")
        await pilot.pause()
        assert "last audit" not in str(app.screen.query_one("#statement-rating").content)  # not rated then


async def test_a_finished_meeting_offers_no_timer_keys_and_n_starts_the_next(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.start_meeting("m1w1-module-audit", ect="Sam Jones", mentor="Alex Smith")
        app.go_to("review")
        await pilot.pause()
        assert app.check_action("toggle_timer", ()) is True
        assert "Add a minute to this section" in {c.title for c in app.get_system_commands(app.screen)}
        app.go_to("summary")
        await pilot.pause()
        assert app.check_action("toggle_timer", ()) is False  # no timer on the summary
        await pilot.press("n")  # not finished yet: "next meeting" is not offered
        assert app.meeting is not None and not app.meeting.finished
        await pilot.press("f", "f")  # finish; finish anyway
        await pilot.pause()
        assert app.meeting.finished
        app.go_to("review")
        await pilot.pause()
        assert app.check_action("extend", (1,)) is False
        assert "ctrl+g" not in app.screen.active_bindings  # gone from the footer
        assert "Add a minute to this section" not in {c.title for c in app.get_system_commands(app.screen)}
        app.go_to("summary")
        await pilot.pause()
        await pilot.press("n", "l")  # next meeting; leave the notes unsent
        await pilot.pause()
        assert app.meeting is None


async def test_a_meeting_left_unfinished_is_not_the_last_audit(make_app, store):
    """A mistaken start rated in minutes ago, then left: the next audit looks past it to the last finished one."""
    from ect_tui.meeting.clock import FakeClock

    clock = FakeClock()
    app = make_app(clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.start_meeting("m1w1-module-audit", ect="Sam Jones", mentor="Alex Smith")
        app.go_to("audit")
        await pilot.pause()
        await pilot.press("3")  # rated Secure, then the meeting is left unfinished
        app.new_meeting()
        await pilot.pause()
        clock.advance(600)
        app.start_meeting("m1w1-module-audit", ect="Sam Jones", mentor="Alex Smith")
        app.go_to("audit")
        await pilot.pause()
        assert "last audit" not in str(app.screen.query_one("#statement-rating").content)
        assert app.last_audit is None
