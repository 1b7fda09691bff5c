"""ect-tui: run the weekly mentor meeting with an Early Career Teacher in the terminal."""

__version__ = "0.1.0"
