"""The ect-tui bench: speed and memory at scale, as ratios against a minimal Textual app.

Run it with ``python -m bench`` (see bench/README.md). ``bench/crash.py`` is a
separate bench for crash safety.
"""
