"""Bringing bundles in: read and check a bundle file, merge it with what is stored, write it.

``ect_tui.export.bundle`` writes bundles; this package reads them back into a store. It sits
above export (it reads the bundle format from there) and beside the store it writes to.
See ARCHITECTURE.md.
"""
