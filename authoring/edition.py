"""The static reading edition: the whole course as plain HTML pages that work offline.

``build(root, out)`` reads the committed notebooks (whichever chapters of
``data/course.yaml`` exist in ``notebooks/``) and writes one page per chapter plus
an index with the course map and the chapter list. The pages need no server and
no network: no scripts at all, one local style sheet, figures copied next to them,
and only relative links, so ``index.html`` also opens straight from disk.

What a page shows, cell by cell:

- Markdown cells, rendered (figures keep their alt text; links to other
  notebooks point to their pages; links to ``figures/`` to the copied files);
- code cells folded away under "Show the code", with their stored outputs:
  figures as images with the alt text that ``display.show`` stored, text as text;
- every widget (explorer, question, claim check) as the static form its output
  carries (``text/html`` beside the live view): questions with lettered options
  and the answers under "Show the answer and why"; an explorer's key states and
  their text descriptions shown open (folded in the notebook, so as not to give
  the explorer's tasks away).

Run it with ``python3 tasks.py site`` (or ``python -m authoring.edition``).
"""

from __future__ import annotations

import argparse
import base64
import html
import re
import shutil
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import quote, unquote

from calcium_paradox.course import DISCLAIMER, RUN_FIRST, Chapter, Course, existing, load_course

from . import markdown as markdown_parser
from .notebooks import read

#: Written into every built site; the builder only ever deletes a folder that holds it.
MARKER = ".calcium-paradox-edition"
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)


class SiteError(ValueError):
    """The notebooks cannot be turned into an accessible offline page (the message says why)."""


@dataclass
class _Page:
    """What one page needs while it is being rendered."""

    name: str  # e.g. "03-two-kinds-of-artery-calcium"
    images: list[tuple[str, bytes]]

    def add_image(self, data: bytes, suffix: str) -> str:
        path = f"images/{self.name}-{len(self.images) + 1:02d}.{suffix}"
        self.images.append((path, data))
        return path


# ---- Markdown ---------------------------------------------------------------------------


def heading_id(text: str) -> str:
    """A plain anchor for a heading: its words in lower case, joined by hyphens."""
    plain = html.unescape(re.sub(r"<[^>]+>", "", text)).strip().lower()
    return re.sub(r"[\W_]+", "-", plain).strip("-")


class _Links:
    """Turns links and image sources written for ``notebooks/`` into links inside the site."""

    def __init__(self, root: Path, pages: set[str], course: Course):
        self.root = root.resolve()
        self.notebooks = self.root / "notebooks"
        self.figures = self.root / "figures"
        self.pages = pages
        self.course = course
        self.files: dict[str, Path] = {}  # site path -> source file to copy

    def target(self, url: str, *, image: bool = False) -> str:
        if url.startswith("#"):
            return url
        if EXTERNAL.match(url):
            if image:
                raise SiteError(f"the image {url} would load from the network; put it in figures/ instead.")
            return url
        path, _, fragment = url.partition("#")
        fragment = f"#{fragment}" if fragment else ""
        source = (self.notebooks / unquote(path)).resolve()
        if source.suffix == ".ipynb" and not image:
            if source.stem in self.pages:
                return f"{quote(source.stem)}.html{fragment}"
            raise SiteError(f"the link {url} points to a notebook that is not a chapter of the course.")
        if not source.is_file():
            raise SiteError(f"the {'image' if image else 'link'} {url} points to a file that does not exist.")
        if source.parent == self.figures:
            site_path = f"figures/{source.name}"
        elif self.root in source.parents:
            site_path = "files/" + source.relative_to(self.root).as_posix()
        else:
            raise SiteError(f"the {'image' if image else 'link'} {url} points outside the course folder.")
        self.files[site_path] = source
        return quote(site_path) + fragment


def _markdown(links: _Links, figure_alts: dict[str, str]):
    class Renderer(markdown_parser.html_renderer_base()):
        def __init__(self):
            super().__init__(escape=False)
            self.ids: set[str] = set()
            self.headings: dict[str, str] = {}  # plain heading text -> its id

        def heading(self, text: str, level: int, **attrs) -> str:
            base = heading_id(text) or f"section-{len(self.ids) + 1}"
            anchor, n = base, 1
            while anchor in self.ids:
                n += 1
                anchor = f"{base}-{n}"
            self.ids.add(anchor)
            self.headings.setdefault(html.unescape(re.sub(r"<[^>]+>", "", text)).strip(), anchor)
            return f'<h{level} id="{html.escape(anchor)}">{text}</h{level}>\n'

        def link(self, text: str, url: str, title: str | None = None) -> str:
            return super().link(text, links.target(url), title)

        def image(self, text: str, url: str, title: str | None = None) -> str:
            alt = text.strip() or figure_alts.get(Path(url.split("#")[0]).stem, "")
            if not alt:
                raise SiteError(f"the image {url} has no alt text; give it one in the Markdown (![alt](...)).")
            src = links.target(url, image=True)
            return f'<img src="{html.escape(src)}" alt="{html.escape(alt, quote=True)}">'

    renderer = Renderer()
    markdown = markdown_parser.create_html(renderer)
    markdown.headings = renderer.headings
    return markdown


# ---- notebook outputs -------------------------------------------------------------------


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")


def _figure_alt(output: dict) -> str:
    data = output.get("data", {})
    for mime in ("image/png", "image/jpeg", "image/svg+xml"):
        alt = output.get("metadata", {}).get(mime, {}).get("alt", "")
        if alt.strip():
            return alt.strip()
    plain = _text(data.get("text/plain", "")).strip()
    if plain.startswith("Figure: "):
        return plain[len("Figure: "):].strip()
    return ""


KEY_STATE_DESCRIPTION = "<summary>Text description of this key state</summary>"
INLINE_PNG = re.compile(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"')


def _static_form(markup: str, page: _Page) -> str:
    """A widget's static form (or a folded key state) as the page shows it: its pictures copied next to
    the page, and key states open, since nothing here can give an explorer's tasks away."""
    for image in re.findall(r"<img\b[^>]*>", markup):
        alt = re.search(r'\salt="([^"]*)"', image)
        if not (alt and alt.group(1).strip()):
            raise SiteError("a picture in a widget's static form has no alt text.")
    markup = INLINE_PNG.sub(lambda m: f'src="{page.add_image(base64.b64decode(m.group(1)), "png")}"', markup)
    return markup.replace('<details class="cp-key-state">', '<details class="cp-key-state" open>')


def _render_output(output: dict, page: _Page, alt: str = "") -> str:
    kind = output.get("output_type")
    if kind == "stream":
        if output.get("name") == "stderr":
            return ""
        return f'<pre class="output">{html.escape(_text(output.get("text")))}</pre>\n'
    if kind == "error":
        return (f'<pre class="output">{html.escape(output.get("ename", ""))}: '
                f'{html.escape(output.get("evalue", ""))}</pre>\n')
    data = output.get("data", {})
    plain = _text(data.get("text/plain", "")).strip()
    if "text/html" in data:  # a widget's static form, a folded key state, or other HTML
        return f'<div class="output">{_static_form(_text(data["text/html"]), page)}</div>\n'
    for mime, suffix in (("image/png", "png"), ("image/jpeg", "jpg"), ("image/svg+xml", "svg")):
        if mime in data:
            figure_alt = _figure_alt(output) or alt  # inside an explorer, its sentence describes the picture
            if not figure_alt:
                raise SiteError("a figure output has no alt text; "
                                "show figures with calcium_paradox.display.show(fig, alt).")
            raw = _text(data[mime])
            content = raw.encode("utf-8") if mime == "image/svg+xml" else base64.b64decode(raw)
            src = page.add_image(content, suffix)
            return f'<img class="output-figure" src="{src}" alt="{html.escape(figure_alt, quote=True)}">\n'
    if plain:
        return f'<pre class="output">{html.escape(plain)}</pre>\n'
    return ""


# ---- pages ------------------------------------------------------------------------------


def _tags(cell: dict) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _page(*, title: str, body: str, nav_top: str, nav_bottom: str, course: Course) -> str:
    footer = (
        f"<p>{html.escape(course.title)}: static reading edition. Course text and figures "
        f"{html.escape(course.licence_content)}; code {html.escape(course.licence_code)}.</p>"
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<link rel="stylesheet" href="style.css">
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
<p class="site-title"><a href="index.html">{html.escape(course.title)}</a>
<span class="edition">Static reading edition</span></p>
{nav_top}
</header>
<main id="main" tabindex="-1">
{body}
</main>
<footer class="site-footer">
{nav_bottom}
{footer}
</footer>
</body>
</html>
"""


def _neighbours(built: list[Chapter], chapter: Chapter) -> tuple[Chapter | None, Chapter | None]:
    index = built.index(chapter)
    previous = built[index - 1] if index > 0 else None
    following = built[index + 1] if index + 1 < len(built) else None
    return previous, following


def _nav(label: str, previous: Chapter | None, following: Chapter | None) -> str:
    items = ['<li><a href="index.html">Course home: map and chapter list</a></li>']
    if previous is not None:
        items.append(f'<li><a href="{previous.slug}.html" rel="prev">'
                     f'Previous chapter: {html.escape(previous.label)}</a></li>')
    if following is not None:
        items.append(f'<li><a href="{following.slug}.html" rel="next">'
                     f'Next chapter: {html.escape(following.label)}</a></li>')
    return f'<nav aria-label="{label}">\n<ul class="pager">\n' + "\n".join(items) + "\n</ul>\n</nav>"


def _edition_note(course: Course, chapter: Chapter) -> str:
    binder = html.escape(course.binder_url(f"notebooks/{chapter.filename}"))
    return (
        '<div class="edition-note">\n<p><strong>About this edition.</strong> This page is the static '
        "reading edition of the notebook. Nothing on it runs: each explorer is shown as a saved picture "
        "and at its key states, each with a text description, and each question's answer is under "
        "“Show the answer and why”. To try the explorers, open the notebook in JupyterLab "
        f'(see the course README), or <a href="{binder}">open this chapter on Binder</a> '
        "(needs the internet).</p>\n</div>\n"
    )


def _link_contents(title_html: str, headings: dict[str, str]) -> str:
    """Turn the title cell's numbered contents list into links to the sections it names."""

    def link(match: re.Match) -> str:
        text = html.unescape(match.group(1)).strip()
        anchor = headings.get(text)
        if anchor is None:
            return match.group(0)
        return f'<li><a href="#{html.escape(anchor, quote=True)}">{match.group(1)}</a></li>'

    def in_list(match: re.Match) -> str:
        return re.sub(r"<li>([^<]*)</li>", link, match.group(0))

    return re.sub(r"<ol>.*?</ol>", in_list, title_html, count=1, flags=re.S)


def render_chapter(nb: dict, chapter: Chapter, course: Course, markdown, page: _Page, nav: tuple[str, str]) -> str:
    cells = nb.get("cells", [])
    parts = []
    for i, cell in enumerate(cells):
        tags = _tags(cell)
        classes = " ".join(["cell", f"cell-{cell.get('cell_type')}"] + [f"tag-{t}" for t in tags])
        if cell.get("cell_type") == "markdown":
            # The boxed "Run All Cells" instruction is for a running notebook; this edition has nothing to run.
            text = markdown(_text(cell.get("source")).replace(RUN_FIRST, ""))
            text = re.sub(r"<th(\s[^>]*)?>\s*</th>", r"<td\1></td>", text)  # an empty corner cell is not a header
            if "figure-description" in tags and KEY_STATE_DESCRIPTION in text:
                # folded in a notebook so as not to give an explorer's tasks away; open here
                text = text.replace("<details>", "<details open>")
            parts.append(f'<div class="{classes}">\n{text}</div>\n')
            if i == 0:
                parts.append(_edition_note(course, chapter))
            continue
        if cell.get("cell_type") != "code":
            continue
        code = _text(cell.get("source")).strip()
        inner = ""
        if code:
            inner += (
                '<details class="code"><summary>Show the code</summary>\n'
                f'<pre><code class="language-python">{html.escape(code)}</code></pre>\n</details>\n'
            )
        for output in cell.get("outputs", []):
            inner += _render_output(output, page)
        if inner:
            parts.append(f'<div class="{classes}">\n{inner}</div>\n')
    for index, part in enumerate(parts):
        if 'tag-about"' in part.split(">", 1)[0] or "tag-about " in part.split(">", 1)[0]:
            parts[index] = _link_contents(part, getattr(markdown, "headings", {}))
    title = f"{chapter.label} · {course.title}"
    return _page(title=title, body="".join(parts), nav_top=nav[0], nav_bottom=nav[1], course=course)


def render_index(course: Course, built: list[Chapter], figure_alts: dict, figure_texts: dict, markdown) -> str:
    built_slugs = {c.slug for c in built}
    items = []
    for chapter in course.chapters:
        time = f"About {chapter.minutes} minutes."
        summary = html.escape(chapter.summary)
        if chapter.slug in built_slugs:
            name = f'<a href="{chapter.slug}.html">{html.escape(chapter.label)}</a>'
        else:
            name = f'<span class="coming">{html.escape(chapter.label)} (coming soon)</span>'
        items.append(f"<li>{name}<br>{summary} <span class=\"time\">{time}</span></li>")
    total = sum(c.minutes for c in course.chapters)
    hours, minutes = divmod(total, 60)
    first = built[0] if built else None
    start = (
        f'<p>New here? Begin with <a href="{first.slug}.html">{html.escape(first.label)}</a>.</p>\n' if first else ""
    )
    course_map = ""
    if "00-course-map" in figure_alts:
        course_map = (
            '<h2 id="course-map">Course map</h2>\n<figure class="course-map">\n'
            f'<img src="figures/00-course-map.svg" alt="{html.escape(figure_alts["00-course-map"], quote=True)}">\n'
            "<figcaption><strong>Figure description.</strong> "
            f"{html.escape(figure_texts['00-course-map'])}</figcaption>\n"
            "</figure>\n"
        )
    body = (
        f"<h1>{html.escape(course.title)}</h1>\n<p class=\"subtitle\">{html.escape(course.subtitle)}</p>\n"
        f'<div class="disclaimer">{markdown(DISCLAIMER)}</div>\n'
        f"{start}{course_map}"
        '<h2 id="chapters">Chapters</h2>\n<ul class="chapters">\n' + "\n".join(items) + "\n</ul>\n"
        f"<p>All chapters together take about {hours} hours {minutes} minutes.</p>\n"
        '<h2 id="about-this-edition">About this edition</h2>\n'
        "<p>These pages are the course notebooks as plain web pages, for reading with a screen reader, "
        "on a slow network, or with no network at all. They load nothing from the internet and run no "
        "code. Explorers appear as saved pictures and key states, each with a text description; "
        "self-check questions show their answers behind “Show the answer and why”.</p>\n"
        "<p>To change the explorers yourself, open the notebooks in JupyterLab: see the README in the "
        "course folder (<code>python3 tasks.py lab</code>).</p>\n"
    )
    nav = '<nav aria-label="Chapters">\n<ul class="pager">\n' + "\n".join(
        f'<li><a href="{c.slug}.html">{html.escape(c.label)}</a></li>' for c in built
    ) + "\n</ul>\n</nav>"
    return _page(title=f"{course.title}: static reading edition", body=body, nav_top=nav, nav_bottom="", course=course)


def _prepare(out: Path) -> None:
    if out.exists():
        if not out.is_dir():
            raise SiteError(f"{out} exists and is not a folder.")
        if any(out.iterdir()) and not (out / MARKER).exists():
            raise SiteError(f"{out} is not empty and was not made by this builder; choose another folder.")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / MARKER).write_text("Built by authoring.edition; the builder deletes and rewrites this folder.\n")


def build(root: Path | str = ".", out: Path | str = "_site") -> list[Path]:
    """Build the static edition of the notebooks under ``root`` into ``out``; return the pages written."""
    from .figures import FIGURES  # imported here: drawing code is only needed for its texts

    root, out = Path(root).resolve(), Path(out).resolve()
    notebooks = root / "notebooks"
    if not notebooks.is_dir():
        raise SiteError(f"{root} has no notebooks/ folder.")
    course = load_course()
    built = existing(course.chapters, notebooks)
    figure_alts = {f.name: f.alt for f in FIGURES}
    figure_texts = {f.name: f.description for f in FIGURES}
    links = _Links(root, {c.slug for c in built}, course)
    rendered: dict[str, str] = {}
    images: list[tuple[str, bytes]] = []
    for chapter in built:
        nb = read(notebooks / chapter.filename)
        previous, following = _neighbours(built, chapter)
        nav = (_nav("Course", previous, following), _nav("Previous and next chapter", previous, following))
        page = _Page(chapter.slug, [])
        try:
            rendered[f"{chapter.slug}.html"] = render_chapter(
                nb, chapter, course, _markdown(links, figure_alts), page, nav
            )
        except SiteError as err:
            raise SiteError(f"{chapter.filename}: {err}") from None
        images += page.images
    rendered["index.html"] = render_index(course, built, figure_alts, figure_texts, _markdown(links, figure_alts))

    _prepare(out)
    css = resources.files("calcium_paradox").joinpath("data/edition.css").read_text("utf-8")
    (out / "style.css").write_text(css, encoding="utf-8")
    figures = root / "figures"
    if figures.is_dir():
        (out / "figures").mkdir()
        for svg in sorted(figures.glob("*.svg")):
            shutil.copyfile(svg, out / "figures" / svg.name)
    for site_path, source in links.files.items():
        target = out / site_path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    if images:
        (out / "images").mkdir()
        for site_path, data in images:
            (out / site_path).write_bytes(data)
    pages = []
    for name, text in rendered.items():
        (out / name).write_text(text, encoding="utf-8")
        pages.append(out / name)
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the static, offline HTML edition of the course.")
    parser.add_argument("--root", default=".", help="the course folder (with notebooks/ and figures/)")
    parser.add_argument("--out", default="_site", help="where to write the site (default: _site)")
    args = parser.parse_args(argv)
    try:
        pages = build(args.root, args.out)
    except SiteError as err:
        print(f"The static edition was not built: {err}", file=sys.stderr)
        return 1
    index = Path(args.out).resolve() / "index.html"
    print(f"Built {len(pages)} pages. Open {index} in a web browser (no server needed).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
