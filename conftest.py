"""How strict nbval treats the course's notebooks: every exemption, in one place.

Strict nbval compares each stored text output with a fresh run. These outputs
are NOT compared, and why:

1. ``image/png``, ``image/jpeg``, ``image/svg+xml``: figure bytes depend on the
   matplotlib and font build. What a figure says is still compared, because
   ``display.show`` puts its alt text in the ``text/plain`` output next to the image.
2. ``application/vnd.jupyter.widget-view+json``: widget model ids are new on
   every run. A widget's ``text/plain`` (the question prompt, or the explorer's
   state sentence) is still compared.
3. ``stderr``: warnings differ between library versions. The notebook check
   fails any stored stderr output, so none can hide in a committed notebook.
4. Memory addresses (``0x7f...``) are replaced by ``0xADDR`` in both outputs
   (the sanitize file ``tests/nbval_sanitize.cfg``).

Nothing else is exempt: there is no ``--nbval-lax`` and no ``NBVAL_IGNORE_OUTPUT``.
"""

from pathlib import Path

SANITIZE = Path(__file__).parent / "tests" / "nbval_sanitize.cfg"
SKIPPED = ("image/png", "image/jpeg", "image/svg+xml", "application/vnd.jupyter.widget-view+json", "stderr")


def pytest_configure(config):
    # nbval opens the sanitize file relative to the current directory; give it an absolute path.
    if hasattr(config.option, "nbval_sanitize_with") and not config.option.nbval_sanitize_with:
        config.option.nbval_sanitize_with = str(SANITIZE)


def pytest_collectstart(collector):
    if hasattr(collector, "skip_compare"):
        collector.skip_compare = tuple(collector.skip_compare) + SKIPPED
