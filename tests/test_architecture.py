"""The folders of ``src/analysis`` import one way only: source → text → extract → figures →
report. A module that reaches the wrong way is a layout bug, whoever wrote it."""

import ast
from pathlib import Path

import pytest

from analysis.paths import ROOT

PACKAGE = ROOT / "src" / "analysis"
FOLDERS = ["source", "text", "extract", "figures", "report"]
# What each folder may import besides itself and the shared top-level modules.
ALLOWED = {
    "source": set(),
    "text": {"source"},
    "extract": {"source", "text"},
    "figures": {"source", "text", "extract"},
    "report": {"source", "text", "extract", "figures"},
}
SHARED_TOP_LEVEL = {"paths", "interactive", "lean_imports", "safe_write"}
MAX_TOP_LEVEL_MODULES = 8


def _imported_parts(path: Path, package: Path = PACKAGE) -> set[str]:
    """The first part below ``analysis`` of every package-internal import in ``path``."""
    folder = path.parent.relative_to(package).parts
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(folder[: len(folder) - (node.level - 1)])
                target = base + (node.module.split(".") if node.module else [])
                names = [target] if node.module else [base + [a.name] for a in node.names]
            elif node.module and node.module.split(".")[0] == "analysis":
                names = [node.module.split(".")[1:]]
            else:
                continue
        elif isinstance(node, ast.Import):
            names = [a.name.split(".")[1:] for a in node.names if a.name.startswith("analysis.")]
        else:
            continue
        found.update(parts[0] for parts in names if parts)
    return found


@pytest.mark.parametrize("folder", FOLDERS)
def test_folders_import_one_way_only(folder):
    wrong = {}
    for path in sorted((PACKAGE / folder).rglob("*.py")):
        reached = _imported_parts(path) - {folder} - SHARED_TOP_LEVEL
        if reached - ALLOWED[folder]:
            wrong[path.name] = sorted(reached - ALLOWED[folder])
    assert wrong == {}, f"{folder}/ imports against the flow: {wrong}"


def test_every_folder_says_what_it_holds_and_may_import():
    for folder in FOLDERS:
        doc = ast.get_docstring(ast.parse((PACKAGE / folder / "__init__.py").read_text()))
        assert doc and "Imports:" in doc, folder


def test_top_level_stays_small():
    modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(modules) <= MAX_TOP_LEVEL_MODULES, modules


def test_the_checker_sees_a_wrong_import(tmp_path):
    """The rule is only as good as the import reader: a figures → report import is caught."""
    (tmp_path / "figures").mkdir()
    module = tmp_path / "figures" / "bad.py"
    module.write_text("from ..report.pipeline import run_report\nfrom .theme import DARK\n")
    assert _imported_parts(module, tmp_path) == {"report", "figures"}
