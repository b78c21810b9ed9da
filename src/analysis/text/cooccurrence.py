"""Co-occurrence of the top terms within items, as a weighted networkx graph.

Two terms are linked when both occur in the same item; the weight is the number of items in
which they do. Each item adds at most ``k·(k-1)/2`` pairs for its ``k`` top terms, so the cost
grows linearly with the number of items.
"""

from collections import Counter
from itertools import combinations

import networkx as nx
import pandas as pd

from .keyness import most_distinctive_section
from .keywords import item_terms, keyword_counts

# The network's defaults: the 30 commonest terms, linked when they share 4 items or more.
TOP_TERMS = 30
MIN_SHARED_ITEMS = 4


def cooccurrence_graph(
    items: pd.DataFrame,
    *,
    counts: pd.DataFrame | None = None,
    top: int = TOP_TERMS,
    min_items: int = MIN_SHARED_ITEMS,
) -> nx.Graph:
    """Nodes: the ``top`` terms by count, with ``count`` and ``section_id`` (the section where
    the term is most distinctive). Edges: pairs found together in at least ``min_items`` items,
    with ``weight`` = that number of items. Terms left without an edge are dropped."""
    if counts is None:
        counts = keyword_counts(items)
    top_terms = counts.head(top)
    keep = set(top_terms["term"])
    section_of = most_distinctive_section(counts)
    pairs: Counter = Counter()
    for terms in item_terms(items):
        present = sorted(terms & keep)
        pairs.update(combinations(present, 2))

    graph = nx.Graph()
    for term, count in zip(top_terms["term"], top_terms["count"], strict=True):
        graph.add_node(term, count=int(count), section_id=int(section_of[term]))
    for (a, b), weight in sorted(pairs.items()):
        if weight >= min_items:
            graph.add_edge(a, b, weight=weight)
    graph.remove_nodes_from([n for n in list(graph.nodes) if graph.degree(n) == 0])
    return graph


def edges_table(graph: nx.Graph) -> pd.DataFrame:
    """``source``, ``target``, ``weight``: heaviest first, then by the pair's terms."""
    rows = [(a, b, d["weight"]) for a, b, d in graph.edges(data=True)]
    table = pd.DataFrame(rows, columns=["source", "target", "weight"])
    return table.sort_values(
        ["weight", "source", "target"], ascending=[False, True, True], ignore_index=True
    )
