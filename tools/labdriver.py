"""Drive the course in a real JupyterLab in Debian's Chromium (for the browser tests and the benchmark).

- :func:`lab_server` starts JupyterLab on 127.0.0.1 with a random free port and a
  random token, serving a throw-away copy of ``notebooks/`` and ``figures/`` (so
  nothing the browser does can change the committed notebooks), with news,
  update checks and autosave switched off. It stops the server by its process.
- :func:`chromium` launches Debian's Chromium (``/usr/bin/chromium``, or the
  path in ``CP_CHROMIUM``) through Playwright, never a downloaded browser;
  :func:`need_browser` makes a test skip with the reason when it cannot, or fail
  when ``CP_REQUIRE_BROWSER=1`` (set by ``.ci/run``).
- :func:`is_local` and :class:`NetworkLog` tell requests that stay on this
  machine from those that leave it; anything that leaves is a failure.

The browser tests of the notebooks and of the static edition, and the benchmark,
all use these.
- :func:`open_and_run` opens a notebook, restarts its kernel, runs every cell and
  waits until the kernel is idle with every code cell executed.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-default-apps",
                 "--disable-sync", "--metrics-recording-only", "--no-pings"]
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
#: Schemes that never reach the network.
LOCAL_SCHEMES = {"data", "blob", "about", "file"}

# JupyterLab user settings for a quiet, deterministic session.
SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    # Every cell stays in the page, so every widget can be found (not only those scrolled into view).
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


def chromium_path() -> str | None:
    """The system Chromium: ``CP_CHROMIUM`` if set, else /usr/bin/chromium, else chromium on PATH."""
    wanted = os.environ.get("CP_CHROMIUM")
    if wanted:
        return wanted if Path(wanted).exists() else None
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


def why_no_browser() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -r requirements-dev.txt)"
    if chromium_path() is None:
        return "Chromium was not found (install Debian's chromium package, or set CP_CHROMIUM to its path)"
    return None


def need_browser(also_missing: str | None = None) -> None:
    """In a test: skip with the reason when the browser tests cannot run, or fail if CP_REQUIRE_BROWSER=1."""
    import pytest

    reason = why_no_browser() or also_missing
    if reason is None:
        return
    if os.environ.get("CP_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests are required (CP_REQUIRE_BROWSER=1), but {reason}")
    pytest.skip(f"browser tests skipped: {reason}")


def is_local(url: str) -> bool:
    """True when a request stays on this machine (loopback, or a data:, blob:, about: or file: address)."""
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or (
        parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname in LOOPBACK
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test and benchmark output clean
        pass


@contextlib.contextmanager
def serve(folder: Path):
    """Serve ``folder`` on 127.0.0.1 at a free port (as ``python3 -m http.server`` would); yields the base
    URL and stops the server after. Used for the static edition, the in-browser edition and their bench."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Lab:
    url: str
    token: str
    root: Path
    process: subprocess.Popen

    def notebook_url(self, name: str) -> str:
        return f"{self.url}/lab/tree/notebooks/{name}?token={self.token}&reset"


@contextlib.contextmanager
def lab_server(timeout: float = 90):
    """A JupyterLab server on a copy of the course; yields a :class:`Lab`."""
    sys.path.insert(0, str(ROOT))
    from tasks import install_lab_settings

    install_lab_settings(Path(sys.prefix))  # the course's JupyterLab settings, as `tasks.py lab` installs them
    work = Path(tempfile.mkdtemp(prefix="cp-lab-"))
    try:
        served = work / "course"
        for folder in ("notebooks", "figures"):
            shutil.copytree(ROOT / folder, served / folder)
        settings = work / "settings"
        for name, values in SETTINGS.items():
            target = settings / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(values))
        port, token = _free_port(), secrets.token_hex(16)
        env = dict(os.environ, JUPYTER_CONFIG_DIR=str(work / "config"), JUPYTER_RUNTIME_DIR=str(work / "runtime"),
                   JUPYTERLAB_SETTINGS_DIR=str(settings), JUPYTERLAB_WORKSPACES_DIR=str(work / "workspaces"),
                   MPLBACKEND="module://matplotlib_inline.backend_inline")
        command = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
                   f"--ServerApp.token={token}", "--ServerApp.open_browser=False",
                   "--LabApp.news_url=None", "--LabApp.expose_app_in_browser=True",
                   "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        log = open(work / "server.log", "wb")
        process = subprocess.Popen(command, cwd=served, env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"JupyterLab stopped at start-up:\n{(work / 'server.log').read_text()[-3000:]}")
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"JupyterLab did not answer within {timeout:.0f} s.") from None
                time.sleep(0.3)
        try:
            yield Lab(url=url, token=token, root=served, process=process)
        finally:
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
            log.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


@contextlib.contextmanager
def chromium():
    """A headless Debian Chromium driven by Playwright (never a downloaded browser); yields the browser."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class NetworkLog:
    """Every URL a page asked for, and those that left the loopback address."""

    urls: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("request", lambda request: self.urls.append(request.url))
        page.on("websocket", lambda socket_: self.urls.append(socket_.url))

    @property
    def outside(self) -> list[str]:
        return [url for url in self.urls if not is_local(url)]


# JavaScript run in the page: the notebook's state, read from JupyterLab's own models.
NOTEBOOK_STATE = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.content || !panel.sessionContext) return null;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  const cells = panel.content.widgets.filter(c => c.model.type === 'code');
  const errors = [];
  for (const cell of cells) {
    for (const out of cell.model.outputs.toJSON()) {
      if (out.output_type === 'error') errors.push(out.ename + ': ' + out.evalue);
    }
  }
  return {
    status: kernel ? kernel.status : 'none',
    pending: cells.filter(c => c.model.executionCount === null).length,
    running: cells.filter(c => c.promptNode && c.promptNode.textContent.includes('*')).length,
    errors,
  };
}"""


def accept_dialog(page, timeout_ms: int = 1500) -> bool:
    """Press the main button of a dialog (kernel choice, restart), if one appears."""
    try:
        page.wait_for_selector(".jp-Dialog .jp-mod-accept", timeout=timeout_ms)
    except Exception:
        return False
    page.click(".jp-Dialog .jp-mod-accept")
    return True


def wait_until_run(page, timeout: float = 120) -> dict:
    """Wait until every code cell has run and the kernel is idle; returns the notebook state."""
    deadline = time.monotonic() + timeout
    idle_since = None
    while time.monotonic() < deadline:
        state = page.evaluate(NOTEBOOK_STATE)
        done = state and state["status"] == "idle" and state["pending"] == 0 and state["running"] == 0
        if done:
            idle_since = idle_since or time.monotonic()
            if time.monotonic() - idle_since > 0.5:  # idle for a moment, not between two cells
                return state
        else:
            idle_since = None
        time.sleep(0.1)
    raise TimeoutError(f"The notebook did not finish running within {timeout:.0f} s: {state}")


def open_notebook(page, lab: Lab, name: str, timeout: float = 90) -> None:
    """Open a notebook and wait for its kernel to be ready."""
    page.goto(lab.notebook_url(name))
    accept_dialog(page, 3000)
    page.wait_for_function(
        "() => { const p = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
        " return p && p.sessionContext && p.sessionContext.session && p.sessionContext.session.kernel"
        " && p.sessionContext.session.kernel.status === 'idle'; }",
        timeout=timeout * 1000,
    )


def restart_and_run_all(page, timeout: float = 120) -> dict:
    """Restart the kernel, run every cell, and wait until done; returns the notebook state."""
    # Clear the stored outputs first, so "every cell has run" can only mean this run.
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:restart-run-all'); }")
    accept_dialog(page, 5000)
    page.wait_for_function(
        "() => window.jupyterapp.shell.currentWidget.content.widgets"
        ".filter(c => c.model.type === 'code').some(c => c.model.executionCount !== null)",
        timeout=timeout * 1000,
    )
    return wait_until_run(page, timeout)
