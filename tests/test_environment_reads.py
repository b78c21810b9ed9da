"""Library code gets its inputs as arguments, never from the environment. The environment is
read only where a process boundary needs it, each place listed here with its reason; a new
read anywhere else fails this test."""

import ast
from pathlib import Path

import pytest

from analysis.paths import PACKAGE

# (module, function) → why that function may read the environment.
ALLOWED = {
    ("paths.py", "cache_dir"): "the host's cache folder (ANALYSIS_CACHE_DIR); changes no output",
    ("text/engines.py", "engine_name"): "the segmentation engine, which Dask workers inherit",
    ("text/engines.py", "cache_dir"): "jieba's dictionary cache folder (JIEBA_CACHE_DIR)",
    ("text/distributed.py", "_segmenter_environment"): "the engine setting sent to workers",
    ("text/distributed.py", "SegmenterPlugin.setup"): "a worker takes the client's engine",
    ("interactive.py", "in_jupyter_frontend"): "the kernel's own JPY_SESSION_NAME",
    ("report/notebook_run.py", "_kernel_environment"): "a kernel runs in the caller's environment",
    ("report/pipeline.py", "run_report"): "the kernels' PYTHONPATH, made absolute",
}


def _reads(tree: ast.AST) -> list[tuple[str, int]]:
    """``(qualified function name, line)`` of every use of ``os.environ``, ``os.getenv`` or a
    name imported from them (``from os import environ``)."""
    imported = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "os"
        for alias in node.names
        if alias.name in {"environ", "getenv", "environb", "getenvb"}
    }
    found = []

    def visit(node: ast.AST, scope: list[str]) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            scope = [*scope, node.name]
        is_os_attribute = (
            isinstance(node, ast.Attribute)
            and node.attr in {"environ", "getenv", "environb", "getenvb"}
            and isinstance(node.value, ast.Name)
            and node.value.id == "os"
        )
        is_imported_name = isinstance(node, ast.Name) and node.id in imported
        if is_os_attribute or is_imported_name:
            found.append((".".join(scope) or "<module>", node.lineno))
        for child in ast.iter_child_nodes(node):
            visit(child, scope)

    visit(tree, [])
    return found


def environment_reads(package: Path = PACKAGE) -> dict[tuple[str, str], list[int]]:
    reads: dict[tuple[str, str], list[int]] = {}
    for path in sorted(package.rglob("*.py")):
        module = path.relative_to(package).as_posix()
        for function, line in _reads(ast.parse(path.read_text(encoding="utf-8"))):
            reads.setdefault((module, function), []).append(line)
    return reads


def test_the_environment_is_read_only_where_a_process_boundary_needs_it():
    unexpected = {
        f"{module}:{lines[0]} ({function})"
        for (module, function), lines in environment_reads().items()
        if (module, function) not in ALLOWED
    }
    assert unexpected == set(), "read the value from an argument instead"


def test_every_allowed_read_still_exists():
    """An allowance whose read is gone must go too, or it would let a new read slip in."""
    assert set(ALLOWED) <= set(environment_reads())


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import os\ndef f():\n    return os.environ.get('X')\n", [("f", 3)]),
        ("import os\nclass C:\n    def m(self):\n        os.getenv('X')\n", [("C.m", 4)]),
        ("from os import environ as e\nvalue = e['X']\n", [("<module>", 2)]),
        ("import os\nx = {**os.environ}\n", [("<module>", 2)]),
        ("import os\nx = os.path.join('a', 'b')\n", []),
    ],
)
def test_the_finder_sees_every_spelling(source, expected):
    assert _reads(ast.parse(source)) == expected
