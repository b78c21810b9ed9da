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
# # 04 · Extraction: the instruments the list cites and the numbers it states
#
# **Reads** the list through `analysis.load_items()` (the raw source, or the
# list given as `input_list` in the parameters cell below, as `report --input` does).
# **Writes** to `data/processed/`: `regulations.csv`, `quantities.csv`, `coined_terms.csv`,
# `first_mover_claims.csv`; to `figures/`: `citations_by_type_and_section`, `key_numbers`,
# `forecast_ladder`, `first_mover_claims_by_section` (PNG and SVG).
# **Shows** every legal instrument the list cites, every quantity it states (with the exact
# span of the source, so each row can be cited), the terms it coins in “…”, and its claims to
# be first. Everything is found with regular expressions in one pass over the text: no
# segmentation is needed.

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

from analysis.extract.claims import (
    claims_per_item,
    claims_per_section,
    coined_terms,
    first_mover_claims,
)
from analysis.extract.headlines import forecast_ladder, headline_quantities, ladder_code
from analysis.extract.quantities import extract_quantities
from analysis.extract.regulations import LEVELS, extract_regulations
from analysis.figures.extraction import (
    plot_citations_by_type_and_section,
    plot_first_mover_claims_by_section,
    plot_forecast_ladder,
    plot_key_numbers,
)
from analysis.figures.labels import label
from analysis.figures.run import start_run
from analysis.figures.save import make_figure
from analysis.tables.write import write_csv

pd.set_option("display.max_colwidth", 50)
pd.set_option("display.max_rows", 200)
NOTEBOOK = "04_extraction"
run = start_run(input_list, out_dir, lang, glossary, allow_gaps)
items, OUT, figures = run.items, run.processed, run.figures


def write(table: pd.DataFrame, name: str) -> None:
    path = write_csv(table, OUT / name)
    print(f"wrote {path.name}: {len(table)} rows")


# %% [markdown]
# ## 1 · Regulations and other instruments
#
# Two kinds of mention are found:
#
# - **titles in 《》**, including titles with quotes inside (《深圳市重点产业链“链长制”工作方案》);
# - **instruments named in running text**: the object of an issuing verb (出台, 制定, 颁布,
#   印发, 编制, 首创) that ends in an instrument word (条例, 办法, 措施, 方案, 指引, 标准, 清单, …),
#   such as 颁布实施全民阅读促进条例 or 制定轻微违法行为不予处罚清单. Generic phrases
#   (对标国际标准, 开发课程标准) are not the object of an issuing verb and are left out.
#
# Item names are scanned too: a name such as 率先出台《…条例》 often repeats its content. A title
# counts once per item; `mentions` says how often the item names it, and `field`/`span_start`/
# `span_end` point at its first place in the content (or in the name, if only the name has it).

# %%
regulations = extract_regulations(items)
display(regulations.drop(columns=["section_id"]))

# %% [markdown]
# `level` is read from the title and from the verb before it:

# %%
display(pd.DataFrame({"level": list(LEVELS), "meaning": list(LEVELS.values())}))
display(regulations.groupby(["level", "doc_type"]).size().rename("citations").reset_index())

# %% [markdown]
# An instrument named without its issuer (a bare …促进条例) is labelled `other` rather than
# guessed at.

# %%
write(regulations, "regulations.csv")
# Another list (ANALYSIS_INPUT) may cite nothing, state no lead times or claim nothing.
make_figure(
    "citations_by_type_and_section",
    lambda: plot_citations_by_type_and_section(regulations, items, settings=run.settings),
    caption=label("caption.citations_by_type_and_section", lang),
    notebook=NOTEBOOK,
    out_dir=figures,
    lang=lang,
    not_made_because=label("not_made.citations", lang) if regulations.empty else None,
)

# %% [markdown]
# ## 2 · Quantities
#
# One row per number with a unit (or a fraction). `text` is the exact span, qualifiers that
# touch the number included; `value` is normalised (万 × 10,000, 亿 × 10⁸, 1,200 → 1200), and
# every share is a percentage, however it is written (40%, 百分之四十 → 40; 1/3 → 33.3);
# `unit` is canonical (`%`, `km2`, `m2`, `m`, `km`, `h`, `天`, `年`, `月`) or the counter word.
#
# Not quantities: identifiers (5G, a quoted hotline or code number), calendar dates (每年8月,
# 2021年3月1日), ordinals (第一家), and Chinese numerals that count the parts of a scheme
# (一个平台、二层架构, 四个基本原则). A Chinese numeral counts with a unit of time or length
# (六个月内, 近两年), after a word of approximation (超千间, 近万家) or with 万/亿 (两万个).
# Numbers inside a “…” slogan are kept but marked `kind = slogan`.

# %%
quantities = extract_quantities(items)
display(quantities.drop(columns=["section_id"]))

# %%
display(quantities[quantities["kind"] == "slogan"][["item_id", "text", "subject"]])
display(
    quantities.groupby(["dimension", "unit"])
    .size()
    .rename("quantities")
    .sort_values(ascending=False)
)

# %%
write(quantities, "quantities.csv")

# %% [markdown]
# ### Key numbers for a briefing
#
# The headline figures are the amounts of things counted, shared or measured in area. Durations
# and distances (提前3天, 500米可达) describe how a measure works and are left to the ladder
# below; a figure an item gives for several subjects at once (four times 90%以上, say) is one card.

# %%
headlines = headline_quantities(quantities)
display(headlines.drop(columns=["section_id", "span_start"]))
make_figure(
    "key_numbers",
    lambda: plot_key_numbers(quantities, settings=run.settings),
    caption=label("caption.key_numbers", lang),
    notebook=NOTEBOOK,
    out_dir=figures,
    lang=lang,
    not_made_because=label("not_made.key_numbers", lang) if headlines.empty else None,
)

# %% [markdown]
# ### The forecasting ladder
#
# The lead times are the quantities qualified by 提前, taken from the item that states the
# most of them. The ladder's code name is the quoted number in that item whose digits spell
# the lead times in order.

# %%
terms = coined_terms(items)
ladder = forecast_ladder(quantities)
code = ladder_code(ladder, terms)
display(ladder)
print(f"code name: {code}")
make_figure(
    "forecast_ladder",
    lambda: plot_forecast_ladder(quantities, terms, settings=run.settings),
    caption=label("caption.forecast_ladder", lang, code=code)
    if code
    else label("caption.forecast_ladder_plain", lang),
    notebook=NOTEBOOK,
    out_dir=figures,
    lang=lang,
    not_made_because=label("not_made.ladder", lang) if ladder.empty else None,
)

# %% [markdown]
# ## 3 · Coined terms
#
# Every “…” stretch in a name or a content, one row per occurrence, with its sentence.
# Quoted numbers (a hotline, a code name such as “12345”) are kept as `kind = code`.

# %%
display(terms.head(20))
repeated = (
    terms[terms["kind"] == "term"]
    .groupby("term")
    .agg(occurrences=("item_id", "size"), items=("item_id", "nunique"))
)
display(repeated[repeated["items"] > 1].sort_values(["items", "occurrences"], ascending=False))
write(terms, "coined_terms.csv")

# %% [markdown]
# ## 4 · First-mover claims
#
# 率先, 首创, 首个, 首家 and 第一个/家, read together with the scope before them (在全国率先,
# 全国首家). A claim made as a goal (力争率先, “建设中国第一个儿童友好城市”目标) is kept as
# `kind = aspiration` and not counted. 首批 (a first batch) and 首办 (first-contact duty) are not
# claims.

# %%
claims = first_mover_claims(items)
display(claims)
write(claims, "first_mover_claims.csv")

# %%
per_item = claims_per_item(claims, items)
display(per_item[per_item["claims"] > 0])
per_section = claims_per_section(claims, items)
display(per_section)

# %%
make_figure(
    "first_mover_claims_by_section",
    lambda: plot_first_mover_claims_by_section(per_section, settings=run.settings),
    caption=label("caption.first_mover_claims_by_section", lang),
    notebook=NOTEBOOK,
    out_dir=figures,
    lang=lang,
    not_made_because=label("not_made.claims", lang) if per_section["claims"].sum() == 0 else None,
)
