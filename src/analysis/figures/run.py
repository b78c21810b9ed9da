"""What every analysis notebook does first with its parameters: find its folders, load the
list, and gather the figures' settings (language, source line, user glossary) for that list."""

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..paths import SOURCE_METADATA, figures_dir, list_to_analyse, output_folder, processed_dir
from ..source.load import load_items
from .identity import list_identity
from .settings import FigureSettings


@dataclass(frozen=True)
class Run:
    """One notebook's list, the folders it writes to, and the settings its figures are drawn
    with (passed as ``settings=run.settings`` to every plot function)."""

    items: pd.DataFrame
    processed: Path
    figures: Path
    settings: FigureSettings


def start_run(
    input_list: str | Path | None,
    out_dir: str | Path | None,
    lang: str,
    glossary: str | Path | None = None,
    allow_gaps: bool = False,
) -> Run:
    """A notebook's parameters turned into its run: ``input_list`` loaded (None: the project's
    own), the tables' and figures' folders under ``out_dir`` for ``lang``, and the figure
    settings naming that list, in ``lang``, with ``glossary`` (checked here: a malformed one
    raises ``glossary.GlossaryError``)."""
    folder = output_folder(out_dir)
    items = load_items(list_to_analyse(input_list), allow_gaps=allow_gaps)
    settings = FigureSettings(lang, list_identity(items, SOURCE_METADATA), glossary)
    return Run(items, processed_dir(folder), figures_dir(folder, lang), settings)
