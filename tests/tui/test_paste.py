"""A paste is words, never keys: escape codes and bells dropped, text kept whole and in order."""

from __future__ import annotations

import pytest
from textual import events

from ect_tui.safe_text import pasted
from ect_tui.tui.widgets.notes import NotesArea
from tests.tui.steps import open_audit_meeting

DIRTY = "AAA \x1b[2J BBB\x07 and \x1b[31mred\x1b[0m\r\nnext line"
CLEAN = "AAA  BBB and red\nnext line"


def ratings(app) -> dict:
    record = app.meeting.record("audit")
    return {code: (r.level, r.mentor_view) for code, r in record.ratings.items()}


async def paste(app, pilot, text: str) -> None:
    app.post_message(events.Paste(text))  # as the terminal's bracketed paste arrives
    await pilot.pause()


async def test_a_paste_on_the_audit_list_starts_the_reason_cleaned_and_fires_no_key(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_audit_meeting(app, pilot, at="audit")
        await pilot.press("2")  # 1.1 Developing
        before, planned = ratings(app), app.meeting.record("audit").countdown.adjust_seconds
        await paste(app, pilot, DIRTY)
        reason = app.screen.query_one("#reason", NotesArea)
        assert reason.has_focus and reason.text == CLEAN
        assert app.meeting.record("audit").rating("1.1").reason == CLEAN
        assert ratings(app) == before
        assert app.meeting.record("audit").countdown.adjust_seconds == planned  # the BEL added no minute


async def test_a_paste_into_a_note_keeps_its_place_among_typed_text(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_audit_meeting(app, pilot, at="audit")
        await pilot.press("enter", *"before ")
        await paste(app, pilot, "\x1b]0;title\x07middle\x9b2J")
        await pilot.press(*" after")
        await pilot.pause()
        assert app.screen.query_one("#reason", NotesArea).text == "before middle after"


async def test_a_paste_of_nothing_but_codes_changes_nothing(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_audit_meeting(app, pilot, at="audit")
        await paste(app, pilot, "\x1b[2J\x07\x1b[H")
        assert not app.screen.query_one("#reason", NotesArea).has_focus
        assert app.meeting.record("audit").rating("1.1").reason == ""


def _parse(chunks: list[str]) -> list:
    """Feed raw terminal input, as reads deliver it, to the parser the real driver uses."""
    from textual.drivers import linux_driver

    from ect_tui.tui.paste_guard import install

    install()
    parser = linux_driver.XTermParser()
    events_out = []
    for chunk in chunks:
        events_out += list(parser.feed(chunk))
    return events_out


RAW = "\x1b[200~AAA \x1b[2J BBB\x07 end\x1b[201~"


@pytest.mark.parametrize("size", [len(RAW), 1, 3, 7])
def test_the_terminal_parser_keeps_a_paste_with_escape_codes_whole(size):
    chunks = [RAW[i : i + size] for i in range(0, len(RAW), size)] + ["x"]
    got = _parse(chunks)
    pastes = [e for e in got if isinstance(e, events.Paste)]
    keys = [e.key for e in got if isinstance(e, events.Key)]
    assert keys == ["x"]  # the key typed after the paste; nothing from inside it
    assert [pasted(p.text) for p in pastes] == ["AAA  BBB end"]


def test_escape_outside_a_paste_is_still_a_key_and_a_paste_ending_in_esc_is_kept():
    got = _parse(["\x1b[200~a\x1b\x1b[201~", "\x1b[A"])
    assert [pasted(e.text) for e in got if isinstance(e, events.Paste)] == ["a"]
    assert [e.key for e in got if isinstance(e, events.Key)] == ["up"]
