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
