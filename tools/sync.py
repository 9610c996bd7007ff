"""Write the generated parts of the notebooks and README from their single sources.

- each notebook's footer (disclaimer, licence, navigation) and chapter list, from course.yaml;
- each notebook's launch links (Binder and JupyterHub), in its title cell, from course.yaml;
- each notebook's reference list, from the keys its text and its questions' feedback cite;
- the README chapter table, Binder badge and launch links, from course.yaml;
- the generated parts of the teacher guides in teachers/ (timing, links, alignment, answer key,
  evidence log, references) and of the course overview teachers/README.md; a chapter whose notebook
  exists but has no guide yet gets one from the template, with the parts to write marked TO WRITE.
- the glossary in chapter 07 (after ``<!-- glossary -->`` in a cell tagged ``glossary``), from data/glossary.yaml.

Run it with ``python3 tasks.py sync``. The notebook check and tests/test_course.py fail
when any of these is out of date, and say to run it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from calcium_paradox import bibliography, course, glossary

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the course folder, for the authoring tools
from authoring import teaching  # noqa: E402
from authoring.notebooks import cited_text, read, source, tags, write  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
GLOSSARY_MARKER = "<!-- glossary -->"
START = "notebooks/00-start-here.ipynb"
TEACHERS = ROOT / "teachers"
#: Markdown files that carry the course's launch links (README.md has its own function).
LAUNCH_PAGES = (TEACHERS / "HOW-TO-OPEN.md",)


def _set_source(cell, text: str) -> bool:
    lines = text.strip("\n").splitlines(keepends=True)
    if cell.get("source") == lines or source(cell) == text.strip("\n"):
        return False
    cell["source"] = lines
    return True


def sync_notebook(path: Path) -> bool:
    nb = read(path)
    cells = nb["cells"]
    changed = False
    for cell in cells:
        marks = tags(cell)
        if "about" in marks:
            changed |= _set_source(cell, course.with_launch_links(source(cell), f"notebooks/{path.name}"))
        if "footer" in marks:
            changed |= _set_source(cell, course.footer(path.stem, path.parent))
        if "chapter-list" in marks:
            changed |= _set_source(cell, course.chapter_table(path.parent))
        if "glossary" in marks and GLOSSARY_MARKER in source(cell):
            intro = source(cell).split(GLOSSARY_MARKER)[0]
            changed |= _set_source(cell, f"{intro}{GLOSSARY_MARKER}\n\n{glossary.glossary_markdown()}")
    # The questions' feedback can cite sources too; their links point at this reference list.
    cited = bibliography.cited_keys(cited_text(nb))
    for cell in cells:
        if "references" in tags(cell):
            changed |= _set_source(cell, bibliography.reference_list(cited))
    if changed:
        write(nb, path)
    return changed


def readme_text(text: str) -> str:
    info = course.load_course()
    table = course.chapter_table(NOTEBOOKS, prefix="notebooks/")
    badge = f"[![Launch the course on Binder](https://mybinder.org/badge_logo.svg)]({info.binder_url()})"
    for name, content in (("chapters", table), ("binder", badge)):
        text = teaching.fill(text, name, content)
    return course.with_launch_links(text, START, what="the course")


def _write(path: Path, new: str) -> None:
    old = path.read_text(encoding="utf-8") if path.exists() else None
    if new != old:
        path.write_text(new, encoding="utf-8")
        print(f"{'updated' if old is not None else 'created'} {path.relative_to(ROOT)}")


def sync_teachers() -> None:
    """The generated parts of the teacher pages; a new guide for each chapter that has none."""
    for chapter in course.existing(course.load_course().chapters, NOTEBOOKS):
        notebook = NOTEBOOKS / chapter.filename
        guide = teaching.guide_path(TEACHERS, notebook)
        if guide.exists():
            _write(guide, teaching.sync_guide(guide.read_text(encoding="utf-8"), notebook))
        else:
            TEACHERS.mkdir(exist_ok=True)
            _write(guide, teaching.new_guide(notebook))
            print(f"  write the sections marked {teaching.TO_WRITE} in {guide.relative_to(ROOT)}")
    overview = TEACHERS / "README.md"
    if overview.exists():
        _write(overview, teaching.sync_overview(overview.read_text(encoding="utf-8"), NOTEBOOKS, TEACHERS))
    for page in LAUNCH_PAGES:
        if page.exists():
            _write(page, course.with_launch_links(page.read_text(encoding="utf-8"), START, what="the course"))


def main() -> int:
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        if sync_notebook(path):
            print(f"updated {path.relative_to(ROOT)}")
    readme = ROOT / "README.md"
    if readme.exists():
        new = readme_text(readme.read_text(encoding="utf-8"))
        if new != readme.read_text(encoding="utf-8"):
            readme.write_text(new, encoding="utf-8")
            print("updated README.md")
    sync_teachers()
    return 0


if __name__ == "__main__":
    sys.exit(main())
