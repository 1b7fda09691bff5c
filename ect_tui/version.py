"""The version, written once in pyproject.toml and read from the installed package's metadata."""

from __future__ import annotations

import platform
import sys


def package_version(name: str = "ect-tui") -> str:
    """The installed version of ``name``, or "unknown" when run from a folder that was never installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


def version_text() -> str:
    """`ect-tui --version`: ours, and what a bug report needs (Textual, Python, the OS)."""
    return (
        f"ect-tui {package_version()}\n"
        f"Textual {package_version('textual')}\n"
        f"Python {platform.python_version()} ({platform.python_implementation()}, {sys.executable})\n"
        f"OS {platform.platform()}"
    )
