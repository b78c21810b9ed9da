def test_public_functions_are_functions_not_their_modules():
    """``analysis.kwic`` and ``analysis.keyness`` share their module's name: importing the
    modules must not shadow the functions."""
    import analysis.text.keyness  # noqa: F401
    import analysis.text.kwic  # noqa: F401

    for name in analysis.__all__:
        assert callable(getattr(analysis, name)), name
    assert analysis.kwic.__module__ == "analysis.text.kwic"


IMPORT_IN_A_FRESH_PROCESS = """
import sys
before = dict(sys.modules)
import analysis
changed = sorted(name for name, module in before.items() if sys.modules.get(name) is not module)
marked_absent = sorted(
    name for name, module in sys.modules.items() if module is None and name not in before
)
print(changed, marked_absent)
"""


def test_import_analysis_leaves_the_hosts_modules_alone():
    """A library must not change its host: ``import analysis`` adds its own modules and their
    imports, and neither replaces an entry of ``sys.modules`` nor marks a module absent (the
    start-up speed-up of ``lean_imports`` stays in the processes the kit owns)."""
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-c", IMPORT_IN_A_FRESH_PROCESS], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[] []"


def _imported_modules(path, package):
    """``(line, dotted name)`` of every module that ``path``'s import statements name, relative
    imports resolved (``from .x import y`` in ``analysis/report/deck.py`` names
    ``analysis.report.x``)."""
    import ast

    folder = path.relative_to(package.parent).parts[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = folder[: len(folder) - node.level + 1] if node.level else ()
            yield node.lineno, ".".join([*base, *([node.module] if node.module else [])])
        elif isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)


def test_every_import_of_a_package_module_names_one_that_exists():
    """A module whose import names a module that has moved or gone fails here, in the quick
    loop, not only when the command that uses it runs. Read from the source, not imported, so
    it costs no time."""
    from analysis.paths import PACKAGE

    def exists(dotted):
        path = PACKAGE.parent.joinpath(*dotted.split("."))
        return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()

    missing = [
        f"{path.relative_to(PACKAGE)}:{line}: {module}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, module in _imported_modules(path, PACKAGE)
        if module.split(".")[0] == "analysis" and not exists(module)
    ]
    assert missing == []
