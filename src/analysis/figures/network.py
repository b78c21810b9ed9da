"""The co-occurrence network drawn with networkx: a fixed-seed layout, nodes coloured by the
section where each term is most distinctive, labels on the nodes (the terms, in Chinese in
every language: they are the data)."""

import networkx as nx
import numpy as np
import pandas as pd

from ..text.counts import section_counts
from .labels import label
from .terms import section_key_column
from .theme import BODY_SIZE, DARK, GREY, fit_layout, new_figure, section_colour

LAYOUT_SEED = 2021


def plot_cooccurrence_network(graph: nx.Graph, items: pd.DataFrame):
    """Node area ∝ term count; edge width ∝ the number of items the two terms share."""
    degree = dict(graph.degree(weight="weight"))
    hub = max(sorted(degree), key=lambda n: degree[n])
    strongest = max(sorted(graph.edges(data=True)), key=lambda e: e[2]["weight"])
    fig, ax = new_figure(
        label(
            "text.network.title",
            hub=hub,
            first=strongest[0],
            second=strongest[1],
            shared=strongest[2]["weight"],
        ),
        label("text.network.subtitle", terms=graph.number_of_nodes()),
    )
    position = nx.spring_layout(
        graph,
        seed=LAYOUT_SEED,
        weight="weight",
        k=2.8 / np.sqrt(max(1, graph.number_of_nodes())),
        iterations=200,
    )
    weights = np.array([d["weight"] for _, _, d in graph.edges(data=True)], dtype=float)
    nx.draw_networkx_edges(
        graph,
        position,
        ax=ax,
        width=0.6 + 3.0 * weights / weights.max(),
        edge_color=GREY,
        alpha=0.45,
    )
    counts = np.array([d["count"] for _, d in graph.nodes(data=True)], dtype=float)
    nx.draw_networkx_nodes(
        graph,
        position,
        ax=ax,
        node_size=700 + 2300 * counts / counts.max(),
        node_color=[section_colour(d["section_id"]) for _, d in graph.nodes(data=True)],
        alpha=0.9,
        linewidths=1.0,
        edgecolors="white",
    )
    nx.draw_networkx_labels(
        graph, position, ax=ax, font_size=BODY_SIZE, font_color=DARK, font_family="sans-serif"
    )
    ax.set_axis_off()
    ax.margins(0.06)
    used = {d["section_id"] for _, d in graph.nodes(data=True)}
    sections = section_counts(items)
    section_key_column(fig, sections[sections["section_id"].isin(used)], x=0.765)
    fit_layout(fig, right=0.75)
    return fig
