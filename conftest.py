"""How strict nbval treats the course's notebooks: every exemption, in one place.

Strict nbval compares each stored text output with a fresh run. These outputs
are NOT compared, and why:

1. ``image/png``, ``image/jpeg``, ``image/svg+xml``: figure bytes depend on the
   matplotlib and font build. What a figure says is still compared, because
   ``display.show`` puts its alt text in the ``text/plain`` output next to the image.
2. ``application/vnd.jupyter.widget-view+json``: the pointer to a widget's saved model.
   A widget's ``text/plain`` (the question prompt, or the explorer's state sentence)
   is still compared.
3. Memory addresses (``0x7f...``) are replaced by ``0xADDR`` in both outputs
   (the sanitize file ``tests/nbval_sanitize.cfg``).

``stderr`` IS compared: the notebook check fails any stored stderr output, so a fresh
run that writes to stderr fails, unless every line of it matches a pattern in
``STDERR_ALLOWED`` below, each with the reason it may be ignored.

Nothing else is exempt: there is no ``--nbval-lax`` and no ``NBVAL_IGNORE_OUTPUT``.
"""

import os
import re
from pathlib import Path

SANITIZE = Path(__file__).parent / "tests" / "nbval_sanitize.cfg"
SKIPPED = ("image/png", "image/jpeg", "image/svg+xml", "application/vnd.jupyter.widget-view+json")
#: Lines a fresh run may write to stderr without failing nbval: name -> (pattern, why).
STDERR_ALLOWED: dict[str, tuple[str, str]] = {
    "debugger frozen modules": (
        r".*(frozen modules|PYDEVD_DISABLE_FILE_VALIDATION|-Xfrozen_modules|breakpoints being missed"
        r"|Debugger warning).*|\s*",
        "ipykernel's debugger notice on Python 3.11; it says nothing about the course"),
}


def stderr_is_allowed(text: str) -> bool:
    """True when every line of a stderr output matches one of ``STDERR_ALLOWED``."""
    patterns = [re.compile(pattern) for pattern, _ in STDERR_ALLOWED.values()]
    return all(any(p.fullmatch(line) for p in patterns) for line in text.splitlines())


def _without_allowed_stderr(outputs):
    return [o for o in outputs
            if not (o.get("output_type") == "stream" and o.get("name") == "stderr"
                    and stderr_is_allowed(o.get("text", "")))]


def pytest_configure(config):
    # A figure that breaks the course's rules is an error under the tests, in this process and in
    # every kernel nbval starts from it (a learner's kernel only warns): see calcium_paradox.display.
    os.environ["CP_STRICT_FIGURES"] = "1"
    # Answers that tests give are saved in a throw-away file, never in the course's my-progress/.
    if "CP_PROGRESS_FILE" not in os.environ:
        import tempfile

        scratch = Path(tempfile.mkdtemp(prefix="cp-progress-"))
        os.environ["CP_PROGRESS_FILE"] = str(scratch / "answers.json")
    # nbval opens the sanitize file relative to the current directory; give it an absolute path.
    if hasattr(config.option, "nbval_sanitize_with") and not config.option.nbval_sanitize_with:
        config.option.nbval_sanitize_with = str(SANITIZE)
    try:
        from nbval.plugin import IPyNbCell
    except ImportError:
        return
    if not getattr(IPyNbCell.compare_outputs, "_course_filtered", False):
        compare = IPyNbCell.compare_outputs

        def compare_outputs(self, test, ref, skip_compare=None):
            return compare(self, _without_allowed_stderr(test), ref, skip_compare)

        compare_outputs._course_filtered = True
        IPyNbCell.compare_outputs = compare_outputs


def pytest_collectstart(collector):
    if hasattr(collector, "skip_compare"):
        collector.skip_compare = tuple(s for s in collector.skip_compare if s != "stderr") + SKIPPED
