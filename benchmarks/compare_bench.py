"""``make bench-compare``: each item's top 5 matches in all other lists, for 1,000 lists of about
47 items (47,000 items) built from the real list, timed and weighed in one run.

The lists are built from the Shenzhen list as the scale bench builds its corpus (the list
replicated), with one difference that keeps the search honest: in every copy each item drops
one clause of its content, chosen at random (seeded), and the items come in a shuffled order,
so no two lists are byte for byte the same and no item has an exact twin to stop at.

What is timed: fitting the representation on all 47,000 texts, vectorising them, and the top-5
search over the other lists (``text.alignment.top_k_in_groups``, or scikit-learn's brute-force
``NearestNeighbors`` with ``--method sklearn``, for the comparison in docs/compare.md). Peak
memory is the process's maximum resident set size (``ru_maxrss``).

    python benchmarks/compare_bench.py [--lists 1000] [--k 5] [--method blocked|sklearn]
        [--out docs/compare_benchmark.json]
"""

import argparse
import json
import platform
import re
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from analysis.source.load import load_items  # noqa: E402
from analysis.text import similarity  # noqa: E402
from analysis.text.alignment import (  # noqa: E402
    nearest_in_other_lists,
    top_k_by_cells,
    top_k_in_groups,
)

TARGET_SECONDS = 60
TARGET_MB = 2048
SEED = 20210726
_CLAUSE = re.compile(r"(?<=[，；。])")


def build_lists(n_lists: int, seed: int = SEED) -> pd.DataFrame:
    """``n_lists`` varied copies of the real list, stacked, with a ``list`` column."""
    items = load_items()
    rng = np.random.default_rng(seed)
    clauses = [[c for c in _CLAUSE.split(text) if c] for text in items["content"]]
    frames = []
    for number in range(n_lists):
        contents = []
        for parts in clauses:
            if len(parts) > 1:
                drop = int(rng.integers(len(parts)))
                parts = parts[:drop] + parts[drop + 1 :]
            contents.append("".join(parts))
        frame = pd.DataFrame(
            {
                "list": number,
                "item_id": items["item_id"],
                "name": items["name"],
                "content": contents,
            }
        )
        frames.append(frame.iloc[rng.permutation(len(frame))])
    return pd.concat(frames, ignore_index=True)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _sklearn_top_k(vectors, groups: np.ndarray, k: int) -> pd.DataFrame:
    """scikit-learn's brute-force cosine search, asked for enough neighbours that k remain
    once the item's own list is dropped."""
    from sklearn.neighbors import NearestNeighbors

    largest = int(np.bincount(groups).max())
    search = NearestNeighbors(n_neighbors=k + largest, metric="cosine", algorithm="brute")
    search.fit(vectors)
    distances, indices = search.kneighbors(vectors)
    rows = []
    for row in range(len(groups)):
        keep = groups[indices[row]] != groups[row]
        found = indices[row][keep][:k]
        scores = 1 - distances[row][keep][:k]
        rows += [
            (row, m, rank, s)
            for rank, (m, s) in enumerate(zip(found, scores, strict=True), start=1)
        ]
    return pd.DataFrame(rows, columns=["row", "match", "rank", "score"])


def run(n_lists: int, k: int, method: str) -> dict:
    corpus = build_lists(n_lists)
    start = time.perf_counter()
    texts = similarity.representation_texts(corpus)
    representation = similarity.fit_representation(texts)
    vectors = similarity.item_vectors(texts, representation)
    vectorised = time.perf_counter()
    groups = corpus["list"].to_numpy()
    if method == "sklearn":
        found = _sklearn_top_k(vectors, groups, k)
    elif method == "exact":
        found = top_k_in_groups(vectors, groups, k, per_group=False, progress=True)
    else:
        found = nearest_in_other_lists(vectors, groups, k, progress=True)
    done = time.perf_counter()
    # Every item must have k matches, none in its own list.
    assert len(found) == len(corpus) * k
    assert (groups[found["row"]] != groups[found["match"]]).all()
    # A copy of the same Shenzhen item is the nearest match far more often than not.
    same_item = corpus["item_id"].to_numpy()
    top = found[found["rank"] == 1]
    share_same = float((same_item[top["row"]] == same_item[top["match"]]).mean())
    seconds = done - start
    peak = _peak_mb()
    return {
        "lists": n_lists,
        "items": len(corpus),
        "k": k,
        "method": method,
        "features": int(vectors.shape[1]),
        "nonzeros": int(vectors.nnz),
        "seconds_vectorise": round(vectorised - start, 2),
        "seconds_search": round(done - vectorised, 2),
        "seconds_total": round(seconds, 2),
        "peak_memory_mb": round(peak, 1),
        "top_match_is_same_shenzhen_item": round(share_same, 4),
        "target_seconds": TARGET_SECONDS,
        "target_memory_mb": TARGET_MB,
        "meets_targets": bool(seconds <= TARGET_SECONDS and peak <= TARGET_MB),
        "machine": f"{platform.machine()}, {len(__import__('os').sched_getaffinity(0))} cores",
    }


def recall(n_lists: int, k: int) -> dict:
    """The default search against the exact one on ``n_lists`` lists: the share of the exact
    top-k scores the default search reaches (a tie counts as found), and of top-1 scores."""
    corpus = build_lists(n_lists)
    texts = similarity.representation_texts(corpus)
    vectors = similarity.item_vectors(texts, similarity.fit_representation(texts))
    groups = corpus["list"].to_numpy()
    start = time.perf_counter()
    exact = top_k_in_groups(vectors, groups, k, per_group=False)
    exact_seconds = time.perf_counter() - start
    start = time.perf_counter()
    found = top_k_by_cells(vectors, groups, k)
    cells_seconds = time.perf_counter() - start
    want = exact.pivot(index="row", columns="rank", values="score").to_numpy()
    got = found.pivot(index="row", columns="rank", values="score").reindex(
        index=range(len(corpus)), columns=range(1, k + 1)
    )
    got = np.nan_to_num(got.to_numpy(), nan=-1.0)
    tolerance = 1e-5
    return {
        "lists": n_lists,
        "items": len(corpus),
        "recall_at_k": round(float((got >= want - tolerance).mean()), 4),
        "recall_top1": round(float((got[:, 0] >= want[:, 0] - tolerance).mean()), 4),
        "seconds_exact": round(exact_seconds, 2),
        "seconds_cells": round(cells_seconds, 2),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lists", type=int, default=1000)
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--method", choices=["default", "exact", "sklearn"], default="default")
    parser.add_argument("--out", type=Path)
    parser.add_argument(
        "--recall", type=int, metavar="LISTS", help="measure the recall on LISTS lists instead"
    )
    args = parser.parse_args(argv)
    if args.recall:
        print(json.dumps(recall(args.recall, args.k), indent=2))
        return 0
    result = run(args.lists, args.k, args.method)
    text = json.dumps(result, indent=2, ensure_ascii=False)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0 if result["meets_targets"] else 1


if __name__ == "__main__":
    sys.exit(main())
