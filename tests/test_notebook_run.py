"""The runner refuses a notebook that errs or warns, so the report can never hide one."""

import pytest

from analysis.report.notebook_run import NotebookFailed, execute_notebook

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
