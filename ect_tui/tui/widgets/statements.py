"""The audit's statement list: one row per statement with its level letter and the mentor's mark,
and the rating keys of the script in use. Shared styles for levels and views live here too."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList

from ect_tui.meeting.transcript import Rating
from ect_tui.script.model import Level, Statement

LEVEL_STYLES = {"emerging": "$error", "developing": "$warning", "secure": "$success"}
VIEW_MARKS = {"agree": "=", "too-harsh": "↑", "too-kind": "↓"}


class StatementList(OptionList):
    """The statements under their headings; level keys are added per script by `statement_list_for`."""

    # The actions are the audit screen's own (namespaced "screen."), run as the key is read.
    # The mentor's-view keys are explained beside the rating, so the footer keeps room for the rest.
    BINDINGS = [
        Binding("enter", "screen.reason", "Reason", id="audit.reason"),
        Binding("p", "screen.aside", "Prompts", id="audit.aside"),
        Binding("a", "screen.view('agree')", "Mentor agrees", show=False, id="audit.agree"),
        Binding("h", "screen.view('too-harsh')", "Maybe too harsh", show=False, id="audit.too-harsh"),
        Binding("k", "screen.view('too-kind')", "Maybe too kind", show=False, id="audit.too-kind"),
        Binding("delete,backspace", "screen.clear_rating", "Clear rating", show=False, id="audit.clear"),
    ]


def statement_list_for(levels: tuple[Level, ...]) -> type[StatementList]:
    """A StatementList whose footer shows this script's own rating keys (e.g. e/d/s).

    The same letter in upper case records the rating agreed after a blind-rating difference.
    """
    bindings = [
        Binding(level.shortcut, f"screen.rate('{level.key}')", level.label, id=f"audit.rate-{level.key}")
        for level in levels
    ] + [
        Binding(
            f"{level.shortcut.upper()},shift+{level.shortcut}",
            f"screen.settle('{level.key}')",
            f"Agree {level.label}",
            show=False,
            id=f"audit.agree-{level.key}",
        )
        for level in levels
    ]
    return type("StatementList", (StatementList,), {"BINDINGS": bindings})


def statement_prompt(statement: Statement, rating: Rating, levels: tuple[Level, ...]) -> Content:
    """One row of the list: level letter, mentor mark, code and text (user text never markup).

    The letter is the rating that counts (agreed, else the ECT's); ≠ marks a difference
    with the mentor's blind view that is still to be talked through.
    """
    by_key = {level.key: level for level in levels}
    level = by_key.get(rating.counted or "")
    letter = level.label[0] if level else "·"
    style = LEVEL_STYLES.get(rating.counted or "", "$text-muted")
    mark = "≠" if rating.unsettled else VIEW_MARKS.get(rating.mentor_view or "", " ")
    return Content.assemble((f"{letter}", f"bold {style}"), mark, f" {statement.code:<4} ", statement.text)
