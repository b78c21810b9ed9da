"""Counts per category: items and characters per section and per item."""

import re

import pandas as pd

from ..source.declared import without_declared_count
from ..source.sections import per_section

# Section titles are long; the short title is the phrase a reader would name it by.
_SHORT_TITLE_DROP = re.compile(r"^(建立健全|建立|构建|创新推动|创新|推动)")


def short_title(title: str) -> str:
    """``"创新推动城市治理体系和治理能力现代化"`` → ``"城市治理体系和治理能力现代化"``."""
    title = re.sub(r"“[^”]*”", "", without_declared_count(title))
    return _SHORT_TITLE_DROP.sub("", title) or title


def section_counts(items: pd.DataFrame) -> pd.DataFrame:
    """One row per section in document order: items, characters, mean characters per item."""
    counts = per_section(
        items,
        items=("item_id", "size"),
        content_chars=("content_chars", "sum"),
        name_chars=("name_chars", "sum"),
        mean_content_chars=("content_chars", "mean"),
    )
    counts["share_of_items"] = counts["items"] / counts["items"].sum()
    counts["short_title"] = counts["section_title"].map(short_title)
    return counts
