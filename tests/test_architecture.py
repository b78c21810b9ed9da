"""The folders of ``src/analysis`` import one way only, and no module reaches itself through
others. Both rules are import-linter contracts in ``pyproject.toml`` (``[tool.importlinter]``):
a ``layers`` contract for the direction, and an ``acyclic_siblings`` contract for cycles at
every depth, file level included. import-linter reads every import statement, those inside
functions too, so a cycle hidden in a function is still one."""

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.paths import ROOT

PACKAGE = ROOT / "src" / "analysis"
FOLDERS = ["source", "text", "extract", "figures", "report", "tables"]
MAX_TOP_LEVEL_MODULES = 8
_LINT = (
    "import sys; from importlinter.cli import lint_imports_command; "
    "sys.exit(lint_imports_command())"
)


def lint_imports(src: Path, config: Path = ROOT / "pyproject.toml") -> subprocess.CompletedProcess:
    """``lint-imports`` on the package under ``src``, with the project's contracts."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [sys.executable, "-c", _LINT, "--config", str(config), "--no-cache"],
        cwd=src,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_imports_keep_the_contracts():
    run = lint_imports(ROOT / "src")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> str:
    """The contracts run on a copy of the package with one cycle and one wrong-way import
    planted, both inside functions, where an import is easiest to overlook."""
    src = tmp_path_factory.mktemp("planted") / "src"
    shutil.copytree(PACKAGE, src / "analysis", ignore=shutil.ignore_patterns("__pycache__"))
    with open(src / "analysis" / "text" / "counting.py", "a", encoding="utf-8") as module:
        module.write("\n\ndef _planted_cycle():\n    from .keywords import keyword_counts\n")
    with open(src / "analysis" / "figures" / "theme.py", "a", encoding="utf-8") as module:
        module.write("\n\ndef _planted_wrong_way():\n    from ..report import deck\n")
    run = lint_imports(src)
    assert run.returncode != 0
    return run.stdout


def test_a_file_level_cycle_is_caught(planted):
    assert "No import cycle between modules, at any depth BROKEN" in planted
    assert (
        "analysis.text" in planted
        and ".counting -> .keywords" in planted.replace("\n", " ")
        or ".keywords -> .counting" in planted
    )


def test_a_wrong_way_import_is_caught(planted):
    assert "figures -> report -> CLI BROKEN" in planted
    assert "analysis.figures.theme -> analysis.report.deck" in planted


def test_every_folder_says_what_it_holds_and_may_import():
    for folder in FOLDERS:
        doc = ast.get_docstring(ast.parse((PACKAGE / folder / "__init__.py").read_text()))
        assert doc and "Imports:" in doc, folder


def test_top_level_stays_small():
    modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(modules) <= MAX_TOP_LEVEL_MODULES, modules
