"""Keyword counts: how often each term occurs, overall and in each section.

Counting is one pass over the items, so its cost grows linearly with the corpus. The items are
cut into contiguous chunks; ``count_chunk`` counts one chunk into a ``Counter`` per section, and
the chunks' counts are added up. Integer sums do not depend on the order they are added in, and
the final sort is total, so every way of running the chunks returns the same table.

How the chunks run is chosen from the corpus and the machine, so the default call is the fast
one:

- in this process below ``POOL_MIN_CHARS`` characters of text, on one core, or where forking
  is unsafe (a process running other threads, such as a Jupyter kernel);
- otherwise in a pool of forked processes, one per core the process may use, which inherit the
  loaded segmenter instead of loading it again.

Why a pool is kept although jieba-rs finds the route about 25× faster than jieba: at 1000×
(47,000 items, 8.5 M characters) about a fifth of the call's CPU time is spent in the parent
(loading jieba-rs, building the user dictionary and the table) and the rest cutting and
counting, which splits cleanly across processes (``os.times``: 2.1 s of CPU in one process;
0.45 s in the parent plus 1.7 s shared by two workers in the pool). On these shared 2-core
machines the pool takes a share off the call's wall time (``keyword_counts_single_vs_default``
in docs/benchmark_results.md), less when the second core is busy with other work. One process
alone meets the 1000× target too, with less margin. Below ``POOL_MIN_CHARS`` the cutting is too
short to pay for forking. ``n_jobs`` overrides the choice (1: this process).
"""

import multiprocessing
import os
import threading
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor

import pandas as pd
from tqdm.auto import tqdm

from ..interactive import show_progress
from ..source.partitions import is_dask_frame
from .counting import Pair, count_chunk, counts_table
from .engines import engine_name
from .segment import item_texts, segmenter_for, user_dictionary

# Below this many characters of text, one process is faster than forking a pool.
POOL_MIN_CHARS = 2_000_000
# A few chunks per process keep every core busy to the end without paying much per chunk.
CHUNKS_PER_JOB = 4


def _chunk_bounds(n_items: int, n_chunks: int) -> list[tuple[int, int]]:
    n_chunks = max(1, min(n_chunks, n_items))
    return [(i * n_items // n_chunks, (i + 1) * n_items // n_chunks) for i in range(n_chunks)]


# The pairs being counted, set just before the pool forks: the workers inherit them with the
# rest of the parent's memory, so a task is only a pair of bounds, and no text is pickled.
_INHERITED: list[Pair] = []


def _count_inherited(bounds: tuple[int, int], words: tuple[str, ...], engine: str):
    start, stop = bounds
    return count_chunk(_INHERITED[start:stop], words=words, engine=engine)


def usable_cores() -> int:
    """The cores this process may run on (its affinity), not all the machine has."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def fork_is_safe() -> bool:
    """True when this process runs no other thread: forking one that does (a Jupyter kernel)
    can deadlock, and Python 3.12+ warns about it."""
    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def choose_jobs(n_chars: int, n_jobs: int | None = None) -> int:
    """How many processes count a corpus of ``n_chars`` characters: ``n_jobs`` when given, else
    one per usable core from ``POOL_MIN_CHARS`` on; 1 whenever forking is unsafe."""
    if n_jobs is None:
        n_jobs = usable_cores() if n_chars >= POOL_MIN_CHARS else 1
    return max(1, n_jobs) if fork_is_safe() else 1


def keyword_counts(
    items: pd.DataFrame,
    *,
    words: Iterable[str] | None = None,
    n_jobs: int | None = None,
    progress: bool | None = None,
    client=None,
) -> pd.DataFrame:
    """One row per term: ``term``, ``count`` (all items), then ``section_1`` … ``section_N``
    (counts in each section, by ``section_id``). Sorted by count, largest first, then by term.

    The text of an item is its name and its content (``segment.item_texts``); terms come from
    ``segment.Segmenter`` with the user dictionary ``words``, by default the one generated from
    ``items`` (``segment.user_dictionary``). The call picks one process or a pool from the size
    of the corpus and the cores (module docstring); ``n_jobs`` overrides it, and the table is
    the same either way. ``progress``: a tqdm bar; None shows one on a terminal or in
    JupyterLab, never in the rendered report (``interactive.show_progress``).

    ``client``: a ``dask.distributed.Client``; the counting runs as tasks on its cluster
    (``text.distributed``; ``n_jobs`` and ``progress`` are then not used). ``items`` may also
    be a Dask DataFrame with the same columns. The table is the same either way.
    Items of several lists (``load_corpus``) are counted together: ``section_N`` then adds up
    the N-th section of every list; count one list at a time to keep sections apart.
    """
    if client is not None or is_dask_frame(items):
        from .distributed import keyword_counts_on_dask

        return keyword_counts_on_dask(items, client, words)
    section_ids = sorted(int(s) for s in items["section_id"].unique())
    texts = item_texts(items).tolist()
    pairs = list(zip(items["section_id"].astype(int).tolist(), texts, strict=True))
    words = user_dictionary(items) if words is None else tuple(sorted(set(words)))
    engine = engine_name()
    jobs = choose_jobs(sum(map(len, texts)), n_jobs)
    bounds = _chunk_bounds(len(pairs), jobs * CHUNKS_PER_JOB if jobs > 1 else 1)
    # tqdm starts a monitor thread even for a disabled bar, and a thread makes forking unsafe.
    bar = (
        tqdm(total=len(pairs), desc="keyword counts", unit="item")
        if show_progress(progress)
        else None
    )

    totals: dict[int, Counter] = {}

    def add(chunk_counts: dict[int, Counter], n_items: int) -> None:
        for section_id, counter in chunk_counts.items():
            totals.setdefault(section_id, Counter()).update(counter)
        if bar is not None:
            bar.update(n_items)

    # Build the segmenter first: forked workers inherit it, the engine's dictionary included.
    segmenter_for(words, engine)
    if jobs == 1:
        for start, stop in bounds:
            add(count_chunk(pairs[start:stop], words=words, engine=engine), stop - start)
    else:
        _INHERITED[:] = pairs
        try:
            with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
                futures = [pool.submit(_count_inherited, b, words, engine) for b in bounds]
                for future, (start, stop) in zip(futures, bounds, strict=True):
                    add(future.result(), stop - start)
        finally:
            _INHERITED.clear()
    if bar is not None:
        bar.close()
    return counts_table(totals, section_ids)


def item_terms(items: pd.DataFrame) -> list[set[str]]:
    """The set of terms in each item, in the items' order (for co-occurrence)."""
    segmenter = segmenter_for(user_dictionary(items))
    return [set(segmenter.tokenize(text)) for text in item_texts(items)]
