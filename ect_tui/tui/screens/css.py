"""The stylesheet of every screen after the first ones: one path for all their CSS_PATHs."""

from __future__ import annotations

from pathlib import Path

# Absolute, so a subclass defined in another folder still finds it (Textual resolves a
# relative CSS_PATH from the subclass's own file). Textual reads it when the first screen
# naming it is shown; app.tcss holds only the rules of the first screens (bench/README.md).
SCREENS_CSS = Path(__file__).with_name("screens.tcss")
