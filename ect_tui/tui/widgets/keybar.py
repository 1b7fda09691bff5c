"""The keys a screen offers, on one line at the foot of every screen.

It draws what Textual's compact Footer draws ("^l Past meetings f2 Overview ^q Quit",
the palette key on the right), as one widget. The Footer is a container holding a
widget per key: each is styled, laid out and drawn again on every screen change, and on
the start screen that was a quarter of the time it took beyond a minimal app (bench/). A
click on a key presses it and hovering shows its tooltip, as in the Footer; keys that do
not fit are left off whole, with "…" after the last that does (F1 lists every key). The
screen's own keys come first, then the meeting's, then the app's; F1 Help and Quit are always
shown, on the right beside the palette key, so 80 columns never drop them. It redraws only
when the keys shown change, not on every focus change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from textual import events
from textual.content import Content
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen

SEPARATOR = "▏"  # before the palette key, as the Footer draws its left border
RIGHT_MARGIN = 1  # the Footer leaves the last column blank after the palette key
MORE = " …"  # after the last key that fits whole, when more did not
# Below this the screens cannot show what matters: the bar alone shows, asking for more room.
MIN_WIDTH, MIN_HEIGHT = 80, 24
# Always shown, on the right: how to find every key, and how to leave.
PINNED_IDS = ("app.help", "app.quit")
# Keys whose binding id starts with these come after the screen's own, in this order.
LATER_PREFIXES = ("meeting.", "app.")


class Key(NamedTuple):
    """One key as shown."""

    key: str  # as bound ("ctrl+l"): what a click presses
    display: str  # as shown ("^l")
    description: str
    enabled: bool
    tooltip: str


class KeyBar(Widget, can_focus=False):
    """One line of keys; styled by app.tcss through its component classes."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "keybar--key",
        "keybar--description",
        "keybar--hover",
        "keybar--disabled",
        "keybar--separator",
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._shown: tuple[tuple[Key, ...], tuple[Key, ...], Key | None] | None = (
            None  # as last drawn: redraw only on change
        )
        self._hover: Key | None = None
        self._places: list[
            tuple[int, int, Key]
        ] = []  # (first cell, after last cell, key) as drawn: for clicks

    def shown_keys(self) -> tuple[tuple[Key, ...], tuple[Key, ...], Key | None]:
        """The keys for the left (one per action, as the Footer does; the screen's own first),
        the pinned keys (help, quit) and the palette key."""
        app = self.app
        bindings = self.screen.active_bindings
        ranked: list[tuple[int, int, Key]] = []
        pinned: dict[str, Key] = {}
        actions: set[str] = set()
        for number, (_node, binding, enabled, tooltip) in enumerate(bindings.values()):
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            key = Key(binding.key, app.get_key_display(binding), binding.description, enabled, tooltip or "")
            if binding.id in PINNED_IDS:
                pinned[binding.id] = key
                continue
            rank = next(
                (i + 1 for i, prefix in enumerate(LATER_PREFIXES) if (binding.id or "").startswith(prefix)), 0
            )
            ranked.append((rank, number, key))
        left = [key for _rank, _number, key in sorted(ranked)]
        right = tuple(pinned[i] for i in PINNED_IDS if i in pinned)
        palette = None
        if app.ENABLE_COMMAND_PALETTE and (found := bindings.get(app.COMMAND_PALETTE_BINDING)) is not None:
            _node, binding, enabled, tooltip = found
            palette = Key(
                binding.key,
                app.get_key_display(binding),
                binding.description,
                enabled,
                binding.tooltip or binding.description,
            )
        return tuple(left), right, palette

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen and self.shown_keys() != self._shown:
            self.refresh()

    def render(self) -> Content:
        """The line as drawn now; it also records what was drawn (``_shown``) and where (``_places``)."""
        if self.screen.has_class("-too-narrow") or self.screen.has_class("-too-short"):
            # app.tcss hides everything else on the screen and centres this line.
            width, height = self.app.size
            self._places = []
            return Content(
                f"Please make this window at least {MIN_WIDTH}x{MIN_HEIGHT} (it is {width}x{height})."
            )
        left, pinned, palette = self._shown = self.shown_keys()
        width = self.size.width
        right = self._piece(palette) if palette is not None else None
        room = width if right is None else max(0, width - right.cell_length - len(SEPARATOR) - RIGHT_MARGIN)
        pinned_pieces = [self._piece(key) for key in pinned]
        pinned_width = sum(piece.cell_length + 1 for piece in pinned_pieces)  # each after a space
        if pinned_width > room:  # narrower than any terminal we support: leave them to F1
            pinned, pinned_pieces, pinned_width = (), [], 0
        total = room
        room -= pinned_width
        places: list[tuple[int, int, Key]] = []
        pieces: list[Content] = []
        more = False
        x = 0
        for number, key in enumerate(left):
            piece = self._piece(key)
            start = x + 1 if pieces else 0
            after = start + piece.cell_length
            if after + (len(MORE) if number < len(left) - 1 else 0) > room:  # whole keys only
                more = True
                break
            places.append((start, after, key))
            pieces.append(piece)
            x = after
        line = Content(" ").join(pieces)
        if more:
            line += MORE if pieces else MORE.strip()
        if pinned_pieces:
            line = line.truncate(room, pad=True)
            x = room
            for key, piece in zip(pinned, pinned_pieces, strict=True):
                places.append((x + 1, x + 1 + piece.cell_length, key))
                line = Content.assemble(line, " ", piece)
                x += 1 + piece.cell_length
        room = total
        if right is not None and palette is not None:
            start = room + len(SEPARATOR)
            places.append((start, start + right.cell_length, palette))
            separator = Content.styled(SEPARATOR, self.get_visual_style("keybar--separator", partial=True))
            line = Content.assemble(line.truncate(room, pad=True), separator, right)
        self._places = places
        return line

    def _piece(self, key: Key) -> Content:
        """ "^l Past meetings": the key in bold, then what it does."""
        extra: tuple[str, ...] = ("keybar--hover",) if key == self._hover else ()
        if not key.enabled:
            extra += ("keybar--disabled",)
        key_style = self.get_visual_style("keybar--key", *extra, partial=True)
        if not key.description:
            return Content.styled(key.display, key_style)
        return Content.assemble(
            (key.display, key_style),
            (f" {key.description}", self.get_visual_style("keybar--description", *extra, partial=True)),
        )

    def key_at(self, x: int) -> Key | None:
        """The key drawn at column ``x`` of this bar, if any."""
        return next((key for start, end, key in self._places if start <= x < end), None)

    def on_click(self, event: events.Click) -> None:
        key = self.key_at(event.x)
        if key is None:
            return
        event.stop()
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self.key_at(event.x)
        if key != self._hover:
            self._hover = key
            self.tooltip = key.tooltip if key is not None and key.tooltip else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()
