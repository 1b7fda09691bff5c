"""Notes out of the app: email text, Markdown, the Learning Log, JSON bundles, the clipboard.

Plain Python (never imports textual). One job per module:
``text`` cleaning and wrapping, ``private`` what is mentor-only, ``view`` a meeting
read for export, ``email`` and ``markdown`` the renderers, ``bundle`` JSON bundles
(read back in by ``ect_tui.transfer``), ``outline`` the whole record as plain text for the
screens, ``files`` formats and atomic writes, ``clipboard`` the copy chain.
"""
