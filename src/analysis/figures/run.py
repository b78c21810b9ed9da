"""What every analysis notebook does first with its parameters: find its folders, load the
list, and set the figures' language, source line and user glossary for the list it loaded."""

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..paths import SOURCE_METADATA, figures_dir, list_to_analyse, output_folder, processed_dir
from ..source.load import load_items
from .identity import list_identity
from .theme import use_figure_settings


@dataclass(frozen=True)
class Run:
    """One notebook's list and the folders it writes to."""

    items: pd.DataFrame
    processed: Path
    figures: Path


def start_run(
    input_list: str | Path | None,
    out_dir: str | Path | None,
    lang: str,
    glossary: str | Path | None = None,
    allow_gaps: bool = False,
) -> Run:
    """A notebook's parameters turned into its run: ``input_list`` loaded (None: the project's
    own), the tables' and figures' folders under ``out_dir`` for ``lang``, and every figure
    drawn from now on named after that list, in ``lang``, with ``glossary``."""
    folder = output_folder(out_dir)
    items = load_items(list_to_analyse(input_list), allow_gaps=allow_gaps)
    use_figure_settings(list_identity(items, SOURCE_METADATA), lang, glossary)
    return Run(items, processed_dir(folder), figures_dir(folder, lang))
