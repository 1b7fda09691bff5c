"""Child process for the start-up figures: run one app headless until its first frame.

    python bench/first_frame_child.py minimal OUT.json
    python bench/first_frame_child.py ect OUT.json --db PATH [--sessions DIR]

``minimal`` is the baseline: a Textual App with one Static. ``ect`` runs the real
entry point (``ect_tui.cli.main``), so the figure covers everything the mentor waits
for: interpreter, imports, opening the store, loading scripts, the start screen.

The first frame is the first screen update the compositor produces for a screen
that has widgets on it (in headless mode Textual computes the update but writes no
bytes). The child writes ``time.monotonic()`` at that moment to OUT.json (the parent
subtracts its own monotonic stamp taken just before spawning: on Linux both are the
system-wide CLOCK_MONOTONIC), then lets the app settle (work deferred until after
the first frame, e.g. loading history, counts towards peak memory) and exits.
It reports its own peak RSS (VmHWM): the rusage a parent gets on Linux starts
from the parent's own size at the fork, so it would measure the bench, not the app.

Run as a script (not ``-m``) so the only imports are the app's own.
"""

from __future__ import annotations

import json
import sys
import time

SETTLE_QUIET_SECONDS = 0.3  # exit once no frame and no worker for this long after the first frame
SETTLE_MAX_SECONDS = 5.0
TERMINAL_SIZE = (120, 40)


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB (Linux VmHWM; ru_maxrss elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def install_hooks(out_path: str) -> None:
    """Make App.run headless, stamp the first frame, then exit once the app settles."""
    from textual.app import App

    state = {"first": None, "last": None, "screen": None}
    original_run = App.run
    original_display = App._display

    def run(self, *args, **kwargs):
        kwargs["headless"] = True
        kwargs.setdefault("size", TERMINAL_SIZE)
        return original_run(self, *args, **kwargs)

    def display(self, screen, renderable):
        now = time.monotonic()
        if renderable is not None and not self._batch_count and screen.children:
            if state["first"] is None:
                state["first"] = now
                state["screen"] = type(screen).__name__
                self.set_interval(0.05, lambda: settle(self))
            state["last"] = now
        return original_display(self, screen, renderable)

    def settle(app) -> None:
        now = time.monotonic()
        busy = any(not worker.is_finished for worker in app.workers)
        quiet = now - state["last"] >= SETTLE_QUIET_SECONDS
        if (quiet and not busy) or now - state["first"] >= SETTLE_MAX_SECONDS:
            with open(out_path, "w", encoding="utf-8") as handle:
                json.dump(
                    {
                        "first_frame": state["first"],
                        "last_frame": state["last"],
                        "screen": state["screen"],
                        "peak_rss_mb": peak_rss_mb(),
                    },
                    handle,
                )
            app.exit()

    App.run = run
    App._display = display


def main(argv: list[str]) -> int:
    kind, out_path, *rest = argv
    install_hooks(out_path)
    if kind == "minimal":
        from textual.app import App, ComposeResult
        from textual.widgets import Static

        class Minimal(App):
            def compose(self) -> ComposeResult:
                yield Static("Hello from a minimal Textual app")

        Minimal().run()
        return 0
    if kind == "ect":
        from ect_tui.cli import main as ect_main

        return ect_main(rest)
    raise SystemExit(f"unknown app kind {kind!r}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
