"""The user's keymap (config.toml ``[keymap]``): which binding ids exist, and whether the keys given clash.

Textual applies a keymap by binding id (``App.set_keymap``) and silently ignores an id
it never meets, so a typo would leave the mentor wondering why their key does nothing.
``check_keymap`` names each unknown id, each key Textual would never send, and each
clash (two actions on one key in the same place, or a key the whole app already uses)
in one sentence apiece. It imports every screen to know their bindings, so the app calls
it after the first frame, and only when there is a keymap.
"""

from __future__ import annotations

import difflib
import importlib
import inspect
import pkgutil
import string
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import Keys

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})


@dataclass(frozen=True)
class KnownBinding:
    """One remappable binding: its id, default keys, what it does, and the class that declares it."""

    id: str
    keys: str
    description: str
    owner: type[DOMNode]

    @property
    def where(self) -> str:
        return self.owner.__name__


def _ui_modules() -> Iterator[str]:
    import ect_tui.tui.screens
    import ect_tui.tui.widgets

    yield "ect_tui.tui.app"
    for package in (ect_tui.tui.screens, ect_tui.tui.widgets):
        for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            yield module.name


def _own_classes() -> list[type[DOMNode]]:
    """Every screen, widget and the app class of ect-tui that declares BINDINGS of its own."""
    found: dict[str, type[DOMNode]] = {}
    for name in _ui_modules():
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(cls, DOMNode)
                and cls.__module__.startswith("ect_tui.")
                and "BINDINGS" in cls.__dict__
            ):
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return list(found.values())


def _bindings(cls: type) -> list[tuple[Binding, type]]:
    """The bindings a node of ``cls`` has, its own and its bases', each with the class declaring it."""
    out: list[tuple[Binding, type]] = []
    for base in reversed(cls.__mro__):
        for item in base.__dict__.get("BINDINGS", ()):
            out.append((item if isinstance(item, Binding) else Binding(*item), base))
    return out


def known_bindings() -> dict[str, KnownBinding]:
    """Every binding id in the app, by id (ect-tui's own; Textual's built-in widgets are left out)."""
    known: dict[str, KnownBinding] = {}
    for cls in _own_classes():
        for binding in cls.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding) and binding.id and binding.id not in known:
                known[binding.id] = KnownBinding(binding.id, binding.key, binding.description, cls)
    return dict(sorted(known.items()))


def _key_names() -> frozenset[str]:
    """The names Textual gives keys (the part after any ctrl+/shift+): 'f5', 'enter', 'question_mark', 'j'."""
    names = {key.value.rsplit("+", 1)[-1] for key in Keys}
    for char in string.printable.strip():
        names.add(char)
        if not char.isalnum():
            names.add(unicodedata.name(char).lower().replace(" ", "_").replace("-", "_"))
    return frozenset(names)


def bad_key(keys: str) -> str | None:
    """The first of comma-separated ``keys`` that Textual would never send, else None."""
    names = _key_names()
    for key in keys.split(","):
        *modifiers, base = key.strip().split("+")
        if not base or base not in names or any(m not in MODIFIERS for m in modifiers):
            return key.strip()
    return None


def _app_wide(app_class: type[App], keymap: Mapping[str, str]) -> dict[str, str]:
    """Keys the whole app answers to (quit, palette, focus), after the keymap: key -> description."""
    keys = {"ctrl+p": "the command palette"}  # App.COMMAND_PALETTE_BINDING, added by Textual itself
    for binding, _ in _bindings(app_class):
        for key in keymap.get(binding.id or "", binding.key).split(","):
            keys[key.strip()] = (binding.description or binding.action).lower()
    return keys


def check_keymap(keymap: Mapping[str, str], app_class: type[App], where: str = "config.toml") -> list[str]:
    """One sentence per problem with ``keymap`` (binding id -> keys); empty when all is well."""
    known = known_bindings()
    problems: list[str] = []
    for binding_id, keys in keymap.items():
        if binding_id not in known:
            close = difflib.get_close_matches(binding_id, list(known), n=1, cutoff=0.75)
            hint = f" (did you mean {', '.join(close)}?)" if close else " (`ect-tui keys` lists them)"
            problems.append(f"{where}: keymap.{binding_id}: no such binding id{hint}")
        elif (bad := bad_key(keys)) is not None:
            problems.append(f"{where}: keymap.{binding_id}: {bad!r} is not a key Textual knows")
    app_wide = _app_wide(app_class, keymap)
    own_app_ids = {b.id for b, _ in _bindings(app_class) if b.id}
    reported: set[tuple[str, str]] = set()
    for cls in _own_classes():
        taken: dict[str, tuple[str, type]] = {}  # key -> (what it does here, declared by), after the keymap
        for binding, owner in _bindings(cls):
            chosen = keymap.get(binding.id or "", binding.key)
            for key in (k.strip() for k in chosen.split(",")):
                label = binding.id or binding.description or binding.action
                other, other_owner = taken.get(key, (label, owner))
                if other != label:
                    first, second = sorted((other, label))
                    if (first, second) not in reported and (label in keymap or other in keymap):
                        reported.add((first, second))
                        place = owner if issubclass(owner, other_owner) else other_owner
                        problems.append(
                            f"{where}: keymap: {first} and {second} would both be {key} ({place.__name__})"
                        )
                taken[key] = (label, owner)
                if (
                    binding.id
                    and binding.id in keymap
                    and binding.id not in own_app_ids
                    and key in app_wide
                    and (binding.id, key) not in reported
                ):
                    reported.add((binding.id, key))
                    problems.append(
                        f"{where}: keymap.{binding.id}: {key} is already the app-wide key for {app_wide[key]}"
                    )
    return problems
