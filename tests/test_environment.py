"""environment.yml (conda, Binder) and the pip pins name the same packages at the same versions."""

import re
from pathlib import Path

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
        pins[match.group(1).lower()] = match.group(2)
    return pins


def conda_env() -> tuple[dict[str, str], dict[str, str], str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
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


def test_environment_yml_and_pip_pins_agree():
    pins = {**pip_pins(ROOT / "requirements.txt"), **pip_pins(ROOT / "requirements-dev.txt")}
    conda, pip_section, python = conda_env()
    as_conda = {CONDA_NAMES.get(name, name): version for name, version in pins.items() if name not in pip_section}
    assert conda == as_conda, f"conda {conda} != pip {as_conda}"
    for name, version in pip_section.items():
        assert pins.get(name) == version, f"environment.yml pip: {name}=={version} differs from requirements"
    assert python == "3.11"


def test_dev_requirements_include_the_runtime_ones():
    assert "-r requirements.txt" in (ROOT / "requirements-dev.txt").read_text()


def test_binder_installs_the_course_package_and_stops_on_errors():
    post = (ROOT / "postBuild").read_text()
    assert post.startswith("#!/bin/bash")
    assert re.search(r"^set -e", post, re.M), "postBuild without set -e hides failures"
    assert "pip install --no-deps -e ." in post
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists(), (
        "a binder/ folder would make Binder ignore environment.yml and postBuild at the top level"
    )


def test_the_check_catches_a_mismatch(tmp_path):
    bad = tmp_path / "requirements.txt"
    bad.write_text("numpy==1.0\n")
    assert pip_pins(bad) != {"numpy": conda_env()[0]["numpy"]}
