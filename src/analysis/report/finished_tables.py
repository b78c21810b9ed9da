"""A run's finished tables (``data/processed/*.csv``), each read once: what the report's
sentences (``paragraphs``), its tables and the deck's talking points are all computed from."""

from pathlib import Path

import pandas as pd

from ..figures.labels import section_short_name
from ..tables.read import read_table


class Tables:
    """The finished tables of one run, each read once."""

    def __init__(self, processed: Path):
        self.processed = Path(processed)
        self._read: dict[str, pd.DataFrame] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._read:
            table = read_table(self.processed / f"{name}.csv")
            if name == "sections":
                # The notes speak of what the figures show, drawn from the items present: a
                # section published with its heading only is said on the title slide instead.
                table = table[table["items"] > 0].reset_index(drop=True)
            self._read[name] = table
        return self._read[name]

    def section(self, section_id: int, lang: str, glossary: Path | None) -> str:
        """A section's short name in ``lang``; a title the curated names lack is named from the
        user's ``glossary`` (None: none)."""
        row = self["sections"].set_index("section_id").loc[int(section_id)]
        return section_short_name(row["section_numeral"], row["section_title"], lang, glossary)
