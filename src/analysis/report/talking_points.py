"""What a presenter can say about each figure: one or two sentences computed from the finished
tables in ``data/processed``, like the report's prose, in Chinese or English.

The sentences are templates in ``resources/deck_text.json`` (keys ``notes.<figure>``); this
module only computes the values. A figure with no talking point here gets none in the deck
(``talking_point`` returns None and the deck says so in its log).
"""

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pandas as pd

from ..extract.headlines import forecast_ladder, headline_quantities
from ..extract.instrument_tables import SIGNIFICANCE
from ..extract.units import dimension_name
from ..figures.glossary import glossed
from ..figures.labels import fill, label, p_text
from ..paths import RESOURCES
from ..text.counting import section_column
from ..text.keyness import G2_P05
from .finished_tables import Tables

DECK_TEXT = RESOURCES / "deck_text.json"


@cache
def _templates() -> dict:
    return json.loads(DECK_TEXT.read_text(encoding="utf-8"))


def deck_text(key: str, lang: str, **values) -> str:
    """The template ``key`` of ``resources/deck_text.json`` in ``lang``, filled (by the same
    lookup as the figures' labels and the report's words)."""
    return fill(_templates(), DECK_TEXT.name, key, lang, **values)


def list_title(title: str, lang: str) -> str:
    """The list's title in ``lang``; a title with no translation keeps its Chinese."""
    if lang == "zh":
        return title
    return _templates()["list_titles_en"].get(title, title)


def _join(names: list[str], lang: str) -> str:
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return deck_text("notes.join_two", lang, first=names[0], second=names[1])
    return deck_text("notes.join_many", lang, first=names[0], rest=_join(names[1:], lang))


def _sections_with(tables: Tables, column: str, value, lang: str, glossary: Path | None) -> str:
    sections = tables["sections"]
    ids = sections.loc[sections[column] == value, "section_id"]
    return _join([tables.section(i, lang, glossary) for i in ids], lang)


def _per_section(tables: Tables, values: dict[int, object], key: str, lang: str, **extra) -> str:
    sections = tables["sections"].set_index("section_id")
    return deck_text("notes.list_separator", lang).join(
        deck_text(
            key,
            lang,
            numeral=sections.loc[i, "section_numeral"],
            number=i,
            value=value,
            **{k: v[i] for k, v in extra.items()},
        )
        for i, value in values.items()
    )


class _TooLittle(Exception):
    """A table holds too few rows for the sentence: a short list may have one term, no edge,
    no citation; the notes say so instead of computing from nothing."""


def _need(table: pd.DataFrame, rows: int = 1) -> pd.DataFrame:
    if len(table) < rows:
        raise _TooLittle
    return table


_POINTS: dict[str, Callable[[Tables, str, Path | None], str]] = {}


def _point(figure: str):
    def register(function):
        _POINTS[figure] = function
        return function

    return register


@_point("items_per_section")
def _items_per_section(t: Tables, lang: str, glossary: Path | None) -> str:
    sections = t["sections"]
    top = sections.loc[sections["items"].idxmax()]
    fewest = int(sections["items"].min())
    return deck_text(
        "notes.items_per_section",
        lang,
        sections=len(sections),
        items=int(sections["items"].sum()),
        top=t.section(top["section_id"], lang, glossary),
        top_items=int(top["items"]),
        share=float(top["share_of_items"]),
        least=_sections_with(t, "items", fewest, lang, glossary),
        least_items=fewest,
    )


@_point("chars_per_section")
def _chars_per_section(t: Tables, lang: str, glossary: Path | None) -> str:
    sections = t["sections"]
    means = sections.set_index("section_id")["mean_content_chars"].astype(float)
    return deck_text(
        "notes.chars_per_section",
        lang,
        total=int(sections["content_chars"].sum()),
        mean=float(sections["content_chars"].sum() / sections["items"].sum()),
        longest=t.section(means.idxmax(), lang, glossary),
        longest_mean=means.max(),
        shortest=t.section(means.idxmin(), lang, glossary),
        shortest_mean=means.min(),
    )


@_point("chars_per_item")
def _chars_per_item(t: Tables, lang: str, glossary: Path | None) -> str:
    chars = t["items"]["content_chars"].astype(float)
    return deck_text(
        "notes.chars_per_item",
        lang,
        median=chars.median(),
        q1=chars.quantile(0.25),
        q3=chars.quantile(0.75),
    )


@_point("top_terms")
def _top_terms(t: Tables, lang: str, glossary: Path | None) -> str:
    keywords = _need(t["keywords"])
    first = keywords.iloc[0]
    by_section = {int(i): int(first[section_column(i)]) for i in t["sections"]["section_id"]}
    section_id = max(by_section, key=lambda i: (by_section[i], -i))
    return deck_text(
        "notes.top_terms",
        lang,
        tokens=int(keywords["count"].sum()),
        distinct=len(keywords),
        first=glossed(first["term"], lang, glossary),
        count=int(first["count"]),
        in_section=by_section[section_id],
        section=t.section(section_id, lang, glossary),
    )


def _section_leaders(keywords: pd.DataFrame, section_ids) -> dict[int, pd.Series]:
    """Each section's commonest term, ties broken by the term, as the figures break them."""
    _need(keywords)
    leaders = {}
    for i in section_ids:
        column = section_column(int(i))
        leaders[int(i)] = keywords.sort_values([column, "term"], ascending=[False, True]).iloc[0]
    return leaders


@_point("top_terms_by_section")
def _top_terms_by_section(t: Tables, lang: str, glossary: Path | None) -> str:
    leaders = _section_leaders(t["keywords"], t["sections"]["section_id"])
    sections = t["sections"].set_index("section_id")
    text = deck_text("notes.list_separator", lang).join(
        deck_text(
            "notes.section_term_count",
            lang,
            numeral=sections.loc[i, "section_numeral"],
            number=i,
            term=glossed(row["term"], lang, glossary),
            count=int(row[section_column(i)]),
        )
        for i, row in leaders.items()
    )
    return deck_text("notes.top_terms_by_section", lang, leaders=text)


@_point("keyness_by_section")
def _keyness_by_section(t: Tables, lang: str, glossary: Path | None) -> str:
    keyness = _need(t["keyness"])
    top = keyness.loc[keyness["g2"].astype(float).idxmax()]
    return deck_text(
        "notes.keyness_by_section",
        lang,
        section=t.section(top["section_id"], lang, glossary),
        term=glossed(top["term"], lang, glossary),
        count=int(top["count"]),
        count_rest=int(top["count_rest"]),
        g2=float(top["g2"]),
        terms=len(keyness),
        significant=int((keyness["g2"] > G2_P05).sum()),
        p05=G2_P05,
    )


@_point("wordcloud")
def _wordcloud(t: Tables, lang: str, glossary: Path | None) -> str:
    keywords = _need(t["keywords"], 2)
    first, second = keywords.iloc[0], keywords.iloc[1]
    return deck_text(
        "notes.wordcloud",
        lang,
        first=glossed(first["term"], lang, glossary),
        first_count=int(first["count"]),
        second=glossed(second["term"], lang, glossary),
        second_count=int(second["count"]),
        ratio=int(first["count"]) / int(second["count"]),
    )


@_point("wordclouds_by_section")
def _wordclouds_by_section(t: Tables, lang: str, glossary: Path | None) -> str:
    keywords = t["keywords"]
    distinct = {
        int(i): int((keywords[section_column(int(i))] > 0).sum())
        for i in t["sections"]["section_id"]
    }
    widest = max(distinct, key=lambda i: (distinct[i], -i))
    return deck_text(
        "notes.wordclouds_by_section",
        lang,
        per_section=_per_section(t, distinct, "notes.section_value", lang),
        widest=t.section(widest, lang, glossary),
    )


@_point("cooccurrence_network")
def _cooccurrence_network(t: Tables, lang: str, glossary: Path | None) -> str:
    edges = _need(t["cooccurrence_edges"])
    ends = pd.concat(
        [edges[["source", "weight"]].set_axis(["term", "weight"], axis=1),
         edges[["target", "weight"]].set_axis(["term", "weight"], axis=1)]
    )  # fmt: skip
    # The figure's hub: the largest weighted degree, ties to the first term in sorted order.
    degree = ends.groupby("term")["weight"].sum()
    hub = max(sorted(degree.index), key=lambda term: degree[term])
    return deck_text(
        "notes.cooccurrence_network",
        lang,
        terms=len(degree),
        pairs=len(edges),
        hub=glossed(hub, lang, glossary),
        neighbours=int((ends["term"] == hub).sum()),
    )


@_point("citations_by_type_and_section")
def _citations(t: Tables, lang: str, glossary: Path | None) -> str:
    regulations = _need(t["regulations"])
    per_section = regulations.groupby("section_id").size()
    top = int(per_section.max())
    top_ids = [int(i) for i in per_section.index[per_section == top]]
    bracketed = int(regulations["bracketed"].astype(bool).sum())
    return deck_text(
        "notes.citations_by_type_and_section",
        lang,
        total=len(regulations),
        bracketed=bracketed,
        running=len(regulations) - bracketed,
        section=_join([t.section(i, lang, glossary) for i in top_ids], lang),
        top=top,
    )


@_point("key_numbers")
def _key_numbers(t: Tables, lang: str, glossary: Path | None) -> str:
    quantities = t["quantities"]
    amounts = int((quantities["kind"] == "amount").sum())
    headlines = headline_quantities(quantities)
    # The dimensions the key numbers measure, in the order the list first states them.
    dimensions = [dimension_name(d, lang) for d in headlines["dimension"].unique()]
    return deck_text(
        "notes.key_numbers",
        lang,
        amounts=amounts,
        slogans=len(quantities) - amounts,
        headline=len(headlines),
        dimensions=_join(dimensions, lang) if dimensions else "",
    )


@_point("forecast_ladder")
def _forecast_ladder(t: Tables, lang: str, glossary: Path | None) -> str:
    ladder = _need(forecast_ladder(t["quantities"]))
    first, last = ladder.iloc[0], ladder.iloc[-1]
    return deck_text(
        "notes.forecast_ladder",
        lang,
        item=int(first["item_id"]),
        steps=len(ladder),
        longest=first["text"],
        longest_hours=float(first["hours"]),
        longest_subject=glossed(first["subject"], lang, glossary),
        shortest=last["text"],
        shortest_hours=float(last["hours"]),
        shortest_subject=glossed(last["subject"], lang, glossary),
    )


@_point("first_mover_claims_by_section")
def _first_mover_claims(t: Tables, lang: str, glossary: Path | None) -> str:
    claims = t["first_mover_claims"]
    stated = _need(claims[claims["kind"] == "claim"])
    markers = stated.groupby("marker").size()
    marker = max(sorted(markers.index), key=lambda m: markers[m])
    return deck_text(
        "notes.first_mover_claims_by_section",
        lang,
        items=len(t["items"]),
        with_claim=stated["item_id"].nunique(),
        claims=len(stated),
        aspirations=int((claims["kind"] == "aspiration").sum()),
        marker=marker,
        marker_count=int(markers[marker]),
    )


@_point("policy_tools_by_section")
def _policy_tools(t: Tables, lang: str, glossary: Path | None) -> str:
    tools = _need(t["policy_instrument_tools_by_section"])
    # Items per sub-tool, all sections together, in the codebook's order; the commonest is the
    # first of the largest, as the figure's title picks it.
    totals = tools.groupby("tool", sort=False)["coded_items"].sum()
    if not totals.sum():
        raise _TooLittle
    top = totals.idxmax()
    sections = tools["section_id"].nunique()
    top_sections = int(((tools["tool"] == top) & (tools["coded_items"] > 0)).sum())
    review = t["policy_instruments_review"]
    items = [deck_text("notes.policy_review_item", lang, item=int(i)) for i in review["item_id"]]
    return deck_text(
        "notes.policy_tools_by_section",
        lang,
        items=len(t["items"]),
        coded=t["policy_instruments"]["item_id"].nunique(),
        codes=int(totals.sum()),
        review=deck_text("notes.policy_review", lang, review=_join(items, lang))
        if items
        else deck_text("notes.policy_review_none", lang),
        top=top if lang == "zh" else tools.loc[tools["tool"] == top, "tool_en"].iloc[0],
        top_items=int(totals[top]),
        spread=deck_text(
            "notes.policy_spread_all" if top_sections == sections else "notes.policy_spread",
            lang,
            sections=sections,
            top_sections=top_sections,
        ),
        tools=len(totals),
        used=int((totals > 0).sum()),
    )


@_point("policy_tool_types_by_section")
def _policy_tool_types(t: Tables, lang: str, glossary: Path | None) -> str:
    by_type = t["policy_instrument_types_by_section"].groupby("instrument_type", sort=False)
    counts = by_type["coded_items"].sum()
    if not counts.sum():
        raise _TooLittle
    per_type = label("instruments.list_separator", lang).join(
        deck_text(
            "notes.policy_type_count",
            lang,
            type=label(f"instruments.type.{kind}", lang).lower(),
            count=int(count),
            share=count / counts.sum(),
        )
        for kind, count in counts.items()
    )
    test = _need(t["policy_instrument_test"]).iloc[0]
    if test["dof"] > 0:
        significant = test["p_permutation"] < SIGNIFICANCE
        verdict = deck_text("notes.significant" if significant else "notes.not_significant", lang)
        test_text = deck_text(
            "notes.policy_types_test",
            lang,
            verdict=verdict,
            p=p_text(float(test["p_permutation"])),
            chi2=float(test["chi2"]),
            dof=int(test["dof"]),
            items=int(test["items"]),
            below=float(test["share_expected_below_5"]),
        )
    else:
        test_text = deck_text("notes.policy_types_no_test", lang)
    return deck_text(
        "notes.policy_tool_types_by_section",
        lang,
        codes=int(counts.sum()),
        per_type=per_type,
        test=test_text,
    )


@_point("item_dendrogram")
def _item_dendrogram(t: Tables, lang: str, glossary: Path | None) -> str:
    agreement = _need(t["cluster_agreement"]).iloc[0]
    similar = _need(t["item_similarity"])
    nearest = similar[similar["rank"] == 1].sort_values(
        ["score", "item_a"], ascending=[False, True]
    )
    best = nearest.iloc[0]
    if agreement["adjusted_rand_index"] >= 0.5:
        verdict = "notes.structure_largely"
    elif agreement["p_permutation"] < SIGNIFICANCE:
        verdict = "notes.structure_little"
    else:
        verdict = "notes.structure_chance"
    return deck_text(
        "notes.item_dendrogram",
        lang,
        verdict=deck_text(verdict, lang),
        ari=float(agreement["adjusted_rand_index"]),
        clusters=int(agreement["clusters"]),
        sections=int(agreement["sections"]),
        null_p95=float(agreement["null_p95"]),
        permutations=int(agreement["permutations"]),
        p=p_text(float(agreement["p_permutation"])),
        item_a=int(best["item_a"]),
        item_b=int(best["item_b"]),
        score=float(best["score"]),
        shared=str(best["shared"]).split("、")[0],
    )


@_point("section_term_map")
def _section_term_map(t: Tables, lang: str, glossary: Path | None) -> str:
    inertia = _need(t["ca_inertia"], 2)
    coordinates = t["ca_coordinates"]
    sections = coordinates[coordinates["kind"] == "section"]
    terms = coordinates[coordinates["kind"] == "term"]
    apart = sections.loc[sections["ctr_2"].idxmax()]
    pulling = terms.assign(ctr=terms["ctr_1"] + terms["ctr_2"]).sort_values(
        ["ctr", "label"], ascending=[False, True]
    )
    return deck_text(
        "notes.section_term_map",
        lang,
        axes=len(inertia),
        share_1=float(inertia["share"].iloc[0]),
        share_2=float(inertia["share"].iloc[1]),
        terms=len(terms),
        section=t.section(int(apart["label"]), lang, glossary),
        top_terms=deck_text("notes.list_separator", lang).join(pulling["label"].head(3)),
    )


def talking_point(figure: str, tables: Tables, lang: str, glossary: Path | None) -> str | None:
    """The sentences for ``figure``, or None for a figure this module does not know; a known
    figure whose tables hold too little to say anything gets a sentence saying so. English terms
    and section names are glossed from the user's ``glossary`` first (None: the curated
    glossary only)."""
    function = _POINTS.get(figure)
    if function is None:
        return None
    try:
        return function(tables, lang, glossary)
    except _TooLittle:
        return deck_text("notes.too_little", lang, figure=figure)
