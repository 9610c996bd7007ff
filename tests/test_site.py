"""The static reading edition (``python3 tasks.py site``): built from whatever chapters exist,
accessible, and offline.

The first group reads the built HTML: one H1, headings in order, landmarks, alt text,
links that resolve, nothing loaded from the network. The browser group (marked
``browser``) serves the site on 127.0.0.1, opens every page in Debian's Chromium,
fails on any request that leaves the machine, and runs axe-core on every page.
"""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from site_support import (
    AXE,
    chromium,
    is_external,
    is_local_request,
    need_browser,
    read_page,
    run_axe,
    serve,
)

from authoring import edition
from authoring.figures import FIGURES
from authoring.notebook_check import BAD_LINK_TEXT
from calcium_paradox.course import existing, load_course

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
COURSE = load_course()
CHAPTERS = existing(COURSE.chapters, NOTEBOOKS)
PAGES = ["index.html"] + [f"{c.slug}.html" for c in CHAPTERS]
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
ARTIFACTS = ROOT / "artifacts" / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("edition") / "_site"
    edition.build(ROOT, out)
    return out


def _notebook(chapter) -> dict:
    return json.loads((NOTEBOOKS / chapter.filename).read_text(encoding="utf-8"))


def _source(cell) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _copy_course(tmp_path: Path) -> Path:
    """A copy of the course's notebooks and figures to build from (and to change)."""
    root = tmp_path / "course"
    shutil.copytree(NOTEBOOKS, root / "notebooks")
    shutil.copytree(ROOT / "figures", root / "figures")
    for name in ("LICENSE", "LICENSE-CONTENT.md", "CITATION.cff"):  # the notebooks' footers link them
        shutil.copy(ROOT / name, root / name)
    return root


# ---- the build --------------------------------------------------------------------------


def test_build_writes_an_index_and_one_page_per_existing_chapter(site):
    assert sorted(p.name for p in site.glob("*.html")) == sorted(PAGES)
    assert (site / "style.css").exists()


def test_the_site_command_builds_the_edition(tmp_path):
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "tasks.py", "site", "--out", str(out)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (out / "index.html").exists()
    assert "index.html" in result.stdout


def test_a_new_chapter_is_picked_up_without_code_changes(tmp_path):
    missing = [c for c in COURSE.chapters if c not in CHAPTERS]
    root = _copy_course(tmp_path)
    if missing:  # a chapter not written yet: give it a notebook and it must appear
        new = missing[0]
        shutil.copyfile(NOTEBOOKS / CHAPTERS[-1].filename, root / "notebooks" / new.filename)
    else:  # every chapter exists: the last one must still appear with its links, from course.yaml alone
        new = CHAPTERS[-1]
    out = tmp_path / "site"
    edition.build(root, out)
    assert (out / f"{new.slug}.html").exists()
    index_links = [href for href, _ in read_page(out / "index.html").links]
    assert f"{new.slug}.html" in index_links
    built = existing(COURSE.chapters, root / "notebooks")
    before = built[built.index(new) - 1]
    assert (f"{new.slug}.html", f"Next chapter: {new.label}") in read_page(out / f"{before.slug}.html").links


def test_the_builder_never_deletes_a_folder_it_did_not_make(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    with pytest.raises(edition.SiteError, match="not made by this builder"):
        edition.build(ROOT, out)
    assert (out / "notes.txt").read_text() == "keep me"


@pytest.mark.parametrize("kind", ["image output", "folded key state"])
def test_a_figure_without_alt_text_stops_the_build(tmp_path, kind):
    root = _copy_course(tmp_path)
    path = root / "notebooks" / CHAPTERS[0].filename
    nb = json.loads(path.read_text(encoding="utf-8"))
    figure = next(o for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])
                  if 'class="cp-key-state"' in "".join(o.get("data", {}).get("text/html", "")))
    if kind == "image output":
        figure["data"] = {"image/png": base64.b64encode(b"\x89PNG fake").decode(),
                          "text/plain": "<Figure size 700x400 with 2 Axes>"}
        figure["metadata"] = {}
    else:
        figure["data"]["text/html"] = re.sub(r'alt="[^"]*"', 'alt=""', "".join(figure["data"]["text/html"]))
    path.write_text(json.dumps(nb), encoding="utf-8")
    with pytest.raises(edition.SiteError, match="no alt text"):
        edition.build(root, tmp_path / "site")


@pytest.mark.parametrize(
    "markdown, message",
    [
        ("![](../figures/not-a-course-figure.svg)", "no alt text"),
        ("![A missing figure](../figures/not-a-course-figure.svg)", "does not exist"),
        ("![A picture from elsewhere](https://example.org/x.png)", "from the network"),
        ("[A missing page](no-such-notebook.ipynb)", "not a chapter"),
    ],
)
def test_bad_images_and_links_stop_the_build(tmp_path, markdown, message):
    root = _copy_course(tmp_path)
    path = root / "notebooks" / CHAPTERS[0].filename
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"].insert(1, {"cell_type": "markdown", "id": "inserted", "metadata": {}, "source": markdown})
    path.write_text(json.dumps(nb), encoding="utf-8")
    with pytest.raises(edition.SiteError, match=message):
        edition.build(root, tmp_path / "site")


def test_a_course_figure_without_alt_in_the_markdown_takes_its_alt_from_figures_py(tmp_path):
    root = _copy_course(tmp_path)
    path = root / "notebooks" / CHAPTERS[0].filename
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"].insert(1, {"cell_type": "markdown", "id": "inserted", "metadata": {},
                           "source": "![](../figures/00-course-map.svg)"})
    path.write_text(json.dumps(nb), encoding="utf-8")
    out = tmp_path / "site"
    edition.build(root, out)
    alts = [img.get("alt") for img in read_page(out / f"{CHAPTERS[0].slug}.html").images]
    assert {f.name: f.alt for f in FIGURES}["00-course-map"] in alts


# ---- every page -------------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_page_has_language_landmarks_and_a_skip_link(site, name):
    page = read_page(site / name)
    assert page.lang == "en"
    assert page.tags.get("main") == 1 and page.tags.get("header") == 1 and page.tags.get("footer") == 1
    assert page.tags.get("nav", 0) >= 1
    assert page.links[0] == ("#main", "Skip to main content")
    assert "main" in page.ids


@pytest.mark.parametrize("name", PAGES)
def test_page_has_one_h1_and_headings_in_order(site, name):
    levels = [level for level, _ in read_page(site / name).headings]
    assert levels.count(1) == 1, f"{name}: {levels.count(1)} H1 headings"
    assert levels[0] == 1, f"{name}: the first heading is H{levels[0]}, not the H1"
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"{name}: a heading jumps from H{before} to H{after}"


@pytest.mark.parametrize("name", PAGES)
def test_every_image_has_alt_text(site, name):
    for image in read_page(site / name).images:
        decorative = image.get("role") == "presentation" and image.get("alt") == ""
        assert decorative or (image.get("alt") or "").strip(), f"{name}: image {image.get('src')} has no alt text"


@pytest.mark.parametrize("name", PAGES)
def test_every_internal_link_and_image_resolves(site, name):
    page = read_page(site / name)
    ids = {}
    targets = [href for href, _ in page.links] + page.resources
    for target in targets:
        if is_external(target):
            assert target.startswith(("https://", "http://")), f"{name}: odd link {target}"
            continue
        parts = urlsplit(target)
        path = (site / name).parent / unquote(parts.path) if parts.path else site / name
        path = path.resolve()
        assert site.resolve() in path.parents, f"{name}: {target} leaves the site folder"
        assert path.is_file(), f"{name}: {target} does not exist"
        if parts.fragment:
            if path not in ids:
                ids[path] = set(read_page(path).ids)
            assert unquote(parts.fragment) in ids[path], f"{name}: {target} has no matching id"


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_nothing_from_the_network_and_runs_no_script(site, name):
    page = read_page(site / name)
    assert not [r for r in page.resources if is_external(r)], f"{name} loads {page.resources}"
    assert page.tags.get("script", 0) == 0 and page.tags.get("iframe", 0) == 0
    text = (site / name).read_text(encoding="utf-8")
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", text)


def test_the_style_sheet_loads_nothing(site):
    css = (site / "style.css").read_text(encoding="utf-8")
    assert "@import" not in css and "url(" not in css


@pytest.mark.parametrize("name", PAGES)
def test_link_text_says_where_it_goes_and_ids_are_unique(site, name):
    page = read_page(site / name)
    for href, text in page.links:
        assert text, f"{name}: the link to {href} has no text"
        assert text.lower() not in BAD_LINK_TEXT, f"{name}: link text '{text}' says nothing"
    duplicates = {i for i in page.ids if page.ids.count(i) > 1}
    assert not duplicates, f"{name}: duplicate ids {duplicates}"


# ---- what the pages show ----------------------------------------------------------------


def test_index_has_the_course_map_and_every_chapter_with_its_time(site):
    page = read_page(site / "index.html")
    course_map = {f.name: f for f in FIGURES}["00-course-map"]
    assert any(img.get("src") == "figures/00-course-map.svg" and img.get("alt") == course_map.alt
               for img in page.images)
    text = (site / "index.html").read_text(encoding="utf-8")
    assert course_map.description.split(".")[0] in text
    links = dict(page.links)
    for chapter in COURSE.chapters:
        assert f"About {chapter.minutes} minutes." in text
        if chapter in CHAPTERS:
            assert links.get(f"{chapter.slug}.html") == chapter.label
        else:
            assert f"{chapter.slug}.html" not in links
            assert f"{chapter.label} (coming soon)".replace("'", "&#x27;") in text


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.slug)
def test_chapter_page_links_home_and_to_its_neighbours(site, chapter):
    links = read_page(site / f"{chapter.slug}.html").links
    assert ("index.html", "Course home: map and chapter list") in links
    index = CHAPTERS.index(chapter)
    if index > 0:
        before = CHAPTERS[index - 1]
        assert (f"{before.slug}.html", f"Previous chapter: {before.label}") in links
    if index + 1 < len(CHAPTERS):
        after = CHAPTERS[index + 1]
        assert (f"{after.slug}.html", f"Next chapter: {after.label}") in links


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.slug)
def test_every_figure_keeps_the_notebooks_alt_text(site, chapter):
    alts = {img.get("alt") for img in read_page(site / f"{chapter.slug}.html").images}
    for cell in _notebook(chapter)["cells"]:
        if cell["cell_type"] == "markdown":
            for alt, _ in re.findall(r"!\[([^\]]*)\]\(([^)\s]+)\)", _source(cell)):
                assert alt in alts
        for output in cell.get("outputs", []):
            alt = output.get("metadata", {}).get("image/png", {}).get("alt")
            folded = re.search(r'<img [^>]*alt="([^"]*)"', "".join(output.get("data", {}).get("text/html", "")))
            for one in filter(None, (alt, html.unescape(folded.group(1)) if folded else None)):
                assert one in alts


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.slug)
def test_each_question_shows_once_with_its_answers_in_details(site, chapter):
    from authoring.notebooks import question_calls
    from calcium_paradox.questions import load_bank

    bank = load_bank()
    asked = [q for call in question_calls(_notebook(chapter), bank.probe, bank.post) if call.function != "reveal"
             for q in call.ids]
    text = (site / f"{chapter.slug}.html").read_text(encoding="utf-8")
    assert text.count("<strong>Question:</strong>") == len(asked)
    assert text.count("<summary>Show the answer and why") == len(asked)
    for qid in asked:
        assert text.count(f'data-question="{qid}"') == asked.count(qid)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.slug)
def test_explorers_show_their_static_form_and_open_key_states(site, chapter):
    nb = _notebook(chapter)
    observe = [c for c in nb["cells"] if "observe" in c["metadata"].get("tags", []) and c["cell_type"] == "code"]
    if not observe:
        pytest.skip(f"{chapter.slug} has no explorer")
    text = (site / f"{chapter.slug}.html").read_text(encoding="utf-8")
    assert text.count('class="cp-static-explorer"') == len(observe)
    key_states = sum(_source(c).count("key_state(") for c in nb["cells"] if c["cell_type"] == "code")
    assert text.count('<details class="cp-key-state" open>') == key_states > 0
    assert "data:image/png" not in text, "pictures are files beside the page, not inline data"
    assert text.count("<details open><summary>Text description of this key state") == key_states


def test_a_static_form_gets_its_pictures_as_files_and_its_key_states_open():
    png = b"\x89PNG fake"
    folded = ('<details class="cp-key-state"><summary>Show</summary><img src="data:image/png;base64,'
              + base64.b64encode(png).decode() + '" alt="What it shows"></details>')
    page = edition._Page("x", [])
    out = edition._render_output({"output_type": "display_data", "data": {"text/html": folded,
                                                                         "text/plain": "Figure: What it shows"}}, page)
    assert '<details class="cp-key-state" open>' in out and 'src="images/x-01.png"' in out
    assert page.images == [("images/x-01.png", png)]


def test_the_vendored_axe_core_is_the_recorded_version():
    assert hashlib.sha256(AXE.read_bytes()).hexdigest() == AXE_SHA256
    assert (AXE.parent / "LICENSE").exists()


# ---- in the browser ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    need_browser()
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def served(site):
    with serve(site) as base:
        yield base


def _offline_context(browser, requests: list[str]):
    """A browser context that records every request and blocks any that would leave the machine."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    context.on("request", lambda request: requests.append(request.url))

    def guard(route):
        if is_local_request(route.request.url):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", guard)
    return context


@pytest.mark.browser
@pytest.mark.parametrize("name", PAGES)
def test_in_chromium_the_page_stays_offline_and_axe_finds_nothing_serious(browser, served, name):
    requests: list[str] = []
    context = _offline_context(browser, requests)
    try:
        page = context.new_page()
        response = page.goto(f"{served}/{name}", wait_until="load")
        assert response is not None and response.ok
        broken = page.evaluate(
            "Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)"
        )
        assert not broken, f"{name}: images that did not load: {broken}"
        outside = [url for url in requests if not is_local_request(url)]
        assert not outside, f"{name} asked the network for {outside}"
        violations = run_axe(page)
        serious = [v for v in violations if v["impact"] in ("serious", "critical")]
        assert not serious, f"{name}: axe-core found " + "; ".join(
            f"{v['impact']} {v['id']} ({v['help']}) at {v['nodes']}" for v in serious
        )
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name[:-5]}.png"), full_page=True)
    finally:
        context.close()


@pytest.mark.browser
def test_in_chromium_the_skip_link_and_focus_are_visible(browser, served):
    context = _offline_context(browser, [])
    try:
        page = context.new_page()
        page.goto(f"{served}/{CHAPTERS[-1].slug}.html")
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent.trim()")
        assert focused == "Skip to main content"
        box = page.locator(".skip-link").bounding_box()
        assert box is not None and box["y"] >= 0 and box["height"] > 0, "the skip link stays off screen when focused"
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "the focused link has no visible outline"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
        page.keyboard.press("Tab")
        assert page.evaluate("document.getElementById('main').contains(document.activeElement)")
    finally:
        context.close()


@pytest.mark.browser
def test_in_chromium_a_figure_description_opens_from_the_keyboard(browser, served):
    """Folded text descriptions are reachable and opened with Tab and Enter, as a screen-reader user would."""
    context = _offline_context(browser, [])
    try:
        page = context.new_page()
        page.goto(f"{served}/{CHAPTERS[1].slug}.html")
        summary = page.locator("summary", has_text="Text description of the figure above").first
        details = summary.locator("xpath=..")
        assert details.evaluate("d => d.open") is False, "a figure's text description starts folded"
        summary.focus()
        assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
        page.keyboard.press("Enter")
        assert details.evaluate("d => d.open") is True
        assert "Figure description." in details.inner_text()
    finally:
        context.close()


@pytest.mark.browser
def test_in_chromium_the_edition_opens_from_disk_without_a_server(browser, site):
    requests: list[str] = []
    context = _offline_context(browser, requests)
    try:
        page = context.new_page()
        page.goto((site / "index.html").as_uri())
        first = CHAPTERS[0]
        page.locator("ul.chapters").get_by_role("link", name=first.label, exact=True).click()
        page.wait_for_load_state("load")
        assert page.url == (site / f"{first.slug}.html").as_uri()
        broken = page.evaluate("Array.from(document.images).filter(i => !(i.naturalWidth > 0)).length")
        assert broken == 0
        assert all(url.startswith("file://") for url in requests), requests
    finally:
        context.close()


@pytest.mark.browser
def test_in_chromium_the_checks_catch_a_bad_page(browser, tmp_path):
    """The same checks on a deliberately bad page: they must find its problems."""
    (tmp_path / "bad.html").write_text(
        '<!DOCTYPE html><html><head><title>Bad</title>'
        '<link rel="stylesheet" href="https://fonts.example.org/font.css"></head>'
        '<body><p style="color:#bbb">Low contrast</p><img src="missing-alt.png"></body></html>',
        encoding="utf-8",
    )
    requests: list[str] = []
    context = _offline_context(browser, requests)
    try:
        with serve(tmp_path) as base:
            page = context.new_page()
            page.goto(f"{base}/bad.html", wait_until="load")
            serious = {v["id"] for v in run_axe(page) if v["impact"] in ("serious", "critical")}
        assert {"image-alt", "color-contrast", "html-has-lang"} <= serious
        assert {url for url in requests if not is_local_request(url)} == {"https://fonts.example.org/font.css"}
    finally:
        context.close()


@pytest.mark.parametrize("required", ["", "1"])
def test_without_chromium_browser_tests_skip_with_a_reason_or_fail_when_required(monkeypatch, required):
    import labdriver
    import site_support

    monkeypatch.setattr(labdriver, "chromium_path", lambda: None)
    monkeypatch.setenv("CP_REQUIRE_BROWSER", required)
    expected = pytest.fail.Exception if required else pytest.skip.Exception
    with pytest.raises(expected, match="Chromium was not found"):
        site_support.need_browser()
