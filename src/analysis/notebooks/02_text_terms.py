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
# # 02 · Text analysis: what the list talks about, section by section
#
# **Reads** the list through `analysis.load_items()` (the raw source, or the
# list given as `input_list` in the parameters cell below, as `report --input` does).
# **Writes** to `data/processed/`: `keywords.csv` (term counts, overall and per section),
# `keyness.csv` (distinctive terms per section) and `kwic.csv` (率先 and 首 in context); to
# `figures/`: `chars_per_section`, `chars_per_item`, `top_terms`, `top_terms_by_section` and
# `keyness_by_section` (each PNG and SVG).
# **Shows** how long each section and item is, which terms dominate the list and each section,
# and the claims of being first (率先, 首) in context. Word clouds and the co-occurrence
# network follow in `03_text_clouds_and_network`.

# %% tags=["parameters"]
input_list = None  # the list to analyse; None: the project's own list in data/raw
out_dir = None  # where data/processed, figures and reports go; None: the project folder
lang = "zh"  # "zh" or "en": the language of figures and text
codebook = None  # a policy-instrument codebook (TOML); None: the bundled one
glossary = None  # your own glossary (CSV: term_zh,en); None: the curated one only
allow_gaps = False  # load a list whose numbering has gaps it does not explain

# %%
import pandas as pd
from IPython.display import Markdown, display

from analysis.figures import lengths, terms
from analysis.figures.labels import label
from analysis.figures.run import start_run
from analysis.figures.save import make_figure, save_figure
from analysis.tables.write import write_csv
from analysis.text import segment
from analysis.text.counts import section_counts
from analysis.text.keyness import keyness
from analysis.text.keywords import item_terms, keyword_counts
from analysis.text.kwic import kwic
from analysis.text.kwic_widget import has_widget_frontend, kwic_explorer

NOTEBOOK = "02_text_terms"
pd.set_option("display.max_colwidth", 40)
run = start_run(input_list, out_dir, lang, glossary, allow_gaps)
items, out, figures = run.items, run.processed, run.figures

# %% [markdown]
# ## Counts per category
# Characters are those of each item's content (具体内容), after the loader's recorded repairs.

# %%
sections = section_counts(items)
display(
    sections[["section_numeral", "short_title", "items", "content_chars", "mean_content_chars"]]
)

# %%
fig = lengths.plot_chars_per_section(items, settings=run.settings)
paths = save_figure(
    fig,
    "chars_per_section",
    caption=label("caption.chars_per_section", lang),
    notebook=NOTEBOOK,
    out_dir=figures,
    lang=lang,
)

# %%
fig = lengths.plot_chars_per_item(items, settings=run.settings)
paths = save_figure(
    fig,
    "chars_per_item",
    caption=label("caption.chars_per_item", lang),
    notebook=NOTEBOOK,
    out_dir=figures,
    lang=lang,
)

# %% [markdown]
# ## Segmentation
# jieba's dictionary and HMM, run by jieba-rs (`ANALYSIS_SEGMENTER=jieba` runs jieba itself, which
# gives the same tokens), with a user dictionary generated from the list: every term it sets in
# “…”, the named bodies jieba would split, and a short curated file for what the list does not
# mark. Titles 《…》 are cut out before segmenting and kept whole; number-plus-unit spans
# (270平方公里, 42%) are cut out and dropped, since they are quantities, not terms. Dropped as
# well: punctuation, bare numbers, single characters, function words and **generic policy verbs**
# (建立, 推动, 实施, 打造 …), which every measure uses and which say nothing about what a section
# is about.
# 创新 and 率先 are kept: they are the list's subject and its claim. The full list and its
# reasons are in `src/analysis/resources/stopwords_policy_zh.txt`.

# %%
texts = segment.distinct_texts(items)
origins = pd.DataFrame(
    {
        "source": ["set in “…” in the list", "named bodies jieba splits", "curated file"],
        "terms": [
            len(segment.coined_terms(texts)),
            len(segment.named_bodies(texts)),
            len(segment.curated_terms()),
        ],
    }
)
display(origins)
segmenter = segment.segmenter_for(segment.user_dictionary(items))
example = items.iloc[1]
display(
    Markdown(
        f"Item {example['item_id']}, segmented: "
        + " · ".join(segmenter.tokenize(example["content"]))
    )
)

# %% [markdown]
# ## Keyword counts
# One row per term; `count` is over all items (name and content), then one count column per
# section, named by its number: `section_1` for 一, `section_2` for 二, and so on.

# %%
counts = keyword_counts(items, progress=False)
write_csv(counts, out / "keywords.csv")
display(counts.head(30))

# %%
# The title compares the two commonest terms: a list with fewer has no such finding.
make_figure(
    "top_terms",
    lambda: terms.plot_top_terms(counts, items, settings=run.settings),
    caption=label("caption.top_terms", lang),
    notebook=NOTEBOOK,
    out_dir=figures,
    lang=lang,
    not_made_because=label("not_made.few_terms", lang, terms=len(counts))
    if len(counts) < 2
    else None,
)

# %%
make_figure(
    "top_terms_by_section",
    lambda: terms.plot_top_terms_by_section(counts, items, settings=run.settings),
    caption=label("caption.top_terms_by_section", lang),
    notebook=NOTEBOOK,
    out_dir=figures,
    lang=lang,
    not_made_because=label("not_made.no_terms", lang) if counts.empty else None,
)

# %% [markdown]
# ## Distinctive terms per section
# Keyness by log-likelihood (Dunning's G², from the full 2×2 table of the term and all other
# terms, in the section and in the rest): how much more a section uses a term than the rest
# of the list does. Only terms a section uses more than expected, and at least `min_count`
# times (see `analysis.text.keyness.keyness`).

# %%
key_terms = keyness(counts=counts, top=10)
write_csv(key_terms, out / "keyness.csv")
display(key_terms[key_terms["rank"] <= 5])

# %%
# Keyness compares a section with the rest of the list: a list of one section has no rest,
# and a short list may have no term used often enough to stand out.
no_keyness = None
if items["section_id"].nunique() < 2:
    no_keyness = label("not_made.keyness_one_section", lang)
elif key_terms.empty:
    no_keyness = label("not_made.keyness_none", lang, min_count=key_terms.attrs["min_count"])
make_figure(
    "keyness_by_section",
    lambda: terms.plot_keyness(key_terms, items, settings=run.settings),
    caption=label("caption.keyness_by_section", lang),
    notebook=NOTEBOOK,
    out_dir=figures,
    lang=lang,
    not_made_because=no_keyness,
)

# %% [markdown]
# ## Keyword in context: 率先 and 首
# The search runs on the content text itself, so 首 is found inside 首个, 首家 and 首创. The
# keyword table above counts names and content, and whole terms only; where the two counts
# differ, the line below each term says by how much.

# %%
examples = pd.concat(
    [kwic(items, term, window=12).assign(term=term) for term in ("率先", "首")], ignore_index=True
)
examples = examples[["term", *examples.columns.drop("term")]]
write_csv(examples, out / "kwic.csv")
tokens_by_item = dict(zip(items["item_id"], item_terms(items), strict=True))
for term, hits in examples.groupby("term", sort=False):
    in_table = counts.loc[counts["term"] == term, "count"]
    counted = int(in_table.iloc[0]) if len(in_table) else 0
    in_items = sum(term in tokens for tokens in tokens_by_item.values())
    display(
        Markdown(
            f"**{term}**: {len(hits)} occurrences in the content of "
            f"{hits['item_id'].nunique()} items; the keyword table, which counts names too "
            f"and whole terms only, has {counted} in {in_items} items."
        )
    )
    display(hits.drop(columns=["term", "section_title"]))

# %% [markdown]
# In JupyterLab the box below lets you pick any term and a section. The rendered report has no
# live kernel, so it shows the tables above instead.

# %%
if has_widget_frontend():
    display(kwic_explorer(items, term="率先"))
