"""The chapter list, launch links and README are generated from course.yaml and agree with it."""

import re
import sys
from pathlib import Path
from urllib.parse import unquote

from calcium_paradox import course

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import sync  # noqa: E402

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_chapters_are_numbered_in_order_with_matching_slugs():
    chapters = course.load_course().chapters
    assert [c.number for c in chapters] == list(range(len(chapters)))
    for c in chapters:
        assert c.slug.startswith(f"{c.number:02d}-") and re.fullmatch(r"[a-z0-9-]+", c.slug)
        assert 15 <= c.minutes <= 45, f"{c.slug}: notebooks take 20–40 minutes or so"


def test_every_notebook_is_a_registered_chapter():
    slugs = {c.slug for c in course.load_course().chapters}
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        assert path.stem in slugs, f"{path.name} is not listed in calcium_paradox/data/course.yaml"


def test_binder_link_opens_the_notebook_in_jupyterlab():
    info = course.load_course()
    url = info.binder_url("notebooks/01-calcium-in-the-body.ipynb")
    assert url.startswith(f"https://mybinder.org/v2/gh/{info.repo_path}/{info.branch}?urlpath=")
    assert unquote(url.split("urlpath=")[1]) == "/lab/tree/notebooks/01-calcium-in-the-body.ipynb"


def test_readme_chapter_table_and_badge_are_up_to_date():
    assert sync.readme_text(README) == README, "README is out of date: run `python3 tasks.py sync`"
    assert course.load_course().binder_url() in README


def test_readme_quick_start_has_exactly_the_two_commands():
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^python3 tasks\.py \w+$", quick, re.M)
    assert commands == ["python3 tasks.py lab", "python3 tasks.py test"]
    assert "python3 tasks.py test" in (ROOT / ".ci" / "run").read_text()


def test_links_for_missing_chapters_say_coming_soon(tmp_path):
    (tmp_path / "00-start-here.ipynb").write_text("{}")
    table = course.chapter_table(tmp_path)
    assert "[00 · Start here](00-start-here.ipynb)" in table
    assert "01 · Calcium in the body (coming soon)" in table


def test_every_chapter_opens_with_a_short_clearly_fictional_hook():
    for chapter in course.load_course().chapters:
        assert chapter.hook, f"{chapter.slug}: no hook in course.yaml"
        assert "made-up" in chapter.hook, f"{chapter.slug}: the hook must say it is made up"
        assert len(chapter.hook) <= 200 and "\n" not in chapter.hook
        for personal in ("your ", "you should", "dose"):
            assert personal not in chapter.hook.lower(), f"{chapter.slug}: the hook must not address the reader"
