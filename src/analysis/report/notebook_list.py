"""Which notebooks make a run: the numbered analysis notebooks in run order, and the report
notebook that comes last. The pipeline runs them; the deck reads the report notebook for the
order of its figures, without loading the notebook runner."""

from pathlib import Path

from ..paths import NOTEBOOKS

REPORT_NOTEBOOK_PREFIX = "06_report"


def pipeline_notebooks(notebook_dir: Path = NOTEBOOKS) -> tuple[list[Path], Path]:
    """The numbered analysis notebooks in run order, and the report notebook that comes last."""
    numbered = sorted(p for p in notebook_dir.glob("[0-9][0-9]_*.py"))
    report = [p for p in numbered if p.stem.startswith(REPORT_NOTEBOOK_PREFIX)]
    if len(report) != 1:
        raise FileNotFoundError(f"expected one {REPORT_NOTEBOOK_PREFIX}*.py in {notebook_dir}")
    return [p for p in numbered if p not in report], report[0]
