"""Before the audit: the mentor records their own evidence-based view of some statements.

The ECT never sees these while rating: the audit screen reveals each one only
after the ECT has rated that statement (or the whole heading).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ect_tui.script.model import Script, Section
from ect_tui.store.priors import Views, load_priors, save_priors
from ect_tui.tui.screens.css import SCREENS_CSS
from ect_tui.tui.widgets.keybar import KeyBar
from ect_tui.tui.widgets.statements import LEVEL_STYLES, legend

if TYPE_CHECKING:
    from ect_tui.tui.app import EctApp


class PriorList(OptionList):
    """Statements with the mentor's view; level keys are added per script (see `prior_list_for`).

    As on the audit list, no command is a letter: typing starts the evidence (see
    `PrepareScreen.claim_key`), so a sentence never changes a view."""

    HELP_GROUP = "On the statement list"
    HELP_EXTRA = (("↑ / ↓", "Move through the statements (pageup / pagedown: a page)"),)
    BINDINGS = [
        Binding(
            "enter",
            "evidence",
            "Evidence",
            id="prepare.evidence",
            tooltip="Write your evidence (or just type)",
        ),
        Binding(
            "delete",
            "screen.prior(None)",
            "Clear",
            id="prepare.clear",
            tooltip="Clear your view of this statement",
        ),
    ]

    def action_evidence(self) -> None:
        box = self.screen.query_one("#evidence", Input)
        box.focus()
        box.cursor_position = len(box.value)  # carry on writing where it ends


def prior_list_for(section: Section) -> type[PriorList]:
    bindings = [
        Binding(str(number), f"screen.prior('{level.key}')", level.label, id=f"prepare.rate-{level.key}")
        for number, level in enumerate(section.levels[:9], start=1)
    ]
    return type("PriorList", (PriorList,), {"BINDINGS": bindings, "__module__": __name__})


class PrepareScreen(Screen):
    """One audit section's statements; 1/2/3 records your view of the highlighted one (as in the
    audit, the cursor stays), Enter opens its evidence box, down moves on."""

    CSS_PATH = SCREENS_CSS  # read when first shown (see screens/css.py)

    BINDINGS = [
        Binding("escape", "done", "Done", id="prepare.done"),
    ]

    def __init__(self, ect: str, script: Script):
        super().__init__(name="prepare")
        self.ect = ect
        self.script = script
        self.section = script.audit_sections()[0]
        self.views: Views = {}
        self._shown_code = self.section.statements[0].code  # what the evidence box is showing
        self._claiming = False  # evidence started by typing on the list, focus not back there yet

    @property
    def code(self) -> str:
        """The statement under the cursor, read from the list (keys can beat its messages)."""
        for priors in self.query("#priors").results(OptionList):
            option = priors.highlighted_option
            if option is not None and option.id and not option.id.startswith("group:"):
                return option.id
        return self._shown_code

    @property
    def ect_app(self) -> EctApp:
        return cast("EctApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static(
            Content(f"Your view before the audit with {self.ect}: {self.script.label}"), classes="heading"
        )
        yield Static(legend(self.section.levels, views=False), id="prepare-legend")
        yield Static(
            "Hidden from the ECT; each view is revealed once they rate that statement, to talk a difference "
            "through. Rate only what you have evidence for: "
            f"{self._numbers()} records your view of the highlighted statement; type (or Enter) to write "
            "your evidence for it, ↓ moves on.",
            classes="hint",
        )
        with Horizontal(id="prepare-panes"):
            yield prior_list_for(self.section)(id="priors")
            with Vertical(id="prepare-right"):
                yield Static(id="prior-text")
                yield Static("Your evidence (what you saw, when)", classes="label")
                yield Input(
                    placeholder="e.g. drop-in 3 Nov: routines clear, 2 reminders needed",
                    id="evidence",
                    select_on_focus=False,
                )
                yield Static(id="prior-count", classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.views = load_priors(self.ect_app.store, self.ect, self.script.id)
        priors = self.query_one("#priors", OptionList)
        for group in self.section.groups:
            priors.add_option(
                Option(Content.styled(group.title, "bold"), id=f"group:{group.id}", disabled=True)
            )
            for statement in self.section.statements:
                if statement.group == group.id:
                    priors.add_option(Option(self._prompt(statement.code), id=statement.code))
        priors.highlighted = priors.get_option_index(self._shown_code)
        priors.focus()
        self._show()

    def _numbers(self) -> str:
        return " ".join(
            f"{number} {level.label}" for number, level in enumerate(self.section.levels[:9], start=1)
        )

    def claim_key(self, event: events.Key) -> bool:
        """Called by the app before a key reaches the list: a character that is no command starts
        the evidence, and goes in first (a sentence must never change a view). The rest of a
        fast burst arrives before focus moves: all of it goes into the evidence, in order."""
        if not isinstance(self.focused, PriorList) or not event.is_printable or not event.character:
            return False
        box = self.query_one("#evidence", Input)
        if self._claiming:
            box.cursor_position = len(box.value)
            box.insert_text_at_cursor(event.character)
            return True
        if event.key in self.active_bindings:
            return False
        self._start_evidence(event.character)
        return True

    def claim_paste(self, text: str) -> bool:
        """A paste on the list is evidence too, on one line (the box is a single line)."""
        if not isinstance(self.focused, PriorList):
            return False
        line = " ".join(text.split("\n")).strip()
        if self._claiming:
            box = self.query_one("#evidence", Input)
            box.cursor_position = len(box.value)
            box.insert_text_at_cursor(line)
        elif line:
            self._start_evidence(line)
        return True

    def _start_evidence(self, text: str) -> None:
        box = self.query_one("#evidence", Input)
        self._show()  # the box shows the highlighted statement now, not after a message
        self._claiming = True
        box.focus()
        box.cursor_position = len(box.value)
        joined = not box.value or box.value[-1].isspace() or text[:1].isspace()
        box.insert_text_at_cursor(text if joined else " " + text)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, PriorList):
            self._claiming = False  # back on the list: letters start new evidence again

    def _prompt(self, code: str) -> Content:
        level = self.views.get(code, {}).get("level") or None
        letter = self.section.level(level).label[0] if level else "·"
        text = self.section.statement(code).text
        return Content.assemble(
            (letter, f"bold {LEVEL_STYLES.get(level or '', '$text-muted')}"), f" {code:<4} {text}"
        )

    def _show(self) -> None:
        evidence = self.query_one("#evidence", Input)
        if self.code != self._shown_code:
            # Before the box switches statement, file what it holds under the one it showed.
            self._file_evidence(self._shown_code, evidence.value)
        self._shown_code = self.code
        view = self.views.get(self.code, {})
        statement = self.section.statement(self.code)
        level = self.section.level(view["level"]).label if view.get("level") else "no view yet"
        self.query_one("#prior-text", Static).update(
            Content(f"{statement.code}  {statement.text}\n\nYour view: {level}")
        )
        if evidence.value != view.get("evidence", ""):
            evidence.value = view.get("evidence", "")
            evidence.cursor_position = 0  # browsing: show its beginning (Enter to edit goes to its end)
            evidence.scroll_to(x=0, animate=False, immediate=True)
        rated = sum(1 for v in self.views.values() if v.get("level"))
        self.query_one("#prior-count", Static).update(
            f"{rated} statement(s) with your view. Escape when done: it is saved as you go."
        )

    def action_prior(self, level: str | None) -> None:
        if level is None:
            self.views.pop(self.code, None)
        else:
            self.views.setdefault(self.code, {"evidence": ""})["level"] = level
        priors = self.query_one("#priors", OptionList)
        priors.replace_option_prompt(self.code, self._prompt(self.code))
        self.save()  # and stay on the statement, as in the audit: Enter adds its evidence, down moves on
        self._show()

    def save(self) -> None:
        self._write({code: dict(view) for code, view in self.views.items()})

    @on(Input.Changed, "#evidence")
    def _evidence(self, event: Input.Changed) -> None:
        # Filed under the statement the box shows; evidence may come before the rating.
        if event.value != event.input.value:
            return  # stale: the box has moved on to another statement (what it held was filed then)
        self._file_evidence(self._shown_code, event.value)

    def _file_evidence(self, code: str, text: str) -> None:
        view = self.views.get(code, {})
        if view.get("evidence", "") == text:
            return
        view = self.views.setdefault(code, {"level": "", "evidence": ""})
        view["evidence"] = text
        if not view["evidence"] and not view.get("level"):
            del self.views[code]
        self.save()

    @on(Input.Submitted, "#evidence")
    def _evidence_done(self) -> None:
        self.query_one("#priors", OptionList).focus()

    @on(OptionList.OptionHighlighted, "#priors")
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and not event.option.id.startswith("group:"):
            self._show()

    @work(thread=True, group="priors")
    def _write(self, views: Views) -> None:
        """Off the event loop: the table lives in the database file, which may be large."""
        save_priors(self.ect_app.store, self.ect, self.script.id, views)

    async def action_done(self) -> None:
        """Escape from the evidence box goes back to the list; from the list, closes (all is saved)."""
        if self.query_one("#evidence", Input).has_focus:
            self.query_one("#priors", OptionList).focus()
            return
        await self.workers.wait_for_complete()
        self.ect_app.leave_prepare()
