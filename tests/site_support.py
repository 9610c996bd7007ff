"""Helpers for the static edition's tests: read a built page, serve the site, drive Chromium.

The browser tests use Debian's Chromium (``/usr/bin/chromium``, or the path in
``CP_CHROMIUM``) through Playwright; no browser is ever downloaded. Without
Chromium or Playwright they skip and say why, unless ``CP_REQUIRE_BROWSER=1``
is set, in which case they fail.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
sys.path.insert(0, str(ROOT / "tools"))
import labdriver  # noqa: E402  (Chromium, the skip rule and the loopback check are shared with the notebook tests)

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


serve = labdriver.serve  # (shared with the benchmark)


# ---- the browser ------------------------------------------------------------------------


def need_browser() -> None:
    """Skip (or, with CP_REQUIRE_BROWSER=1, fail) when the browser tests cannot run."""
    labdriver.need_browser(None if AXE.exists() else f"axe-core is missing from {AXE.relative_to(ROOT)}")


chromium = labdriver.chromium
is_local_request = labdriver.is_local


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
