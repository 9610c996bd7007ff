"""How fast the course feels: ``make bench`` (or ``python3 tasks.py bench``).

Measures, and writes to ``benchmarks/results.json``:

- per explorer, in the kernel's process: the time of one update (a control's
  value changes → new figure bytes and state sentence), p50 and p95 over at
  least 50 changes; the same for a naive baseline in the same process
  (``ipywidgets.interactive_output`` drawing a new figure on every change, as
  the inline backend does) and the speed-up;
- per explorer, in JupyterLab in Chromium: a key press on the control → a new
  picture painted, p50 and p95. "New" means bytes that differ from the picture
  before the press (the kit may swap in another view of the same picture); after
  each press the page settles (kernel idle, no paint for a moment) and the settled
  picture must be the first new one, else the press counts as a wrong first picture;
- the wall time of the whole strict nbval run; the time from opening a notebook
  to its first interactive widget; the peak memory (RSS) of the kernel per notebook;
- the in-browser edition (JupyterLite, ``python3 tasks.py lite``), served on 127.0.0.1 under a
  sub-path: page open → kernel ready and → first explorer, cold (new browser profile) and warm;
  key press → new picture per explorer in the Pyodide kernel; the site's size and the bytes a
  cold visit downloads. ``--no-lite`` skips it, ``--lite-only`` measures only it.

This is a benchmark, not a test: it prints the targets next to the results and
never fails a build. ``--quick`` uses fewer repetitions (for a smoke run).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import platform
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT))  # authoring (the notebooks' widget inventory) when run as a script

RESULTS = ROOT / "benchmarks" / "results.json"
TARGETS = {
    "kernel_p95_ms": ("<=", 30), "browser_p50_ms": ("<=", 50), "speedup": (">=", 1.5),
    "nbval_s": ("<=", 20), "first_widget_s": ("<=", 4), "kernel_peak_mb": ("<=", 300),
}


def percentile(values, q: float) -> float:
    return float(np.percentile(np.asarray(values, dtype=float), q))


def change_sequence(spec, count: int):
    """``count`` (control, value) changes that visit every value of every control in turn."""
    from calcium_paradox.explorers import Slider

    per_control = []
    for control in spec.controls:
        values = list(control.values()) if isinstance(control, Slider) else control.values()
        if len(values) > 12:  # a spread of values across the range
            values = [values[i] for i in np.linspace(0, len(values) - 1, 12).round().astype(int)]
        per_control.append([(control.name, v) for v in values])
    changes = []
    while len(changes) < count:
        for sequence in per_control:
            changes += sequence
    return changes[:count]


# ----- in the kernel's process ------------------------------------------------------------------
def kernel_timings(spec, count: int) -> list[float]:
    """A cold update: no frame cache, so every change runs the model and draws (the kit's slowest path)."""
    from calcium_paradox.explorers import Explorer

    explorer = Explorer(spec, cache_size=0)
    for name, value in change_sequence(spec, 5):  # warm-up
        explorer.set_value(name, value)
    times = []
    for name, value in change_sequence(spec, count):
        if explorer.params[name] == value:
            continue
        start = time.perf_counter()
        explorer.set_value(name, value)
        times.append((time.perf_counter() - start) * 1000)
    return times


def baseline_timings(spec, count: int) -> list[float]:
    """The naive way: interactive_output, a new figure on every change, rendered as the inline backend does."""
    import ipywidgets as widgets
    from IPython.core.pylabtools import print_figure
    from matplotlib.figure import Figure

    from calcium_paradox.explorers import Slider
    from calcium_paradox.style import course_style

    controls = {}
    for control in spec.controls:
        if isinstance(control, Slider):
            controls[control.name] = widgets.FloatSlider(value=control.default, min=control.min, max=control.max,
                                                         step=control.step)
        else:
            controls[control.name] = widgets.Dropdown(options=list(control.options), value=control.default)

    def draw(**params):
        with course_style():
            view = spec.make_view()
            fig = Figure(figsize=view.figsize, layout="constrained")
            view.build(fig)
            view.update(params, spec.model(dict(params)))
            print_figure(fig, "png", bbox_inches="tight")
            spec.describe(params, spec.model(dict(params)))

    with contextlib.redirect_stdout(io.StringIO()):
        widgets.interactive_output(draw, controls)
        for name, value in change_sequence(spec, 5):
            controls[name].value = value
        times = []
        for name, value in change_sequence(spec, count):
            if controls[name].value == value:
                continue
            start = time.perf_counter()
            controls[name].value = value
            times.append((time.perf_counter() - start) * 1000)
    return times


# ----- in the browser ----------------------------------------------------------------------------
PAINT_WATCH = """(explorer) => {
  // Every time the picture in view changes (a new src, or another img put in its place), record
  // when it is decoded and painted, and a digest of its bytes.
  window.__cp = {pressed: [], painted: []};
  document.addEventListener('keydown', () => window.__cp.pressed.push(performance.now()), true);
  const digest = async (src) => {
    const bytes = await (await fetch(src)).arrayBuffer();
    const hash = await crypto.subtle.digest('SHA-256', bytes);
    return Array.from(new Uint8Array(hash)).map(b => b.toString(16).padStart(2, '0')).join('');
  };
  let shown = null, shownSrc = null;
  const look = () => {
    const img = explorer.querySelector('img.cp-figure');
    if (!img || !img.src || (img === shown && img.src === shownSrc)) return;
    shown = img; shownSrc = img.src;
    const event = {time: null, digest: null, live: img.classList.contains('cp-live'), seen: performance.now()};
    window.__cp.painted.push(event);
    digest(img.src).then(d => { event.digest = d; }).catch(() => { event.digest = 'gone'; });
    img.decode().catch(() => null).then(() => { event.decoded = performance.now();
      requestAnimationFrame(() => { event.time = performance.now(); }); });
  };
  look();
  new MutationObserver(look).observe(explorer, {attributes: true, attributeFilter: ['src', 'class'],
                                                childList: true, subtree: true});
}"""
SETTLED = """(quiet) => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  const events = window.__cp.painted, last = events[events.length - 1];
  return kernel.status === 'idle' && events.every(e => e.time !== null && e.digest !== null)
    && performance.now() - last.time > quiet;
}"""


def browser_timings(page, explorer, spec, count: int) -> tuple[list[float], int, int]:
    """Key press on the first control → a new picture painted, in ms; how many presses first showed a
    picture other than the one the page settled on; how many first showed a frame drawn ahead."""
    from calcium_paradox.explorers import Slider

    explorer.scroll_into_view_if_needed()
    explorer.evaluate(PAINT_WATCH)
    page.wait_for_function(SETTLED, arg=300, timeout=30_000)
    control = spec.controls[0]
    times, wrong = [], [0, 0]
    if isinstance(control, Slider):
        handle = explorer.locator(".cp-control .noUi-handle").first
        handle.focus()
        position, direction = list(control.values()).index(control.default), 1
        last = len(control.values()) - 1
        for _ in range(count):
            if not 0 <= position + direction <= last:
                direction = -direction
            position += direction
            times.append(_press_and_wait(page, handle, "ArrowRight" if direction > 0 else "ArrowLeft", wrong))
    else:
        # An arrow key on the closed list chooses the next item at once (Chromium on Linux and Windows), as
        # a keyboard user moves through it. (Opening the list and choosing with Enter is not timed: in
        # headless Chromium its pop-up alone takes 100–250 ms from Enter to the change event.)
        select = explorer.locator("select").first
        select.focus()
        position, last = control.values().index(control.default), len(control.options) - 1
        direction = 1
        for _ in range(count):
            if not 0 <= position + direction <= last:
                direction = -direction
            position += direction
            times.append(_press_and_wait(page, select, "ArrowDown" if direction > 0 else "ArrowUp", wrong))
    return [t for t in times if t is not None], wrong[0], wrong[1]


def _press_and_wait(page, element, key: str, wrong: list[int]) -> float | None:
    """Press, wait until the page has settled, and return the time to the first picture that differs
    from the one before the press (counting in ``wrong`` a first picture that is not the settled one)."""
    before = page.evaluate("() => window.__cp.painted.length")
    element.press(key)
    page.wait_for_function(f"() => window.__cp.painted.length > {before}", timeout=10_000)
    page.wait_for_function(SETTLED, arg=150, timeout=30_000)  # each press is timed on its own
    pressed = page.evaluate("() => window.__cp.pressed[window.__cp.pressed.length - 1]")
    events = page.evaluate("() => window.__cp.painted")
    old = events[before - 1]["digest"]
    new = [e for e in events[before:] if e["digest"] != old]
    if not new:  # this state draws the same picture as the last one (a model that saturates): not timed
        return None
    if new[0]["digest"] != events[-1]["digest"]:
        wrong[0] += 1
    if not new[0]["live"]:
        wrong[1] += 1
    return new[0]["time"] - pressed


def browser_measurements(count: int):
    import labdriver

    from authoring.inventory import widgets_in
    from calcium_paradox.course import existing, load_course
    from calcium_paradox.explorers import REGISTRY

    reason = labdriver.why_no_browser()
    if reason:
        print(f"browser measurements skipped: {reason}")
        return {}, None
    notebooks = [c.filename for c in existing(load_course().chapters, ROOT / "notebooks")]
    per_explorer, first_widget = {}, {}
    with labdriver.lab_server() as lab, labdriver.chromium() as browser:
        for notebook in notebooks:
            keys = widgets_in(ROOT / "notebooks" / notebook).explorers
            if not keys:
                continue
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            start = time.perf_counter()
            page.goto(lab.notebook_url(notebook))
            labdriver.accept_dialog(page, 500)
            page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                                   " && window.jupyterapp.shell.currentWidget.sessionContext"
                                   " && window.jupyterapp.shell.currentWidget.sessionContext.isReady")
            page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
            page.wait_for_function("() => { const i = document.querySelector('.cp-explorer img.cp-figure');"
                                   " return i && i.complete && i.naturalWidth > 0; }", timeout=60_000)
            first_widget[notebook] = time.perf_counter() - start
            labdriver.wait_until_run(page)
            seen: dict[str, int] = {}
            for key in keys:
                nth = seen.get(key, 0)
                seen[key] = nth + 1
                if key in per_explorer:
                    continue
                explorer = page.locator(f".cp-explorer-{key}").nth(nth)
                per_explorer[key] = browser_timings(page, explorer, REGISTRY[key], count)
            page.close()
    return per_explorer, first_widget


# ----- whole notebooks ------------------------------------------------------------------------------
def nbval_seconds() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pytest", "notebooks", "-q", "-p", "no:cacheprovider"], cwd=ROOT,
                   check=True, stdout=subprocess.DEVNULL, env=dict(os.environ, MPLBACKEND="Agg"))
    return time.perf_counter() - start


def kernel_peak_mb(notebook: Path) -> float:
    """Run a notebook in a fresh kernel and read the kernel's peak resident memory (VmHWM)."""
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    nb = nbformat.read(notebook, as_version=4)
    km = KernelManager(kernel_name="python3")
    km.start_kernel(cwd=str(notebook.parent), stderr=subprocess.DEVNULL)
    try:
        pid = km.provisioner.process.pid
        NotebookClient(nb, km=km, timeout=300).execute()
        status = Path(f"/proc/{pid}/status").read_text()
        kib = int(next(line for line in status.splitlines() if line.startswith("VmHWM")).split()[1])
        return kib / 1024
    finally:
        km.shutdown_kernel(now=True)


def machine() -> dict:
    versions = {}
    for package in ("jupyterlab", "ipywidgets", "matplotlib", "numpy", "pillow", "nbval", "playwright"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions[package] = metadata.version(package)
    chromium = ""
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True,
                                  check=True).stdout.strip()
    return {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "chromium": chromium, "packages": versions}


def verdict(name: str, value) -> str:
    if value is None:
        return "not measured"
    op, target = TARGETS[name]
    ok = value <= target if op == "<=" else value >= target
    return f"{'meets' if ok else 'MISSES'} target {op} {target}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run)")
    parser.add_argument("--no-browser", action="store_true", help="skip the browser measurements")
    parser.add_argument("--no-lite", action="store_true", help="skip the in-browser edition (JupyterLite)")
    parser.add_argument("--lite-only", action="store_true",
                        help="measure only the in-browser edition (added to the last results.json)")
    options = parser.parse_args(argv)
    count = 20 if options.quick else 60
    if options.lite_only:
        os.environ.setdefault("MPLBACKEND", "Agg")
        return lite_only(count)
    os.environ.setdefault("MPLBACKEND", "Agg")

    from calcium_paradox.course import existing, load_course
    from calcium_paradox.explorers import REGISTRY

    results: dict = {"explorers": {}}
    load_before = round(os.getloadavg()[0], 2)
    for key, spec in REGISTRY.items():
        kernel, baseline = kernel_timings(spec, count), baseline_timings(spec, count)
        results["explorers"][key] = {
            "changes": len(kernel),
            "kernel_p50_ms": round(percentile(kernel, 50), 1), "kernel_p95_ms": round(percentile(kernel, 95), 1),
            "baseline_p50_ms": round(percentile(baseline, 50), 1),
            "baseline_p95_ms": round(percentile(baseline, 95), 1),
            "speedup": round(percentile(baseline, 95) / percentile(kernel, 95), 2),
            "browser_p50_ms": None, "browser_p95_ms": None,
        }
    first_widget = None
    if not options.no_browser:
        browser, first_widget = browser_measurements(count)
        for key, (times, wrong, ahead) in browser.items():
            results["explorers"][key]["browser_presses"] = len(times)
            results["explorers"][key]["browser_wrong_first_picture"] = wrong
            results["explorers"][key]["browser_from_frames_drawn_ahead"] = ahead
            results["explorers"][key]["browser_p50_ms"] = round(percentile(times, 50), 1)
            results["explorers"][key]["browser_p95_ms"] = round(percentile(times, 95), 1)
    notebooks = [ROOT / "notebooks" / c.filename for c in existing(load_course().chapters, ROOT / "notebooks")]
    peaks = {path.name: round(kernel_peak_mb(path), 1) for path in notebooks}
    results["nbval_s"] = round(nbval_seconds(), 1)
    results["first_widget_s"] = round(max(first_widget.values()), 2) if first_widget else None
    results["first_widget_s_per_notebook"] = {k: round(v, 2) for k, v in (first_widget or {}).items()}
    results["kernel_peak_mb"] = max(peaks.values())
    results["kernel_peak_mb_per_notebook"] = peaks
    results["lite"] = {} if options.no_browser or options.no_lite else lite_measurements(count)
    results["machine"] = machine()
    results["machine"]["load_before"], results["machine"]["load_after"] = load_before, round(os.getloadavg()[0], 2)
    results["measured"] = time.strftime("%Y-%m-%d")
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print_table(results)
    print_lite_table(results)
    print(f"\nwritten to {RESULTS.relative_to(ROOT)}")
    return 0


def print_table(results: dict) -> None:
    columns = ("kernel_p50_ms", "kernel_p95_ms", "baseline_p50_ms", "baseline_p95_ms", "speedup",
               "browser_p50_ms", "browser_p95_ms")
    targeted = ("kernel_p95_ms", "browser_p50_ms")
    print(f"\n{'explorer':<16}" + "".join(f"{c.removesuffix('_ms'):>14}" for c in columns) + "   targets: "
          + ", ".join(f"{c.removesuffix('_ms')} {TARGETS[c][0]} {TARGETS[c][1]}" for c in targeted))
    for key, row in results["explorers"].items():
        marks = ["-" if row[c] is None else ("ok" if verdict(c, row[c]).startswith("meets") else "MISS")
                 for c in targeted]
        print(f"{key:<16}" + "".join(f"{'-' if row[c] is None else row[c]:>14}" for c in columns)
              + "   " + ", ".join(f"{c.split('_')[0]} {m}" for c, m in zip(targeted, marks, strict=True)))
    print()
    for name in ("kernel_p95_ms", "speedup", "browser_p50_ms"):
        values = [row[name] for row in results["explorers"].values() if row[name] is not None]
        worst = (max if TARGETS[name][0] == "<=" else min)(values) if values else None
        print(f"{'worst ' + name:<22} {'-' if worst is None else worst:>8}   {verdict(name, worst)}")
    for name in ("nbval_s", "first_widget_s", "kernel_peak_mb"):
        print(f"{name:<22} {'-' if results[name] is None else results[name]:>8}   {verdict(name, results[name])}")
    wrong = sum(row.get("browser_wrong_first_picture", 0) for row in results["explorers"].values())
    print(f"{'wrong first pictures':<22} {wrong:>8}   (a press whose first new picture was not the settled one)")
    print(f"machine: {results['machine']['cores']} cores, Python {results['machine']['python']}"
          f", load average before the run {results['machine'].get('load_before', '-')}"
          f", after {results['machine'].get('load_after', '-')} (other work on this machine slows every number)")


# ----- the in-browser edition (JupyterLite + Pyodide) ------------------------------------------------
LITE_TARGETS = {"lite_first_explorer_cold_s": ("<=", 12), "lite_first_explorer_warm_s": ("<=", 8),
                "lite_browser_p50_ms": ("<=", 150), "lite_cold_download_mb": ("<=", 45)}
LITE_SITE = ROOT / "_lite"
KERNEL_IDLE = ("() => { const p = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
               " return !!(p && p.sessionContext && p.sessionContext.session && p.sessionContext.session.kernel"
               " && p.sessionContext.session.kernel.status === 'idle'); }")
FIRST_EXPLORER = ("() => { const i = document.querySelector('.cp-explorer img.cp-figure');"
                  " return !!(i && i.complete && i.naturalWidth > 0); }")


def build_lite() -> str | None:
    """Build _lite/ with ``tasks.py lite``; returns why it could not be built, or None."""
    result = subprocess.run([sys.executable, str(ROOT / "tasks.py"), "lite"], cwd=ROOT, capture_output=True,
                            text=True)
    if result.returncode != 0:
        return (result.stdout + result.stderr).strip()[-400:]
    return None


class ByteCount:
    """Bytes received by a browser context (bodies and headers), and requests that left 127.0.0.1."""

    def __init__(self, context):
        import labdriver

        self.bytes, self.outside = 0, []
        context.route("**/*", lambda route: route.continue_() if labdriver.is_local(route.request.url)
                      else (self.outside.append(route.request.url), route.abort()))
        context.on("requestfinished", self._finished)

    def _finished(self, request) -> None:
        try:
            sizes = request.sizes()
            self.bytes += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        except Exception:  # a request whose sizes Chromium no longer has
            pass


def open_lite(page, site: str, notebook: str) -> dict:
    """Open a notebook, then Run All: seconds from page open to kernel idle and to the first explorer."""
    import labdriver

    start = time.perf_counter()
    page.goto(f"{site}/lab/index.html?path=notebooks/{notebook}")
    labdriver.accept_dialog(page, 500)
    page.wait_for_function(KERNEL_IDLE, timeout=180_000)
    kernel = time.perf_counter() - start
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(FIRST_EXPLORER, timeout=180_000)
    return {"kernel_ready_s": round(kernel, 2), "first_explorer_s": round(time.perf_counter() - start, 2)}


def lite_timings(page, explorer, spec, count: int) -> list[float]:
    """Key press → new picture in the browser kernel, in ms, pressed and timed as in JupyterLab
    (:func:`browser_timings`: arrow keys on the first control)."""
    return browser_timings(page, explorer, spec, count)[0]


def lite_measurements(count: int) -> dict:
    """The in-browser edition: open → kernel ready → first explorer (cold and warm), key press → new
    picture per explorer in the browser kernel, site size and bytes downloaded on a cold visit."""
    import labdriver

    from authoring.inventory import widgets_in
    from calcium_paradox.course import existing, load_course
    from calcium_paradox.explorers import REGISTRY

    reason = labdriver.why_no_browser() or build_lite()
    if reason:
        print(f"in-browser edition measurements skipped: {reason}")
        return {}
    files = [p for p in LITE_SITE.rglob("*") if p.is_file()]
    notebooks = [c.filename for c in existing(load_course().chapters, ROOT / "notebooks")]
    with_explorers = [n for n in notebooks if widgets_in(ROOT / "notebooks" / n).explorers]
    results: dict = {"site_mb": round(sum(p.stat().st_size for p in files) / 1e6, 1), "site_files": len(files),
                     "explorers": {}, "per_notebook": {}}
    with labdriver.serve(LITE_SITE.parent) as base, labdriver.chromium() as browser:
        site = f"{base}/{LITE_SITE.name}"  # under a sub-path, as on GitHub Pages
        # Cold: a new browser profile (empty cache and storage); warm: the same profile, page reloaded.
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        counter = ByteCount(context)
        page = context.new_page()
        cold = open_lite(page, site, with_explorers[0])
        labdriver.wait_until_run(page, 300)
        results["cold_download_mb"] = round(counter.bytes / 1e6, 1)
        page.close()
        page = context.new_page()
        warm = open_lite(page, site, with_explorers[0])
        page.close()
        results.update(cold=cold, warm=warm, cold_notebook=with_explorers[0])
        for notebook in with_explorers:
            page = context.new_page()
            results["per_notebook"][notebook] = open_lite(page, site, notebook)
            labdriver.wait_until_run(page, 300)
            seen: dict[str, int] = {}
            for key in widgets_in(ROOT / "notebooks" / notebook).explorers:
                nth = seen.get(key, 0)
                seen[key] = nth + 1
                if key in results["explorers"]:
                    continue
                explorer = page.locator(f".cp-explorer-{key}").nth(nth)
                try:
                    times = lite_timings(page, explorer, REGISTRY[key], count)
                except Exception as problem:  # a measurement, not a test: say what went wrong and go on
                    print(f"{key}: key press → picture not measured in the in-browser edition ({problem})")
                    continue
                results["explorers"][key] = {"presses": len(times), "p50_ms": round(percentile(times, 50), 1),
                                             "p95_ms": round(percentile(times, 95), 1)}
            page.close()
        context.close()
        results["outside_requests"] = len(counter.outside)
    return results


def lite_verdicts(lite: dict) -> dict:
    """The lite figures that have targets, by name."""
    if not lite:
        return {}
    p50 = [row["p50_ms"] for row in lite["explorers"].values()]
    return {"lite_first_explorer_cold_s": lite["cold"]["first_explorer_s"],
            "lite_first_explorer_warm_s": lite["warm"]["first_explorer_s"],
            "lite_browser_p50_ms": max(p50) if p50 else None,
            "lite_cold_download_mb": lite["cold_download_mb"]}


def print_lite_table(results: dict) -> None:
    lite = results.get("lite") or {}
    if not lite:
        return
    print("\nIn-browser edition (JupyterLite, Pyodide kernel) next to JupyterLab (Python kernel):")
    print(f"{'explorer':<16}{'lite p50 ms':>14}{'lite p95 ms':>14}{'lab p50 ms':>14}{'lab p95 ms':>14}")
    for key, row in lite["explorers"].items():
        lab = results.get("explorers", {}).get(key, {})
        print(f"{key:<16}{row['p50_ms']:>14}{row['p95_ms']:>14}{str(lab.get('browser_p50_ms', '-')):>14}"
              f"{str(lab.get('browser_p95_ms', '-')):>14}")
    print(f"\n{'notebook':<40}{'kernel ready s':>16}{'first explorer s':>18}{'lab first widget s':>20}")
    lab_first = results.get("first_widget_s_per_notebook", {})
    for notebook, row in lite["per_notebook"].items():
        print(f"{notebook:<40}{row['kernel_ready_s']:>16}{row['first_explorer_s']:>18}"
              f"{str(lab_first.get(notebook, '-')):>20}")
    print(f"\ncold visit ({lite['cold_notebook']}): kernel ready {lite['cold']['kernel_ready_s']} s; "
          f"warm: kernel ready {lite['warm']['kernel_ready_s']} s")
    print(f"site: {lite['site_mb']} MB in {lite['site_files']} files; requests that left 127.0.0.1: "
          f"{lite['outside_requests']}")
    for name, value in lite_verdicts(lite).items():
        op, target = LITE_TARGETS[name]
        ok = value is not None and (value <= target if op == "<=" else value >= target)
        print(f"{name:<30} {'-' if value is None else value:>8}   "
              f"{'not measured' if value is None else ('meets' if ok else 'MISSES') + f' target {op} {target}'}")


def lite_only(count: int) -> int:
    """``--lite-only``: measure the in-browser edition and add it to the last results.json."""
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results["lite"] = lite_measurements(count)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print_lite_table(results)
    print(f"\nwritten to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
