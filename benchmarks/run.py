"""How fast the course feels: ``make bench`` (or ``python3 tasks.py bench``).

Measures, and writes to ``benchmarks/results.json``:

- per explorer, in the kernel's process: the time of one update (a control's
  value changes → new figure bytes and state sentence), p50 and p95 over at
  least 50 changes; the same for a naive baseline in the same process
  (``ipywidgets.interactive_output`` drawing a new figure on every change, as
  the inline backend does) and the speed-up;
- per explorer, in JupyterLab in Chromium: a key press on the control → the new
  image painted, p50 and p95;
- the wall time of the whole strict nbval run; the time from opening a notebook
  to its first interactive widget; the peak memory (RSS) of the kernel per notebook.

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
    from calcium_paradox.explorers import Explorer

    explorer = Explorer(spec)
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
  const img = explorer.querySelector('img.cp-figure');
  window.__cp = {pressed: [], painted: []};
  document.addEventListener('keydown', () => window.__cp.pressed.push(performance.now()), true);
  new MutationObserver(() => {
    img.decode().catch(() => null).then(() => requestAnimationFrame(() =>
      window.__cp.painted.push(performance.now())));
  }).observe(img, {attributes: true, attributeFilter: ['src']});
}"""


def browser_timings(page, explorer, spec, count: int) -> list[float]:
    """Key press on the first control → the new image painted, in ms."""
    from calcium_paradox.explorers import Slider

    explorer.scroll_into_view_if_needed()
    explorer.evaluate(PAINT_WATCH)
    control = spec.controls[0]
    times = []
    if isinstance(control, Slider):
        handle = explorer.locator(".cp-control .noUi-handle").first
        handle.focus()
        position, direction = list(control.values()).index(control.default), 1
        last = len(control.values()) - 1
        for _ in range(count):
            if not 0 <= position + direction <= last:
                direction = -direction
            position += direction
            times.append(_press_and_wait(page, handle, "ArrowRight" if direction > 0 else "ArrowLeft"))
    else:
        select = explorer.locator("select").first
        for i in range(count):
            select.focus()
            select.press(" ")
            select.press("ArrowDown" if i % 2 == 0 else "ArrowUp")
            times.append(_press_and_wait(page, select, "Enter"))
    return times


def _press_and_wait(page, element, key: str) -> float:
    painted = page.evaluate("() => window.__cp.painted.length")
    element.press(key)
    page.wait_for_function(f"() => window.__cp.painted.length > {painted}", timeout=10_000)
    page.wait_for_timeout(30)  # let a second, late paint of the same press land before the next one
    pressed = page.evaluate("() => window.__cp.pressed[window.__cp.pressed.length - 1]")
    first_paint = page.evaluate(f"() => window.__cp.painted[{painted}]")
    return first_paint - pressed


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
    options = parser.parse_args(argv)
    count = 20 if options.quick else 60
    os.environ.setdefault("MPLBACKEND", "Agg")

    from calcium_paradox.course import existing, load_course
    from calcium_paradox.explorers import REGISTRY

    results: dict = {"explorers": {}}
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
        for key, times in browser.items():
            results["explorers"][key]["browser_presses"] = len(times)
            results["explorers"][key]["browser_p50_ms"] = round(percentile(times, 50), 1)
            results["explorers"][key]["browser_p95_ms"] = round(percentile(times, 95), 1)
    notebooks = [ROOT / "notebooks" / c.filename for c in existing(load_course().chapters, ROOT / "notebooks")]
    peaks = {path.name: round(kernel_peak_mb(path), 1) for path in notebooks}
    results["nbval_s"] = round(nbval_seconds(), 1)
    results["first_widget_s"] = round(max(first_widget.values()), 2) if first_widget else None
    results["first_widget_s_per_notebook"] = {k: round(v, 2) for k, v in (first_widget or {}).items()}
    results["kernel_peak_mb"] = max(peaks.values())
    results["kernel_peak_mb_per_notebook"] = peaks
    results["machine"] = machine()
    results["measured"] = time.strftime("%Y-%m-%d")
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print_table(results)
    print(f"\nwritten to {RESULTS.relative_to(ROOT)}")
    return 0


def print_table(results: dict) -> None:
    columns = ("kernel_p50_ms", "kernel_p95_ms", "baseline_p95_ms", "speedup", "browser_p50_ms", "browser_p95_ms")
    print(f"\n{'explorer':<16}" + "".join(f"{c:>17}" for c in columns))
    for key, row in results["explorers"].items():
        print(f"{key:<16}" + "".join(f"{'-' if row[c] is None else row[c]:>17}" for c in columns))
    print()
    for name in ("kernel_p95_ms", "speedup", "browser_p50_ms"):
        values = [row[name] for row in results["explorers"].values() if row[name] is not None]
        worst = (max if TARGETS[name][0] == "<=" else min)(values) if values else None
        print(f"{'worst ' + name:<22} {'-' if worst is None else worst:>8}   {verdict(name, worst)}")
    for name in ("nbval_s", "first_widget_s", "kernel_peak_mb"):
        print(f"{name:<22} {'-' if results[name] is None else results[name]:>8}   {verdict(name, results[name])}")
    print(f"machine: {results['machine']['cores']} cores, Python {results['machine']['python']}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
