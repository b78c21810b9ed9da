"""Distinctive terms per section: the log-likelihood ratio G² of each term in one section
against the rest of the list, from the full 2×2 contingency table (Dunning 1993).

For a term seen ``a`` times among the ``c`` tokens of a section and ``b`` times among the
``d`` tokens of the other sections, the table is

    |            | the term | other terms |  total |
    | section    |    a     |    c − a    |    c   |
    | the rest   |    b     |    d − b    |    d   |

with ``N = c + d``; each cell's expected count is its row total times its column total over N
(``E11 = c(a+b)/N``, ``E12 = c(N−a−b)/N``, ``E21 = d(a+b)/N``, ``E22 = d(N−a−b)/N``), and

    G² = 2 Σ O ln(O / E)        over the four cells (an empty cell adds 0)

This is Dunning's statistic (T. Dunning, “Accurate methods for the statistics of surprise and
coincidence”, Computational Linguistics 19(1), 1993, 61–74). The shorter form that keeps only
the term's two cells, ``2 (a ln(a/E11) + b ln(b/E21))`` (Rayson and Garside 2000, used by the
UCREL log-likelihood wizard), gives smaller values and is not what is computed here. quanteda's
``textstat_keyness(measure = "lr")`` computes the same 2×2 G² but applies Williams' correction
by default; with ``correction = "none"`` it should match these values (not checked here: R is
not part of this project).

G² is signed here: negative when the term is rarer in the section than in the rest. With one
degree of freedom, G² above 3.84 corresponds to p < 0.05 and above 6.63 to p < 0.01; in a list
this short those thresholds are a guide, not a test. Everything is vectorised over the keyword
table, so the cost is linear in the number of terms.
"""

import numpy as np
import pandas as pd

from .counting import section_column
from .keywords import keyword_counts

G2_P05 = 3.84
KEYNESS_COLUMNS = [
    "section_id",
    "rank",
    "term",
    "count",
    "count_rest",
    "per_10k",
    "per_10k_rest",
    "g2",
]


def _section_ids(counts: pd.DataFrame) -> list[int]:
    return [int(c.removeprefix("section_")) for c in counts.columns if c.startswith("section_")]


def _xlogx_ratio(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(observed > 0, observed * np.log(observed / expected), 0.0)


def g2_2x2(a, b, c, d) -> np.ndarray:
    """Unsigned G² of the 2×2 table above: ``a`` of ``c`` tokens in the section, ``b`` of
    ``d`` in the rest (arrays or numbers)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    n = c + d
    term = a + b
    observed = (a, c - a, b, d - b)
    expected = (c * term / n, c * (n - term) / n, d * term / n, d * (n - term) / n)
    return 2 * sum(_xlogx_ratio(o, e) for o, e in zip(observed, expected, strict=True))


def signed_g2(counts: pd.DataFrame) -> pd.DataFrame:
    """A ``term`` × section table of signed G², one column per ``section_<id>``."""
    out = pd.DataFrame({"term": counts["term"]})
    total = counts["count"].to_numpy(dtype=float)
    corpus = total.sum()
    for section_id in _section_ids(counts):
        column = section_column(section_id)
        a = counts[column].to_numpy(dtype=float)
        b = total - a
        c = a.sum()
        d = corpus - c
        g2 = g2_2x2(a, b, c, d)
        out[column] = np.where(a * d >= b * c, g2, -g2)
    return out


def keyness(
    items: pd.DataFrame | None = None,
    *,
    counts: pd.DataFrame | None = None,
    top: int = 10,
    min_count: int = 2,
) -> pd.DataFrame:
    """The ``top`` most distinctive terms of each section, most distinctive first.

    Columns: ``section_id``, ``rank`` (1 = most distinctive), ``term``, ``count`` (in the
    section), ``count_rest`` (in the other sections), ``per_10k`` and ``per_10k_rest``
    (per 10,000 terms), ``g2`` (signed log-likelihood). Only terms seen at least ``min_count``
    times in the section and more often than expected there are listed. Pass ``counts``
    (a ``keyword_counts`` table) to avoid segmenting twice.
    """
    if counts is None:
        counts = keyword_counts(items)
    g2 = signed_g2(counts)
    total = counts["count"]
    rows = []
    for section_id in _section_ids(counts):
        column = section_column(section_id)
        in_section = counts[column]
        size = in_section.sum()
        rest_size = total.sum() - size
        table = pd.DataFrame(
            {
                "section_id": section_id,
                "term": counts["term"],
                "count": in_section,
                "count_rest": total - in_section,
                "per_10k": in_section / size * 10_000,
                "per_10k_rest": (total - in_section) / rest_size * 10_000 if rest_size else 0.0,
                "g2": g2[column],
            }
        )
        table = table[(table["count"] >= min_count) & (table["g2"] > 0)]
        table = table.sort_values(["g2", "count", "term"], ascending=[False, False, True])
        table = table.head(top).copy()
        table.insert(1, "rank", range(1, len(table) + 1))
        rows.append(table)
    result = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()
    result = result.reindex(columns=KEYNESS_COLUMNS).astype(
        {"section_id": "int64", "rank": "int64", "count": "int64", "count_rest": "int64"}
    )
    # Rounded for the table; the ranking above used the exact values.
    result = result.round({"per_10k": 2, "per_10k_rest": 2, "g2": 3})
    result.attrs["min_count"] = min_count
    return result


def most_distinctive_section(counts: pd.DataFrame) -> pd.Series:
    """For each term, the section where its signed G2 is highest (ties: the earlier section).

    Indexed by term; used to colour a term by the section it belongs to most.
    """
    g2 = signed_g2(counts).set_index("term")
    best = g2.to_numpy().argmax(axis=1)
    ids = np.array(_section_ids(counts))
    return pd.Series(ids[best], index=g2.index, name="section_id")
