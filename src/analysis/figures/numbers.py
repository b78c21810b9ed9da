"""Numbers written for a reader, shared by the figures and the report: 2080000.0 → 2,080,000
in a table, "2.08 million" in English prose, with the list's qualifiers (达 → "reached ").

Unit and qualifier words are data in ``resources/labels.json`` (keys ``number.…``).
"""

import pandas as pd

from ..extract.units import COUNT, dimension_of, english_of
from .labels import has_label, label

_LARGE = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_FIGURES = 3  # significant figures of a large amount in prose: 2.08 million


def plain_number(value: float) -> str:
    """A table value: 2080000.0 → 2,080,000; a share of 1/3, stored as the percentage
    33.333…, → 33.33 (the quantities' scale: every share is a percentage)."""
    if pd.isna(value):
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _three_figures(value: float) -> str:
    """1.5 → "1.5", 2.08 → "2.08", 999 → "999", 1500 → "1,500": never an exponent."""
    whole_digits = len(str(int(value)))
    text = f"{value:,.{max(0, _FIGURES - whole_digits)}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def large_number(value: float) -> str:
    """2080000 → "2.08 million", 999.7 million → "1 billion" (rounded to three figures first,
    so the word follows the rounded number); below a million, the plain number."""
    rounded = float(f"{value:.{_FIGURES}g}")
    for size, word in _LARGE:
        if rounded >= size:
            return f"{_three_figures(rounded / size)} {word}"
    return plain_number(value)


def plain_range(value: float, value_high: float) -> str:
    """A table value with the upper end of a range: 3, 5 → 3–5; without one, ``plain_number``."""
    if pd.isna(value_high):
        return plain_number(value)
    return f"{plain_number(value)}–{plain_number(value_high)}"


def english_amount(value: float, unit: str) -> str:
    """A quantity as an English reader writes it: 2.08 million, 42%, 33.33% (1/3), 270 km²,
    250 million kWh, 15 min, 1.2 billion yuan (the unit's English in resources/units.csv).
    A counter word (个, 支) is left out: what is counted is said next to the number."""
    number = large_number(value) if value >= _LARGE[-1][0] else plain_number(value)
    if unit in _SIGNS:
        return f"{number}{unit}"
    if dimension_of(unit) == COUNT:
        return number
    if has_label(f"number.unit.{unit}"):
        english = label(f"number.unit.{unit}", "en")
    else:
        english = english_of(unit)
    return f"{number} {english}" if english else number


_SIGNS = ("%", "‰")  # written against the number: 42%, 5‰


def english_range(value: float, value_high: float, unit: str) -> str:
    """A range as an English reader writes it: 10–20, 3–5 years, 3%–5%; without an upper end
    (NaN), ``english_amount``."""
    if pd.isna(value_high):
        return english_amount(value, unit)
    low = english_amount(value, unit) if unit in _SIGNS else english_amount(value, "个")
    return f"{low}–{english_amount(value_high, unit)}"


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
