"""Jinja2 turns the pages' data into one self-contained HTML file.

Why Jinja2 (a dependency): it escapes every value it prints unless told otherwise
(``autoescape=True``), so a note of ``<script>`` or ``</td></tr>`` shows as typed and
cannot break the page; hand-glued strings would need an escape at every one of hundreds
of places, and one forgotten is a hole. The only values marked safe are the stylesheet
and the Content-Security-Policy, both ours.

The stylesheet is inlined and allowed by its SHA-256 hash, so the policy needs no
``'unsafe-inline'``: ``default-src 'none'`` forbids scripts, fetches, images, fonts and
frames; the one ``<style>`` element is the only thing the page may use.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib.resources import files
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

TEMPLATES = "templates"


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("ect_tui.export.html", TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


@cache
def stylesheet() -> str:
    return (files("ect_tui.export.html") / TEMPLATES / "page.css").read_text(encoding="utf-8")


def content_security_policy(css: str) -> str:
    """Nothing but the page's own stylesheet (by hash): no script, no fetch, no form."""
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return (
        f"default-src 'none'; style-src 'sha256-{digest}'; img-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


def render_page(template: str, **context: Any) -> str:
    css = stylesheet()
    return (
        _environment()
        .get_template(template)
        .render(css=Markup(css), csp=Markup(content_security_policy(css)), **context)
    )
