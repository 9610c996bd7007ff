"""The palette is colour-blind-safe AND high-contrast; fonts are large; importing changes nothing."""

import json
import os
import subprocess
import sys
from pathlib import Path

import matplotlib as mpl
import pytest

from calcium_paradox import style

ROOT = Path(__file__).resolve().parents[1]


def test_contrast_ratio_matches_known_wcag_values():
    assert style.contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert style.contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    # Published Okabe–Ito values against white (design criteria, A11).
    assert style.contrast_ratio("#0072B2") == pytest.approx(5.19, abs=0.01)
    assert style.contrast_ratio("#E69F00") == pytest.approx(2.25, abs=0.01)
    assert style.contrast_ratio("#F0E442") == pytest.approx(1.32, abs=0.01)


def test_contrast_is_symmetric_and_not_rounded():
    assert style.contrast_ratio("#CC79A7", "#FFFFFF") == style.contrast_ratio("#FFFFFF", "#CC79A7")
    # #CC79A7 is 3.06 and passes; #959595 is 2.995, which rounds to 3.0 but must still fail.
    assert style.contrast_ratio("#959595") < 3.0 <= style.contrast_ratio("#CC79A7")


@pytest.mark.parametrize("name,colour", sorted(style.LINE_COLOURS.items()))
def test_every_line_colour_has_3_to_1_contrast_on_the_background(name, colour):
    assert style.contrast_ratio(colour, style.BACKGROUND) >= style.MIN_LINE_CONTRAST, name


def test_the_colour_cycle_uses_only_line_colours_and_varies_style_and_marker():
    cycle = list(style.RC_PARAMS["axes.prop_cycle"])
    assert {c["color"] for c in cycle} <= set(style.LINE_COLOURS.values())
    looks = {(str(c["linestyle"]), c["marker"]) for c in cycle}
    assert len(looks) == len(cycle), "series must not differ by colour alone"


def test_fill_colours_are_kept_out_of_the_line_palette_because_they_are_too_light():
    too_light = [c for c in style.FILL_COLOURS.values() if style.contrast_ratio(c) < 3.0]
    assert too_light, "the fill list exists for colours that fail 3:1"
    assert not set(too_light) & set(style.LINE_COLOURS.values())


def test_font_sizes_meet_the_minimums():
    rc = style.RC_PARAMS
    for key in ("font.size", "axes.labelsize", "axes.titlesize"):
        assert rc[key] >= style.MIN_AXIS_LABEL_PT, key
    for key in ("xtick.labelsize", "ytick.labelsize", "legend.fontsize"):
        assert rc[key] >= style.MIN_FONT_PT, key


#: Run in a fresh interpreter: inside the test session another test may have imported the modules
#: already, and a second import runs nothing, so a side effect could never show.
IMPORT_PROBE = """
import importlib, json, pkgutil, sys
import matplotlib as mpl
before = {k: repr(v) for k, v in mpl.rcParams.items()}
import calcium_paradox
names = [m.name for m in pkgutil.walk_packages(calcium_paradox.__path__, "calcium_paradox.")]
for name in names:
    importlib.import_module(name)
exec(sys.argv[1])
after = {k: repr(v) for k, v in mpl.rcParams.items()}
print(json.dumps({"imported": len(names), "changed": sorted(k for k in before if before[k] != after[k])}))
"""


def import_side_effects(extra: str = "") -> dict:
    """Import every course module in a new Python and report the matplotlib settings that changed."""
    result = subprocess.run([sys.executable, "-c", IMPORT_PROBE, extra], capture_output=True, text=True,
                            cwd=ROOT, env=dict(os.environ, MPLBACKEND="Agg"), timeout=300, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_importing_every_module_changes_no_matplotlib_setting():
    report = import_side_effects()
    assert report["imported"] >= 30
    assert report["changed"] == []


def test_the_import_probe_sees_a_setting_changed_at_import():
    assert import_side_effects("mpl.rcParams['font.size'] = 31")["changed"] == ["font.size"]


def test_course_style_is_applied_only_inside_the_block():
    size = mpl.rcParams["font.size"]
    with style.course_style():
        assert mpl.rcParams["font.size"] == style.RC_PARAMS["font.size"]
    assert mpl.rcParams["font.size"] == size
