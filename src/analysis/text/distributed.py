"""Keyword counting on a Dask cluster, and the segmenter set up once per worker.

``keywords.keyword_counts(items, client=...)`` lands here. The work is a map-reduce in two
passes over the partitions (``source.partitions``):

1. **The user dictionary.** Each partition gives its section ids and ``user_dictionary`` of its
   own texts; their unions are the corpus's. This equals ``user_dictionary`` of the whole
   corpus because every part of it is a union over texts (coined terms are found text by text,
   a named body is kept or not on its own, the curated terms are fixed); the tests check it
   on a corpus of many partitions.
2. **The counts.** Each partition is counted by the local path's own chunk counter
   (``counting.count_chunk``) with that dictionary; the per-section Counters are added in a
   tree; the local path's own table builder (``counting.counts_table``) makes the table.

Integer sums do not depend on the order they are added in and the table's sort is total, so
the result is the table ``keyword_counts(items)`` returns in one process, by construction.

Workers: ``SegmenterPlugin`` loads the segmenter's dictionary when a worker starts (or joins
later), once per worker process; the segmenter with a given user dictionary is then built by
the first task that needs it and cached for the rest (``segment.segmenter_for``).
"""

import hashlib
import os
import threading
from collections import Counter

import pandas as pd
from dask import delayed
from distributed.diagnostics.plugin import WorkerPlugin

from ..source.partitions import as_dask_frame, compute, per_partition, tree_combine
from . import segment
from .counting import count_chunk, counts_table
from .engines import engine_name

PLUGIN_PREFIX = "analysis-segmenter"
# What counting reads of an item (``segment.item_texts`` and the section).
COLUMNS = ("section_id", "name", "content")
# Settings that choose how text is segmented: a worker must see the client's, and a worker on
# another machine does not inherit the client's environment.
SEGMENTER_ENVIRONMENT = ("ANALYSIS_SEGMENTER",)

# A worker with several threads could start two tasks at once; only one builds the segmenter.
_build_lock = threading.Lock()


def _segmenter_environment() -> dict[str, str]:
    return {name: os.environ[name] for name in SEGMENTER_ENVIRONMENT if name in os.environ}


class SegmenterPlugin(WorkerPlugin):
    """On every worker, now and joining later: the client's segmenter settings, then the
    segmenter's dictionary loaded (``segment.warm_up``), once per worker process."""

    idempotent = True

    def __init__(self, environment: dict[str, str]):
        self.environment = dict(environment)

    def setup(self, worker=None):
        os.environ.update(self.environment)
        # Looked up when called, so a replaced warm-up (another engine) is the one that runs.
        segment.warm_up()


def plugin_name(environment: dict[str, str]) -> str:
    """A name per segmenter setting: the same settings are registered once per cluster."""
    settings = repr(sorted(environment.items())).encode("utf-8")
    return f"{PLUGIN_PREFIX}-{hashlib.sha256(settings).hexdigest()[:12]}"


def prepare_workers(client) -> str:
    """Register ``SegmenterPlugin`` with this process's segmenter settings (once per cluster;
    a plugin for other settings is removed first). Returns the plugin's name."""
    environment = _segmenter_environment()
    name = plugin_name(environment)
    # A lambda travels by value: the scheduler need not have this package installed.
    plugins = client.run_on_scheduler(lambda dask_scheduler: list(dask_scheduler.worker_plugins))
    registered = [other for other in plugins if other.startswith(PLUGIN_PREFIX)]
    if name not in registered:
        for other in registered:
            client.unregister_worker_plugin(other)
        client.register_plugin(SegmenterPlugin(environment), name=name)
    return name


def partition_vocabulary(items: pd.DataFrame) -> tuple[frozenset[int], frozenset[str]]:
    """The section ids of one partition and the user dictionary of its texts."""
    section_ids = frozenset(int(s) for s in items["section_id"].unique())
    return section_ids, frozenset(segment.user_dictionary(items))


def merge_vocabularies(*parts):
    section_ids = frozenset().union(*(ids for ids, _ in parts))
    words = frozenset().union(*(w for _, w in parts))
    return section_ids, words


def count_partition(items: pd.DataFrame, words: tuple[str, ...], engine: str) -> dict[int, Counter]:
    """Terms per section in one partition, counted by the local path's chunk counter with the
    client's engine (a worker on another machine may see another environment)."""
    with _build_lock:
        segment.segmenter_for(words, engine)
    texts = segment.item_texts(items).tolist()
    pairs = list(zip(items["section_id"].astype(int).tolist(), texts, strict=True))
    return count_chunk(pairs, words=words, engine=engine)


def merge_counts(*parts: dict[int, Counter]) -> dict[int, Counter]:
    totals: dict[int, Counter] = {}
    for part in parts:
        for section_id, counter in part.items():
            totals.setdefault(section_id, Counter()).update(counter)
    return totals


def keyword_counts_on_dask(items, client=None, words=None) -> pd.DataFrame:
    """``keywords.keyword_counts`` with the work done as Dask tasks (see the module's doc).
    ``words``: a user dictionary of the caller's; by default pass 1 builds the corpus's own."""
    if client is not None:
        prepare_workers(client)
    frame = as_dask_frame(items, client, COLUMNS)
    vocabularies = per_partition(partition_vocabulary, frame)
    (vocabulary,) = compute([tree_combine(vocabularies, merge_vocabularies)], client)
    section_ids = sorted(vocabulary[0])
    words = tuple(sorted(vocabulary[1] if words is None else set(words)))
    # One node in the graph, sent to each worker once, rather than a copy inside every task.
    shared_words = delayed(words, pure=True, traverse=False)
    counts = per_partition(count_partition, frame, shared_words, engine_name())
    (totals,) = compute([tree_combine(counts, merge_counts)], client)
    return counts_table(totals, section_ids)
