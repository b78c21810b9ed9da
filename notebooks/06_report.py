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
# The report. Reads only finished outputs: the tables in data/processed/ and the figures in
# figures/ (figures/en/ for --lang en). Writes nothing: `python -m analysis report` renders it
# to reports/report.html, or reports/report_en.html with --lang en. Its code is hidden; every
# word a reader sees comes from resources/report_text.json in the report's language, and every
# number from the tables.
from itables import init_notebook_mode

from analysis.extract.headlines import lead_quantities
from analysis.figures.extraction import doc_type_label
from analysis.figures.identity import report_title
from analysis.figures.labels import current_language, p_text, section_short_name
from analysis.figures.save import figure_captions, figures_not_made
from analysis.paths import figures_dir, processed_dir
from analysis.report import cells as rc
from analysis.report import wording as w
from analysis.source.numerals import chinese_numeral_value

init_notebook_mode(all_interactive=False, connected=False)
lang = current_language()
say = w.say

# %%
processed, figures = processed_dir(), figures_dir()
items = rc.read_table(processed, "items.csv")
sections = rc.read_table(processed, "sections.csv")
repairs = rc.read_table(processed, "repairs.csv")
keywords = rc.read_table(processed, "keywords.csv")
key_terms = rc.read_table(processed, "keyness.csv")
contexts = rc.read_table(processed, "kwic.csv")
regulations = rc.read_table(processed, "regulations.csv")
quantities = rc.read_table(processed, "quantities.csv")
claims = rc.read_table(processed, "first_mover_claims.csv")
instrument_codes = rc.read_table(processed, "policy_instruments.csv")
instrument_review = rc.read_table(processed, "policy_instruments_review.csv")
instrument_types = rc.read_table(processed, "policy_instrument_types_by_section.csv")
instrument_test = rc.read_table(processed, "policy_instrument_test.csv").iloc[0]
origin = rc.load_metadata(processed / "provenance.json")

numerals = sections.set_index("section_id")["section_numeral"]
titles = sections.set_index("section_id")["section_title"]
names = items.set_index("item_id")["name"]
largest = sections.loc[sections["items"].idxmax()]
top = keywords.iloc[0]
amounts = quantities[quantities["kind"] == "amount"]
claiming = claims.loc[claims["kind"] == "claim", "item_id"].nunique()
leads = lead_quantities(quantities.fillna({"qualifier": ""}))
# Items using each type of instrument, in the codebook's order (supply, environment, demand):
# a section's items are its own, so the sections' counts add up to the list's.
type_items = instrument_types.groupby("instrument_type", sort=False)["coded_items"].sum()

# %%
# The heading names the list analysed: its own title line (and, for the project's source, its
# English title), as provenance.json recorded it; the pipeline names the tab the same way.
rc.show_title(report_title(origin["title"] or origin["file"], origin.get("title_en"), lang))
rc.show_heading("overview")
rc.show_markdown(
    say(
        "overview.counts",
        sections=len(sections),
        items=len(items),
        chars=int(items["content_chars"].sum()),
        largest=w.section_reference(largest["section_numeral"], largest["section_title"]),
        largest_items=largest["items"],
        largest_share=largest["share_of_items"],
    )
)
if not leads.empty:
    rc.show_markdown(
        say(
            "overview.numbers",
            numbers=say("list.separator").join(
                w.lead_number(row, names[row.item_id]) for row in leads.itertuples()
            ),
        )
    )
rc.show_markdown(
    say(
        "overview.claims",
        top=w.term_in_text(top["term"], count=top["count"]),
        claiming=claiming,
        citations=len(regulations),
    )
)
if not instrument_codes.empty:
    rc.show_markdown(
        say(
            "overview.policy",
            coded=instrument_codes["item_id"].nunique(),
            items=len(items),
            top_type=w.code_word("instrument_type", type_items.idxmax()),
            top_items=type_items.max(),
            policy=say("heading.policy"),
        )
    )
rc.show_markdown(
    say(
        "overview.repairs",
        repairs=len(repairs),
        quality=say("heading.quality"),
        method=say("heading.method"),
    )
)
rc.show_table_of_contents()

# %%
rc.show_heading("structure")
shown = rc.show_figures(figures, "01_")

# %%
rc.show_heading("terms")
rc.show_markdown(say("terms.method"))
distinctive = key_terms[key_terms["rank"] == 1].sort_values("section_id")
rc.show_markdown(
    say(
        "terms.summary",
        terms=len(keywords),
        top=w.term_in_text(top["term"], count=top["count"]),
        leaders=say("list.comma").join(
            say(
                "terms.leader",
                numeral=numerals[section_id],
                number=chinese_numeral_value(numerals[section_id]),
                term=w.term_in_text(term),
            )
            for section_id, term in zip(distinctive["section_id"], distinctive["term"], strict=True)
        ),
    )
)
shown += rc.show_figures(figures, "02_", len(shown) + 1)
shown += rc.show_figures(figures, "03_", len(shown) + 1)
rc.show_markdown(
    w.sentences(
        say(
            "terms.kwic", terms=say("terms.or").join(map(w.term_in_text, contexts["term"].unique()))
        ),
        say("table.hint"),
    )
)
rc.interactive_table(
    contexts.assign(
        item=contexts["item_id"],
        section=[section_short_name(numerals[s], titles[s]) for s in contexts["section_id"]],
    )[["term", "item", "section", "left", "keyword", "right"]],
    right_aligned=("left",),
    pageLength=10,
    maxBytes=0,
)

# %%
rc.show_heading("instruments")
rc.show_markdown(say("instruments.intro"))
rc.show_markdown(
    say(
        "instruments.summary",
        citations=len(regulations),
        sez=int((regulations["level"] == "sez_regulation").sum()),
        unbracketed=int((~regulations["bracketed"]).sum()),
        amounts=len(amounts),
        slogans=len(quantities) - len(amounts),
        claiming=claiming,
    )
)
shown += rc.show_figures(figures, "04_", len(shown) + 1)
rc.show_markdown(say("instruments.regulations"))
rc.interactive_table(
    regulations.assign(
        item=regulations["item_id"],
        doc_type=regulations["doc_type"].map(doc_type_label),
        level=regulations["level"].map(lambda code: w.code_word("level", code)),
        bracketed=regulations["bracketed"].map(lambda code: w.code_word("bracketed", code)),
        position=[
            f"{a}–{b}"
            for a, b in zip(regulations["span_start"], regulations["span_end"], strict=True)
        ],
    )[["item", "title", "doc_type", "level", "bracketed", "position"]],
    long_text=("title",),
    pageLength=10,
    maxBytes=0,
)
rc.show_markdown(say("instruments.quantities"))
rc.interactive_table(
    quantities.assign(
        item=quantities["item_id"],
        as_written=quantities["text"],
        value=quantities["value"].map(w.plain_number),
        unit=quantities["unit"].map(w.unit_word),
        qualifier=quantities["qualifier"]
        .fillna("")
        .map(lambda q: q if lang == "zh" or not q else f"{q} ({w.qualifier_words(q).strip()})"),
        subject=quantities["subject"].map(lambda s: s if lang == "zh" else w.term_with_gloss(s)),
        quantity_kind=quantities["kind"].map(lambda code: w.code_word("quantity_kind", code)),
    )[["item", "as_written", "value", "unit", "qualifier", "subject", "quantity_kind"]],
    long_text=("subject",),
    pageLength=10,
    maxBytes=0,
)

# %%
rc.show_heading("policy")
rc.show_markdown(say("policy.intro"))
rc.show_markdown(
    say(
        "policy.coverage",
        items=len(items),
        coded=instrument_codes["item_id"].nunique(),
        pairs=len(instrument_codes.drop_duplicates(["item_id", "tool"])),
        evidence=len(instrument_codes),
        review=len(instrument_review),
        left=say("list.comma").join(
            say("policy.review_item", item=row.item_id, name=rc.escape(row.name))
            for row in instrument_review.itertuples()
        )
        or say("policy.review_none"),
        types=say("list.comma").join(
            say("policy.type_count", type=w.code_word("instrument_type", kind), count=count)
            for kind, count in type_items.items()
        ),
    )
)
# No test where the codebook coded too little to compare (notebook 05 then writes dof 0).
if instrument_test["dof"] > 0:
    rc.show_markdown(
        say(
            "policy.test",
            verdict=say(
                "policy.significant"
                if instrument_test["p_permutation"] < 0.05
                else "policy.not_significant"
            ),
            chi2=instrument_test["chi2"],
            dof=int(instrument_test["dof"]),
            p=p_text(instrument_test["p_permutation"]),
            permutations=int(instrument_test["permutations"]),
            small=instrument_test["share_expected_below_5"],
            items=int(instrument_test["items"]),
        )
    )
shown += rc.show_figures(figures, "05_", len(shown) + 1)
rc.show_markdown(w.sentences(say("policy.table"), say("table.hint")))
# Each code with the sentence it was read in, so a reader checks it without the source at hand.
item_texts = items.set_index("item_id")
rc.interactive_table(
    instrument_codes.assign(
        item=instrument_codes["item_id"],
        instrument_type=instrument_codes["instrument_type"].map(
            lambda code: w.code_word("instrument_type", code)
        ),
        tool=instrument_codes["tool" if lang == "zh" else "tool_en"],
        sentence=[
            item_texts.loc[row.item_id, row.field][row.sentence_start : row.sentence_end]
            for row in instrument_codes.itertuples()
        ],
    )[["item", "instrument_type", "tool", "evidence", "sentence"]],
    long_text=("sentence",),
    screen_only=("sentence",),
    pageLength=10,
    maxBytes=0,
)

# %%
# Alike measures, clusters and the correspondence map (notebook 07_structure).
rc.show_heading("alike")
representations = processed / "similarity_representations.csv"
if representations.exists() and origin["is_project_source"]:
    chosen = rc.read_table(processed, "similarity_representations.csv").iloc[0]
    rc.show_markdown(say("alike.intro", found=chosen["either"], pairs=chosen["pairs"]))
else:
    rc.show_markdown(say("alike.intro_other"))
if (processed / "cluster_agreement.csv").exists():
    agreement = rc.read_table(processed, "cluster_agreement.csv").iloc[0]
    verdict = (
        "largely"
        if agreement["adjusted_rand_index"] >= 0.5
        else "little"
        if agreement["p_permutation"] < 0.05
        else "chance"
    )
    rc.show_markdown(
        say(
            "alike.clusters",
            clusters=int(agreement["clusters"]),
            sections=int(agreement["sections"]),
            ari=float(agreement["adjusted_rand_index"]),
            items=int(agreement["items"]),
            permutations=int(agreement["permutations"]),
            null_p95=float(agreement["null_p95"]),
            p=p_text(float(agreement["p_permutation"])),
            verdict=say(f"alike.verdict_{verdict}"),
        )
    )
if (processed / "ca_inertia.csv").exists():
    inertia = rc.read_table(processed, "ca_inertia.csv")
    ca_points = rc.read_table(processed, "ca_coordinates.csv")
    if len(inertia) >= 2:
        rc.show_markdown(
            say(
                "alike.ca",
                sections=int((ca_points["kind"] == "section").sum()),
                terms=int((ca_points["kind"] == "term").sum()),
                share_1=float(inertia["share"].iloc[0]),
                share_2=float(inertia["share"].iloc[1]),
            )
        )
shown += rc.show_figures(figures, "07_", len(shown) + 1)
similar = rc.read_table(processed, "item_similarity.csv")
nearest = similar[similar["rank"] <= 3]
rc.show_markdown(w.sentences(say("alike.table"), say("table.hint")))
rc.interactive_table(
    nearest.assign(
        item=nearest["item_a"],
        name=nearest["item_a"].map(names),
        neighbour=nearest["item_b"],
        neighbour_name=nearest["item_b"].map(names),
        score=nearest["score"].map(lambda x: f"{x:.3f}"),
    )[["item", "name", "rank", "neighbour", "neighbour_name", "score", "shared"]],
    long_text=("shared",),
    pageLength=10,
    maxBytes=0,
)

# %%
rc.show_heading("not_made")
rc.show_markdown(say("not_made.intro"))
not_made = figures_not_made(figures)
if not_made:
    rc.show_markdown(
        "\n".join(
            "- "
            + say(
                "not_made.item",
                name=rc.escape(name),
                notebook=rc.escape(info["notebook"]),
                reason=rc.escape(info["reason"]),
            )
            for name, info in not_made.items()
        )
    )
else:
    rc.show_markdown(say("not_made.none", count=len(figure_captions(figures))))

# %%
rc.show_heading("items")
rc.show_markdown(w.sentences(say("items.intro"), say("table.hint")))
rc.interactive_table(
    items.assign(
        item=items["item_id"],
        section=[
            section_short_name(n, t)
            for n, t in zip(items["section_numeral"], items["section_title"], strict=True)
        ],
        line=items["line_start"],
        chars=items["content_chars"],
    )[["item", "section", "name", "content", "line", "chars"]],
    long_text=("content",),
    pageLength=10,
    lengthMenu=[5, 10, 25, 50],
    maxBytes=0,
)

# %%
rc.show_heading("quality")
rc.show_markdown(say("quality.intro"))
rc.show_markdown(
    "\n".join(
        "- " + say("quality.count", kind=w.code_word("repair", kind), count=count)
        for kind, count in repairs.groupby("kind", sort=False).size().items()
    )
)
rc.interactive_table(
    repairs.assign(
        item=repairs["item_id"],
        field=repairs["field"].map(lambda code: w.code_word("field", code)),
        repair=repairs["kind"].map(lambda code: w.code_word("repair", code)),
        reason=repairs["kind"].map(lambda code: w.code_word("reason", code)),
        # A dropped header row is three cells: show where they split. Text even where every
        # cell of a column is empty (a list whose repairs all remove text reads it as numbers).
        before=repairs["before"].astype("string").str.replace("\t", " | "),
        after=repairs["after"].astype("string").str.replace("\t", " | "),
    )[["line", "item", "field", "repair", "before", "after", "reason"]],
    long_text=("reason",),
    pageLength=10,
    maxBytes=0,
)

# %%
rc.show_heading("method")
shown_folder = figures.relative_to(processed.parent.parent).as_posix() + "/"
rc.show_markdown(say("method.outputs", figures=shown_folder))
rc.show_markdown(say("method.figures", figures=shown_folder))
rc.show_markdown(say("method.leading_numbers"))
if origin["is_project_source"]:
    rc.show_markdown(
        w.sentences(
            say(
                "method.source",
                file=rc.escape(origin["file"]),
                sha256=origin["sha256"],
                title=rc.escape(
                    origin["title"]
                    if lang == "zh" or "title_en" not in origin
                    else f"{origin['title_en']} ({origin['title']})"
                ),
                publisher=rc.escape(w.in_language(origin["publisher"])),
                published=rc.escape(w.publication_date(origin["published"])),
            ),
            say(
                "method.verified"
                if origin["verified_against_official_page"]
                else "method.unverified"
            ),
        )
    )
else:
    rc.show_markdown(
        say("method.other_source", file=rc.escape(origin["file"]), sha256=origin["sha256"])
    )
