"""F1 (or ? outside a text box): every key of the screen on show, grouped, with what it does.

Built from the screen's own bindings (its widgets', its own, the meeting's and the app's), so
the help cannot drift from the keys. Escape closes it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

from textual.actions import parse
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.keys import key_to_character
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ect_tui.tui.screens.css import SCREENS_CSS

# Names Textual gives keys that are clearer written as they look.
KEY_NAMES = {
    "plus": "+",
    "minus": "-",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "question_mark": "?",
}
# Bindings whose id starts with one of these belong to a group of their own, whatever node holds them.
GROUP_BY_ID = {"meeting.": "Moving through the meeting", "app.": "Everywhere"}
WIDGET_GROUP = "On the highlighted list"
SCREEN_GROUP = "On this screen"


@dataclass(frozen=True)
class HelpKey:
    keys: str  # e.g. "ctrl+z" or "1 / 2 / 3"
    description: str


@dataclass(frozen=True)
class HelpGroup:
    title: str
    keys: tuple[HelpKey, ...]


def key_text(keys: str) -> str:
    """``"delete,backspace"`` -> ``"delete / backspace"``; ``"question_mark"`` -> ``"?"``."""
    shown = []
    for key in keys.split(","):
        key = key.strip()
        character = KEY_NAMES.get(key) or (key_to_character(key) if len(key) > 1 else key)
        shown.append(character if character and character.isprintable() else key)
    return " / ".join(dict.fromkeys(shown))


def _own_bindings(node: DOMNode) -> list[Binding]:
    """The node's bindings as its classes declare them (ours only: not Textual's widget internals)."""
    found: list[Binding] = []
    for cls in reversed(type(node).__mro__):
        if "BINDINGS" in cls.__dict__ and _ours(cls):
            found.extend(Binding.make_bindings(cls.__dict__["BINDINGS"]))
    return found


def _ours(cls: type) -> bool:
    """A class of this app (or made from one, e.g. a statement list with a script's level keys)."""
    return any(c.__module__.startswith("ect_tui") for c in cls.__mro__)


def _offered(node: DOMNode, binding: Binding) -> bool:
    """The app's key does something on this screen (e.g. the timer keys only where a timer runs).
    A screen's own keys are all listed, even those that only work in one of its boxes."""
    namespace, name, parameters = parse(binding.action)
    if namespace != "app" and node is not node.app:
        return True
    return node.app.check_action(name, parameters) is not False


def help_groups(screen: Screen, extra: Iterable[tuple[str, str, str]] = ()) -> list[HelpGroup]:
    """Every key of ``screen``, grouped: its lists and boxes, the screen, the meeting, everywhere.

    ``extra`` adds (group, keys, description) rows for keys no binding declares (e.g. the palette).
    """
    app = screen.app
    nodes: list[DOMNode] = [w for w in screen.query("*") if _ours(type(w)) and _shown(w)]
    nodes += [screen, app]
    # title -> action -> (keys, description): keys for the same action share one line.
    groups: dict[str, dict[str, tuple[list[str], str]]] = {}
    for node in nodes:
        default = (
            "Everywhere"
            if node is app
            else SCREEN_GROUP
            if node is screen
            else getattr(type(node), "HELP_GROUP", WIDGET_GROUP)
        )
        for binding in _own_bindings(node):
            if not binding.description or not _offered(node, binding):
                continue
            title = next(
                (t for prefix, t in GROUP_BY_ID.items() if (binding.id or "").startswith(prefix)), default
            )
            keys, description = groups.setdefault(title, {}).setdefault(
                binding.action, ([], binding.tooltip or binding.description)
            )
            text = key_text(binding.key)
            if text not in keys:
                keys.append(text)
        for keys_text, description in getattr(type(node), "HELP_EXTRA", ()):
            groups.setdefault(default, {}).setdefault(keys_text, ([keys_text], description))
    for title, keys_text, description in extra:
        groups.setdefault(title, {}).setdefault(keys_text, ([keys_text], description))
    later = [SCREEN_GROUP, *GROUP_BY_ID.values()]  # the widgets' own groups come first
    titles = sorted(groups, key=lambda t: later.index(t) + 1 if t in later else 0)
    return [
        HelpGroup(title, tuple(HelpKey(" / ".join(keys), text) for keys, text in groups[title].values()))
        for title in titles
        if groups[title]
    ]


def _shown(widget: DOMNode) -> bool:
    """Neither the widget nor any container around it is hidden (e.g. the private note)."""
    node: DOMNode | None = widget
    while node is not None and not isinstance(node, Screen):
        if not node.display:
            return False
        node = node.parent
    return True


def help_content(groups: list[HelpGroup], width: int = 76) -> Content:
    """The groups as text: a bold title, then each key with what it does, the description
    wrapped under itself (not under the key) to fit ``width`` columns."""
    keys_width = max((len(k.keys) for g in groups for k in g.keys), default=0)
    room = max(20, width - keys_width - 4)
    parts: list[str | tuple[str, str]] = []
    for group in groups:
        if parts:
            parts.append("\n")
        parts += [(group.title, "bold underline"), "\n"]
        for key in group.keys:
            lines = textwrap.wrap(key.description, room) or [""]
            parts += [(f"  {key.keys:<{keys_width}}", "bold $accent"), f"  {lines[0]}\n"]
            parts += [f"  {'':<{keys_width}}  {line}\n" for line in lines[1:]]
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    """The keys of the screen underneath; escape (or F1, or ?) closes it."""

    CSS_PATH = SCREENS_CSS  # read when first shown (see screens/css.py)

    BINDINGS = [
        Binding("escape,f1,question_mark,q", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, title: str, groups: list[HelpGroup]):
        super().__init__()
        self.title_text = title
        self.groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Content(f"Keys: {self.title_text}"), classes="heading")
            # The box is 90% of the window, less its border, padding and scrollbar (screens.tcss).
            width = min(96, self.app.size.width * 9 // 10) - 6
            yield Static(help_content(self.groups, width), id="help-keys")
            yield Static("escape closes this help", classes="hint")


# Keys no binding declares, so the help would otherwise miss them.
EXTRA_ROWS = (
    ("Everywhere", "ctrl+c", "Copy the selected text"),
    ("Everywhere", "ctrl+p", "Command palette: every section, exports, settings"),
)


def show_help(app: App) -> None:
    """Open the help for the screen on show (not for a help already open)."""
    screen = app.screen
    if isinstance(screen, HelpScreen):
        return
    title = str(getattr(screen, "title_text", "") or screen.sub_title or screen.title or app.title)
    extra = [row for row in EXTRA_ROWS if app.ENABLE_COMMAND_PALETTE or row[1] != "ctrl+p"]
    app.push_screen(HelpScreen(title, help_groups(screen, extra)))
