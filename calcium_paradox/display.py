"""Make course figures and show them in a notebook with alt text.

Figures are plain :class:`matplotlib.figure.Figure` objects, not pyplot
figures: nothing is registered globally, nothing is shown by accident and
nothing needs closing. A notebook shows a figure by ending a cell with
``show(fig, alt)``; that checks the figure, renders it once to PNG and returns an
object that Jupyter displays with:

- ``image/png`` plus alt metadata (used by renderers that support it), and
- ``text/plain``: the alt text itself, so a text-only reader still gets it and
  strict nbval compares a stable sentence instead of a memory address.
"""

from __future__ import annotations

import base64
import html
import io
import os
import re
import warnings

from matplotlib.figure import Figure
from PIL import Image as PILImage

from .checks.figure import check_figure
from .pictures import palette_png
from .style import course_style

DPI = 100


#: Set to "1" by the course's tests and by ``tasks.py outputs``: a figure that breaks a rule is then an
#: error. In a learner's own kernel it is a warning, and the figure is still shown.
STRICT_ENV = "CP_STRICT_FIGURES"


class FigureCheckError(ValueError):
    """A figure broke one of the course's accessibility rules."""


class FigureCheckWarning(UserWarning):
    """A figure broke one of the course's accessibility rules (shown to learners instead of an error)."""


def new_figure(width: float = 7.0, height: float = 4.0, *, nrows: int = 1, ncols: int = 1, **kwargs):
    """Return ``(fig, ax)`` (or ``(fig, axes)``) in the course style, outside pyplot."""
    with course_style():
        fig = Figure(figsize=(width, height), layout="constrained")
        axes = fig.subplots(nrows, ncols, **kwargs)
    return fig, axes


def png_bytes(fig: Figure, *, dpi: int = DPI) -> bytes:
    """Render a figure to a small PNG (a stored palette picture: :func:`calcium_paradox.pictures.palette_png`)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return palette_png(PILImage.open(io.BytesIO(buffer.getvalue())))


class ShownFigure:
    """A rendered figure with its alt text; Jupyter displays it as an image."""

    def __init__(self, png: bytes, alt: str):
        self.png = png
        self.alt = alt

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = {
            "image/png": base64.b64encode(self.png).decode("ascii"),
            "text/plain": f"Figure: {self.alt}",
        }
        return data, {"image/png": {"alt": self.alt}}

    def __repr__(self) -> str:
        return f"Figure: {self.alt}"


class FoldedFigure(ShownFigure):
    """A figure folded under a ``<details>`` summary, with its alt text as a caption inside the fold.

    Used for an explorer's key states, which would give its tasks away if they sat open under it:
    JupyterLab, GitHub and nbconvert show the summary line only until the reader opens it, and the
    static edition opens every fold.
    """

    def __init__(self, png: bytes, alt: str, summary: str):
        super().__init__(png, alt)
        self.summary = summary

    def _repr_mimebundle_(self, include=None, exclude=None):
        source = "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")
        folded = (f'<details class="cp-key-state"><summary>{html.escape(self.summary)}</summary>'
                  f'<img src="{source}" alt="{html.escape(self.alt, quote=True)}" style="max-width: 100%">'
                  f"<p>{html.escape(self.alt)}</p></details>")
        return {"text/html": folded, "text/plain": f"Figure: {self.alt}"}, {}


def show(fig: Figure, alt: str, *, diagram: bool = False) -> ShownFigure:
    """Check ``fig`` against the course's figure rules and return it ready to display.

    If the figure breaks a rule, every problem is listed: under the course's tests and when outputs
    are saved (``CP_STRICT_FIGURES=1``) as a :class:`FigureCheckError`, so no committed notebook
    can carry an unlabelled or low-contrast figure; in a learner's kernel (for example after they
    changed a cell) as a :class:`FigureCheckWarning`, and the figure is shown all the same.
    """
    problems = check_figure(fig, alt, diagram=diagram)
    if problems:
        message = "This figure breaks the course's figure rules:\n- " + "\n- ".join(problems)
        if os.environ.get(STRICT_ENV) == "1":
            raise FigureCheckError(message)
        warnings.warn(message, FigureCheckWarning, stacklevel=2)
    return ShownFigure(png_bytes(fig), alt)


def show_folded(fig: Figure, alt: str, summary: str) -> FoldedFigure:
    """:func:`show`, folded under ``summary`` (see :class:`FoldedFigure`)."""
    shown = show(fig, alt)
    return FoldedFigure(shown.png, shown.alt, summary)


#: A Markdown link, ``[Szulc 2012](#ref-szulc2012)``: group 1 its text, group 2 its target.
MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def inline_html(text: str) -> str:
    """Plain text with Markdown links (``[Szulc 2012](#ref-szulc2012)``) as HTML: escaped, links kept."""
    out, last = [], 0
    for match in MARKDOWN_LINK.finditer(text):
        out.append(html.escape(text[last:match.start()]))
        out.append(f'<a href="{html.escape(match.group(2), quote=True)}">{html.escape(match.group(1))}</a>')
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def status_html(text: str, *, emphasis: bool = False) -> str:
    """A message that screen readers announce when it changes (an ARIA live region); "" for no message.

    Every widget that answers a learner (a question's feedback, an explorer's state
    sentence and notes, the claim check) shows its text through this.
    """
    if not text:
        return ""
    body = html.escape(text)
    if emphasis:
        body = f"<em>{body}</em>"
    return f'<p role="status" aria-live="polite">{body}</p>'
