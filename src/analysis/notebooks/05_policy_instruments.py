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
# # 05 · Policy instruments: supply, environment and demand
#
# **Reads** the list through `analysis.load_items()` (the raw source, or the
# list given as `input_list` in the parameters cell below, as `report --input` does) and the
# codebook `src/analysis/resources/policy_instruments.toml` (or the file given as `codebook`
# in the parameters cell, as `python -m analysis report --codebook PATH` does).
# **Writes** to `data/processed/`: `policy_instruments.csv` (one row per code, with its
# evidence), `policy_instruments_review.csv` (the items no rule codes),
# `policy_instrument_types_by_section.csv`, `policy_instrument_tools_by_section.csv`,
# `policy_instrument_test.csv` and `policy_instrument_residuals.csv`; to `figures/`:
# `policy_tools_by_section` and `policy_tool_types_by_section` (PNG and SVG).
# **Shows** with which instruments the list acts and where: every item coded with the
# sub-tools of Rothwell and Zegveld's scheme (as Chinese policy studies use it), each code with
# the exact words that justify it, the items left for a reader to code, the cross-tables by
# section, and a test of whether the sections differ. `docs/policy_instruments.md` explains
# the scheme, the matching and its limits.

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

from analysis.extract.codebook import DEFAULT_CODEBOOK, load_codebook
from analysis.extract.instrument_tables import (
    independence_test,
    tool_by_section,
    tool_totals,
    type_by_section,
)
from analysis.extract.instruments import code_items, items_for_review
from analysis.figures.instruments import plot_tools_by_section, plot_types_by_section
from analysis.figures.labels import label
from analysis.figures.run import start_run
from analysis.figures.save import make_figure
from analysis.paths import (
    ROOT,
)
from analysis.tables.write import write_csv

pd.set_option("display.max_colwidth", 60)
pd.set_option("display.max_rows", 300)
NOTEBOOK = "05_policy_instruments"
run = start_run(input_list, out_dir, lang, glossary, allow_gaps)
items, OUT, figures = run.items, run.processed, run.figures
instrument_codebook = load_codebook(codebook)


def write(table: pd.DataFrame, name: str) -> None:
    path = write_csv(table, OUT / name)
    print(f"wrote {path.name}: {len(table)} rows")


shown_path = Path(codebook or DEFAULT_CODEBOOK).resolve()
shown_path = shown_path.relative_to(ROOT) if shown_path.is_relative_to(ROOT) else shown_path
print(f"codebook: {shown_path} ({instrument_codebook.name})")

# %% [markdown]
# ## 1 · The codebook
#
# One row per sub-tool, in the codebook's order: its type, names, definition and how many
# rules can code it. The rules themselves, with a comment on why each is there, are in the
# TOML file: a researcher edits them there, not here.

# %%
display(
    pd.DataFrame(
        {
            "type": [t.type for t in instrument_codebook.tools],
            "tool": [t.zh for t in instrument_codebook.tools],
            "tool_en": [t.en for t in instrument_codebook.tools],
            "definition": [t.definition for t in instrument_codebook.tools],
            "rules": [len(t.rules) for t in instrument_codebook.tools],
        }
    )
)

# %% [markdown]
# ## 2 · Every code with its evidence
#
# The unit of coding is the item. A rule fires on a stretch of the item's content (or name);
# `evidence` is that exact text, so `items.loc[i, field][span_start:span_end] == evidence`,
# and `sentence_start`/`sentence_end` give the sentence around it. An item can carry several
# tools, and a tool several pieces of evidence.

# %%
codes = code_items(items, instrument_codebook)
assert all(
    items.set_index("item_id").loc[row.item_id, row.field][row.span_start : row.span_end]
    == row.evidence
    for row in codes.itertuples()
), "every code's evidence is the text at its span"
display(codes.drop(columns=["section_id", "sentence_start", "sentence_end"]))
write(codes, "policy_instruments.csv")

# %% [markdown]
# ### Per item
#
# The tools of each item, in the codebook's order of types, with the name of the item.

# %%
per_item = (
    codes.drop_duplicates(["item_id", "tool"])
    .groupby("item_id")["tool"]
    .agg("、".join)
    .rename("tools")
)
display(items.set_index("item_id")[["name"]].join(per_item).fillna({"tools": "—"}))

# %% [markdown]
# ### Items left for review
#
# Items that no rule codes are listed here, never forced into a type: a reader decides.

# %%
review = items_for_review(items, codes)
display(review)
write(review, "policy_instruments_review.csv")
coded = items["item_id"].isin(codes["item_id"]).sum()
print(f"{coded} of {len(items)} items coded; {len(review)} left for review")

# %% [markdown]
# ## 3 · Cross-tables by section
#
# Counted per item: an item counts once for a tool (or a type) however many pieces of
# evidence it has. `share_of_items` is the share of the section's items that use the tool or
# type; `share_of_codes` the share of the section's codes (the three types of a section sum
# to 1).

# %%
types = type_by_section(codes, items)
tools = tool_by_section(codes, items, instrument_codebook)
totals = tool_totals(codes, items, instrument_codebook)
display(
    types.pivot(index="type_zh", columns="section_numeral", values="coded_items").loc[
        types["type_zh"].unique()
    ]
)
display(
    tools.pivot(index="tool", columns="section_numeral", values="coded_items").loc[
        tools["tool"].unique()
    ]
)
display(totals)
write(types, "policy_instrument_types_by_section.csv")
write(tools, "policy_instrument_tools_by_section.csv")

# %% [markdown]
# ## 4 · Do the sections use different instruments?
#
# Pearson's chi-square on the type × section table of codes. One item can add to several
# cells, so the cells are not independent observations and the chi-square distribution is only
# an approximation: the p-value to read is the permutation test, which shuffles the sections
# among the items, each item keeping all its codes. For each cell, the adjusted residual
# (|r| > 1.96 departs from independence at about the 5 % level, cell by cell) and Fisher's
# exact test on its 2 × 2 table of items (in the section or not × using the type or not), with
# Holm's correction over the cells.

# %%
summary, cells = independence_test(codes, items)
display(summary.T)
display(cells)
write(summary, "policy_instrument_test.csv")
write(cells, "policy_instrument_residuals.csv")
result = summary.iloc[0]
print(
    f"chi2 = {result['chi2']:.2f}, dof = {int(result['dof'])}, "
    f"permutation p = {result['p_permutation']:.3f} ({int(result['permutations'])} permutations), "
    f"asymptotic p = {result['p_asymptotic']:.3f}; "
    f"{result['share_expected_below_5']:.0%} of cells expect fewer than 5 codes"
)

# %% [markdown]
# **What this list can and cannot show.** The list is a selection of measures chosen to be
# copied elsewhere, not a sample of Shenzhen's policies, so no p-value here generalises beyond
# the list: the test only asks whether the sections' mixes differ by more than shuffling the
# same items among sections would give. With so few codes, most expected counts are small, so
# only a large difference could show up, and a non-significant result does not mean the
# sections use the same instruments. The tool × section table is sparser still (most cells
# hold 0 or 1 items) and is shown as counts, without a test. Counts say how often a tool is
# named, not how much weight a measure gives it; and the codes come from rules, so a tool the
# rules do not know is invisible (see the items left for review, and
# `docs/policy_instruments.md`).

# %% [markdown]
# ## 5 · Figures

# %%
# A codebook that codes nothing gives no figure.
make_figure(
    "policy_tools_by_section",
    lambda: plot_tools_by_section(tools, totals, settings=run.settings),
    caption=label("instruments.caption.tools_by_section", lang),
    notebook=NOTEBOOK,
    out_dir=figures,
    lang=lang,
    not_made_because=label("not_made.instruments", lang) if codes.empty else None,
)

# %%
make_figure(
    "policy_tool_types_by_section",
    lambda: plot_types_by_section(types, result["p_permutation"], settings=run.settings),
    caption=label("instruments.caption.types_by_section", lang),
    notebook=NOTEBOOK,
    out_dir=figures,
    lang=lang,
    not_made_because=label("not_made.instruments", lang) if codes.empty else None,
)
