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

# %% tags=["parameters"]
input_list = None  # the list to analyse; None: the project's own list in data/raw
out_dir = None  # where data/processed, figures and reports go; None: the project folder
lang = "zh"  # "zh" or "en": the language of figures and text
codebook = None  # a policy-instrument codebook (TOML); None: the bundled one
glossary = None  # your own glossary (CSV: term_zh,en); None: the curated one only
allow_gaps = False  # load a list whose numbering has gaps it does not explain

# %% tags=["setup"]
# The report. Reads only finished outputs: the tables in data/processed/ and the figures in
# figures/ (figures/en/ for --lang en). Writes nothing: `python -m analysis report` renders it
# to reports/report.html, or reports/report_en.html with --lang en. Its code is hidden; every
# word a reader sees comes from resources/report_text.json in the report's language, and every
# number from the tables.
from itables import init_notebook_mode

from analysis.figures.glossary import checked_glossary
from analysis.paths import figures_dir, output_folder, processed_dir
from analysis.report import cells as rc
from analysis.report import paragraphs, shown_tables
from analysis.report.finished_tables import Tables
from analysis.report.wording import report_title, say, sentences

init_notebook_mode(all_interactive=False, connected=False)
# Every call below that writes a Chinese term or section name for a reader is given `lang` and
# the user's glossary, checked here: a malformed one stops the report naming its line.
glossary = checked_glossary(glossary)

# %% [markdown]
# # The report
#
# The sections below follow the report a reader gets. The markdown cells are notes for whoever
# reads this notebook and are left out of the rendered report, whose words all come from
# `resources/report_text.json` in the report's language. Each section's sentences are computed
# in `analysis.report.paragraphs` (as the deck's talking points are) and its tables shaped in
# `analysis.report.shown_tables`; a cell here only puts them in order. A new section is a
# markdown note, a heading key in `report_text.json` and one short cell.
#
# Every table is read once, from `data/processed/` (`Tables`); the list's file, hash and title
# come from `provenance.json`.

# %%
folder = output_folder(out_dir)
processed, figures = processed_dir(folder), figures_dir(folder, lang)
tables = Tables(processed)
origin = rc.load_metadata(processed / "provenance.json")

# %% [markdown]
# ## Title and overview
# The heading names the list analysed: its own title line (and, for the project's source, its
# English title), as `provenance.json` recorded it; the pipeline names the tab the same way.
# Then what the list holds, its leading numbers, its commonest term, the claims and citations,
# the policy instruments, and the repairs; then the table of contents.

# %%
rc.show_title(report_title(origin["title"] or origin["file"], origin.get("title_en"), lang))
rc.show_heading("overview", lang)
for paragraph in paragraphs.overview(tables, lang, glossary):
    rc.show_markdown(paragraph)
rc.show_table_of_contents()

# %% [markdown]
# ## Structure
# The figures of notebook 01: items and characters per section.

# %%
rc.show_heading("structure", lang)
shown = rc.show_figures(figures, "01_", lang=lang)

# %% [markdown]
# ## Terms
# How the terms were counted, the commonest and each section's most distinctive term, the
# figures of notebooks 02 and 03, and every keyword in context as a searchable table.

# %%
rc.show_heading("terms", lang)
rc.show_markdown(say("terms.method", lang))
rc.show_markdown(paragraphs.terms_summary(tables, lang, glossary))
shown += rc.show_figures(figures, "02_", len(shown) + 1, lang=lang)
shown += rc.show_figures(figures, "03_", len(shown) + 1, lang=lang)
rc.show_markdown(paragraphs.kwic_intro(tables, lang, glossary))
rc.interactive_table(
    shown_tables.kwic(tables["kwic"], tables["sections"], lang, glossary),
    right_aligned=("left",),
    pageLength=10,
    maxBytes=0,
    lang=lang,
)

# %% [markdown]
# ## Regulations, numbers and claims
# What notebook 04 extracted: the cited regulations, the quantities, the first-mover claims,
# with its figures and the two tables.

# %%
rc.show_heading("instruments", lang)
rc.show_markdown(say("instruments.intro", lang))
rc.show_markdown(paragraphs.instruments_summary(tables, lang))
shown += rc.show_figures(figures, "04_", len(shown) + 1, lang=lang)
rc.show_markdown(say("instruments.regulations", lang))
rc.interactive_table(
    shown_tables.citations(tables["regulations"], lang),
    long_text=("title",),
    pageLength=10,
    maxBytes=0,
    lang=lang,
)
rc.show_markdown(say("instruments.quantities", lang))
rc.interactive_table(
    shown_tables.quantities(tables["quantities"], lang, glossary),
    long_text=("subject",),
    pageLength=10,
    maxBytes=0,
    lang=lang,
)

# %% [markdown]
# ## Policy instruments
# Notebook 05's coding: how much the codebook coded, the test of whether the sections differ
# (only where there is something to compare), its figures, and each code with its sentence.

# %%
rc.show_heading("policy", lang)
rc.show_markdown(say("policy.intro", lang))
rc.show_markdown(paragraphs.policy_coverage(tables, lang))
if test := paragraphs.policy_test(tables, lang):
    rc.show_markdown(test)
shown += rc.show_figures(figures, "05_", len(shown) + 1, lang=lang)
rc.show_markdown(sentences(say("policy.table", lang), say("table.hint", lang), lang=lang))
rc.interactive_table(
    shown_tables.instrument_codes(tables["policy_instruments"], tables["items"], lang),
    long_text=("sentence",),
    screen_only=("sentence",),
    pageLength=10,
    maxBytes=0,
    lang=lang,
)

# %% [markdown]
# ## Alike measures
# Notebook 07's structure: which measures are alike, whether the text's clusters match the
# sections, the correspondence map, and each item's nearest neighbours with the shared terms.

# %%
rc.show_heading("alike", lang)
for paragraph in paragraphs.structure(tables, origin, lang):
    rc.show_markdown(paragraph)
shown += rc.show_figures(figures, "07_", len(shown) + 1, lang=lang)
rc.show_markdown(sentences(say("alike.table", lang), say("table.hint", lang), lang=lang))
rc.interactive_table(
    shown_tables.nearest_neighbours(tables["item_similarity"], tables["items"]),
    long_text=("shared",),
    pageLength=10,
    maxBytes=0,
    lang=lang,
)

# %% [markdown]
# ## Figures not made
# A short or unusual list cannot make every figure; each one missing is named with its reason.

# %%
rc.show_heading("not_made", lang)
rc.show_markdown(say("not_made.intro", lang))
rc.show_markdown(paragraphs.figures_not_made_text(figures, lang))

# %% [markdown]
# ## The items
# Every item in full, searchable.

# %%
rc.show_heading("items", lang)
rc.show_markdown(sentences(say("items.intro", lang), say("table.hint", lang), lang=lang))
rc.interactive_table(
    shown_tables.items(tables["items"], lang, glossary),
    long_text=("content",),
    pageLength=10,
    lengthMenu=[5, 10, 25, 50],
    maxBytes=0,
    lang=lang,
)

# %% [markdown]
# ## Data quality
# Every repair the loader made to read the list, counted by kind and listed.

# %%
rc.show_heading("quality", lang)
rc.show_markdown(say("quality.intro", lang))
rc.show_markdown(paragraphs.repair_counts(tables, lang))
rc.interactive_table(
    shown_tables.repairs(tables["repairs"], lang),
    long_text=("reason",),
    pageLength=10,
    maxBytes=0,
    lang=lang,
)

# %% [markdown]
# ## Method and source
# Where the outputs are, how the figures and leading numbers were made, and which file was
# analysed (with its hash).

# %%
rc.show_heading("method", lang)
shown_folder = figures.relative_to(processed.parent.parent).as_posix() + "/"
rc.show_markdown(say("method.outputs", lang, figures=shown_folder))
rc.show_markdown(say("method.figures", lang, figures=shown_folder))
rc.show_markdown(say("method.leading_numbers", lang))
if lang == "en":
    rc.show_markdown(paragraphs.glossing(tables, lang, glossary))
rc.show_markdown(paragraphs.source(origin, lang))
