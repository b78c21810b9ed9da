"""The units a list writes amounts in, as data: ``resources/units.csv`` and
``resources/dimensions.csv``.

``units.csv`` has one row per unit as written (平方公里, 个月, 千瓦时, 家):

- ``symbol``: how ``quantities.csv`` records it (km2, 月, kWh, 家); several written forms
  share one (千米 and 公里 are km, 日 and 天 are 天);
- ``dimension``: what it measures (time, length, area, volume, mass, power, energy, money,
  data, share, count);
- ``factor``: the size of one unit in the dimension's base unit (``dimensions.csv``: time in
  seconds, length in m, area in m², volume in m³, mass in kg, power in kW, energy in kWh,
  money in 元, data in GB, shares in %, counts in things counted). Fixed conventions: a year
  is 365 days, a month a twelfth of that, a working day 7/5 of a calendar day (five working
  days fill a week), a 亩 is 10000/15 m², 1 TB is 1000 GB, 度 is the kWh of electricity,
  成 is ten percent, a 百分点 (percentage point) one percent of a difference, a tonne of
  standard coal (吨标准煤, tce) 8141 kWh (29.3076 GJ, GB/T 2589). A foreign
  currency has no factor: no fixed rate turns 美元 into 元, so its base value stays empty
  rather than made up;
- ``english``: the symbol or word an English reader is given (empty for a counter word: what
  is counted is named next to the number);
- ``not_followed_by``: characters that make the same characters a word rather than a unit
  (3年级 is a school grade, 两周年 an anniversary, 一成不变 an idiom).
"""

import csv
import math
from dataclasses import dataclass
from functools import cache

from ..paths import RESOURCES

UNITS_FILE = RESOURCES / "units.csv"
DIMENSIONS_FILE = RESOURCES / "dimensions.csv"
COUNT = "count"
SHARE = "share"
TIME = "time"
LENGTH = "length"
AREA = "area"
MONEY = "money"


@dataclass(frozen=True)
class Unit:
    written: str
    symbol: str
    dimension: str
    factor: float  # NaN where no fixed factor exists (a foreign currency)
    english: str
    not_followed_by: str


@cache
def units() -> dict[str, Unit]:
    """``{unit as written: Unit}`` from ``resources/units.csv``."""
    with open(UNITS_FILE, encoding="utf-8", newline="") as handle:
        return {
            row["unit"]: Unit(
                row["unit"],
                row["symbol"],
                row["dimension"],
                float(row["factor"]) if row["factor"] else math.nan,
                row["english"],
                row["not_followed_by"],
            )
            for row in csv.DictReader(handle)
        }


@cache
def dimensions() -> dict[str, dict[str, str]]:
    """``{dimension: {"base": …, "zh": …, "en": …}}`` from ``resources/dimensions.csv``."""
    with open(DIMENSIONS_FILE, encoding="utf-8", newline="") as handle:
        return {row["dimension"]: row for row in csv.DictReader(handle)}


@cache
def by_symbol() -> dict[str, Unit]:
    """``{symbol: Unit}``: the first written form of each recorded symbol."""
    found: dict[str, Unit] = {}
    for unit in units().values():
        found.setdefault(unit.symbol, unit)
    return found


def dimension_of(symbol: str) -> str:
    """The dimension of a recorded unit (km2 → area); a symbol the table lacks is a count."""
    unit = by_symbol().get(symbol)
    return unit.dimension if unit else COUNT


def factor_of(symbol: str) -> float:
    unit = by_symbol().get(symbol)
    return unit.factor if unit else 1.0


def english_of(symbol: str) -> str:
    unit = by_symbol().get(symbol)
    return unit.english if unit else ""


def dimension_name(dimension: str, lang: str) -> str:
    """面积 or "area": the dimension named for a reader."""
    return dimensions().get(dimension, {}).get(lang, dimension)
