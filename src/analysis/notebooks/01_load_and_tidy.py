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
# # 01 · Load and tidy the list
#
# **Reads** the raw list, `data/raw/shenzhen_sez_innovation_measures_2021.txt` (or the list given as
# `input_list` in the parameters cell below, as `python -m analysis report --input` does).
# **Writes** `data/processed/items.csv`, `items.xlsx` (items, sections and repairs sheets),
# `sections.csv`, `repairs.csv`, `absent_items.csv` (items an abridged list leaves out),
# `provenance.json` (which file, its sha256), and the figure `figures/items_per_section.png/.svg`.
# **Shows** the tidy table (one row per item), the items per section, and every repair the
# loader made to the source, with the line it made it on.

# %% tags=["parameters"]
input_list = None  # the list to analyse; None: the project's own list in data/raw
out_dir = None  # where data/processed, figures and reports go; None: the project folder
lang = "zh"  # "zh" or "en": the language of figures and text
codebook = None  # a policy-instrument codebook (TOML); None: the bundled one
glossary = None  # your own glossary (CSV: term_zh,en); None: the curated one only
allow_gaps = False  # load a list whose numbering has gaps it does not explain

# %%
import pandas as pd
from IPython.display import display

import analysis
from analysis.figures.labels import label
from analysis.figures.run import start_run
from analysis.figures.save import save_figure
from analysis.figures.sections import plot_items_per_section
from analysis.paths import (
    SOURCE_METADATA,
)
from analysis.source.load import absent_items_table, with_declared_counts
from analysis.source.provenance import provenance
from analysis.tables.write import write_csv, write_json, write_xlsx
from analysis.text.counts import section_counts, short_title

pd.set_option("display.max_colwidth", 60)

# %% [markdown]
# ## The tidy table
# One row per item. `line_start`/`line_end` point back to the lines of the source file.

# %%
run = start_run(input_list, out_dir, lang, glossary, allow_gaps)
items, out, figures = run.items, run.processed, run.figures
print(f"{items.attrs['source']}\nsha256 {items.attrs['sha256']}, read as {items.attrs['encoding']}")
display(items.head(10))

# %% [markdown]
# ## Items per section

# %%
# A section published with its heading only is a row with no items; each section keeps the
# count its title declares (（共6项）), where it declares one.
sections = with_declared_counts(
    section_counts(items),
    items,
    {
        "content_chars": 0,
        "name_chars": 0,
        "mean_content_chars": float("nan"),
        "share_of_items": 0.0,
    },
)
sections["short_title"] = sections["section_title"].map(short_title)
display(sections[["section_numeral", "section_title", "items", "declared_items", "content_chars"]])

# %% [markdown]
# ## What the list leaves out
# Items the numbering passes over: in a list published abridged, a section with its heading
# and count only; with `--allow-gaps`, numbers absent from the file. Empty for a whole list.

# %%
absent = absent_items_table(items)
display(absent)

# %%
fig = plot_items_per_section(items, settings=run.settings)
save_figure(
    fig,
    "items_per_section",
    caption=label("caption.items_per_section", lang),
    notebook="01_load_and_tidy",
    out_dir=figures,
    lang=lang,
)

# %% [markdown]
# ## What the loader repaired
# Page-break headers dropped, `<p>` markup removed, stray spaces removed, a name split across
# cells rejoined, and explicit corrections. Nothing else is changed.

# %%
repairs = analysis.repairs_table(items)
display(repairs.groupby("kind").size().rename("repairs").to_frame())
display(repairs[repairs["kind"] != "header_row_dropped"])

# %%
write_csv(items, out / "items.csv")
write_csv(sections, out / "sections.csv")
write_csv(repairs, out / "repairs.csv")
write_csv(absent, out / "absent_items.csv")
write_xlsx({"items": items, "sections": sections, "repairs": repairs}, out / "items.xlsx")
write_json(provenance(items, SOURCE_METADATA), out / "provenance.json")
