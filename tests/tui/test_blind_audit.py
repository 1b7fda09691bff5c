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
        # 1.1..1.5: developing, developing, secure, emerging, secure; evidence on the first
        await pilot.press("d", "enter", *"seen 3 Nov", "enter")
        for key in "dsee":
            await pilot.press("down", key)
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
        await pilot.press("e")
        text = str(aside.content)
        assert "Sam Jones rated Emerging; your prepared view: Developing" in text
        assert "Your evidence: seen 3 Nov" in text and "Ask: " in text
        assert screen.current_code == "1.1"
        await pilot.press("D")  # agreed: Developing
        await pilot.press("down", "d")  # 1.2 developing: same as the mentor, moves on
        assert screen.current_code == "1.3"
        await pilot.press("d")  # 1.3 developing vs secure: differs
        assert screen.current_code == "1.3" and "Ask: " in str(aside.content)
        await pilot.press("S")
        await pilot.press("down", "e")  # 1.4 emerging: same
        await pilot.press("s")  # 1.5 secure vs emerging: maybe too kind
        assert "maybe too kind" in str(aside.content)
        await pilot.press("D")
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
        await pilot.press("e", "e")  # 1.2 differs, but the heading is not finished
        assert screen.current_code == "1.3"
        assert "Difference" not in str(screen.query_one("#aside-text").content)
        await pilot.press("e", "e", "e", "e")  # 1.3-1.6: heading done -> back to 1.2
        assert screen.current_code == "1.2"
        assert "your prepared view: Secure" in str(screen.query_one("#aside-text").content)
