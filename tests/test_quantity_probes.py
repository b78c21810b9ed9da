"""Phrases of Chinese policy writing and the quantities a reader reads in them.

``fixtures/quantity_probes.csv`` was written by hand, before the reader ran on it: each row
one reading (text, value, upper end of a range, unit, dimension, value in the dimension's base
unit, qualifier, role in a change); a phrase with an empty ``text`` states no quantity. Base
values are worked out by hand from ``resources/units.csv``'s documented factors (a year is
365 days, a working day 7/5 of a day, a 亩 10000/15 m²).
"""

import csv
import math
from pathlib import Path

import pytest

from analysis.extract.quantities import find_quantities

PROBES = Path(__file__).parent / "fixtures" / "quantity_probes.csv"


def _number(cell: str) -> float:
    return float(cell) if cell else math.nan


def _expected() -> dict[str, list[tuple]]:
    phrases: dict[str, list[tuple]] = {}
    with open(PROBES, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            readings = phrases.setdefault(row["phrase"], [])
            if row["text"]:
                readings.append(
                    (row["text"], _number(row["value"]), _number(row["value_high"]),
                     row["unit"], row["dimension"], _number(row["value_base"]),
                     row["qualifier"], row["role"])
                )  # fmt: skip
    return phrases


EXPECTED = _expected()


def _same(found: float, expected: float) -> bool:
    if math.isnan(expected):
        return math.isnan(found)
    return found == pytest.approx(expected, rel=1e-6)


@pytest.mark.parametrize("phrase", list(EXPECTED))
def test_probe(phrase):
    found = [
        (q["text"], q["value"], q["value_high"], q["unit"], q["dimension"], q["value_base"],
         q["qualifier"], q["role"])
        for q in find_quantities(phrase)
    ]  # fmt: skip
    expected = EXPECTED[phrase]
    assert [(f[0], f[3], f[4], f[6], f[7]) for f in found] == [
        (e[0], e[3], e[4], e[6], e[7]) for e in expected
    ]
    for got, want in zip(found, expected, strict=True):
        assert all(
            _same(g, w) for g, w in zip(got[1:3] + got[5:6], want[1:3] + want[5:6], strict=True)
        )


def test_the_probes_cover_every_dimension():
    dimensions = {reading[4] for readings in EXPECTED.values() for reading in readings}
    assert dimensions == {"count", "share", "time", "length", "area", "volume", "mass", "power",
                          "energy", "money", "data"}  # fmt: skip
    assert len(EXPECTED) >= 60


def test_a_change_is_two_linked_rows_of_one_subject():
    found = find_quantities("项目审批时限由60个工作日压缩至30天，")
    assert [(q["text"], q["role"], q["change_id"]) for q in found] == [
        ("60个工作日", "before", "1"),
        ("30天", "after", "1"),
    ]
    assert {q["subject"] for q in found} == {"项目审批时限"}
