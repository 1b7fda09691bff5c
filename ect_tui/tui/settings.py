"""config.toml in the app: the theme and keymap applied, problems shown once, a chosen theme
remembered, and an error of our own logged rather than printed.

EctApp mixes in ``SettingsMixin``; it calls ``apply_settings`` as it is built (so the first
frame already has the user's theme and keys) and ``report_settings`` once it is on screen.
The palette's theme list is ``RememberedThemes``, which writes the choice back to
config.toml. What a key means is config.py's business; this module only knows Textual.
"""

from __future__ import annotations

import logging
import os
from functools import partial
from typing import TYPE_CHECKING

from textual.theme import ThemeProvider

if TYPE_CHECKING:
    from textual.app import App
    from textual.binding import Binding
    from textual.dom import DOMNode

    from ect_tui.config import Config

    _AppBase = App
else:
    _AppBase = object

log = logging.getLogger(__name__)


def _where(config: Config) -> str:
    return str(config.path) if config.path is not None else "config.toml"


def apply_settings(app: App, config: Config) -> list[str]:
    """Set the user's theme and keymap on ``app`` (not yet running); returns the problems found."""
    problems = list(config.problems)
    # TEXTUAL_THEME in the environment is for one run, so it beats the file (README.md).
    if config.theme and not os.environ.get("TEXTUAL_THEME"):
        if config.theme in app.available_themes:
            app.theme = config.theme
        else:
            import difflib

            close = difflib.get_close_matches(config.theme, list(app.available_themes), n=1)
            hint = (
                f"did you mean {close[0]}?" if close else "known: " + ", ".join(sorted(app.available_themes))
            )
            problems.append(f"{_where(config)}: theme: no theme called {config.theme!r} ({hint})")
    if config.keymap:
        app.set_keymap(dict(config.keymap))
    return problems


def report_settings(app: App, config: Config, problems: list[str]) -> None:
    """Show each problem with config.toml (and log it), then check the keymap in a thread.

    Checking imports every screen (keymap.py), as long as drawing the first one, so it
    runs beside the event loop, and only when there is a keymap to check.
    """
    _tell_all(app, config, problems)
    if config.keymap:
        app.run_worker(partial(_check_keymap, app, config), thread=True, group="settings", name="keymap")


def _check_keymap(app: App, config: Config) -> None:
    """Unknown binding ids, keys that do not exist, and clashes: one message each."""
    from ect_tui.tui.keymap import check_keymap

    problems = check_keymap(config.keymap, type(app), _where(config))
    if problems:
        app.call_from_thread(_tell_all, app, config, problems)


def _tell_all(app: App, config: Config, problems: list[str]) -> None:
    """Each problem to the log whole; on screen one notice naming the file once, a line a problem
    (four notices of their own would not fit at 80x24)."""
    if not problems:
        return
    for problem in problems:
        log.warning("%s", problem)
    prefix = f"{_where(config)}: "
    whole = any(p.endswith("using the defaults") for p in problems)  # the file could not be read at all
    lines = [f"• {p.removeprefix(prefix)}" for p in problems]
    app.notify(
        "\n".join([f"{_where(config)}{'' if whole else ' (the rest of it applies)'}:", *lines]),
        title="Settings",
        severity="warning",
        timeout=30,
        markup=False,
    )


def _tell(app: App, problem: str) -> None:
    log.warning("%s", problem)
    app.notify(problem, title="Settings", severity="warning", timeout=20, markup=False)


def remember_theme(app: App, config: Config, name: str) -> None:
    """Write ``name`` to config.toml in a thread; say so only if it could not be saved."""
    if config.path is None:
        return
    path = config.path

    def write() -> None:
        from ect_tui.config import remember_theme as write_theme

        problem = write_theme(path, name)
        if problem is not None:
            log.warning("%s", problem)
            app.call_from_thread(
                app.notify, problem, title="Theme not saved", severity="warning", timeout=20, markup=False
            )
        else:
            log.debug("theme %r saved in %s", name, path)
            app.call_from_thread(
                app.notify, f"{name} opens next time too (saved in {path}).", title="Theme", markup=False
            )

    app.run_worker(write, thread=True, group="settings", name="remember-theme")


class RememberedThemes(ThemeProvider):
    """Textual's theme list, where choosing a theme also writes it to config.toml for next time."""

    @property
    def commands(self):
        app = self.app

        def choose(name: str) -> None:
            app.theme = name
            remember = getattr(app, "remember_theme", None)
            if remember is not None:
                remember(name)

        return [(name, partial(choose, name)) for name, _ in super().commands]


class SettingsMixin(_AppBase):
    """Mixed into EctApp: themes remembered, keymap clashes told once, crashes logged.

    EctApp sets ``config`` and calls ``apply_settings``/``report_settings`` (see above).
    """

    config: Config
    crash: BaseException | None = None  # what stopped the app, for launch.py's one sentence
    _clashes_told: set[str] | None = None

    def search_themes(self) -> None:
        """The palette's theme list; the theme chosen is written to config.toml for next time."""
        from textual.command import CommandPalette

        self.push_screen(CommandPalette(providers=[RememberedThemes], placeholder="Search for themes…"))

    def remember_theme(self, name: str) -> None:
        remember_theme(self, self.config, name)

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node: DOMNode) -> None:
        """The user's keymap put two actions on one key here: say so once (Textual asks on every key)."""
        names = ", ".join(sorted(b.id or b.action for b in clashed_bindings))
        told = self._clashes_told if self._clashes_told is not None else set()
        self._clashes_told = told
        if names not in told:
            told.add(names)
            _tell(self, f"Your keymap gives one key to several actions here: {names}. See `ect-tui keys`.")

    def _handle_exception(self, error: Exception) -> None:
        # Textual's own handler prints a rich traceback, local variables and all (a note among
        # them), on the terminal. This logs the plain traceback (ect_tui/diagnostics.py) and
        # launch.py tells the user one sentence naming the log file; Textual still closes the
        # app and, under a test, re-raises.
        from ect_tui.diagnostics import log_crash

        if self.crash is None:
            self.crash = error
            log_crash(error, "the app")
        super()._handle_exception(error)
