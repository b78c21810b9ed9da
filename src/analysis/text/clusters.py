"""How the text itself groups the items: hierarchical clustering on the item vectors of
``similarity``, cut into as many clusters as the list has sections, and compared with the
sections by the adjusted Rand index against a permutation baseline.

**Linkage.** Ward's method (KH Coder's default for 階層的クラスター分析) on the l2-normalised
item vectors. On unit vectors the squared Euclidean distance is ``2 (1 − cosine)``, so Ward
merges the pair of groups whose joining adds least to the spread of cosine dissimilarity, and
the tree is built on the same measure as the similarity table.

**Agreement.** The adjusted Rand index (scikit-learn) is 1 when clusters and sections are the
same partition and about 0 when they agree no more than chance. With few items a chance
agreement can look sizeable, so the observed index is set against the indices of the same
clusters with the section labels shuffled among the items (``PERMUTATIONS`` times, seeded):
the share of shuffles that agree at least as well is the permutation p-value.
"""

import numpy as np
import pandas as pd
from scipy.cluster.hierarchy import fcluster, leaves_list, linkage
from sklearn.metrics import adjusted_rand_score

from .similarity import Representation, fit_representation, item_vectors, representation_texts

LINKAGE_METHOD = "ward"
PERMUTATIONS = 1000
SEED = 2021
MIN_ITEMS = 3


class ClusterError(ValueError):
    """Too few items to cluster, or a table without the columns clustering needs."""


def item_linkage(items: pd.DataFrame, representation: Representation | None = None) -> np.ndarray:
    """The scipy linkage matrix of the items (in the table's order)."""
    if len(items) < MIN_ITEMS:
        raise ClusterError(f"{len(items)} items: clustering needs at least {MIN_ITEMS}")
    if representation is None:
        representation = fit_representation(representation_texts(items))
    vectors = item_vectors(items, representation).toarray()
    return linkage(vectors, method=LINKAGE_METHOD, metric="euclidean")


def cut_tree(tree: np.ndarray, n_clusters: int) -> np.ndarray:
    """Cluster numbers 1…n for each item, numbered in the order the tree's leaves are drawn."""
    raw = fcluster(tree, t=n_clusters, criterion="maxclust")
    order = leaves_list(tree)
    renumber: dict[int, int] = {}
    for leaf in order:
        renumber.setdefault(int(raw[leaf]), len(renumber) + 1)
    return np.array([renumber[int(c)] for c in raw])


def item_clusters(
    items: pd.DataFrame, tree: np.ndarray, n_clusters: int | None = None
) -> pd.DataFrame:
    """One row per item: ``item_id``, ``section_id``, ``cluster`` (at the cut into
    ``n_clusters``, by default as many as the sections) and ``leaf_order`` (its place in the
    dendrogram, 1 = top)."""
    n_clusters = n_clusters or items["section_id"].nunique()
    order = leaves_list(tree)
    place = np.empty(len(order), dtype=int)
    place[order] = np.arange(1, len(order) + 1)
    return pd.DataFrame(
        {
            "item_id": items["item_id"].astype("int64").to_numpy(),
            "section_id": items["section_id"].astype("int64").to_numpy(),
            "name": items["name"].to_numpy(),
            "cluster": cut_tree(tree, n_clusters),
            "leaf_order": place,
        }
    )


def agreement_with_sections(
    clusters: pd.DataFrame, permutations: int = PERMUTATIONS, seed: int = SEED
) -> pd.DataFrame:
    """One row: the adjusted Rand index of clusters against sections, and its baseline (the
    indices with section labels shuffled: mean, 95th percentile, the share at least as high)."""
    sections = clusters["section_id"].to_numpy()
    found = clusters["cluster"].to_numpy()
    observed = adjusted_rand_score(sections, found)
    rng = np.random.default_rng(seed)
    null = np.array(
        [adjusted_rand_score(rng.permutation(sections), found) for _ in range(permutations)]
    )
    at_least = int((null >= observed - 1e-12).sum())
    return pd.DataFrame(
        [
            {
                "items": len(clusters),
                "sections": int(pd.Series(sections).nunique()),
                "clusters": int(pd.Series(found).nunique()),
                "linkage": LINKAGE_METHOD,
                "adjusted_rand_index": round(float(observed), 4),
                "permutations": permutations,
                "seed": seed,
                "null_mean": round(float(null.mean()), 4),
                "null_p95": round(float(np.quantile(null, 0.95)), 4),
                "p_permutation": round((at_least + 1) / (permutations + 1), 4),
            }
        ]
    )


def cluster_sections(clusters: pd.DataFrame) -> pd.DataFrame:
    """Cluster × section table of item counts (a cross-table to read the index by)."""
    table = pd.crosstab(clusters["cluster"], clusters["section_id"])
    table.columns = [f"section_{c}" for c in table.columns]
    return table.reset_index()
