"""English glosses of Chinese terms, for figures and the report alike.

The glossary is data (``resources/glossary_en.csv``). In English text Chinese stays as the
object of study, followed by its gloss where the glossary knows the term: 基金 (fund).
"""

import csv
from functools import cache

from ..paths import RESOURCES


@cache
def _glossary() -> dict[str, str]:
    with open(RESOURCES / "glossary_en.csv", encoding="utf-8", newline="") as handle:
        return {row["term_zh"]: row["en"] for row in csv.DictReader(handle)}


def gloss(term: str) -> str | None:
    """The English for a Chinese term, or None. A list of terms joined by 、 is glossed part by
    part, and only when every part is known."""
    parts = [_glossary().get(part) for part in str(term).split("、")]
    return None if None in parts else ", ".join(parts)


def glossed(term: str, lang: str) -> str:
    """The term itself in Chinese; ``基金 (fund)`` in English, or the bare term where the
    glossary does not know it."""
    english = gloss(term) if lang == "en" else None
    return f"{term} ({english})" if english else str(term)
