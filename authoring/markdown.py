"""The one Markdown parser of the authoring tools: mistune (it comes with JupyterLab, through nbconvert).

The static edition renders notebook Markdown to HTML with it, and the notebook check and the
teacher-guide generator find headings with it, so a heading is a heading to all of them (not, for
example, a ``# comment`` line inside a fenced code block).
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _parser():
    import mistune

    return mistune.create_markdown(renderer=None, plugins=["table", "strikethrough"])


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


def headings(markdown: str) -> list[tuple[int, str]]:
    """(level, text) of every heading, in order; the text without its inline markup."""
    return [(token["attrs"]["level"], _text(token.get("children")).strip())
            for token in _parser()(markdown) if token.get("type") == "heading"]
