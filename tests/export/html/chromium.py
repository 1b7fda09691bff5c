"""Open a page in headless Chromium (Debian's package) and report what happened.

Chromium's own flags, no driver: ``--dump-dom`` gives the DOM after load,
``--enable-logging=stderr`` prints every console message (CSP violations and script
errors included) as ``CONSOLE`` lines, and ``--log-net-log`` records every request. A
request the page makes has a file page's opaque origin, ``null``, as its initiator; the
browser's own background requests have none ("not an origin"), so they are told apart.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SKIP_REASON = "Chromium is not installed here (Debian: apt-get install -y chromium; .ci/run installs it)"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


@dataclass(frozen=True)
class Opened:
    dom: str
    console: list[str]
    page_requests: list[str]


def _run(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def open_page(page: Path, work: Path) -> Opened:
    """Load ``page`` once; its DOM after load, its console messages and the requests it made."""
    net_log = work / "net-log.json"
    done = _run(
        ["--enable-logging=stderr", "--v=0", f"--log-net-log={net_log}", "--dump-dom", page.as_uri()],
        work / "profile-dom",
    )
    assert done.returncode == 0, done.stderr[-2000:]
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    return Opened(done.stdout, console, _page_requests(net_log))


def screenshot(page: Path, png: Path, width: int, height: int) -> Path:
    done = _run(
        [f"--window-size={width},{height}", f"--screenshot={png}", page.as_uri()],
        png.parent / f"profile-{png.stem}",
    )
    assert done.returncode == 0 and png.exists(), done.stderr[-2000:]
    return png


def print_pdf(page: Path, pdf: Path) -> bytes:
    done = _run(
        ["--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()], pdf.parent / "profile-pdf"
    )
    assert done.returncode == 0 and pdf.exists(), done.stderr[-2000:]
    return pdf.read_bytes()


def _page_requests(net_log: Path) -> list[str]:
    data = json.loads(net_log.read_text(encoding="utf-8"))
    start_job = data["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = []
    for event in data["events"]:
        params = event.get("params") or {}
        if event.get("type") == start_job and "url" in params and params.get("initiator") != "not an origin":
            urls.append(str(params.get("url")))
    return urls
