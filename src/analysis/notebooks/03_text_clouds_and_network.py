# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python (analysis)
#     language: python
#     name: analysis
# ---

# %% [markdown]
# # 03 · Text analysis: word clouds and the terms that travel together
#
# **Reads** the list through `analysis.load_items()` (the raw source, or the
# list given as `input_list` in the parameters cell below, as `report --input` does), and
# counts its terms exactly as `02_text_terms` does (same package call).
# **Writes** `data/processed/cooccurrence_edges.csv`; to `figures/`: `wordcloud`,
# `wordclouds_by_section` and `cooccurrence_network` (each PNG and SVG).
# **Shows** the most frequent terms as word clouds, overall and per section, and which of the
# top terms occur in the same items.

# %% tags=["parameters"]
input_list = None  # the list to analyse; None: the project's own list in data/raw
out_dir = None  # where data/processed, figures and reports go; None: the project folder
lang = "zh"  # "zh" or "en": the language of figures and text
codebook = None  # a policy-instrument codebook (TOML); None: the bundled one
glossary = None  # your own glossary (CSV: term_zh,en); None: the curated one only
allow_gaps = False  # load a list whose numbering has gaps it does not explain

# %%
from IPython.display import display

from analysis.figures import network, terms
from analysis.figures.labels import label
from analysis.figures.run import start_run
from analysis.figures.save import make_figure
from analysis.tables.write import write_csv
from analysis.text.cooccurrence import (
    MIN_SHARED_ITEMS,
    TOP_TERMS,
    cooccurrence_graph,
    edges_table,
)
from analysis.text.keywords import keyword_counts

NOTEBOOK = "03_text_clouds_and_network"
run = start_run(input_list, out_dir, lang, glossary, allow_gaps)
items, out, figures = run.items, run.processed, run.figures
counts = keyword_counts(items, progress=False)

# %% [markdown]
# ## Word clouds

# %%
# A list whose text holds no countable term has no cloud to draw.
no_terms = label("not_made.no_terms", lang) if counts.empty else None
make_figure(
    "wordcloud",
    lambda: terms.plot_wordcloud(counts, items, settings=run.settings),
    caption=label("caption.wordcloud", lang),
    notebook=NOTEBOOK,
    out_dir=figures,
    lang=lang,
    not_made_because=no_terms,
)
make_figure(
    "wordclouds_by_section",
    lambda: terms.plot_wordclouds_by_section(counts, items, settings=run.settings),
    caption=label("caption.wordclouds_by_section", lang),
    notebook=NOTEBOOK,
    out_dir=figures,
    lang=lang,
    not_made_because=no_terms,
)

# %% [markdown]
# ## Which terms travel together
# The most frequent terms, linked when they occur in the same item; an edge needs a minimum
# number of shared items (`min_items` of `cooccurrence_graph`). Each term is coloured by the
# section where it is most distinctive.

# %%
graph = cooccurrence_graph(items, counts=counts)
edges = edges_table(graph)
write_csv(edges, out / "cooccurrence_edges.csv")
display(edges.head(10))

# %%
# A short list may have no pair of frequent terms that share enough items to draw.
make_figure(
    "cooccurrence_network",
    lambda: network.plot_cooccurrence_network(graph, items, settings=run.settings),
    caption=label("caption.cooccurrence_network", lang),
    notebook=NOTEBOOK,
    out_dir=figures,
    lang=lang,
    not_made_because=label("not_made.network", lang, top=TOP_TERMS, min_items=MIN_SHARED_ITEMS)
    if graph.number_of_edges() == 0
    else None,
)
