"""Allow `python -m ect_tui`."""

from ect_tui.cli import main

raise SystemExit(main())
