"""Numbers written for a reader, shared by the figures and the report: 2080000.0 → 2,080,000
in a table, "2.08 million" in English prose, with the list's qualifiers (达 → "reached ").

Unit and qualifier words are data in ``resources/labels.json`` (keys ``number.…``).
"""

import pandas as pd

from .labels import has_label, label

_LARGE = ((1e9, "billion"), (1e6, "million"))


def plain_number(value: float) -> str:
    """A table value: 2080000.0 → 2,080,000; a share of 1/3, stored as the percentage
    33.333…, → 33.33 (the quantities' scale: every share is a percentage)."""
    if pd.isna(value):
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def english_amount(value: float, unit: str) -> str:
    """A quantity as an English reader writes it: 2.08 million, 42%, 33.33% (1/3), 270 km².
    A counter word (个, 支) is left out: what is counted is said next to the number."""
    number = plain_number(value)
    for size, word in _LARGE:
        if value >= size:
            number = f"{value / size:.3g} {word}"
            break
    if unit == "%":
        return f"{number}%"
    if has_label(f"number.unit.{unit}"):
        return f"{number} {label(f'number.unit.{unit}', 'en')}"
    return number


def qualifier_words(qualifier, lang: str) -> str:
    """``达`` → "reached " in English; the words are joined as the extractor joined them (+).
    A qualifier with no entry is kept as written, followed by a space."""
    if not isinstance(qualifier, str) or not qualifier:
        return ""
    words = qualifier.split("+")
    if "目标" in words:
        # A target's 达到 is what is to be reached: "target: 2.5%", not "target: reached 2.5%".
        words = [w for w in words if w not in ("达", "达到")]
    return "".join(
        label(f"number.qualifier.{word}", lang)
        if has_label(f"number.qualifier.{word}")
        else f"{word} "
        for word in words
    )
