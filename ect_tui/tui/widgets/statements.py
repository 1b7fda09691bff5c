"""The audit's statement list: one key rates, and typing is never read as a command.

Letters are for words. A mentor who starts typing the ECT's reason on the list ("she said
she had tried it") must not re-rate the statement with each s and d, so every command on the
list is a key no sentence starts with:

- ``1`` ``2`` ``3``: the ECT's rating (the script's levels, lowest first);
- ``=`` ``+`` ``-``: the mentor's view: agree, maybe too harsh (could be higher), maybe too kind
  (could be lower);
- ``ctrl`` + the level's letter (``ctrl+e`` ``ctrl+d`` ``ctrl+s``): the rating agreed together;
- ``>`` the next unrated statement, ``!`` the next one still to agree.

Any other character typed on the list (a letter, a space, a quote) starts the reason: the
screen moves to the reason box and the character goes in first (see `AuditScreen.claim_key`).
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList

from ect_tui.meeting.transcript import Rating
from ect_tui.script.loader import RESERVED_AUDIT_KEYS
from ect_tui.script.model import Level, Statement

LEVEL_STYLES = {"emerging": "$error", "developing": "$warning", "secure": "$success"}
VIEW_MARKS = {"agree": "=", "too-harsh": "↑", "too-kind": "↓"}  # ↑: it could be higher


class StatementList(OptionList):
    """The statements under their headings; level keys are added per script by `statement_list_for`."""

    HELP_GROUP = "On the statement list"
    HELP_EXTRA = (("↑ / ↓", "Move through the statements (pageup / pagedown: a page)"),)
    BINDINGS = [
        Binding(
            "enter",
            "screen.reason",
            "Reason",
            id="audit.reason",
            tooltip="Write the ECT's reason (or just type)",
        ),
        # The rating and view keys are in the legend under the list; the key bar keeps room for the rest.
        Binding(
            "equals_sign",
            "screen.view('agree')",
            "Agree",
            show=False,
            id="audit.agree",
            tooltip="Your view: you agree",
        ),
        Binding(
            "plus",
            "screen.view('too-harsh')",
            "Too harsh",
            show=False,
            id="audit.too-harsh",
            tooltip="Your view: maybe too harsh (it could be higher)",
        ),
        Binding(
            "minus",
            "screen.view('too-kind')",
            "Too kind",
            show=False,
            id="audit.too-kind",
            tooltip="Your view: maybe too kind (it could be lower)",
        ),
        Binding(
            "greater_than_sign",
            "screen.jump('unrated')",
            "Next unrated",
            id="audit.next-unrated",
            tooltip="Jump to the next statement not yet rated",
        ),
        Binding(
            "exclamation_mark",
            "screen.jump('agree')",
            "Next to agree",
            show=False,
            id="audit.next-to-agree",
            tooltip="Jump to the next statement that still needs an agreed rating",
        ),
        Binding(
            "delete",
            "screen.clear_rating",
            "Clear rating",
            show=False,
            id="audit.clear",
            tooltip="Clear the rating",
        ),
        Binding("f2", "screen.aside", "More", show=False, id="audit.aside", tooltip="Next probing prompt"),
    ]


# ctrl+ these letters already mean something in a terminal or in the meeting (the script loader
# refuses them as a level's letter: RESERVED_AUDIT_KEYS).
TAKEN_CTRL_LETTERS = frozenset(RESERVED_AUDIT_KEYS)


def statement_list_for(levels: tuple[Level, ...]) -> type[StatementList]:
    """A StatementList with this script's rating keys: 1, 2, 3 … in the order of its levels, and
    ctrl + each level's letter for the rating agreed after a difference."""
    bindings = [
        Binding(
            str(number),
            f"screen.rate('{level.key}')",
            level.label,
            show=False,
            id=f"audit.rate-{level.key}",
            tooltip=f"The ECT rates it {level.label}",
        )
        for number, level in enumerate(levels[:9], start=1)
    ] + [
        Binding(
            f"ctrl+{level.shortcut}",
            f"screen.settle('{level.key}')",
            f"Agree {level.label}",
            show=False,
            id=f"audit.agree-{level.key}",
            tooltip=f"You agreed {level.label} together (after a difference)",
        )
        for level in levels
        if level.shortcut not in TAKEN_CTRL_LETTERS
    ]
    return type("StatementList", (StatementList,), {"BINDINGS": bindings, "__module__": __name__})


def legend(levels: tuple[Level, ...], *, views: bool = True) -> Content:
    """The one line under the list: the rating keys in their levels' colours, then the view keys."""
    parts: list[str | tuple[str, str]] = []
    for number, level in enumerate(levels[:9], start=1):
        parts += [(str(number), "bold"), " ", (level.label, LEVEL_STYLES.get(level.key, "")), "  "]
    if views:
        parts += ["·  view: ", ("=", "bold"), " agree  ", ("+", "bold"), " too harsh  "]
        parts += [("-", "bold"), " too kind"]
    else:
        parts += ["·  type: your evidence"]
    return Content.assemble(*parts)


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
