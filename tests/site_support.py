"""Helpers for the static edition's tests: read a built page, serve the site, drive Chromium.

The browser tests use Debian's Chromium (``/usr/bin/chromium``, or the path in
``CP_CHROMIUM``) through Playwright; no browser is ever downloaded. Without
Chromium or Playwright they skip and say why, unless ``CP_REQUIRE_BROWSER=1``
is set, in which case they fail.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


# ---- reading a page ---------------------------------------------------------------------


@dataclass
class Page:
    """What the tests need to know about one HTML page."""

    lang: str | None = None
    headings: list[tuple[int, str]] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (href, visible text)
    ids: list[str] = field(default_factory=list)
    tags: dict[str, int] = field(default_factory=dict)
    resources: list[str] = field(default_factory=list)  # everything the page would load


class _Reader(HTMLParser):
    LANDMARKS = {"header", "nav", "main", "footer", "script", "iframe", "object", "embed", "details", "summary"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._heading: list | None = None
        self._link: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.LANDMARKS:
            self.page.tags[tag] = self.page.tags.get(tag, 0) + 1
        if tag == "html":
            self.page.lang = attrs.get("lang")
        if "id" in attrs:
            self.page.ids.append(attrs["id"])
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._heading = [int(tag[1]), ""]
        if tag == "img":
            self.page.images.append(attrs)
            self.page.resources.append(attrs.get("src", ""))
        if tag in {"script", "iframe", "embed", "source", "audio", "video"} and attrs.get("src"):
            self.page.resources.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.page.resources.append(attrs["href"])
        if tag == "a" and "href" in attrs:
            self._link = [attrs["href"], ""]

    def handle_endtag(self, tag):
        if self._heading is not None and tag == f"h{self._heading[0]}":
            self.page.headings.append((self._heading[0], " ".join(self._heading[1].split())))
            self._heading = None
        if tag == "a" and self._link is not None:
            self.page.links.append((self._link[0], " ".join(self._link[1].split())))
            self._link = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data
        if self._link is not None:
            self._link[1] += data


def read_page(path: Path) -> Page:
    reader = _Reader()
    reader.feed(Path(path).read_text(encoding="utf-8"))
    reader.close()
    return reader.page


def is_external(url: str) -> bool:
    return bool(urlsplit(url).scheme) or url.startswith("//")


# ---- serving the site -------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


@contextlib.contextmanager
def serve(folder: Path):
    """Serve ``folder`` on 127.0.0.1 at a free port; yields the base URL and stops the server after."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# ---- the browser ------------------------------------------------------------------------


def chromium_path() -> str | None:
    """The system Chromium: ``CP_CHROMIUM`` if set, else /usr/bin/chromium, else chromium on PATH."""
    wanted = os.environ.get("CP_CHROMIUM")
    if wanted:
        return wanted if Path(wanted).exists() else None
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


def browser_missing() -> str | None:
    """Why the browser tests cannot run here (None: they can)."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -r requirements-dev.txt)"
    if chromium_path() is None:
        return "Chromium was not found (install Debian's chromium package, or set CP_CHROMIUM to its path)"
    if not AXE.exists():
        return f"axe-core is missing from {AXE.relative_to(ROOT)}"
    return None


def need_browser() -> None:
    """Skip (or, with CP_REQUIRE_BROWSER=1, fail) when the browser tests cannot run."""
    reason = browser_missing()
    if reason is None:
        return
    if os.environ.get("CP_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests are required (CP_REQUIRE_BROWSER=1), but {reason}")
    pytest.skip(reason)


@contextlib.contextmanager
def chromium():
    """A headless Debian Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"],
        )
        try:
            yield browser
        finally:
            browser.close()


def is_local_request(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about", "file"}:
        return True
    return parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname in {h.strip("[]") for h in LOOPBACK}


def run_axe(page) -> list[dict]:
    """Run axe-core (loaded from the vendored file, not the network) and return its violations."""
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
        }"""
    )
    return result
