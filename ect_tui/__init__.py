"""ect-tui: run the weekly mentor meeting with an Early Career Teacher in the terminal."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    # The version is written once, in pyproject.toml; read from the installed metadata only when
    # asked (importlib.metadata is not free, and start-up is on the mentor's clock).
    if name == "__version__":
        from ect_tui.version import package_version

        return package_version()
    raise AttributeError(f"module 'ect_tui' has no attribute {name!r}")
