"""The co-occurrence network drawn with networkx: a fixed-seed layout, nodes coloured by the
section where each term is most distinctive, labels on the nodes (the terms, in Chinese in
every language: they are the data; in English each with its gloss beside it)."""

import networkx as nx
import numpy as np
import pandas as pd

from ..text.counts import section_counts
from .glossary import cut_gloss, drawing_glossary, gloss
from .labels import current_language, label
from .save import keep_full_text
from .settings import FigureSettings, draws_with_settings
from .terms import gloss_in_brackets, section_key_column
from .theme import ADJUST_ROUNDS, BODY_SIZE, DARK, GREY, fit_layout, new_figure, section_colour

LAYOUT_SEED = 2021


# A node's gloss is cut to this many characters (the full one goes to the figure's metadata).
_NODE_GLOSS_CHARS = 14


def _node_label(fig, term: str) -> str:
    """The term; in English with its gloss beside it, on the same line (a line of Chinese alone
    would be a line an English reader cannot read)."""
    english = gloss(term, drawing_glossary()) if current_language() == "en" else None
    if english is None:
        return term
    shown = f"{term} {cut_gloss(english, _NODE_GLOSS_CHARS)}"
    keep_full_text(fig, shown, f"{term} {english}")
    return shown


@draws_with_settings
def plot_cooccurrence_network(graph: nx.Graph, items: pd.DataFrame, *, settings: FigureSettings):
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
            hub_gloss=gloss_in_brackets(hub),
            first_gloss=gloss_in_brackets(strongest[0]),
            second_gloss=gloss_in_brackets(strongest[1]),
            shared=strongest[2]["weight"],
        ),
        label("text.network.subtitle", terms=graph.number_of_nodes()),
        source=settings.source_line,
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
    english = settings.lang == "en"
    labels = nx.draw_networkx_labels(
        graph,
        position,
        labels={node: _node_label(fig, node) for node in graph.nodes},
        ax=ax,
        font_size=BODY_SIZE - 1 if english else BODY_SIZE,
        font_color=DARK,
        font_family="sans-serif",
    )
    ax.set_axis_off()
    ax.margins(0.06)
    used = {d["section_id"] for _, d in graph.nodes(data=True)}
    sections = section_counts(items)
    section_key_column(fig, sections[sections["section_id"].isin(used)], x=0.765)
    fit_layout(fig, right=0.75)
    if english:
        _separate(ax, list(labels.values()), position)
    return fig


def _separate(ax, texts, position) -> None:
    """A glossed label is about three times as wide as the term alone, and neighbours
    overlap: adjustText moves them apart, each staying near its node."""
    from adjustText import adjust_text

    xs, ys = zip(*position.values(), strict=True)
    adjust_text(
        texts,
        x=list(xs),
        y=list(ys),
        ax=ax,
        only_move={"text": "y", "static": "y", "explode": "y", "pull": "y"},
        expand=(1.05, 1.4),
        ensure_inside_axes=True,
        iter_lim=ADJUST_ROUNDS,  # rounds, not seconds: the same places under any load
    )
