"""Launch links come from one configuration (course.yaml), every notebook has them, and each link
has the exact form Binder and nbgitpuller need.

Binder: https://mybinder.org/v2/gh/<owner>/<repo>/<ref>?urlpath=<encoded /lab/tree/<path>>, which
opens that notebook inside JupyterLab. nbgitpuller:
https://<hub>/hub/user-redirect/git-pull?repo=<encoded repo URL>&branch=<branch>&urlpath=<encoded
lab/tree/<repo folder>/<path>>, always with the branch (nbgitpuller would otherwise pull
"master") and with the folder the clone creates at the start of the path. Every value is
URL-encoded, "/" included. In-browser edition (JupyterLite, built by ``python3 tasks.py lite`` and
published from ``_lite/``): <site>/lab/index.html?path=<encoded notebooks/<path>>, where <site> is the
repository's GitHub Pages address unless course.yaml sets ``lite_base``; the edition keeps the
repository's folders, so the path is the repository path.
"""

import dataclasses
import json
import re
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest

from calcium_paradox import course
from calcium_paradox.course import existing, launch_links, load_course, with_launch_links

ROOT = Path(__file__).resolve().parents[1]
INFO = load_course()
NOTEBOOKS = [ROOT / "notebooks" / c.filename for c in existing(INFO.chapters, ROOT / "notebooks")]
PAGES = [ROOT / "README.md", *sorted((ROOT / "teachers").glob("*.md"))]
BINDER = re.compile(r"https://mybinder\.org/[^\s)`|]+")
PULLER = re.compile(r"https://[^\s)`|]*/hub/user-redirect/git-pull\?[^\s)`|]+")
LITE = re.compile(r"https://[^\s)`|]*/lab/index\.html\?path=[^\s)`|]+")


def binder_problems(url: str) -> list[str]:
    """What is wrong with a Binder link (empty: nothing)."""
    parts = urlsplit(url)
    problems = []
    if parts.scheme != "https" or parts.netloc != "mybinder.org":
        problems.append("must start with https://mybinder.org")
    if parts.path != f"/v2/gh/{INFO.repo_path}/{INFO.branch}":
        problems.append(f"path {parts.path} is not /v2/gh/{INFO.repo_path}/{INFO.branch}")
    query = parse_qsl(parts.query, keep_blank_values=True)
    if [k for k, _ in query] != ["urlpath"]:
        problems.append("must have exactly one parameter, urlpath")
        return problems
    raw = parts.query.split("=", 1)[1]
    if "/" in raw or "?" in raw:
        problems.append("urlpath must be URL-encoded ('/' as %2F)")
    path = unquote(raw)
    if not path.startswith("/lab/tree/notebooks/") or not path.endswith(".ipynb"):
        problems.append(f"urlpath {path} must open a notebook in JupyterLab (/lab/tree/notebooks/...ipynb)")
    elif not (ROOT / path.removeprefix("/lab/tree/")).exists():
        problems.append(f"{path} does not exist")
    return problems


def puller_problems(url: str) -> list[str]:
    """What is wrong with an nbgitpuller link (empty: nothing)."""
    problems = []
    head, _, query = url.partition("?")
    if not head.endswith("/hub/user-redirect/git-pull"):
        problems.append("must go to <hub>/hub/user-redirect/git-pull")
    raw = dict(pair.split("=", 1) for pair in query.split("&") if "=" in pair)
    if sorted(raw) != ["branch", "repo", "urlpath"]:
        problems.append(f"must have repo, branch and urlpath; has {sorted(raw)}")
        return problems
    for name, value in raw.items():
        if re.search(r"[/:?&\s]", value):
            problems.append(f"{name} must be URL-encoded")
    if unquote(raw["repo"]) != INFO.repository:
        problems.append(f"repo {unquote(raw['repo'])} is not {INFO.repository}")
    if unquote(raw["branch"]) != INFO.branch or not INFO.branch:
        problems.append(f"branch must be given explicitly as {INFO.branch}")
    path = unquote(raw["urlpath"])
    prefix = f"lab/tree/{INFO.repo_name}/"
    if not path.startswith(prefix):
        problems.append(f"urlpath must start with {prefix} (the folder nbgitpuller clones into)")
    elif not (ROOT / path.removeprefix(prefix)).exists():
        problems.append(f"{path} does not exist")
    return problems


def lite_problems(url: str) -> list[str]:
    """What is wrong with a link into the in-browser edition (empty: nothing)."""
    parts = urlsplit(url)
    problems = []
    if f"{parts.scheme}://{parts.netloc}{parts.path}" != f"{INFO.lite_site}/lab/index.html":
        problems.append(f"must start with {INFO.lite_site}/lab/index.html")
    query = parse_qsl(parts.query, keep_blank_values=True)
    if [k for k, _ in query] != ["path"]:
        problems.append("must have exactly one parameter, path")
        return problems
    raw = parts.query.split("=", 1)[1]
    if "/" in raw or "?" in raw:
        problems.append("path must be URL-encoded ('/' as %2F)")
    path = unquote(raw)
    if not path.startswith("notebooks/") or not path.endswith(".ipynb"):
        problems.append(f"path {path} must be a notebook in notebooks/")
    elif not (ROOT / path).exists():
        problems.append(f"{path} does not exist")
    return problems


def _about_cell(path: Path) -> str:
    """The 'About this notebook' cell near the end, which holds the launch links (not the first screen)."""
    cells = json.loads(path.read_text("utf-8"))["cells"]
    return "".join(next(c for c in cells if "about" in c["metadata"].get("tags", []))["source"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_has_its_own_launch_links_near_the_end(path):
    text = _about_cell(path)
    assert launch_links(f"notebooks/{path.name}") in text, "launch links missing or stale: run `python3 tasks.py sync`"
    assert text.count(course.LAUNCH_START) == 1
    binder, puller, lite = BINDER.findall(text), PULLER.findall(text), LITE.findall(text)
    assert len(binder) == 1 and len(puller) == 1 and len(lite) == 1
    for url in (binder[0], puller[0], lite[0]):
        assert unquote(url).endswith(f"/{path.name}"), url
    assert "Run in your browser (no install)" in text


def test_every_generated_link_has_the_right_form():
    found = 0
    for path in NOTEBOOKS + PAGES:
        text = _about_cell(path) if path.suffix == ".ipynb" else path.read_text("utf-8")
        for url in BINDER.findall(text):
            if url.endswith("badge_logo.svg"):
                continue
            assert not binder_problems(url), f"{path.name}: {url}: {binder_problems(url)}"
            found += 1
        for url in PULLER.findall(text):
            assert not puller_problems(url), f"{path.name}: {url}: {puller_problems(url)}"
            found += 1
        for url in LITE.findall(text):
            assert not lite_problems(url), f"{path.name}: {url}: {lite_problems(url)}"
            found += 1
    assert found >= 6 * len(NOTEBOOKS), "expected links in the notebooks, the README and the teacher pages"


def test_readme_and_how_to_open_carry_the_course_links():
    for page in (ROOT / "README.md", ROOT / "teachers" / "HOW-TO-OPEN.md"):
        assert launch_links("notebooks/00-start-here.ipynb", what="the course") in page.read_text("utf-8"), page.name


def test_the_nbgitpuller_link_is_a_valid_url_once_a_hub_is_filled_in():
    url = INFO.nbgitpuller_url("notebooks/01-calcium-in-the-body.ipynb", hub="https://hub.example.edu/")
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "hub.example.edu", "/hub/user-redirect/git-pull")
    assert dict(parse_qsl(parts.query)) == {
        "repo": INFO.repository, "branch": INFO.branch,
        "urlpath": f"lab/tree/{INFO.repo_name}/notebooks/01-calcium-in-the-body.ipynb",
    }
    assert url.startswith("https://hub.example.edu/hub/"), "no double slash after the hub address"


def test_the_placeholder_hub_and_the_repository_come_from_course_yaml():
    assert INFO.jupyterhub == course.HUB_PLACEHOLDER
    assert INFO.nbgitpuller_url().startswith(f"{INFO.jupyterhub}/hub/")
    assert INFO.repo_name == "calcium-paradox"


@pytest.mark.parametrize("bad, message", [
    ("https://mybinder.org/v2/gh/ORG/other/main?urlpath=%2Flab%2Ftree%2Fnotebooks%2F00-start-here.ipynb", "path"),
    ("https://mybinder.org/v2/gh/{repo}/main?urlpath=/lab/tree/notebooks/00-start-here.ipynb", "encoded"),
    ("https://mybinder.org/v2/gh/{repo}/main?urlpath=%2Ftree%2Fnotebooks%2F00-start-here.ipynb", "JupyterLab"),
    ("https://mybinder.org/v2/gh/{repo}/main?labpath=notebooks%2F00-start-here.ipynb", "urlpath"),
    ("https://mybinder.org/v2/gh/{repo}/main?urlpath=%2Flab%2Ftree%2Fnotebooks%2F99-nothing.ipynb", "does not exist"),
])
def test_the_binder_check_catches_bad_links(bad, message):
    problems = binder_problems(bad.format(repo=INFO.repo_path))
    assert any(message in p for p in problems), problems


@pytest.mark.parametrize("change, message", [
    (lambda u: u.replace("&branch=main", ""), "repo, branch and urlpath"),
    (lambda u: u.replace("lab%2Ftree%2Fcalcium-paradox%2F", "lab%2Ftree%2F"), "folder nbgitpuller clones"),
    (lambda u: u.replace("%2F", "/"), "URL-encoded"),
    (lambda u: u.replace("user-redirect/git-pull", "git-pull"), "user-redirect"),
    (lambda u: u.replace("branch=main", "branch=master"), "branch"),
])
def test_the_nbgitpuller_check_catches_bad_links(change, message):
    good = INFO.nbgitpuller_url("notebooks/00-start-here.ipynb")
    assert puller_problems(good) == []
    problems = puller_problems(change(good))
    assert any(message in p for p in problems), problems


def test_the_in_browser_link_goes_to_the_repository_pages_site_unless_course_yaml_says_otherwise():
    url = INFO.lite_url("notebooks/01-calcium-in-the-body.ipynb")
    assert lite_problems(url) == []
    owner, name = INFO.repo_path.split("/")
    assert url == (f"https://{owner.lower()}.github.io/{name}/lab/index.html"
                   "?path=notebooks%2F01-calcium-in-the-body.ipynb")
    moved = dataclasses.replace(INFO, lite_base="https://course.example.org/lite/")
    assert moved.lite_url("notebooks/01-calcium-in-the-body.ipynb") == (
        "https://course.example.org/lite/lab/index.html?path=notebooks%2F01-calcium-in-the-body.ipynb")
    assert "Run in your browser (no install)" in launch_links("notebooks/01-calcium-in-the-body.ipynb")


@pytest.mark.parametrize("change, message", [
    (lambda u: u.replace("github.io", "gitlab.io"), "must start with"),
    (lambda u: u.replace("%2F", "/"), "URL-encoded"),
    (lambda u: u.replace("path=notebooks%2F", "path="), "in notebooks/"),
    (lambda u: u.replace("00-start-here", "99-nothing"), "does not exist"),
    (lambda u: u + "&kernel=python", "exactly one parameter"),
])
def test_the_in_browser_check_catches_bad_links(change, message):
    good = INFO.lite_url("notebooks/00-start-here.ipynb")
    assert lite_problems(good) == []
    problems = lite_problems(change(good))
    assert any(message in p for p in problems), problems


def test_launch_links_are_replaced_in_place_and_added_when_missing():
    path = "notebooks/00-start-here.ipynb"
    plain = "# Title\n\nSome text."
    once = with_launch_links(plain, path)
    assert once.startswith(plain) and once.endswith(course.LAUNCH_END)
    assert with_launch_links(once, path) == once, "syncing twice changes nothing"
    stale = once.replace("main?urlpath", "old?urlpath") + "\n\nMore text."
    assert with_launch_links(stale, path) == once + "\n\nMore text."
