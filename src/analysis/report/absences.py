"""What an abridged list leaves out, said in one sentence per run of missing items, glued from
``absent_items.csv``: the report's overview, the deck's title slide and the workbook's README
say the same words (``resources/report_text.json``, ``absent.*``)."""

from pathlib import Path

import pandas as pd

from ..source.load import ABSENT_COLUMNS
from . import wording

ABSENT_ITEMS = "absent_items.csv"


def absent_items(processed: Path) -> pd.DataFrame:
    """The table of absent items this run wrote; empty when it wrote none."""
    path = processed / ABSENT_ITEMS
    if not path.exists():
        return pd.DataFrame(columns=ABSENT_COLUMNS)
    return pd.read_csv(path, dtype={"missing": str}, keep_default_na=False)


def absence_sentences(absent: pd.DataFrame, lang: str | None = None) -> list[str]:
    """``"Items 15–20 (section 四, 6 items) are not in this file: the section was published
    with its heading only."``, one per row."""
    return [
        wording.say(
            "absent.one" if row.items == 1 else "absent.many",
            lang,
            missing=row.missing,
            numeral=row.section_numeral,
            title=row.section_title,
            items=row.items,
            reason=wording.code_word("absence", row.reason_code, lang),
        )
        for row in absent.itertuples()
    ]
