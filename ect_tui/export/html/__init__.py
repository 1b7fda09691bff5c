"""The ECT's Learning Log and the induction tutor's overview as self-contained web pages.

``log.py`` and ``overview.py`` work out what each page shows (plain data, tested as such),
``figures.py`` the numbers behind its pictures, and ``render.py`` lays it out through the
Jinja2 templates in ``templates/`` with autoescaping on: one HTML file with its CSS and SVG
inline, no script, nothing fetched, and a Content-Security-Policy that forbids all of it.
Importing this package loads no Jinja2; ``render`` does, when a page is written.
"""
