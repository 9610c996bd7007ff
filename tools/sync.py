"""Write the generated parts of the notebooks and README from their single sources.

- each notebook's footer (disclaimer, licence, navigation) and chapter list, from course.yaml;
- each question's static answer box, from the question bank;
- each notebook's reference list, from the keys it cites;
- the README chapter table and Binder badge, from course.yaml;
- the glossary in chapter 07 (after ``<!-- glossary -->`` in a cell tagged ``glossary``), from data/glossary.yaml.

Run it with ``python3 tasks.py sync``. The notebook check and tests/test_readme.py fail
when any of these is out of date, and say to run it.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from calcium_paradox import bibliography, course, glossary, questions
from calcium_paradox.checks.notebook import ANSWERS_MARKER, _source, _tags

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
GLOSSARY_MARKER = "<!-- glossary -->"


def _set_source(cell, text: str) -> bool:
    lines = text.strip("\n").splitlines(keepends=True)
    if cell.get("source") == lines or _source(cell) == text.strip("\n"):
        return False
    cell["source"] = lines
    return True


def sync_notebook(path: Path) -> bool:
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = nb["cells"]
    changed = False
    for cell in cells:
        tags = _tags(cell)
        if "footer" in tags:
            changed |= _set_source(cell, course.footer(path.stem, path.parent))
        if "chapter-list" in tags:
            changed |= _set_source(cell, course.chapter_table(path.parent))
        if "glossary" in tags and GLOSSARY_MARKER in _source(cell):
            intro = _source(cell).split(GLOSSARY_MARKER)[0]
            changed |= _set_source(cell, f"{intro}{GLOSSARY_MARKER}\n\n{glossary.glossary_markdown()}")
        if "quiz-fallback" in tags:
            marker = ANSWERS_MARKER.search(_source(cell))
            if marker:
                text = marker.group(0) + "\n" + questions.fallback_for(marker.group(1).split())
                changed |= _set_source(cell, text)
    # Answer boxes can cite sources too, so the reference list is written after them.
    cited = bibliography.cited_keys(
        "\n".join(_source(c) for c in cells if c["cell_type"] == "markdown" and "references" not in _tags(c))
    )
    for cell in cells:
        if "references" in _tags(cell):
            changed |= _set_source(cell, bibliography.reference_list(cited))
    if changed:
        path.write_text(json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return changed


def readme_text(text: str) -> str:
    info = course.load_course()
    table = course.chapter_table(NOTEBOOKS, prefix="notebooks/")
    badge = f"[![Launch the course on Binder](https://mybinder.org/badge_logo.svg)]({info.binder_url()})"
    for name, content in (("chapters", table), ("binder", badge)):
        text = re.sub(
            rf"(<!-- {name}:start -->).*?(<!-- {name}:end -->)",
            lambda m, content=content: f"{m.group(1)}\n{content}\n{m.group(2)}", text, flags=re.S,
        )
    return text


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
    return 0


if __name__ == "__main__":
    sys.exit(main())
