"""Where the project's files live. Notebooks import these instead of spelling out ``../data``.

The output folders are functions, not constants: ``ANALYSIS_INPUT`` and ``ANALYSIS_OUT``
redirect a run, so that ``python -m analysis report --input … --out …`` sends the same
notebooks to another list and another folder.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"
SOURCE = RAW / "shenzhen_sez_innovation_measures_2021.txt"
SOURCE_METADATA = RAW / "source.json"
NOTEBOOKS = ROOT / "notebooks"
# Package data (labels, stopwords, dictionaries, the codebook): ships with the package.
RESOURCES = Path(__file__).resolve().parent / "resources"


def input_path() -> Path:
    """The list this run analyses: ``ANALYSIS_INPUT`` or the project's own source."""
    return Path(os.environ.get("ANALYSIS_INPUT", SOURCE))


def gaps_allowed() -> bool:
    """Whether this run loads a list whose numbering has gaps the list does not explain:
    ``ANALYSIS_ALLOW_GAPS=1``, set by ``report --allow-gaps``, as ``ANALYSIS_CODEBOOK`` carries
    ``--codebook`` to the notebooks."""
    return os.environ.get("ANALYSIS_ALLOW_GAPS", "0") == "1"


def out_root() -> Path:
    """The folder under which this run writes ``data/processed``, ``figures`` and ``reports``."""
    return Path(os.environ.get("ANALYSIS_OUT", ROOT))


def cache_dir() -> Path:
    """Throw-away speed-ups (never results): ``ANALYSIS_CACHE_DIR`` or ``.cache/analysis``."""
    return Path(os.environ.get("ANALYSIS_CACHE_DIR", ROOT / ".cache" / "analysis"))


def processed_dir() -> Path:
    return out_root() / "data" / "processed"


def figures_dir() -> Path:
    """``figures/``; English figures (``ANALYSIS_LANG=en``) go to ``figures/en/`` beside them."""
    figures = out_root() / "figures"
    return figures / "en" if os.environ.get("ANALYSIS_LANG", "zh") == "en" else figures
