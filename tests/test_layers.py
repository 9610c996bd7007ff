"""The learner package holds what the notebooks run; the authoring tools live beside it.

Arrows run one way: notebooks -> calcium_paradox; authoring -> calcium_paradox; nothing in
calcium_paradox imports the authoring tools, and a model never imports matplotlib or ipywidgets.
"""

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "calcium_paradox"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def imported(path: Path, root: Path = ROOT) -> set[str]:
    """Top-level names of everything a module imports (relative imports resolved inside the package)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = path.relative_to(root).with_suffix("").parts[:-node.level]
                names.add(".".join([*base, *(node.module.split(".") if node.module else [])]))
            else:
                names.add(node.module)
    return names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_the_learner_package_never_imports_the_authoring_tools(path):
    bad = sorted(n for n in imported(path) if n == "authoring" or n.startswith("authoring."))
    assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


def test_models_use_numpy_only():
    for path in (PACKAGE / "models").glob("*.py"):
        bad = sorted(n for n in imported(path) if n.split(".")[0] in {"matplotlib", "ipywidgets", "IPython"})
        assert not bad, f"{path.name} imports {bad}"


def test_the_authoring_tools_are_not_installed_with_the_learner_package():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert config["tool"]["setuptools"]["packages"]["find"]["include"] == ["calcium_paradox*"]
    names = {p.stem for p in MODULES}
    for tool in ("notebook_check", "binder_check", "teaching", "edition", "inventory", "figures", "notebook"):
        assert tool not in names, f"calcium_paradox still holds the authoring module {tool}"


def test_the_import_check_sees_absolute_and_relative_imports_of_the_authoring_tools(tmp_path):
    fake = tmp_path / "calcium_paradox" / "sub" / "mod.py"
    fake.parent.mkdir(parents=True)
    fake.write_text("import numpy\nfrom authoring.teaching import guide_problems\nfrom ..style import course_style\n")
    found = imported(fake, tmp_path)
    assert found == {"numpy", "authoring.teaching", "calcium_paradox.style"}
