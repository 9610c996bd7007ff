"""The in-browser edition (JupyterLite + Pyodide, ``python3 tasks.py lite``), in a real browser.

The site is built from the cached inputs (``tools/lite.py``; the first build downloads them from
npm and PyPI, each checked against ``tools/lite-inputs.json``), served on 127.0.0.1 and opened in
Debian's Chromium, in which every request to another host is aborted and recorded. For each notebook:
Run All, no cell error and no widget that fails to render, one control of each explorer changed
(the picture and the sentence must change), one question answered (no choice, a wrong and the right
one). The answers file must still be there after a reload (the browser's own storage). No request
may leave the site's origin.

Skipped, with the reason, when Chromium or Playwright is missing, or when the inputs are not cached
and cannot be downloaded; ``CP_REQUIRE_BROWSER=1`` turns the first into a failure.
The unit tests below the browser ones check the build's pieces without a browser.
"""

from __future__ import annotations

import base64
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from authoring.inventory import widgets_in
from calcium_paradox.course import existing, load_course
from calcium_paradox.explorers import REGISTRY, Slider
from calcium_paradox.questions import load_bank

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import labdriver  # noqa: E402
import lite  # noqa: E402
from site_support import serve  # noqa: E402
from test_browser import WIDGET_FAILURES, active_cell, answer_question, explorer_state, press_arrow_key  # noqa: E402

SHOTS = ROOT / "artifacts" / "lite"
NOTEBOOKS = [c.filename for c in existing(load_course().chapters, ROOT / "notebooks")]
#: Every name resolves to nothing except the loopback address: nothing can leave the machine even
#: if a request slipped past the page's own filter.
NO_OTHER_HOSTS = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"


# ---- the site ---------------------------------------------------------------------------------------
def build_site(out: Path) -> str | None:
    """Build the site into ``out``; returns why it could not be built (None when it was)."""
    inputs, cache = lite.load_inputs(), lite.cache_dir()
    args = ["--out", str(out)]
    if lite.missing(inputs, cache):
        fetch = subprocess.run([sys.executable, str(ROOT / "tasks.py"), "lite", "--fetch"], capture_output=True,
                               text=True)
        if fetch.returncode != 0:
            return (f"the in-browser edition's inputs are not in {cache} and could not be downloaded "
                    f"(no network?): {(fetch.stdout + fetch.stderr).strip()[-300:]}")
    result = subprocess.run([sys.executable, str(ROOT / "tasks.py"), "lite", "--offline", *args],
                            capture_output=True, text=True)
    assert result.returncode == 0, f"the lite build failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    return None


@pytest.fixture(scope="module")
def site_folder(tmp_path_factory) -> Path:
    """The built site (``_lite``)."""
    labdriver.need_browser()
    out = tmp_path_factory.mktemp("lite") / "_lite"
    reason = build_site(out)
    if reason:
        pytest.skip(reason)
    return out


@pytest.fixture(scope="module")
def site(site_folder):
    """The built site's address, served under a sub-path (``/_lite``) as a GitHub Pages project site is."""
    with serve(site_folder.parent) as base:  # what `python3 -m http.server` serves (the README's way to open it)
        yield f"{base}/{site_folder.name}"


@pytest.mark.browser
def test_the_edition_turns_off_its_own_jupyterlabs_arrow_key_shortcuts(site_folder):
    """The course's settings must name the shortcuts of the edition's JupyterLab (4.4.5), or arrow keys
    on a focused slider move the notebook's cursor there (checked in a browser below)."""
    from test_environment import turned_off_shortcuts_that_are_not_jupyterlabs

    settings = json.loads((site_folder / "jupyter-lite.json").read_text("utf-8"))["jupyter-config-data"]
    overrides = settings["settingsOverrides"]
    assert overrides["@jupyterlab/shortcuts-extension:shortcuts"]["shortcuts"], "the arrow-key settings are missing"
    assert turned_off_shortcuts_that_are_not_jupyterlabs(overrides, site_folder / "build" / "schemas") == []


@pytest.fixture(scope="module")
def browser():
    labdriver.need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=labdriver.chromium_path(), headless=True,
                                              args=[*labdriver.CHROMIUM_ARGS, NO_OTHER_HOSTS])
        try:
            yield chromium
        finally:
            chromium.close()


class Guard:
    """Aborts every request to another origin and records every request made."""

    def __init__(self, site: str):
        parts = urlsplit(site)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.urls: list[str] = []
        self.blocked: list[str] = []

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in labdriver.LOCAL_SCHEMES or f"{parts.scheme}://{parts.netloc}" == self.origin

    def route(self, route) -> None:
        url = route.request.url
        if self.allowed(url):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def attach(self, context) -> None:
        context.route("**/*", self.route)
        context.on("request", lambda request: self.urls.append(request.url))

    @property
    def outside(self) -> list[str]:
        return [url for url in self.urls if not self.allowed(url)] + self.blocked


def new_context(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    guard = Guard(site)
    guard.attach(context)
    return context, guard


def notebook_url(site: str, name: str) -> str:
    return f"{site}/lab/index.html?path=notebooks/{name}"


def open_lite_notebook(page, site: str, name: str, timeout: float = 120) -> None:
    """Open a notebook in the in-browser edition and wait until its Pyodide kernel is idle."""
    page.goto(notebook_url(site, name))
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                           " && window.jupyterapp.shell.currentWidget.sessionContext", timeout=timeout * 1000)
    labdriver.accept_dialog(page, 2000)  # "Select Kernel", if the notebook's kernel name is not found
    page.wait_for_function(
        "() => { const p = window.jupyterapp.shell.currentWidget;"
        " return p.sessionContext.session && p.sessionContext.session.kernel"
        " && p.sessionContext.session.kernel.status === 'idle'; }", timeout=timeout * 1000)


def run_all(page, timeout: float = 240) -> dict:
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    page.wait_for_function(
        "() => window.jupyterapp.shell.currentWidget.content.widgets"
        ".filter(c => c.model.type === 'code').some(c => c.model.executionCount !== null)",
        timeout=timeout * 1000)
    return labdriver.wait_until_run(page, timeout)


def change_first_control(explorer, control) -> str:
    """Change an explorer's first control as a learner would: type a number into a slider's box and
    move on (Tab), or choose another option in a list. (In JupyterLite 0.6's JupyterLab, Enter in the
    number box does not send the number; leaving the box does. Arrow keys are tested on their own.)"""
    if isinstance(control, Slider):
        values = list(control.values())
        target = values[len(values) // 2] if values[len(values) // 2] != control.default else values[-1]
        box = explorer.locator(".cp-number-box input").first
        box.fill(f"{target:g}")
        box.press("Tab")
        return f"typed {target:g} into the number box"
    select = explorer.locator("select").first
    start = select.evaluate("e => e.selectedIndex")
    select.select_option(index=start - 1 if start == len(control.options) - 1 else start + 1)
    return "chose the next option in the list"


def read_drive_file(page, path: str) -> str | None:
    """A text file as the edition's own storage holds it (JupyterLite's contents, kept in IndexedDB), or None.
    Files the kernel writes may be kept as base64."""
    found = page.evaluate("""async (path) => {
        try { const m = await window.jupyterapp.serviceManager.contents.get(path, {content: true});
              return {format: m.format,
                      content: typeof m.content === 'string' ? m.content : JSON.stringify(m.content)}; }
        catch (e) { return null; } }""", path)
    if not found:
        return None
    if found["format"] == "base64":
        return base64.b64decode(found["content"]).decode("utf-8")
    return found["content"]


# ---- in the browser ----------------------------------------------------------------------------------
@pytest.mark.browser
@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_every_notebook_runs_in_the_browser_kernel(notebook, site, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    stem = Path(notebook).stem
    inventory = widgets_in(ROOT / "notebooks" / notebook)
    context, guard = new_context(browser, site)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        open_lite_notebook(page, site, notebook)
        note = page.locator(".jp-MarkdownCell", has_text="You are running this course in your web browser")
        assert note.count() == 1, f"{notebook}: the in-browser note is missing from the first screen"
        page.screenshot(path=str(SHOTS / f"{stem}-first-screen.png"))
        state = run_all(page)
        page.screenshot(path=str(SHOTS / f"{stem}.png"))
        assert state["errors"] == [], f"{notebook}: cells raised errors in the browser kernel: {state['errors']}"
        for text in WIDGET_FAILURES:
            assert page.get_by_text(text).count() == 0, f"{notebook}: a widget failed to render ({text!r})."
        assert page.locator(".cp-explorer").count() == len(inventory.explorers)
        for key in dict.fromkeys(inventory.explorers):
            explorer = page.locator(f".cp-explorer-{key}").first
            explorer.scroll_into_view_if_needed()
            start = explorer_state(explorer)
            how = change_first_control(explorer, REGISTRY[key].controls[0])
            from playwright.sync_api import expect

            expect(explorer.locator(".cp-state")).not_to_have_text(start[0], timeout=30_000)
            changed = explorer_state(explorer)
            assert changed[1] != start[1], f"{key}: the figure did not change after the learner {how}"
            explorer.screenshot(path=str(SHOTS / f"{stem}-{key}-changed.png"))
            sliders = [i for i, c in enumerate(REGISTRY[key].controls) if isinstance(c, Slider)]
            if sliders:
                # The arrow keys move a focused slider and leave the notebook's cursor where it is
                # (press_arrow_key checks the cursor).
                sentence = explorer.locator(".cp-state").inner_text()
                press_arrow_key(explorer, REGISTRY[key].controls[sliders[0]], sliders[0])
                expect(explorer.locator(".cp-state")).not_to_have_text(sentence, timeout=30_000)
        if inventory.questions:
            question = load_bank()[inventory.questions[0]]
            answer_question(page.locator(f".cp-question-{question.id}").first, question)
    finally:
        context.close()
    assert not guard.outside, f"{notebook}: requests left the site's origin: {guard.outside[:5]}"


@pytest.mark.browser
def test_answers_stay_in_the_browser_after_a_reload(site, browser):
    """An answer checked in 00 is written to my-progress/answers.json in the browser's storage and
    is still there, for a new kernel, after the page is reloaded."""
    context, guard = new_context(browser, site)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        open_lite_notebook(page, site, NOTEBOOKS[0])
        run_all(page)
        # With a cell focused (not a widget), the arrow keys still move between cells.
        page.evaluate("() => { const nb = window.jupyterapp.shell.currentWidget.content;"
                      " nb.mode = 'command'; nb.activeCellIndex = 1; nb.activeCell.node.focus(); }")
        page.keyboard.press("ArrowDown")
        assert active_cell(page) == 2, "ArrowDown on a focused cell no longer moves to the next cell"
        inventory = widgets_in(ROOT / "notebooks" / NOTEBOOKS[0])
        question = load_bank()[inventory.questions[0]]
        answer_question(page.locator(f".cp-question-{question.id}").first, question)
        page.wait_for_timeout(1000)
        page.reload()
        open_lite_notebook(page, site, NOTEBOOKS[0])
        saved = read_drive_file(page, "my-progress/answers.json")
        assert saved, "my-progress/answers.json is not in the browser's storage after a reload"
        ids = [a["id"] for a in json.loads(saved)["answers"]]
        assert question.id in ids, f"{question.id} is not in the saved answers: {ids}"
        # A new kernel reads it back through the course's own code.
        cell = ("from calcium_paradox.progress import Store\n"
                f"print('SAVED', sum(a.id == {question.id!r} for a in Store().answers()))")
        page.evaluate("""async (code) => {
            const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
            const future = kernel.requestExecute({code});
            window.__out = '';
            future.onIOPub = (msg) => { if (msg.content.text) window.__out += msg.content.text; };
            await future.done; }""", cell)
        out = page.evaluate("() => window.__out")
        assert "SAVED" in out and "SAVED 0" not in out, f"the kernel could not read the answers back: {out!r}"
        page.screenshot(path=str(SHOTS / "after-reload.png"))
    finally:
        context.close()
    assert not guard.outside, f"requests left the site's origin: {guard.outside[:5]}"


# ---- the build's pieces, without a browser ---------------------------------------------------------------
def test_wheels_made_here_are_reproducible_and_installable():
    name, data = lite.make_wheel("demo-pkg", "1.0", {"demo_pkg/__init__.py": b"X = 1\n"})
    assert name == "demo_pkg-1.0-py3-none-any.whl"
    assert lite.make_wheel("demo-pkg", "1.0", {"demo_pkg/__init__.py": b"X = 1\n"})[1] == data
    with zipfile.ZipFile(io.BytesIO(data)) as wheel:
        names = wheel.namelist()
        record = wheel.read("demo_pkg-1.0.dist-info/RECORD").decode()
    assert {"demo_pkg/__init__.py", "demo_pkg-1.0.dist-info/WHEEL", "demo_pkg-1.0.dist-info/METADATA"} <= set(names)
    assert "demo_pkg/__init__.py,sha256=" in record


def test_the_course_wheel_holds_the_package_and_its_data():
    file_name, data, entry = lite.course_wheel()
    with zipfile.ZipFile(io.BytesIO(data)) as wheel:
        names = set(wheel.namelist())
    assert "calcium_paradox/__init__.py" in names and "calcium_paradox/data/questions.yaml" in names
    assert "calcium_paradox/data/course.yaml" in names
    assert not any("__pycache__" in n for n in names)
    assert entry["imports"] == ["calcium_paradox"] and "pyyaml" in entry["depends"]


def test_the_closure_follows_depends_and_rejects_unknown_packages():
    lock = {"packages": {"a": {"depends": ["b"]}, "b": {"depends": ["c"]}, "c": {"depends": []},
                         "d": {"depends": []}}}
    assert lite.closure(lock, ["a"]) == ["a", "b", "c"]
    with pytest.raises(SystemExit, match="not in Pyodide's lock"):
        lite.closure(lock, ["zzz"])


def test_a_file_with_the_wrong_sha256_is_refused(tmp_path):
    path = tmp_path / "x.whl"
    path.write_bytes(b"not the real file")
    with pytest.raises(SystemExit, match="is not the recorded"):
        lite.checked(path, "0" * 64)
    assert lite.checked(path, lite.sha256(b"not the real file")) == b"not the real file"


def test_every_notebook_copy_gets_the_note_once_on_its_first_screen():
    notebook = json.loads((ROOT / "notebooks" / NOTEBOOKS[0]).read_text("utf-8"))
    once = lite.with_note(notebook)
    assert once["cells"][0] == notebook["cells"][0]
    assert once["cells"][1]["id"] == lite.NOTE_ID and "File > Download" in "".join(once["cells"][1]["source"])
    assert lite.with_note(once) == once, "adding the note twice changes nothing"
    assert len(once["cells"]) == len(notebook["cells"]) + 1


def test_pypi_fallback_is_disabled_and_every_input_is_pinned():
    settings = lite.lite_config()["jupyter-config-data"]["litePluginSettings"]
    assert settings["@jupyterlite/pyodide-kernel-extension:kernel"]["disablePyPIFallback"] is True
    for item in lite.downloads(lite.load_inputs()):
        assert len(item["sha256"]) == 64 and ("npm" in item or "==" in item["pypi"]), item


@pytest.mark.skipif(not os.environ.get("CP_LITE_CACHE") and not lite.cache_dir().exists(),
                    reason="the in-browser edition's inputs are not cached")
def test_the_rewritten_lock_has_only_checked_files(tmp_path):
    inputs, cache = lite.load_inputs(), lite.cache_dir()
    if lite.missing(inputs, cache):
        pytest.skip(f"the in-browser edition's inputs are not all in {cache}")
    lock = lite.runtime(inputs, cache, tmp_path)
    official, _ = lite.official(inputs, cache)
    for name, entry in lock["packages"].items():
        data = (tmp_path / entry["file_name"]).read_bytes()
        assert lite.sha256(data) == entry["sha256"], name
        if name in official["packages"] and name != "pyyaml":
            assert entry == official["packages"][name], f"{name} differs from the official lock"
    assert lock["packages"]["calcium-paradox"]["imports"] == ["calcium_paradox"]
    for name in ("numpy", "matplotlib", "pillow", "ipywidgets", "pyyaml", "comm", "micropip"):
        assert name in lock["packages"], name
    names = {lite.canonical(n) for n in lock["packages"]}
    for entry in lock["packages"].values():
        assert {lite.canonical(d) for d in entry["depends"]} <= names, entry["name"]
    assert "pandas" not in lock["packages"] and "scipy" not in lock["packages"]
