"""One row per section: the helper every per-section table starts from, so that they all agree
on which sections there are, how they are named and in what order."""

import pandas as pd

SECTION_KEYS = ["section_id", "section_numeral", "section_title"]


def per_section(items: pd.DataFrame, /, **aggregates) -> pd.DataFrame:
    """One row per section in document order: ``section_id``, ``section_numeral``,
    ``section_title``, then one column per named aggregate over the section's items (pandas'
    named aggregation: ``items=("item_id", "size")``). With no aggregate, only the three."""
    if not aggregates:
        return items[SECTION_KEYS].drop_duplicates().sort_values("section_id", ignore_index=True)
    return items.groupby(SECTION_KEYS, sort=True).agg(**aggregates).reset_index()
