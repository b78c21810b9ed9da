"""Counting terms per section, shared by the local path (``keywords``) and the Dask path
(``distributed``): one chunk's counts, and the table built from the added-up counts. Both paths
use these same two functions, so they return the same table by construction."""

from collections import Counter
from collections.abc import Iterable, Sequence

import pandas as pd

from .segment import segmenter_for

Pair = tuple[int, str]


def section_column(section_id: int) -> str:
    """``1`` → ``"section_1"``: the count column for section 一 (the document's first)."""
    return f"section_{int(section_id)}"


def count_chunk(
    pairs: Iterable[Pair], *, words: Sequence[str], engine: str | None = None
) -> dict[int, Counter]:
    """The term counts of one chunk of ``(section_id, text)`` pairs, one ``Counter`` per section.

    A pure function of its arguments, so any process can count any chunk, and the sums of the
    chunks' counts are the counts of the whole. ``words``: the user dictionary of the whole
    corpus (``segment.user_dictionary``); ``engine``: the segmenter engine (None: this process's
    ``ANALYSIS_SEGMENTER``; pass ``engines.engine_name()`` when the chunk runs elsewhere).
    """
    segmenter = segmenter_for(tuple(words), engine)
    texts_by_section: dict[int, list[str]] = {}
    for section_id, text in pairs:
        texts_by_section.setdefault(int(section_id), []).append(text)
    return {s: segmenter.term_counts(texts) for s, texts in texts_by_section.items()}


def counts_table(totals: dict[int, Counter], section_ids: list[int]) -> pd.DataFrame:
    """The keyword table from per-section counts: ``term``, ``count``, then ``section_<id>`` for
    each of ``section_ids``; sorted by count, largest first, then by term (a total order, so
    the table does not depend on how the counts were added up)."""
    columns = [section_column(s) for s in section_ids]
    terms = sorted(set().union(*totals.values())) if totals else []
    table = pd.DataFrame({"term": pd.Series(terms, dtype=object)})
    for section_id, column in zip(section_ids, columns, strict=True):
        counter = totals.get(section_id, Counter())
        table[column] = pd.array([counter.get(t, 0) for t in terms], dtype="int64")
    table.insert(1, "count", table[columns].sum(axis=1).astype("int64"))
    table = table.sort_values(["count", "term"], ascending=[False, True], kind="stable")
    return table.reset_index(drop=True)
