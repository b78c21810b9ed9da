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

# %% tags=["setup"]
from itables import init_notebook_mode

from analysis.figures.labels import label
from analysis.figures.save import figure_captions, figures_not_made
from analysis.paths import figures_dir, processed_dir
from analysis.report import cells as rc

init_notebook_mode(all_interactive=False, connected=False)

# %%
processed, figures = processed_dir(), figures_dir()
items = rc.read_table(processed, "items.csv")
sections = rc.read_table(processed, "sections.csv")
repairs = rc.read_table(processed, "repairs.csv")
origin = rc.load_metadata(processed / "provenance.json")
# The heading names the list analysed: its own title line, recorded in provenance.json.
rc.show_markdown("# " + rc.escape(label("report.title", "zh", title=origin["title"])))

# %% [markdown]
# *Reads* only finished outputs: the tables in `data/processed/` and the figures in `figures/`.
# *Writes* nothing; `python -m analysis report` renders it to `reports/report.html`.
# *Shows* the headline numbers, every figure with its caption, the tidy table, and every repair
# made to the source.
#
# <!-- table of contents -->

# %% [markdown]
# ## 概览 Overview

# %%
largest = sections.loc[sections["items"].idxmax()]
rc.show_markdown(
    f"清单共 **{len(sections)}** 个方面、**{len(items)}** 项举措，正文合计 "
    f"**{items['content_chars'].sum():,}** 字。举措最多的是"
    f"“{rc.escape(largest['section_numeral'])}、{rc.escape(largest['section_title'])}”，"
    f"共 **{largest['items']}** 项（占 {largest['share_of_items']:.0%}）。"
    f"载入时对原文做了 **{len(repairs)}** 处有记录的修复（见“数据质量”）。"
)

# %% [markdown]
# ## 结构 Structure

# %%
shown = rc.show_figures(figures, "01_")

# %% [markdown]
# ## 用词 What the list talks about
# Terms counted after segmentation with jieba and a dictionary generated from the list
# (`data/processed/keywords.csv`); distinctive terms by log-likelihood against the rest of the
# list (`keyness.csv`); 率先 and 首 in context (`kwic.csv`).

# %%
keywords = rc.read_table(processed, "keywords.csv")
key_terms = rc.read_table(processed, "keyness.csv")
contexts = rc.read_table(processed, "kwic.csv")
top = keywords.iloc[0]
distinctive = key_terms[key_terms["rank"] == 1].sort_values("section_id")
rc.show_markdown(
    f"分词后共有 **{len(keywords):,}** 个不同的词，出现最多的是“{rc.escape(top['term'])}”"
    f"（**{top['count']}** 次）。各方面最具特色的词："
    + "，".join(
        f"{rc.escape(numeral)} “{rc.escape(term)}”"
        for numeral, term in zip(
            sections.set_index("section_id").loc[distinctive["section_id"], "section_numeral"],
            distinctive["term"],
            strict=True,
        )
    )
    + "。"
)
shown += rc.show_figures(figures, "02_")
shown += rc.show_figures(figures, "03_")
rc.show_markdown("**Keyword in context** (率先, 首): the static view of the notebook's widget.")
rc.interactive_table(contexts, pageLength=10, maxBytes=0)

# %% [markdown]
# ## 法规与数字 Instruments and numbers
# The legal instruments the list cites and the quantities it states, each with its exact span in
# the source (`data/processed/regulations.csv`, `quantities.csv`, `coined_terms.csv`,
# `first_mover_claims.csv`).

# %%
regulations = rc.read_table(processed, "regulations.csv")
quantities = rc.read_table(processed, "quantities.csv")
claims = rc.read_table(processed, "first_mover_claims.csv")
amounts = quantities[quantities["kind"] == "amount"]
claiming = claims.loc[claims["kind"] == "claim", "item_id"].nunique()
rc.show_markdown(
    f"清单引用法规文件 **{len(regulations)}** 次（其中经济特区法规 "
    f"**{(regulations['level'] == 'sez_regulation').sum()}** 次，不带书名号的 "
    f"**{(~regulations['bracketed']).sum()}** 次），给出数量 **{len(amounts)}** 个"
    f"（另有口号中的数字 **{len(quantities) - len(amounts)}** 个）；"
    f"**{claiming}** 项举措自称“率先”“首个”等。"
)
shown += rc.show_figures(figures, "04_")
rc.interactive_table(
    regulations[["item_id", "title", "doc_type", "level", "bracketed", "span_start", "span_end"]],
    long_text=("title",),
    pageLength=10,
    maxBytes=0,
)
rc.interactive_table(
    quantities[["item_id", "text", "value", "unit", "qualifier", "subject", "kind"]],
    long_text=("subject",),
    pageLength=10,
    maxBytes=0,
)

# %% [markdown]
# ## 政策工具 Policy instruments
# Every item coded with the supply / environment / demand scheme (Rothwell and Zegveld 1985, as
# Chinese policy studies use it) by the rules of an editable codebook; each code carries the
# exact words that justify it (`data/processed/policy_instruments.csv`; the scheme, the rules
# and their limits: `docs/policy_instruments.md`). Items no rule codes are left for a reader.

# %%
instrument_codes = rc.read_table(processed, "policy_instruments.csv")
instrument_review = rc.read_table(processed, "policy_instruments_review.csv")
instrument_types = rc.read_table(processed, "policy_instrument_types_by_section.csv")
instrument_test = rc.read_table(processed, "policy_instrument_test.csv").iloc[0]
item_tool_codes = instrument_codes.drop_duplicates(["item_id", "tool"])
type_items = instrument_types.groupby("type_zh", sort=False)["coded_items"].sum()
left_for_review = (
    "，".join(
        f"第 {row.item_id} 项“{rc.escape(row.name)}”" for row in instrument_review.itertuples()
    )
    if len(instrument_review)
    else "无"
)
rc.show_markdown(
    f"{len(items)} 项举措中，**{instrument_codes['item_id'].nunique()}** 项至少有一个工具编码，"
    f"共 **{len(item_tool_codes)}** 个“举措 × 工具”编码、**{len(instrument_codes)}** 处原文证据。"
    f"没有规则命中、留待人工判断的 **{len(instrument_review)}** 项：{left_for_review}。"
    "用到各类工具的举措数："
    + "，".join(f"{rc.escape(kind)} **{count}** 项" for kind, count in type_items.items())
    + "（一项举措可用到多类工具）。"
)
if instrument_test["dof"] > 0:
    verdict = "显著" if instrument_test["p_permutation"] < 0.05 else "不显著"
    rc.show_markdown(
        f"各方面三类工具构成的差异{verdict}：χ² = {instrument_test['chi2']:.2f}"
        f"（自由度 {int(instrument_test['dof'])}），置换检验 "
        f"p = {instrument_test['p_permutation']:.2f}（{int(instrument_test['permutations']):,} "
        "次置换，各举措保留其全部编码）。"
        f"{instrument_test['share_expected_below_5']:.0%} 的单元格期望频数小于 5，"
        f"只有 {int(instrument_test['items'])} 项举措：检验只能发现很大的差异，"
        "差异不显著不等于各方面用的工具相同，结论也不外推到清单以外的政策。"
    )
rc.show_figures(figures, "05_")
# Each code with the sentence it was read in, so a reader checks it without the source at hand.
item_texts = items.set_index("item_id")
instrument_codes["sentence"] = [
    item_texts.loc[row.item_id, row.field][row.sentence_start : row.sentence_end]
    for row in instrument_codes.itertuples()
]
rc.interactive_table(
    instrument_codes[["item_id", "tool", "evidence", "sentence", "rule"]],
    long_text=("sentence",),
    pageLength=10,
    maxBytes=0,
)

# %% [markdown]
# ## 未能制作的图 Figures not made
# A figure this list cannot make (too few terms for a network, no lead times for a ladder, …)
# is left out, with the reason its notebook gave.

# %%
not_made = figures_not_made(figures)
if not_made:
    rc.show_markdown(
        "\n".join(
            f"- `{rc.escape(name)}` (`{rc.escape(info['notebook'])}`): {rc.escape(info['reason'])}"
            for name, info in not_made.items()
        )
    )
else:
    rc.show_markdown(f"无。全部 **{len(figure_captions(figures))}** 幅图均已制作。")

# %% [markdown]
# ## 全部举措 All items
# Search the table, or sort by any column. `line_start` is the line of the source file.

# %%
rc.interactive_table(
    items[["item_id", "section_numeral", "name", "content", "line_start", "content_chars"]].rename(
        columns={"section_numeral": "section"}
    ),
    long_text=("content",),
    pageLength=10,
    lengthMenu=[5, 10, 25, 50],
    maxBytes=0,
)

# %% [markdown]
# ## 数据质量 Data quality
# Every change the loader made to the source text, with the 1-based line of the source.

# %%
rc.show_markdown(
    "\n".join(
        f"- `{rc.escape(kind)}`: {count}" for kind, count in repairs.groupby("kind").size().items()
    )
)
rc.interactive_table(repairs, long_text=("reason",), pageLength=10, maxBytes=0)

# %% [markdown]
# ## 来源 Provenance

# %%
source = f"Source file `{rc.escape(origin['file'])}`, sha256 `{origin['sha256']}`"
if origin["is_project_source"]:
    rc.show_markdown(
        f"{source}: {rc.escape(origin['title'])}, published by "
        f"{rc.escape(origin['publisher'])}, {rc.escape(origin['published'])}. "
        + (
            "The text has **not** been checked against the official page (unverified)."
            if not origin["verified_against_official_page"]
            else "Checked against the official page."
        )
    )
else:
    rc.show_markdown(
        f"{source}. This is not the project's own source (`data/raw/`), so nothing is claimed "
        "about its publisher or date."
    )
