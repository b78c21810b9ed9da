# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python (analysis)
#     language: python
#     name: analysis
# ---

# %% [markdown]
# # 07 · Structure: which items are alike, how the text groups, where sections and terms sit
#
# **Reads** the list (`input_list`, or the project's own in `data/raw`) and, for the project's
# own list, the hand-judged pairs `tests/fixtures/similar_item_pairs.csv`.
# **Writes** to `data/processed/`: `item_similarity.csv` (each item's five nearest neighbours
# with the shared terms), `similarity_representations.csv` (the representations measured on
# the hand-judged pairs; the project's own list only), `item_clusters.csv`,
# `cluster_agreement.csv`, `cluster_sections.csv`, `ca_contingency.csv`, `ca_inertia.csv`,
# `ca_coordinates.csv`; to `figures/`: `item_dendrogram` and `section_term_map` (PNG and SVG).
# **Shows** three answers to the first questions a reader asks of a list: which measures are
# variations on one idea, whether the list's own sections match how the text itself groups,
# and which terms pull a section apart. `docs/structure.md` explains the choices.

# %% tags=["parameters"]
input_list = None  # the list to analyse; None: the project's own list in data/raw
out_dir = None  # where data/processed, figures and reports go; None: the project folder
lang = "zh"  # "zh" or "en": the language of figures and text
codebook = None  # a policy-instrument codebook (TOML); None: the bundled one
glossary = None  # your own glossary (CSV: term_zh,en); None: the curated one only
allow_gaps = False  # load a list whose numbering has gaps it does not explain

# %%
from pathlib import Path

import pandas as pd
from IPython.display import display

from analysis import paths
from analysis.figures.labels import label
from analysis.figures.run import start_run
from analysis.figures.save import make_figure
from analysis.figures.structure import plot_ca_biplot, plot_dendrogram
from analysis.source.provenance import read_metadata
from analysis.tables.write import write_csv
from analysis.text import clusters, correspondence, similarity
from analysis.text.counts import section_counts
from analysis.text.keyness import keyness, most_distinctive_section
from analysis.text.keywords import keyword_counts
from analysis.text.kwic_widget import has_widget_frontend
from analysis.text.similarity_widget import similar_items_explorer

run = start_run(input_list, out_dir, lang, glossary, allow_gaps)
items, OUT, FIGURES = run.items, run.processed, run.figures
NOTEBOOK = "07_structure"
PAIRS = paths.ROOT / "tests" / "fixtures" / "similar_item_pairs.csv"
pd.set_option("display.max_colwidth", 50)
pd.set_option("display.max_rows", 300)
sections = section_counts(items)


def write(table: pd.DataFrame, name: str) -> None:
    path = write_csv(table, OUT / name)
    print(f"wrote {path.name}: {len(table)} rows")


print(f"{Path(items.attrs['source']).name}: {len(items)} items in {len(sections)} sections")

# %% [markdown]
# ## 1 · Which items are alike
#
# Every item (its name and content) becomes a vector of character 2- and 3-grams weighted by
# TF-IDF; two items are as alike as the cosine of their vectors. That representation was
# chosen by measuring eighteen candidates on 25 pairs of Shenzhen items a careful reader calls
# alike, written down before any was measured (`docs/structure.md`). For the project's own
# list the comparison is run again here, so the choice can be checked.

# %%
# The hand-judged pairs are of the project's own list (an installed kit has neither).
own_list = items.attrs.get("sha256") == read_metadata(paths.SOURCE_METADATA).get("sha256")
if own_list and PAIRS.exists():
    pairs = pd.read_csv(PAIRS)
    comparison = similarity.compare_representations(items, pairs)
    display(comparison)
    write(comparison, "similarity_representations.csv")
    chosen = comparison.set_index("representation").loc[similarity.CHOSEN.label]
    print(
        f"chosen: {similarity.CHOSEN.label}: {int(chosen['either'])} of {int(chosen['pairs'])} "
        "hand-judged pairs among each other's five nearest neighbours "
        f"({int(chosen['both'])} both ways)"
    )
else:
    (OUT / "similarity_representations.csv").unlink(missing_ok=True)
    print("the hand-judged pairs are pairs of the project's own list: no comparison here")

# %% [markdown]
# Each item's five nearest neighbours, with the score (cosine, 0 to 1) and the evidence: the
# words both texts hold, the largest share of the score first. Scores are small because each
# text is mostly its own; what matters is the order.

# %%
representation = similarity.fit_representation(similarity.representation_texts(items))
neighbours = similarity.item_similarity(items, k=5, representation=representation)
write(neighbours, "item_similarity.csv")
names = items.set_index("item_id")["name"]
display(
    neighbours[neighbours["rank"] == 1].assign(
        name_a=lambda t: t["item_a"].map(names), name_b=lambda t: t["item_b"].map(names)
    )[["item_a", "name_a", "item_b", "name_b", "score", "shared"]]
)

# %% [markdown]
# In JupyterLab, choose an item to see its five nearest neighbours with the shared terms
# marked in both texts. (The rendered report shows the table above instead.)

# %%
if has_widget_frontend():
    display(similar_items_explorer(items, item_id=int(items["item_id"].iloc[0])))

# %% [markdown]
# ## 2 · How the text itself groups the items
#
# Ward's hierarchical clustering on the same vectors, cut into as many clusters as the list
# has sections. The adjusted Rand index says how well the clusters match the sections: 1 is
# the same grouping, 0 no better than chance. The baseline shuffles the section labels among
# the items 1000 times (seeded) and measures the index each time.

# %%
if len(items) >= clusters.MIN_ITEMS and len(sections) >= 2:
    tree = clusters.item_linkage(items, representation)
    item_groups = clusters.item_clusters(items, tree)
    agreement = clusters.agreement_with_sections(item_groups)
    crosstab = clusters.cluster_sections(item_groups)
    write(item_groups, "item_clusters.csv")
    write(agreement, "cluster_agreement.csv")
    write(crosstab, "cluster_sections.csv")
    display(agreement.T)
    display(crosstab)
    result = agreement.iloc[0]
    print(
        f"At the cut into {result['clusters']} clusters the adjusted Rand index is "
        f"{result['adjusted_rand_index']:.2f}; with the section labels shuffled "
        f"{result['permutations']} times it averages {result['null_mean']:.2f} and 95% of "
        f"shuffles stay below {result['null_p95']:.2f} (p = {result['p_permutation']:.3f}). "
        f"For {result['items']} items this means the text groups the measures "
        + (
            "much as the sections do."
            if result["adjusted_rand_index"] >= 0.5
            else "a little more like the sections than chance would, but mostly its own way."
            if result["p_permutation"] < 0.05
            else "no more like the sections than chance would."
        )
    )
else:
    tree = None
    # Tables an earlier run wrote into this folder would otherwise stand for this list.
    for name in ("item_clusters.csv", "cluster_agreement.csv", "cluster_sections.csv"):
        (OUT / name).unlink(missing_ok=True)
    print(f"{len(items)} items in {len(sections)} sections: too few to cluster")

# %%
make_figure(
    "item_dendrogram",
    lambda: plot_dendrogram(items, tree, item_groups, result, sections, settings=run.settings),
    caption=label("structure.caption.dendrogram", lang),
    notebook=NOTEBOOK,
    not_made_because=label("not_made.structure_few_items", lang, minimum=clusters.MIN_ITEMS)
    if tree is None
    else None,
    out_dir=FIGURES,
    lang=lang,
)

# %% [markdown]
# ## 3 · Sections and terms on one map
#
# Correspondence analysis of the sections × the terms the keyness analysis lists (each
# section's most distinctive terms), counted per section. The principal inertias say how much
# of the table's departure from independence each axis holds; the map shows the first two.

# %%
counts = keyword_counts(items)
key_terms = correspondence.keyness_terms(keyness(counts=counts))
table = correspondence.section_term_table(counts, key_terms)
table = table.loc[table.sum(axis=1) > 0, table.sum() > 0]
write(table.reset_index(), "ca_contingency.csv")
try:
    ca = correspondence.correspondence_analysis(table)
except correspondence.CorrespondenceError as error:
    ca = None
    for name in ("ca_inertia.csv", "ca_coordinates.csv"):
        (OUT / name).unlink(missing_ok=True)
    print(f"no correspondence analysis: {error}")
if ca is not None:
    write(ca["inertia"], "ca_inertia.csv")
    coordinates = correspondence.coordinates_table(ca, axes=len(ca["inertia"]))
    write(coordinates, "ca_coordinates.csv")
    display(ca["inertia"])
    display(ca["rows"].round(3))
    display(correspondence.top_contributing(ca["columns"], 15).round(3))

# %%
make_figure(
    "section_term_map",
    lambda: plot_ca_biplot(ca, sections, most_distinctive_section(counts), settings=run.settings),
    caption=label("structure.caption.ca_biplot", lang),
    notebook=NOTEBOOK,
    not_made_because=label("not_made.structure_few_sections", lang)
    if ca is None or len(ca["inertia"]) < 2
    else None,
    out_dir=FIGURES,
    lang=lang,
)

# %% [markdown]
# **What these analyses can and cannot say.** Similarity is of wording, not of meaning: two
# measures about one subject in different words score low (four of the 25 hand-judged pairs
# are missed for that reason), and two measures that share stock phrases can score higher
# than they deserve. The clusters depend on the linkage and the cut; the index compares one
# cut with the sections, not the whole tree. The map shows two axes of several, and the share
# of inertia on each axis label says how much it leaves out.
