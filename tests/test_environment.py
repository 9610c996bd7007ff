"""The environments: what learners get, what the tests get, and the lock file under both.

- environment.yml (conda, Binder) is the learner runtime only: exactly the packages and versions of
  requirements.txt, and none of the test tools of requirements-dev.txt.
- constraints.txt pins the whole resolved set (every package below the top-level pins too);
  tasks.py installs with it, and it agrees with every top-level pin.
"""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
#: pip name -> conda-forge name, where they differ.
CONDA_NAMES = {"matplotlib": "matplotlib-base"}


def pip_pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if not line or line.startswith("-r"):
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([\w.]+)", line)
        assert match, f"{path.name}: '{line}' must be pinned exactly as name==version"
        pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    return pins


def conda_env(text: str) -> tuple[dict[str, str], dict[str, str], str]:
    env = yaml.safe_load(text)
    assert env["channels"] == ["conda-forge"], "use conda-forge only"
    conda, pip, python = {}, {}, ""
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for line in dep["pip"]:
                name, version = line.split("==")
                pip[name.lower()] = version
        elif dep.startswith("python="):
            python = dep.split("=", 1)[1]
        elif dep != "pip":
            name, _, version = dep.partition("=")
            assert version, f"environment.yml: '{dep}' must be pinned as name=version"
            conda[name.lower()] = version
    return conda, pip, python


def environment_problems(env_text: str, runtime: dict[str, str], dev: dict[str, str]) -> list[str]:
    """Why environment.yml is not the learner runtime of requirements.txt (empty: it is)."""
    conda, pip_section, python = conda_env(env_text)
    wanted = {CONDA_NAMES.get(name, name): version for name, version in runtime.items()}
    problems = [f"environment.yml has {name}={conda.get(name)}, requirements.txt {name}=={version}"
                for name, version in wanted.items() if conda.get(name) != version]
    problems += [f"environment.yml has {name}, which requirements.txt does not name"
                 for name in conda if name not in wanted]
    problems += [f"environment.yml's pip section has {name}: learners do not need it" for name in pip_section]
    problems += [f"environment.yml carries the test tool {name}" for name in dev
                 if CONDA_NAMES.get(name, name) in conda or name in pip_section]
    if python != "3.11":
        problems.append(f"environment.yml pins python={python}, the course is tested with 3.11")
    return problems


RUNTIME = pip_pins(ROOT / "requirements.txt")
DEV = pip_pins(ROOT / "requirements-dev.txt")


def test_environment_yml_is_exactly_the_learner_runtime():
    assert environment_problems((ROOT / "environment.yml").read_text(), RUNTIME, DEV) == []


@pytest.mark.parametrize("mistake, expected", [
    (lambda t: t.replace("numpy=2.4.6", "numpy=9.9.9"), "numpy=9.9.9"),
    (lambda t: t.replace("  - pyyaml=6.0.3\n", ""), "pyyaml=None"),
    (lambda t: t + "  - pytest=9.2.0\n", "test tool pytest"),
    (lambda t: t + "  - pip:\n      - playwright==1.65.2\n", "pip section has playwright"),
    (lambda t: t.replace("python=3.11", "python=3.12"), "python=3.12"),
], ids=["wrong version", "missing package", "test tool", "pip test tool", "other python"])
def test_the_environment_check_catches_each_mismatch(mistake, expected):
    broken = mistake((ROOT / "environment.yml").read_text())
    problems = environment_problems(broken, RUNTIME, DEV)
    assert any(expected in p for p in problems), problems


def test_dev_requirements_include_the_runtime_ones():
    assert "-r requirements.txt" in (ROOT / "requirements-dev.txt").read_text()
    assert not set(RUNTIME) & set(DEV), "a runtime package is pinned twice"


def test_the_lock_file_pins_every_top_level_package_at_its_version():
    lock = pip_pins(ROOT / "constraints.txt")
    for name, version in {**RUNTIME, **DEV}.items():
        assert lock.get(name) == version, f"constraints.txt has {name}=={lock.get(name)}, requirements {version}"
    assert len(lock) > 3 * len({**RUNTIME, **DEV}), "constraints.txt should pin the whole resolved set"
    assert "calcium-paradox" not in lock, "the course package itself is installed editable, not pinned"


def test_no_test_dependency_needs_pkg_resources():
    """pkg_resources left setuptools in version 82; nothing the suite imports may still need it."""
    assert "textstat" not in DEV, "textstat 0.7.4 imports pkg_resources; the reading grade uses pyphen"
    assert int(DEV["setuptools"].split(".")[0]) >= 82, "test with a setuptools that has no pkg_resources"


def test_binder_installs_the_course_package_and_stops_on_errors():
    post = (ROOT / "postBuild").read_text()
    assert post.startswith("#!/bin/bash")
    assert re.search(r"^set -e", post, re.M), "postBuild without set -e hides failures"
    assert "pip install --no-deps -e ." in post
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists(), (
        "a binder/ folder would make Binder ignore environment.yml and postBuild at the top level"
    )


# ---- the course's JupyterLab settings (jupyterlab/overrides.json) ----------------------------------------
LAB_OVERRIDES = ROOT / "jupyterlab" / "overrides.json"


def turned_off_shortcuts_that_are_not_jupyterlabs(overrides: dict, schemas: Path) -> list[dict]:
    """Shortcuts the overrides turn off that are not (command, keys, selector) defaults of that JupyterLab:
    such an entry turns nothing off, and the arrow keys would again leave a focused slider or list."""
    import json

    defaults = set()
    for schema in schemas.rglob("*.json"):
        data = json.loads(schema.read_text("utf-8"))
        for shortcut in data.get("jupyter.lab.shortcuts", []) if isinstance(data, dict) else []:
            defaults.add((shortcut["command"], tuple(shortcut["keys"]), shortcut["selector"]))
    shortcuts = overrides["@jupyterlab/shortcuts-extension:shortcuts"]["shortcuts"]
    return [s for s in shortcuts if s.get("disabled")
            and (s["command"], tuple(s["keys"]), s["selector"]) not in defaults]


def test_the_lab_settings_turn_off_jupyterlabs_own_arrow_key_shortcuts():
    import json
    import sys

    overrides = json.loads(LAB_OVERRIDES.read_text("utf-8"))
    schemas = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"
    if not schemas.exists():
        pytest.skip(f"no JupyterLab schemas in {schemas}")
    assert turned_off_shortcuts_that_are_not_jupyterlabs(overrides, schemas) == []
    shortcuts = overrides["@jupyterlab/shortcuts-extension:shortcuts"]["shortcuts"]
    keys = {s["keys"][0] for s in shortcuts if s.get("disabled")}
    assert keys == {"ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"}
    # each is added back for everything but a control inside a widget
    for off in (s for s in shortcuts if s.get("disabled")):
        assert {"command": off["command"], "keys": off["keys"],
                "selector": off["selector"] + ":not(.jupyter-widgets *)"} in shortcuts


def test_the_settings_check_catches_a_shortcut_jupyterlab_does_not_have(tmp_path):
    schema = tmp_path / "notebook" / "tracker.json"
    schema.parent.mkdir()
    schema.write_text('{"jupyter.lab.shortcuts": [{"command": "c", "keys": ["ArrowUp"], "selector": ".a"}]}')
    wrong = {"@jupyterlab/shortcuts-extension:shortcuts": {"shortcuts": [
        {"command": "c", "keys": ["ArrowUp"], "selector": ".a", "disabled": True},
        {"command": "c", "keys": ["ArrowUp"], "selector": ".b", "disabled": True}]}}
    assert [s["selector"] for s in turned_off_shortcuts_that_are_not_jupyterlabs(wrong, tmp_path)] == [".b"]


def test_every_way_of_opening_the_course_installs_the_lab_settings():
    assert "jupyterlab/overrides.json" in (ROOT / "postBuild").read_text()
    assert "install_lab_settings()" in (ROOT / "tasks.py").read_text()
    assert "install_lab_settings(" in (ROOT / "tools" / "labdriver.py").read_text()
