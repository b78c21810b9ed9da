"""The nearest items in other lists on a Dask cluster: the same table as
``alignment.top_k_in_groups(..., per_group=False)`` in one process, with the work as tasks.

The items come as ``load_corpus`` gives them (a Dask DataFrame, one partition per file, with a
``source`` column naming the list) or as a pandas table with a ``list`` or ``source`` column.

1. **The representation** is fitted once, on the client, on every item's text (its vocabulary
   and idf weights are the whole corpus's, as in one process), and shared with the workers as
   one node of the graph (without its evidence segmenter, which the workers do not need; a
   word-based representation would need the segmenter set up on each worker, as
   ``text.distributed`` does for keyword counting).
2. **The vectors**: each partition is vectorised by a task, where its text lies.
3. **The scores**: one task per pair of partitions (query block × candidate block) scores the
   block pair with the sparse product and keeps each query's top k outside its own list.
4. **The merge**: each query block's partial top-k tables are combined in a tree
   (``partitions.tree_combine``): the top k of the union, ties by the lower row.

The scores are the ones ``alignment.top_k_in_groups`` computes (the same float32 sparse
product, the same tie rule), and the top k of a union is the top k of the top k's of its parts,
so the result is the one-process table, by construction; ``tests/test_compare_distributed.py``
checks it on a ``LocalCluster``.
The work is P² block pairs for P partitions: docs/scaling.md gives the arithmetic for 10⁵ lists.
"""

from dataclasses import replace

import numpy as np
import pandas as pd
from dask import delayed

from ..source.partitions import as_dask_frame, compute, tree_combine
from . import similarity

COLUMNS = ("name", "content")
RESULT_COLUMNS = ["row", "match", "rank", "score"]


def _group_column(frame) -> str:
    for column in ("list", "source"):
        if column in frame.columns:
            return column
    raise ValueError("the items name no list: give them a 'list' or 'source' column")


def _vectorise(partition: pd.DataFrame, representation, group: str):
    texts = similarity.representation_texts(partition, representation.spec)
    vectors = similarity.item_vectors(texts, representation)
    return vectors, partition[group].to_numpy()


def _block_top_k(queries, candidates, query_offset: int, candidate_offset: int, k: int):
    """Each query's top k among the candidates outside its own list, in global row numbers."""
    query_vectors, query_groups = queries
    candidate_vectors, candidate_groups = candidates
    n_queries = query_vectors.shape[0]
    scores = (query_vectors @ candidate_vectors.T).toarray().astype(np.float32)
    scores[query_groups[:, None] == candidate_groups[None, :]] = -np.inf
    rows, matches, values = [], [], []
    keep = min(k, scores.shape[1])
    if keep:
        kth = -np.partition(-scores, keep - 1, axis=1)[:, keep - 1]
        for r in range(n_queries):
            columns = np.flatnonzero((scores[r] >= kth[r]) & np.isfinite(scores[r]))
            order = np.lexsort((columns, -scores[r, columns]))[:keep]
            rows += [query_offset + r] * len(order)
            matches += (candidate_offset + columns[order]).tolist()
            values += scores[r, columns[order]].tolist()
    return pd.DataFrame({"row": rows, "match": matches, "score": values})


def _merge(*parts: pd.DataFrame, k: int) -> pd.DataFrame:
    table = pd.concat(parts, ignore_index=True)
    table = table.sort_values(["row", "score", "match"], ascending=[True, False, True])
    return table.groupby("row", sort=False).head(k).reset_index(drop=True)


def nearest_on_dask(items, k: int = 5, client=None, representation=None) -> pd.DataFrame:
    """Each item's ``k`` nearest items in the other lists, computed as Dask tasks.

    ``items``: a Dask DataFrame (``load_corpus(...).items``) or a pandas table, with ``name``,
    ``content`` and a ``list`` or ``source`` column. Rows are numbered 0 … N-1 in the table's
    order. Returns ``row``, ``match``, ``rank``, ``score``: the table
    ``top_k_in_groups(vectors, groups, k, per_group=False)`` gives in one process.
    """
    group = _group_column(items)
    frame = as_dask_frame(items, client, (*COLUMNS, group))
    if representation is None:
        whole = frame.compute() if client is None else client.compute(frame).result()
        representation = similarity.fit_representation(similarity.representation_texts(whole))
    # The workers only vectorise: the segmenter that words the evidence (a Rust object that
    # does not pickle) stays on the client.
    for_workers = replace(representation, evidence_segmenter=None)
    shared = delayed(for_workers, pure=True, traverse=False)
    partitions = frame.to_delayed()
    sizes = compute([delayed(len)(p) for p in partitions], client)
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(int).tolist()
    blocks = [delayed(_vectorise, pure=True)(p, shared, group) for p in partitions]
    merged = []
    for i, query in enumerate(blocks):
        partial = [
            delayed(_block_top_k, pure=True)(query, candidates, offsets[i], offsets[j], k)
            for j, candidates in enumerate(blocks)
        ]
        merged.append(tree_combine(partial, _merge_k(k)))
    tables = compute(merged, client)
    table = pd.concat(tables, ignore_index=True)
    table["rank"] = table.groupby("row", sort=False).cumcount() + 1
    return pd.DataFrame(
        {
            "row": table["row"].to_numpy(np.int64),
            "match": table["match"].to_numpy(np.int64),
            "rank": table["rank"].to_numpy(np.int64),
            "score": table["score"].to_numpy(np.float64),
        }
    )


class _merge_k:  # noqa: N801 - a picklable stand-in for functools.partial with a name Dask shows
    def __init__(self, k: int):
        self.k = k
        self.__name__ = "merge_top_k"

    def __call__(self, *parts):
        return _merge(*parts, k=self.k)
