"""The runner refuses a notebook that errs or warns, so the report can never hide one."""

import subprocess
import sys

import pytest

from analysis.report.notebook_run import NotebookFailed, execute_notebook

pytestmark = pytest.mark.kernel

WARNS = """# %%
import warnings
warnings.warn("Glyph 22478 (\\\\N{CJK UNIFIED IDEOGRAPH-57CE}) missing from font(s) DejaVu Sans.")
"""
RAISES = """# %%
{}["missing"]
"""
CLEAN = """# %%
print("城市治理")
"""


@pytest.mark.parametrize(("source", "message"), [(WARNS, "stderr"), (RAISES, "KeyError")])
def test_runner_rejects(tmp_path, source, message):
    notebook = tmp_path / "bad.py"
    notebook.write_text(source, encoding="utf-8")
    with pytest.raises(NotebookFailed, match=message):
        execute_notebook(notebook)


def test_runner_accepts_a_clean_notebook(tmp_path):
    notebook = tmp_path / "good.py"
    notebook.write_text(CLEAN, encoding="utf-8")
    executed = execute_notebook(notebook)
    assert executed.cells[0].outputs[0]["text"] == "城市治理\n"


FAILS_IN_CELL_2 = """# %%
values = []

# %%
# the word cloud's largest count
max(values)
"""
SLOW = """# %%
import time
time.sleep(60)
"""
DRIVER = """
import asyncio, sys
from pathlib import Path
from analysis.report.notebook_run import NotebookFailed, execute_notebooks
try:
    asyncio.run(execute_notebooks([Path(sys.argv[1]), Path(sys.argv[2])], parallel=2))
except NotebookFailed as exc:
    print(f"error: {exc}", file=sys.stderr)
    sys.exit(1)
"""


def test_the_first_line_names_the_notebook_the_cell_and_the_cause(tmp_path):
    notebook = tmp_path / "03_clouds.py"
    notebook.write_text(FAILS_IN_CELL_2, encoding="utf-8")
    with pytest.raises(NotebookFailed) as failure:
        execute_notebook(notebook)
    first, *rest = str(failure.value).splitlines()
    assert first == "03_clouds.py, cell 2 (max(values)): ValueError: max() arg is an empty sequence"
    assert "\x1b[" not in str(failure.value)  # the traceback follows as plain text
    assert any("----> 2 max(values)" in line for line in rest)


def test_a_failure_beside_a_running_notebook_ends_with_the_error_alone(tmp_path):
    """The sibling is cancelled and its kernel stopped: no nbclient AssertionError from an
    atexit hook, no kernel traceback, after the error."""
    failing, slow = tmp_path / "04_fails.py", tmp_path / "02_slow.py"
    failing.write_text(FAILS_IN_CELL_2, encoding="utf-8")
    slow.write_text(SLOW, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", DRIVER, str(slow), str(failing)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    lines = run.stderr.splitlines()
    assert lines[0] == (
        "error: 04_fails.py, cell 2 (max(values)): ValueError: max() arg is an empty sequence"
    )
    assert lines[-1] == "ValueError: max() arg is an empty sequence"
    for noise in ("AssertionError", "atexit", "DeadKernelError", "ZMQError"):
        assert noise not in run.stderr


PARAMETERISED = """# %% [markdown]
# A notebook with defaults

# %% tags=["parameters"]
out_dir = None
lang = "zh"

# %%
print(out_dir, lang)
"""


def test_the_run_values_are_injected_after_the_defaults_and_recorded(tmp_path):
    notebook = tmp_path / "params.py"
    notebook.write_text(PARAMETERISED, encoding="utf-8")
    executed = execute_notebook(notebook, parameters={"out_dir": "/results", "lang": "en"})
    tags = [cell.metadata.get("tags", []) for cell in executed.cells]
    assert tags == [[], ["parameters"], ["injected-parameters"], []]
    assert executed.cells[2].source == "# Parameters\nout_dir = '/results'\nlang = 'en'"
    assert executed.cells[3].outputs[0]["text"] == "/results en\n"


def test_injecting_again_replaces_the_injected_cell():
    import nbformat

    from analysis.report.notebook_run import inject_parameters

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    inject_parameters(notebook, {"x": 2})
    inject_parameters(notebook, {"x": 3})
    # No parameters cell: papermill's rule puts the injected cell first.
    assert [cell.source for cell in notebook.cells] == ["# Parameters\nx = 3", "x = 1"]


def test_the_runners_kernels_start_lean(tmp_path):
    """``lean_imports`` runs in the kernels the runner starts: the URI checker is marked absent
    there before any cell runs."""
    notebook = tmp_path / "lean.py"
    notebook.write_text(
        '# %%\nimport sys\nprint(repr(sys.modules.get("rfc3987_syntax", "missing")))\n',
        encoding="utf-8",
    )
    executed = execute_notebook(notebook)
    assert executed.cells[0].outputs[0]["text"] == "None\n"


def test_a_runtime_folder_too_deep_for_a_socket_falls_back_to_tcp(tmp_path, monkeypatch):
    from analysis.report import notebook_run

    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / ("deep" * 30)))
    assert notebook_run._connection() == {}
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", "/tmp/rt")
    assert notebook_run._connection()["transport"] == "ipc"
