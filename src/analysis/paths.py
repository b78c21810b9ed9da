"""Where the kit's files live, and where a run reads and writes.

Nothing here reads the environment: a run's list, output folder and language are arguments
(the notebooks' ``parameters`` cell, ``python -m analysis report --input … --out … --lang …``).

The package carries everything it needs (``resources/``, ``notebooks/``). A checkout of the
project also has its own list in ``data/raw`` and keeps its outputs beside the code; an installed
kit has neither, so there a run needs ``--input`` and writes to the current folder by default.
"""

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
# Package data (labels, stopwords, dictionaries, the codebook, the report template).
RESOURCES = PACKAGE / "resources"
# The analysis notebooks (jupytext .py files); ``notebooks/`` in a checkout points here.
NOTEBOOKS = PACKAGE / "notebooks"

# The project's checkout, when the package runs from one (src/analysis → the repository).
ROOT = PACKAGE.parents[1]
RAW = ROOT / "data" / "raw"
SOURCE = RAW / "shenzhen_sez_innovation_measures_2021.txt"
SOURCE_METADATA = RAW / "source.json"


def in_checkout() -> bool:
    """True when the package runs from the project's repository, which has its own list."""
    return (ROOT / "pyproject.toml").is_file() and SOURCE_METADATA.is_file()


def default_input() -> Path | None:
    """The list a run analyses when none is given: the project's own, in a checkout only."""
    return SOURCE if in_checkout() else None


def default_out() -> Path:
    """Where a run writes when no folder is given: the project folder in a checkout (its
    committed outputs), else the current folder."""
    return ROOT if in_checkout() else Path.cwd()


def list_to_analyse(input_list: str | Path | None) -> Path:
    """A notebook's ``input_list`` parameter as a path: the project's own list when None (in a
    checkout; an installed kit has none and says so)."""
    if input_list is None:
        input_list = default_input()
    if input_list is None:
        raise ValueError("no list to analyse: give its path (input_list, or report --input)")
    return Path(input_list)


def output_folder(out_dir: str | Path | None) -> Path:
    """A notebook's ``out_dir`` parameter as a path (None: ``default_out()``)."""
    return Path(out_dir) if out_dir is not None else default_out()


def cache_dir() -> Path:
    """Throw-away speed-ups (never results): ``ANALYSIS_CACHE_DIR``, else ``.cache/analysis``
    in the checkout, else the user's cache folder. A host setting, like ``XDG_CACHE_HOME``:
    where it points changes no output, so it may come from the environment."""
    chosen = os.environ.get("ANALYSIS_CACHE_DIR")
    if chosen:
        return Path(chosen)
    if in_checkout():
        return ROOT / ".cache" / "analysis"
    return Path.home() / ".cache" / "analysis"


def processed_dir(out_dir: Path) -> Path:
    return Path(out_dir) / "data" / "processed"


def figures_dir(out_dir: Path, lang: str = "zh") -> Path:
    """``figures/``; English figures go to ``figures/en/`` beside the Chinese ones. The one
    place that says where a language's figures go."""
    figures = Path(out_dir) / "figures"
    return figures if lang == "zh" else figures / lang


def reports_dir(out_dir: Path) -> Path:
    return Path(out_dir) / "reports"


def executed_notebooks_dir(out_dir: Path, lang: str = "zh") -> Path:
    """Where a run keeps each notebook as it ran, beside the report made from them:
    ``reports/notebooks/`` (``reports/notebooks/en/`` in English). Not ``<out>/notebooks``,
    which in the checkout holds the notebooks' source."""
    notebooks = reports_dir(out_dir) / "notebooks"
    return notebooks if lang == "zh" else notebooks / lang
