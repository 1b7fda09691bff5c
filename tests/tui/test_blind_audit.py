"""A blind audit: the mentor prepares five views, the ECT differs on three, each becomes a prompt."""

from __future__ import annotations

from ect_tui.store.priors import load_priors
from ect_tui.tui.screens.audit import AuditScreen
from ect_tui.tui.screens.prepare import PrepareScreen


async def test_blind_audit_turns_three_differences_into_prompts(make_app, store):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_prepare("Sam Jones", "m1w1-module-audit")
        await pilot.pause()
        assert isinstance(app.screen, PrepareScreen)
        # 1.1..1.5: developing, developing, secure, emerging, emerging; evidence on the first.
        # A view, its evidence, then down to the next statement.
        await pilot.press("2", "enter", *"seen 3 Nov", "enter")
        await pilot.press("down", "2", "down", "3", "down", "1", "down", "1")
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        assert len(load_priors(store, "Sam Jones", "m1w1-module-audit")) == 5

        app.start_meeting("m1w1-module-audit", ect="Sam Jones", mentor="Alex Smith")
        app.go_to("audit")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AuditScreen)
        assert "hidden until the ECT rates" in str(screen.query_one("#statement-rating").content)
        aside = screen.query_one("#aside-text")

        # ECT: 1.1 emerging (differs: too harsh) -> a prompt, no auto-advance
        await pilot.press("1")
        detail = str(screen.query_one("#statement-rating").content)
        assert "Mentor (prepared): Developing" in detail and "no view yet" not in detail
        # In the detail too, not only in the side panel (below the fold at 80x24).
        assert "Differs from your prepared view. Agree a rating together: ctrl+e ctrl+d ctrl+s" in detail
        text = str(aside.content)
        assert "Sam Jones rated Emerging; your prepared view: Developing" in text
        assert "Your evidence: seen 3 Nov" in text and "Ask: " in text
        assert screen.current_code == "1.1"
        await pilot.press("ctrl+d")  # agreed: Developing
        assert "Agreed: Developing" in str(screen.query_one("#statement-rating").content)
        await pilot.press("down", "2")  # 1.2 developing: same as the mentor
        assert screen.current_code == "1.2"
        assert "Differs" not in str(screen.query_one("#statement-rating").content)
        await pilot.press("down", "2")  # 1.3 developing vs secure: differs
        assert screen.current_code == "1.3" and "Ask: " in str(aside.content)
        await pilot.press("ctrl+s")
        await pilot.press("down", "1")  # 1.4 emerging: same
        await pilot.press("down", "3")  # 1.5 secure vs emerging: maybe too kind
        assert "maybe too kind" in str(aside.content)
        await pilot.press("ctrl+d")
        app.save_now(wait=True)

    doc = store.load_meeting(app.meeting.id)
    ratings = doc["sections"][1]["ratings"]
    summary = {code: (r["level"], r.get("prior"), r.get("agreed")) for code, r in ratings.items()}
    assert summary == {
        "1.1": ("emerging", "developing", "developing"),
        "1.2": ("developing", "developing", None),
        "1.3": ("developing", "secure", "secure"),
        "1.4": ("emerging", "emerging", None),
        "1.5": ("secure", "emerging", "developing"),
    }
    assert ratings["1.1"]["prior_evidence"] == "seen 3 Nov"
    assert load_priors(store, "Sam Jones", "m1w1-module-audit") == {}  # moved into the meeting


async def test_reveal_at_the_end_of_a_heading(make_app, store, audit_script):
    from ect_tui.store.priors import save_priors

    save_priors(store, "Sam Jones", "m1w1-module-audit", {"1.2": {"level": "secure", "evidence": ""}})
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.start_meeting("m1w1-module-audit", ect="Sam Jones", mentor="Alex Smith")
        app.meeting.set_reveal("heading")
        app.go_to("audit")
        await pilot.pause()
        screen = app.screen
        await pilot.press("1", "down", "1", "down")  # 1.2 differs, but the heading is not finished
        assert screen.current_code == "1.3"
        assert "Difference" not in str(screen.query_one("#aside-text").content)
        await pilot.press("1", "down", "1", "down", "1", "down", "1")  # 1.3-1.6: heading done -> back to 1.2
        assert screen.current_code == "1.2"
        assert "your prepared view: Secure" in str(screen.query_one("#aside-text").content)


def _prepare_state(screen: PrepareScreen) -> dict[str, tuple[str, str]]:
    return {code: (v.get("level", ""), v.get("evidence", "")) for code, v in screen.views.items()}


async def test_prepare_stays_on_a_rated_statement_and_files_evidence_under_the_statement_shown(
    make_app, store
):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_prepare("Sam Jones", "m1w1-module-audit")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PrepareScreen)
        assert "1 Emerging 2 Developing 3 Secure records your view of the highlighted statement" in str(
            screen.query_one(".hint").content
        )
        await pilot.press("3", "1")  # as in the audit, the cursor stays: the second key corrects the first
        assert screen.code == "1.1" and _prepare_state(screen) == {"1.1": ("emerging", "")}
        await pilot.press("3", "down", "1", "down")
        assert screen.code == "1.3"
        # Enter: evidence for the highlighted statement, which the box shows.
        await pilot.press("enter", *"drop-in 3 Nov", "enter", "2", "down")
        assert screen.code == "1.4"
        assert _prepare_state(screen) == {
            "1.1": ("secure", ""),
            "1.2": ("emerging", ""),
            "1.3": ("developing", "drop-in 3 Nov"),
        }
        assert "1.4" in str(screen.query_one("#prior-text").content)
        assert screen.query_one("#evidence").value == ""
        # Typed into the box, then straight back to the list and a rating: the text stays with 1.4.
        await pilot.press("enter", *"book look", "escape", "3")
        assert _prepare_state(screen)["1.4"] == ("secure", "book look")
        assert screen.code == "1.4"
        # Down from the last statement under a heading moves on past the next heading.
        await pilot.press("down", "down", "1", "down")
        assert screen.code == "1a"
        assert _prepare_state(screen)["1.6"] == ("emerging", "")
        await pilot.press("up", "up")  # back over the heading to 1.5: its view is shown
        assert screen.code == "1.5" and "no view yet" in str(screen.query_one("#prior-text").content)
        await pilot.press("escape")
        await app.workers.wait_for_complete()
    saved = load_priors(store, "Sam Jones", "m1w1-module-audit")
    assert {code: view["level"] for code, view in saved.items()} == {
        "1.1": "secure",
        "1.2": "emerging",
        "1.3": "developing",
        "1.4": "secure",
        "1.6": "emerging",
    }
    assert saved["1.3"]["evidence"] == "drop-in 3 Nov" and saved["1.4"]["evidence"] == "book look"


async def test_an_agreed_rating_after_a_live_view(make_app, store, monkeypatch):
    app = make_app()
    notices: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **kw: notices.append(message))
    async with app.run_test(size=(100, 30)) as pilot:
        app.start_meeting("m1w1-module-audit", ect="Sam Jones", mentor="Alex Smith")
        app.go_to("audit")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AuditScreen)
        detail = screen.query_one("#statement-rating")
        agreed_box = screen.query_one("#agreed-reason")
        await pilot.press("2")  # 1.1 Developing: the cursor stays on it
        await pilot.press("ctrl+s")  # no view differs yet: nothing to agree, and the line says why
        assert "Agreeing comes after a difference" in str(screen.query_one("#last-change").content)
        assert app.meeting.record("audit").rating("1.1").agreed is None
        assert not agreed_box.display
        await pilot.press("plus")  # maybe too harsh
        assert "Mentor: maybe too harsh" in str(
            detail.content
        ) and "Agree a rating together: ctrl+e ctrl+d ctrl+s" in str(detail.content)
        assert agreed_box.display
        notices.clear()
        await pilot.press("ctrl+s")
        assert notices == []
        assert "Agreed: Secure" in str(detail.content)
        await pilot.press("tab", "tab")  # past the ECT's reason to the agreed-reason box
        assert agreed_box.has_focus
        await pilot.press(*"Strong drop-in", "escape")
        rating = app.meeting.record("audit").rating("1.1")
        assert (rating.level, rating.mentor_view, rating.agreed, rating.agreed_reason) == (
            "developing",
            "too-harsh",
            "secure",
            "Strong drop-in",
        )
        assert str(screen.query_one("#statements").get_option("1.1").prompt).startswith("S↑")
        assert screen.query_one("#audit-counts").content.plain.startswith("Rated 1 of")


async def test_agreeing_keeps_the_cursor_so_the_next_key_is_about_the_same_statement(make_app, store):
    """A difference left behind (1.1) does not pull the cursor away from the one just agreed (1.2)."""
    from ect_tui.store.priors import save_priors

    save_priors(
        store,
        "Sam Jones",
        "m1w1-module-audit",
        {"1.1": {"level": "secure", "evidence": ""}, "1.2": {"level": "secure", "evidence": ""}},
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_meeting("m1w1-module-audit", ect="Sam Jones", mentor="Alex Smith")
        app.go_to("audit")
        await pilot.pause()
        screen = app.screen
        await pilot.press("1", "down", "2", "ctrl+d")  # 1.1 differs, left for later; 1.2 agreed Developing
        assert screen.current_code == "1.2"
        await pilot.press("delete")  # about 1.2, not 1.1
        rating = app.meeting.record("audit").rating
        assert (rating("1.2").level, rating("1.2").agreed) == (None, None)
        assert rating("1.1").level == "emerging"


async def test_views_prepared_while_a_meeting_waited_unfinished_join_it_where_still_blind(make_app, store):
    """Back to the first screen, prepare, carry the meeting on: unrated statements take the views;
    one the ECT already rated keeps its view prepared for next time."""
    from ect_tui.store.priors import load_priors, save_priors

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.start_meeting("m1w1-module-audit", ect="Sam Jones", mentor="Alex Smith")
        app.go_to("audit")
        await pilot.pause()
        await pilot.press("1")  # 1.1 rated Emerging before any view was prepared
        meeting_id = app.meeting.id
        app.new_meeting()
        await pilot.pause()
        save_priors(
            store,
            "Sam Jones",
            "m1w1-module-audit",
            {"1.1": {"level": "secure", "evidence": ""}, "1.2": {"level": "secure", "evidence": "seen"}},
        )
        app.resume_meeting(meeting_id)
        await pilot.pause()
        rating = app.meeting.record("audit").rating
        assert (rating("1.2").prior, rating("1.2").prior_evidence) == ("secure", "seen")
        assert rating("1.1").prior is None
        assert load_priors(store, "Sam Jones", "m1w1-module-audit") == {
            "1.1": {"level": "secure", "evidence": ""}
        }
