"""The one Markdown parser of the authoring tools: mistune (it comes with JupyterLab, through nbconvert).

The static edition renders notebook Markdown to HTML with it, and the notebook check and the
teacher-guide generator find headings with it, so a heading is a heading to all of them (not, for
example, a ``# comment`` line inside a fenced code block).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@lru_cache(maxsize=1)
def _parser():
    import mistune

    return mistune.create_markdown(renderer=None, plugins=["table", "strikethrough", "math"])


def create_html(renderer):
    """A Markdown-to-HTML function with ``renderer`` (a ``mistune.HTMLRenderer``) and the course's plugins."""
    import mistune

    return mistune.create_markdown(renderer=renderer, plugins=["table", "strikethrough"])


def html_renderer_base():
    """The class a custom HTML renderer extends (``mistune.HTMLRenderer``)."""
    import mistune

    return mistune.HTMLRenderer


def _text(children) -> str:
    out = []
    for child in children or []:
        if "raw" in child:
            out.append(child["raw"])
        elif child.get("type") in ("linebreak", "softbreak"):
            out.append(" ")
        else:
            out.append(_text(child.get("children")))
    return "".join(out)


_BLOCKS = {"list", "list_item", "block_quote", "table", "table_head", "table_body"}


def _plain(token) -> str:
    """The text of one block token: blocks on their own lines, table cells joined by ' | '."""
    kind = token.get("type")
    if kind == "block_code":
        return ""
    if kind == "table_row" or kind == "table_head":
        return " | ".join(_text(cell.get("children")) for cell in token.get("children", []))
    if kind in _BLOCKS:
        return "\n".join(_plain(child) for child in token.get("children", []))
    if "raw" in token:
        return token["raw"]
    return _text(token.get("children"))


def _rows(token) -> list[tuple[str, ...]]:
    """The body rows of a table token, each a tuple of cell texts."""
    body = next((c for c in token.get("children", []) if c.get("type") == "table_body"), {})
    return [tuple(_text(cell.get("children")).strip() for cell in row.get("children", []))
            for row in body.get("children", [])]


@dataclass(frozen=True)
class Section:
    """What follows one heading up to the next heading of the same or a higher level."""

    title: str
    text: str  # its plain text, blocks on separate lines, code blocks left out
    tables: tuple[tuple[tuple[str, ...], ...], ...]  # the body rows of each of its tables
    subheadings: tuple[str, ...]  # the text of the lower-level headings inside it


def sections(markdown: str, level: int = 2) -> dict[str, Section]:
    """Heading text → :class:`Section` for every heading of ``level`` (a ``## x`` inside code is not one)."""
    found: dict[str, Section] = {}
    title, blocks = None, []

    def close() -> None:
        if title is not None:
            tables = tuple(tuple(_rows(t)) for t in blocks if t.get("type") == "table")
            inner = tuple(_text(t.get("children")).strip() for t in blocks if t.get("type") == "heading")
            found[title] = Section(title, "\n".join(_plain(t) for t in blocks), tables, inner)

    for token in _parser()(markdown):
        if token.get("type") == "heading" and token["attrs"]["level"] <= level:
            close()
            title = _text(token.get("children")).strip() if token["attrs"]["level"] == level else None
            blocks = []
        elif title is not None:
            blocks.append(token)
    close()
    return found


_TAG = re.compile(r"<[^>]+>")
_LEFT_OUT = {"heading", "block_code", "block_math", "image", "inline_math", "inline_html", "thematic_break"}


def _prose(token) -> str:
    kind = token.get("type")
    if kind in _LEFT_OUT:
        return ""
    if kind == "block_html":
        return _TAG.sub(" ", token["raw"])
    if "raw" in token:
        return token["raw"]
    children = token.get("children") or []
    joiner = " " if kind in ("table_row", "table_head") else ("\n" if kind in _BLOCKS else "")
    return joiner.join(_prose(child) for child in children)


def prose(markdown: str) -> str:
    """The words a reader reads: no headings, code blocks, images, maths or HTML tags; link text kept."""
    return "\n".join(_prose(token) for token in _parser()(markdown)).strip()


def _items(tokens):
    for token in tokens or []:
        if token.get("type") == "list_item":
            yield token
        yield from _items(token.get("children"))


def bold_item_leads(markdown: str) -> list[str]:
    """The bold words that open list items (``- **Plaque:** a fatty patch`` gives ``Plaque``)."""
    leads = []
    for item in _items(_parser()(markdown)):
        first = next(iter(item.get("children") or []), {})
        inline = first.get("children") or []
        if inline and inline[0].get("type") == "strong":
            leads.append(_text(inline[0].get("children")).strip().rstrip(":").strip())
    return leads


def headings(markdown: str) -> list[tuple[int, str]]:
    """(level, text) of every heading, in order; the text without its inline markup."""
    return [(token["attrs"]["level"], _text(token.get("children")).strip())
            for token in _parser()(markdown) if token.get("type") == "heading"]
