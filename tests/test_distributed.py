"""Keyword counts, extraction and corpus loading on Dask: the same tables as one process.

One ``LocalCluster`` with two worker processes serves the module. Counters installed on its
workers before any test runs count how often each worker loads jieba and builds a segmenter.
"""

import os
import subprocess
import sys
from collections import Counter

import cloudpickle
import dask
import dask.dataframe as dd
import pandas as pd
import pytest
from dask import delayed
from distributed import Client, LocalCluster, get_task_stream
from distributed.utils import key_split
from hypothesis import given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from analysis import (
    ListFormatError,
    extract_quantities,
    extract_regulations,
    keyword_counts,
    load_corpus,
    load_items,
)
from analysis.source.corpus import expand_paths

pytestmark = pytest.mark.cluster

# The functions below run on the workers, which cannot import this test module.
cloudpickle.register_pickle_by_value(sys.modules[__name__])

EXTRACTORS = (extract_regulations, extract_quantities)
COPIES = 10


def _install_counters() -> None:
    """On a worker: count dictionary loads (jieba, jieba-rs), warm-ups and Segmenters built."""
    import jieba

    from analysis.text import segment

    counts = Counter()
    load = jieba.Tokenizer.initialize

    def initialize(self, dictionary=None):
        if not self.initialized:
            counts["jieba_loads"] += 1
        return load(self, dictionary)

    warm_up = segment.warm_up

    def counted_warm_up():
        counts["warm_ups"] += 1
        return warm_up()

    import rjieba

    jieba_rs = rjieba.Jieba

    def counted_jieba_rs(*args, **kwargs):
        counts["jieba_rs_loads"] += 1
        return jieba_rs(*args, **kwargs)

    rjieba.Jieba = counted_jieba_rs

    class CountedSegmenter(segment.Segmenter):
        def __init__(self, words, engine=None):
            counts["segmenters"] += 1
            super().__init__(words, engine)

    jieba.Tokenizer.initialize = initialize
    segment.warm_up = counted_warm_up
    segment.Segmenter = CountedSegmenter
    segment.worker_counts = counts


def _read_counters() -> dict:
    from analysis.text import segment

    return {"pid": os.getpid(), **segment.worker_counts}


@pytest.fixture(scope="module")
def client():
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        client.run(_install_counters)
        yield client


def _equal(expected: pd.DataFrame, got: pd.DataFrame) -> None:
    assert_frame_equal(got, expected, check_exact=True)
    assert got.equals(expected)


def _copies(items: pd.DataFrame, copies: int) -> pd.DataFrame:
    corpus = pd.concat([items] * copies, ignore_index=True)
    corpus["item_id"] = range(1, len(corpus) + 1)
    return corpus


@pytest.fixture(scope="module")
def multiplied(items) -> pd.DataFrame:
    return _copies(items, COPIES)


def _count(table: pd.DataFrame, term: str, column: str = "count") -> int:
    return int(table.loc[table["term"] == term, column].iloc[0])


# --- identical tables ------------------------------------------------------------------------


def test_keyword_counts_on_the_list(client, items, counts):
    from_pandas = keyword_counts(items, client=client)
    from_dask = keyword_counts(dd.from_pandas(items, npartitions=4), client=client)
    _equal(counts, from_pandas)
    _equal(counts, from_dask)
    # test_keywords reads these off the source: 社区 21 times in section 五, 率先 in 11 items.
    assert _count(from_dask, "社区", "section_5") == 21
    assert _count(from_dask, "社区", "section_1") == 0


@pytest.mark.parametrize("extract", EXTRACTORS, ids=lambda f: f.__name__)
def test_extraction_on_the_list(client, items, extract):
    expected = extract(items)
    assert len(expected) > 0
    _equal(expected, extract(items, client=client))
    _equal(expected, extract(dd.from_pandas(items, npartitions=5), client=client))


def test_keyword_counts_on_a_multiplied_list(client, items, counts, multiplied):
    expected = keyword_counts(multiplied)
    # 7 partitions: the copies of the list do not line up with the partitions' bounds.
    from_dask = keyword_counts(dd.from_pandas(multiplied, npartitions=7), client=client)
    _equal(expected, from_dask)
    _equal(expected, keyword_counts(multiplied, client=client))
    # Twenty copies: every count twenty times the list's, the order unchanged.
    assert from_dask["term"].tolist() == counts["term"].tolist()
    numbers = from_dask.columns.drop("term")
    _equal(counts[numbers] * COPIES, from_dask[numbers])


@pytest.mark.parametrize("extract", EXTRACTORS, ids=lambda f: f.__name__)
def test_extraction_on_a_multiplied_list(client, items, multiplied, extract):
    expected = extract(multiplied)
    assert len(expected) == COPIES * len(extract(items))
    _equal(expected, extract(multiplied, client=client))
    _equal(expected, extract(dd.from_pandas(multiplied, npartitions=7), client=client))


def test_a_dask_frame_without_a_client_runs_on_the_default_scheduler(items, counts):
    with dask.config.set(scheduler="sync"):
        _equal(counts, keyword_counts(dd.from_pandas(items, npartitions=3)))
        for extract in EXTRACTORS:
            _equal(extract(items), extract(dd.from_pandas(items, npartitions=3)))


@settings(max_examples=15, deadline=None, derandomize=True)
@given(data=st.data())
def test_any_partitioning_gives_the_same_tables(items, counts, data):
    """Partitions cut anywhere, some of them empty: the same tables."""
    cuts = sorted(data.draw(st.lists(st.integers(0, len(items)), max_size=6)))
    bounds = [0, *cuts, len(items)]
    parts = [delayed(items.iloc[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]
    frame = dd.from_delayed(parts, meta=items.iloc[:0])
    with dask.config.set(scheduler="sync"):
        _equal(counts, keyword_counts(frame))
        for extract in EXTRACTORS:
            _equal(extract(items), extract(frame))


# --- load_corpus -------------------------------------------------------------------------------


def _line_of(lines: list[str], prefix: str) -> int:
    return next(n for n, line in enumerate(lines, 1) if line.startswith(prefix))


@pytest.fixture(scope="module")
def corpus_folder(tmp_path_factory, source_bytes, source_lines):
    """Three copies of the list and, between them, one with item 12's row blanked out."""
    folder = tmp_path_factory.mktemp("corpus")
    for name in ("a.txt", "b.txt", "d.txt"):
        (folder / name).write_bytes(source_bytes)
    lines = list(source_lines)
    lines[_line_of(lines, "12\t") - 1] = ""
    (folder / "c_bad.txt").write_text("\n".join(lines), encoding="utf-8")
    return folder


def test_a_bad_file_is_reported_and_the_others_load(client, corpus_folder, source_lines, items):
    corpus = load_corpus(str(corpus_folder / "*.txt"), client=client)
    bad = str(corpus_folder / "c_bad.txt")

    errors = corpus.errors
    assert errors["source"].tolist() == [bad]
    # Item 12's row is blank, so the parser stops at item 13's row.
    line = _line_of(source_lines, "13\t")
    assert errors["line"].tolist() == [line]
    assert f"{bad}: line {line}:" in errors["message"].iloc[0]
    assert "expected item 12, found item 13" in errors["message"].iloc[0]
    with pytest.raises(ListFormatError) as caught:
        load_items(bad)
    assert str(caught.value) == errors["message"].iloc[0]

    good = [str(corpus_folder / name) for name in ("a.txt", "b.txt", "d.txt")]
    files = corpus.files
    assert files["source"].tolist() == [*good[:2], bad, good[2]]
    assert files["items"].tolist() == [47, 47, 0, 47]
    assert files["loaded"].tolist() == [True, True, False, True]

    loaded = corpus.items.compute()
    expected = pd.concat(
        [load_items(path).assign(source=path) for path in good], ignore_index=True
    )[["source", *items.columns]]
    expected["source"] = expected["source"].astype("str")
    _equal(expected, loaded)
    assert loaded.groupby("source")["item_id"].max().tolist() == [47, 47, 47]
    assert corpus.items.npartitions == 3 and corpus.items.known_divisions


def test_a_corpus_gives_the_tables_of_its_items(client, corpus_folder):
    corpus = load_corpus(str(corpus_folder / "*.txt"), client=client)
    loaded = corpus.items.compute()
    _equal(keyword_counts(loaded), keyword_counts(corpus.items, client=client))
    for extract in EXTRACTORS:
        _equal(extract(loaded), extract(corpus.items, client=client))


@pytest.mark.parametrize("extract", EXTRACTORS, ids=lambda f: f.__name__)
def test_extraction_of_a_corpus_names_the_file_of_every_row(client, corpus_folder, items, extract):
    """item_id restarts in each file: without ``source`` a row could not be traced back."""
    corpus = load_corpus(str(corpus_folder / "*.txt"), client=client)
    good = [str(corpus_folder / name) for name in ("a.txt", "b.txt", "d.txt")]
    # A corpus keeps no list's title, so a document a list issued without naming a place is
    # levelled as one read from a table without its title (docs/scaling.md says so).
    untitled = items.copy()
    untitled.attrs = {}
    one_file = extract(untitled)
    table = extract(corpus.items, client=client)
    assert table.columns.tolist() == ["source", *one_file.columns]
    assert table["source"].unique().tolist() == good
    for path in good:
        rows = table[table["source"] == path].drop(columns="source").reset_index(drop=True)
        _equal(one_file, rows)
    _equal(table, extract(corpus.items.compute()))


def test_an_empty_table_on_a_cluster(client, items):
    assert len(keyword_counts(items.iloc[:0], client=client)) == 0
    for function in EXTRACTORS:
        assert len(function(items.iloc[:0], client=client)) == 0


def test_missing_files_and_empty_patterns_are_reported(client, corpus_folder):
    missing = str(corpus_folder / "missing.txt")
    pattern = str(corpus_folder / "*.csv")
    corpus = load_corpus([corpus_folder / "a.txt", missing, pattern], client=client)
    errors = corpus.errors.set_index("source")
    assert errors.index.tolist() == [missing, pattern]
    assert "cannot be read: No such file or directory" in errors.loc[missing, "message"]
    assert "no file matches" in errors.loc[pattern, "message"]
    assert errors["line"].isna().all()
    assert len(corpus.items.compute()) == 47


def test_load_corpus_without_a_client(corpus_folder):
    with dask.config.set(scheduler="sync"):
        corpus = load_corpus([corpus_folder / "a.txt", corpus_folder / "c_bad.txt"])
        assert corpus.errors["source"].tolist() == [str(corpus_folder / "c_bad.txt")]
        assert len(corpus.items.compute()) == 47


def test_paths_expand_in_order_each_once(corpus_folder):
    a = str(corpus_folder / "a.txt")
    files, unmatched = expand_paths([a, str(corpus_folder / "[ab].txt"), corpus_folder / "*.md"])
    assert files == [a, str(corpus_folder / "b.txt")]
    assert unmatched == [str(corpus_folder / "*.md")]


def test_importing_the_package_does_not_import_dask():
    code = (
        "import sys, analysis\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    assert callable(__import__("analysis").load_corpus)


# --- set-up once per worker ---------------------------------------------------------------------


def test_each_worker_sets_up_jieba_once(client, items):
    # A word no other test uses gives a user dictionary no worker has built a segmenter for.
    corpus = _copies(items, 8)
    corpus.loc[0, "content"] += "推行“独此一家试点”"
    before = client.run(_read_counters)
    with get_task_stream(client) as stream:
        counted = keyword_counts(dd.from_pandas(corpus, npartitions=16), client=client)
    assert _count(counted, "独此一家试点") == 1
    tasks = Counter(t["worker"] for t in stream.data if key_split(t["key"]) == "count_partition")
    assert sum(tasks.values()) == 16
    assert max(tasks.values()) >= 2

    after = client.run(_read_counters)
    assert len({c["pid"] for c in after.values()}) == 2
    for worker, count in after.items():
        assert count["warm_ups"] == 1, worker
        assert count.get("jieba_loads", 0) <= 1, worker
        built = count.get("segmenters", 0) - before[worker].get("segmenters", 0)
        assert built == (1 if tasks[worker] else 0), (worker, tasks[worker], built)
        # jieba-rs cannot copy a loaded dictionary: a new segmenter loads one (or takes over
        # the one warm_up loaded), never one per task.
        loads = count.get("jieba_rs_loads", 0) - before[worker].get("jieba_rs_loads", 0)
        assert loads <= built, (worker, loads, built)
