"""The report's sentences, computed from the finished tables like the deck's talking points.

The two share one system: the tables of a run come from one ``finished_tables.Tables`` (each
CSV read once, by ``tables.read.read_table``), every sentence is a template filled by the one
lookup (``labels.fill``: ``resources/report_text.json`` here through ``wording.say``,
``resources/deck_text.json`` for the deck), and every number comes from a table. This module
only computes the values; the report notebook shows what it returns, section by section.
Text taken from the list is escaped: a ``<script>`` in the input stays text.
"""

import html
from pathlib import Path

import pandas as pd

from ..extract.headlines import lead_quantities
from ..extract.instrument_tables import SIGNIFICANCE
from ..figures.labels import p_text
from ..figures.save import figure_captions, figures_not_made
from ..source.numerals import chinese_numeral_value
from ..tables.read import read_table
from . import wording as w
from .absences import absence_sentences, absent_items
from .finished_tables import Tables
from .glossary_terms import glossary_table, shown_terms, source_counts
from .wording import say


def _escape(text) -> str:
    return html.escape(str(text), quote=True)


def _claiming(t: Tables) -> int:
    claims = t["first_mover_claims"]
    return claims.loc[claims["kind"] == "claim", "item_id"].nunique()


def instrument_type_items(t: Tables) -> pd.Series:
    """Items using each type of instrument, in the codebook's order (supply, environment,
    demand): a section's items are its own, so the sections' counts add up to the list's."""
    types = t["policy_instrument_types_by_section"]
    return types.groupby("instrument_type", sort=False)["coded_items"].sum()


def overview(t: Tables, lang: str, glossary: Path | None) -> list[str]:
    """What the list holds, its leading numbers, its commonest term and claims, how much of it
    the codebook coded, and how many repairs reading it took; English terms are glossed from
    the user's ``glossary`` first (None: the curated glossary only)."""
    items, sections = t["items"], t["sections"]
    largest = sections.loc[sections["items"].idxmax()]
    top = t["keywords"].iloc[0]
    paragraphs = [
        say(
            "overview.counts",
            lang,
            # Sections published with their heading only are sections of the list too.
            sections=len(read_table(t.processed / "sections.csv")),
            items=len(items),
            chars=int(items["content_chars"].sum()),
            largest=w.section_reference(
                largest["section_numeral"], largest["section_title"], lang, glossary
            ),
            largest_items=largest["items"],
            largest_share=largest["share_of_items"],
        )
    ]
    # What an abridged list leaves out, from absent_items.csv: never counted as present.
    paragraphs += absence_sentences(absent_items(t.processed), lang)
    leads = lead_quantities(t["quantities"])
    if not leads.empty:
        names = items.set_index("item_id")["name"]
        numbers = say("list.separator", lang).join(
            w.lead_number(row, names[row.item_id], lang, glossary) for row in leads.itertuples()
        )
        paragraphs.append(say("overview.numbers", lang, numbers=numbers))
    paragraphs.append(
        say(
            "overview.claims",
            lang,
            top=w.term_in_text(top["term"], lang, glossary, count=top["count"]),
            claiming=_claiming(t),
            citations=len(t["regulations"]),
        )
    )
    codes = t["policy_instruments"]
    if not codes.empty:
        type_items = instrument_type_items(t)
        paragraphs.append(
            say(
                "overview.policy",
                lang,
                coded=codes["item_id"].nunique(),
                items=len(items),
                top_type=w.code_word("instrument_type", type_items.idxmax(), lang),
                top_items=type_items.max(),
                policy=say("heading.policy", lang),
            )
        )
    paragraphs.append(
        say(
            "overview.repairs",
            lang,
            repairs=len(t["repairs"]),
            quality=say("heading.quality", lang),
            method=say("heading.method", lang),
        )
    )
    return paragraphs


def terms_summary(t: Tables, lang: str, glossary: Path | None) -> str:
    """How many terms, the commonest, and each section's most distinctive term (glossed as in
    :func:`overview`)."""
    keywords, sections = t["keywords"], t["sections"].set_index("section_id")
    top = keywords.iloc[0]
    key_terms = t["keyness"]
    distinctive = key_terms[key_terms["rank"] == 1].sort_values("section_id")
    leaders = say("list.comma", lang).join(
        say(
            "terms.leader",
            lang,
            numeral=sections.loc[section_id, "section_numeral"],
            number=chinese_numeral_value(sections.loc[section_id, "section_numeral"]),
            term=w.term_in_text(term, lang, glossary),
        )
        for section_id, term in zip(distinctive["section_id"], distinctive["term"], strict=True)
    )
    return say(
        "terms.summary",
        lang,
        terms=len(keywords),
        top=w.term_in_text(top["term"], lang, glossary, count=top["count"]),
        leaders=leaders,
    )


def kwic_intro(t: Tables, lang: str, glossary: Path | None) -> str:
    """Which terms the keyword-in-context table shows (glossed as in :func:`overview`), and how
    to search it."""
    terms = say("terms.or", lang).join(
        w.term_in_text(term, lang, glossary) for term in t["kwic"]["term"].unique()
    )
    return w.sentences(say("terms.kwic", lang, terms=terms), say("table.hint", lang), lang=lang)


def instruments_summary(t: Tables, lang: str) -> str:
    """Citations, quantities and first-mover claims, counted."""
    regulations, quantities = t["regulations"], t["quantities"]
    amounts = int((quantities["kind"] == "amount").sum())
    return say(
        "instruments.summary",
        lang,
        citations=len(regulations),
        sez=int((regulations["level"] == "sez_regulation").sum()),
        unbracketed=int((~regulations["bracketed"]).sum()),
        amounts=amounts,
        slogans=len(quantities) - amounts,
        claiming=_claiming(t),
    )


def policy_coverage(t: Tables, lang: str) -> str:
    """How many items the codebook coded, which it left for review, and the types' counts."""
    codes, review = t["policy_instruments"], t["policy_instruments_review"]
    left = say("list.comma", lang).join(
        say("policy.review_item", lang, item=row.item_id, name=_escape(row.name))
        for row in review.itertuples()
    )
    types = say("list.comma", lang).join(
        say(
            "policy.type_count",
            lang,
            type=w.code_word("instrument_type", kind, lang),
            count=count,
        )
        for kind, count in instrument_type_items(t).items()
    )
    return say(
        "policy.coverage",
        lang,
        items=len(t["items"]),
        coded=codes["item_id"].nunique(),
        pairs=len(codes.drop_duplicates(["item_id", "tool"])),
        evidence=len(codes),
        review=len(review),
        left=left or say("policy.review_none", lang),
        types=types,
    )


def policy_test(t: Tables, lang: str) -> str | None:
    """The permutation test of types by section; None where the codebook coded too little to
    compare (notebook 05 then writes dof 0)."""
    test = t["policy_instrument_test"].iloc[0]
    if not test["dof"] > 0:
        return None
    significant = test["p_permutation"] < SIGNIFICANCE
    return say(
        "policy.test",
        lang,
        verdict=say("policy.significant" if significant else "policy.not_significant", lang),
        chi2=test["chi2"],
        dof=int(test["dof"]),
        p=p_text(test["p_permutation"]),
        permutations=int(test["permutations"]),
        small=test["share_expected_below_5"],
        items=int(test["items"]),
    )


def figures_not_made_text(figures: Path, lang: str) -> str:
    """Each figure this list could not make and why, as a Markdown list; or that every
    figure was made."""
    not_made = figures_not_made(figures)
    if not not_made:
        return say("not_made.none", lang, count=len(figure_captions(figures)))
    return "\n".join(
        "- "
        + say(
            "not_made.item",
            lang,
            name=_escape(name),
            notebook=_escape(info["notebook"]),
            reason=_escape(info["reason"]),
        )
        for name, info in not_made.items()
    )


def repair_counts(t: Tables, lang: str) -> str:
    """How many repairs of each kind, as a Markdown list."""
    counts = t["repairs"].groupby("kind", sort=False).size()
    return "\n".join(
        "- " + say("quality.count", lang, kind=w.code_word("repair", kind, lang), count=count)
        for kind, count in counts.items()
    )


def source(origin: dict, lang: str) -> str:
    """Which file was analysed: for the project's own source its title, publisher, date and
    whether it was checked against the official page; for another list its file and hash."""
    if not origin["is_project_source"]:
        return say(
            "method.other_source", lang, file=_escape(origin["file"]), sha256=origin["sha256"]
        )
    title = (
        origin["title"]
        if lang == "zh" or "title_en" not in origin
        else f"{origin['title_en']} ({origin['title']})"
    )
    return w.sentences(
        say(
            "method.source",
            lang,
            file=_escape(origin["file"]),
            sha256=origin["sha256"],
            title=_escape(title),
            publisher=_escape(w.in_language(origin["publisher"], lang)),
            published=_escape(w.publication_date(origin["published"], lang)),
        ),
        say(
            "method.verified" if origin["verified_against_official_page"] else "method.unverified",
            lang,
        ),
        lang=lang,
    )


def glossing(t: Tables, lang: str, glossary: Path | None) -> str:
    """Where the English glosses of the Chinese terms the outputs show come from, counted
    over those terms: the project's glossary, the user's, the dictionary, or pinyin alone."""
    terms = shown_terms(
        t["items"], t["keywords"], t["keyness"], t["quantities"], t["cooccurrence_edges"]
    )
    counts = source_counts(glossary_table(terms, glossary))
    return say("method.glossing", lang, terms=sum(counts.values()), **counts)


def _exists(t: Tables, name: str) -> bool:
    return (t.processed / f"{name}.csv").exists()


def structure(t: Tables, origin: dict, lang: str) -> list[str]:
    """Alike measures, clusters and the correspondence map (notebook 07_structure): how well
    the chosen representation finds the hand-judged pairs (the project's own list only), how
    far the text's clusters match the sections, and how much of the map the two axes hold."""
    paragraphs = []
    if _exists(t, "similarity_representations") and origin["is_project_source"]:
        chosen = t["similarity_representations"].iloc[0]
        paragraphs.append(say("alike.intro", lang, found=chosen["either"], pairs=chosen["pairs"]))
    else:
        paragraphs.append(say("alike.intro_other", lang))
    if _exists(t, "cluster_agreement"):
        agreement = t["cluster_agreement"].iloc[0]
        verdict = (
            "largely"
            if agreement["adjusted_rand_index"] >= 0.5
            else "little"
            if agreement["p_permutation"] < SIGNIFICANCE
            else "chance"
        )
        paragraphs.append(
            say(
                "alike.clusters",
                lang,
                clusters=int(agreement["clusters"]),
                sections=int(agreement["sections"]),
                ari=float(agreement["adjusted_rand_index"]),
                items=int(agreement["items"]),
                permutations=int(agreement["permutations"]),
                null_p95=float(agreement["null_p95"]),
                p=p_text(float(agreement["p_permutation"])),
                verdict=say(f"alike.verdict_{verdict}", lang),
            )
        )
    if _exists(t, "ca_inertia") and len(t["ca_inertia"]) >= 2:
        inertia, points = t["ca_inertia"], t["ca_coordinates"]
        paragraphs.append(
            say(
                "alike.ca",
                lang,
                sections=int((points["kind"] == "section").sum()),
                terms=int((points["kind"] == "term").sum()),
                share_1=float(inertia["share"].iloc[0]),
                share_2=float(inertia["share"].iloc[1]),
            )
        )
    return paragraphs
