"""Keyword counts: how often each term occurs, overall and in each section.

Counting is one pass over the items, so its cost grows linearly with the corpus. With
``n_jobs > 1`` the items are cut into contiguous chunks that a pool of processes segments;
each chunk returns its own per-section counts and the parent adds them up. Integer sums do not
depend on the order they are added in, and the final sort is total, so the parallel path
returns exactly the table the single-process path returns.
"""

import multiprocessing
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

import pandas as pd
from tqdm.auto import tqdm

from ..interactive import show_progress
from ..source.partitions import is_dask_frame
from .segment import (
    dictionary_words,
    distinct_texts,
    item_texts,
    segmenter_for,
    user_dictionary,
    warm_up,
)

# Several chunks per process keep both cores busy to the end without paying much per chunk.
CHUNKS_PER_JOB = 8
MIN_CHUNK_ITEMS = 50

Chunk = list[tuple[int, str]]


def section_column(section_id: int) -> str:
    """``1`` → ``"section_1"``: the count column for section 一 (the document's first)."""
    return f"section_{int(section_id)}"


def _chunks(pairs: Sequence[tuple[int, str]], n_chunks: int) -> Iterator[Chunk]:
    size = max(MIN_CHUNK_ITEMS, -(-len(pairs) // max(1, n_chunks)))
    for start in range(0, len(pairs), size):
        yield list(pairs[start : start + size])


def _count_chunk(words: tuple[str, ...], chunk: Chunk) -> dict[int, Counter]:
    segmenter = segmenter_for(words)
    counts: dict[int, Counter] = {}
    for section_id, text in chunk:
        counts.setdefault(section_id, Counter()).update(segmenter.tokenize(text))
    return counts


def _counts_table(totals: dict[int, Counter], section_ids: list[int]) -> pd.DataFrame:
    columns = [section_column(s) for s in section_ids]
    terms = sorted(set().union(*totals.values())) if totals else []
    table = pd.DataFrame({"term": pd.Series(terms, dtype=object)})
    for section_id, column in zip(section_ids, columns, strict=True):
        counter = totals.get(section_id, Counter())
        table[column] = pd.array([counter.get(t, 0) for t in terms], dtype="int64")
    table.insert(1, "count", table[columns].sum(axis=1).astype("int64"))
    table = table.sort_values(["count", "term"], ascending=[False, True], kind="stable")
    return table.reset_index(drop=True)


def _start_method() -> str:
    """fork when this process runs no other thread, spawn otherwise.

    fork hands the workers the parent's loaded jieba for free; but forking a process that runs
    threads (a Jupyter kernel does) can deadlock, and Python 3.12+ warns about it. A script that
    ends up on spawn needs the usual ``if __name__ == "__main__":`` guard.
    """
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


def _run_chunks(pool, words, chunks, add) -> None:
    futures = [pool.submit(_count_chunk, words, chunk) for chunk in chunks]
    for future, chunk in zip(futures, chunks, strict=True):
        add(future.result(), len(chunk))


def keyword_counts(
    items: pd.DataFrame, *, n_jobs: int = 1, progress: bool | None = None, client=None
):
    """One row per term: ``term``, ``count`` (all items), then ``section_1`` … ``section_N``
    (counts in each section, by ``section_id``). Sorted by count, largest first, then by term.

    The text of an item is its name and its content (``segment.item_texts``); terms come from
    ``segment.Segmenter.tokenize`` with the user dictionary generated from ``items``.
    ``n_jobs`` > 1 segments in that many processes (worth it from a few thousand items on);
    the result is identical. ``progress``: a tqdm bar; None shows one on a terminal or in
    JupyterLab, never in the rendered report (``interactive.show_progress``).

    ``client``: a ``dask.distributed.Client``; the counting runs as tasks on its cluster
    (``text.distributed``; ``n_jobs`` and ``progress`` are then not used). ``items`` may also
    be a Dask DataFrame with the same columns. The table is the same either way.
    """
    if client is not None or is_dask_frame(items):
        from .distributed import keyword_counts_on_dask

        return keyword_counts_on_dask(items, client)
    section_ids = sorted(int(s) for s in items["section_id"].unique())
    pairs = list(zip(items["section_id"].astype(int).tolist(), item_texts(items), strict=True))
    chunks = list(_chunks(pairs, max(1, n_jobs) * CHUNKS_PER_JOB))
    bar = tqdm(
        total=len(pairs), desc="keyword counts", unit="item", disable=not show_progress(progress)
    )

    totals: dict[int, Counter] = {}

    def add(chunk_counts: dict[int, Counter], n_items: int) -> None:
        for section_id, counter in chunk_counts.items():
            totals.setdefault(section_id, Counter()).update(counter)
        bar.update(n_items)

    if n_jobs <= 1 or len(chunks) <= 1:
        words = user_dictionary(items)
        for chunk in chunks:
            add(_count_chunk(words, chunk), len(chunk))
    else:
        method = _start_method()
        context = multiprocessing.get_context(method)
        if method == "fork":
            # Build the segmenter before forking: the workers inherit it, jieba's dictionary
            # included, instead of loading it again.
            words = user_dictionary(items)
            segmenter_for(words)
            with ProcessPoolExecutor(n_jobs, mp_context=context) as pool:
                _run_chunks(pool, words, chunks, add)
        else:
            with ProcessPoolExecutor(n_jobs, mp_context=context, initializer=warm_up) as pool:
                # Start every worker at once: each loads jieba while one of them builds the
                # user dictionary, so the parent never pays for loading jieba itself.
                for _ in range(n_jobs - 1):
                    pool.submit(warm_up)
                words = pool.submit(dictionary_words, distinct_texts(items)).result()
                _run_chunks(pool, words, chunks, add)
    bar.close()
    return _counts_table(totals, section_ids)


def item_terms(items: pd.DataFrame) -> list[set[str]]:
    """The set of terms in each item, in the items' order (for co-occurrence)."""
    segmenter = segmenter_for(user_dictionary(items))
    return [set(segmenter.tokenize(text)) for text in item_texts(items)]
