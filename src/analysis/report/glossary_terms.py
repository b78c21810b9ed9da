"""Every Chinese term the English outputs show, with its gloss and where the gloss came from.

The terms are those the figures, slides and report name: section titles, the key numbers'
subjects and the forecast ladder's, the top terms overall and per section, the distinctive terms
of each section, the network's terms. ``python -m analysis glossary`` writes the table for a
researcher to correct and pass back with ``--glossary``; the English report counts its sources.
"""

from pathlib import Path

import pandas as pd

from ..extract.headlines import forecast_ladder, headline_quantities
from ..figures.glossary import SOURCES, lookup, section_lookup
from ..text.counting import section_column

# As many as the charts show: plot_top_terms (20), plot_top_terms_by_section (10 per section),
# plot_keyness (8 per section).
TOP_TERMS = 20
SECTION_TOP_TERMS = 10
KEYNESS_TOP = 8
COLUMNS = ["term_zh", "en", "source", "pinyin", "shown_as"]


def shown_terms(
    items: pd.DataFrame,
    keywords: pd.DataFrame,
    key_terms: pd.DataFrame,
    quantities: pd.DataFrame,
    edges: pd.DataFrame,
) -> pd.DataFrame:
    """``term_zh``, ``shown_as``: each term once, where it first shows, in the report's order."""
    rows: dict[str, str] = {}

    def add(terms, shown_as: str) -> None:
        for term in terms:
            if isinstance(term, str) and term and term not in rows:
                rows[term] = shown_as

    add(items.drop_duplicates("section_id")["section_title"], "section")
    if len(quantities):
        add(headline_quantities(quantities)["subject"], "key number")
        add(forecast_ladder(quantities)["subject"], "forecast ladder")
    add(keywords.head(TOP_TERMS)["term"], "top term")
    for section_id in sorted(items["section_id"].unique()):
        column = section_column(int(section_id))
        if column in keywords:
            used = keywords[keywords[column] > 0]
            used = used.sort_values([column, "term"], ascending=[False, True])
            add(used.head(SECTION_TOP_TERMS)["term"], "section top term")
    if len(key_terms):
        add(key_terms[key_terms["rank"] <= KEYNESS_TOP]["term"], "distinctive term")
    if len(edges):
        add(pd.concat([edges["source"], edges["target"]]), "network term")
    return pd.DataFrame({"term_zh": list(rows), "shown_as": list(rows.values())})


def glossary_table(shown: pd.DataFrame, glossary: Path | None = None) -> pd.DataFrame:
    """The shown terms with their gloss (``en``, without the dictionary's mark) and its
    ``source`` (curated, user, dictionary, pinyin). A term only pinyin can render has an empty
    ``en`` and its reading in ``pinyin``: the column a researcher fills in."""
    records = []
    for term, shown_as in zip(shown["term_zh"], shown["shown_as"], strict=True):
        if shown_as == "section":
            found = section_lookup(term, glossary, short=True)
        else:
            found = lookup(term, glossary)
        if found is None:
            continue
        pinyin = found.text if found.source == "pinyin" else ""
        english = "" if found.source == "pinyin" else found.text
        records.append((term, english, found.source, pinyin, shown_as))
    return pd.DataFrame.from_records(records, columns=COLUMNS)


def source_counts(table: pd.DataFrame) -> dict[str, int]:
    """How many of the shown terms each source glossed, every source named (0 where none)."""
    counts = table["source"].value_counts()
    return {source: int(counts.get(source, 0)) for source in SOURCES}


def glossary_for_list(path: Path | None, glossary: Path | None = None) -> pd.DataFrame:
    """The glossary table of the list at ``path`` (None: the project's own), computed as the
    notebooks compute the tables the figures read."""
    from ..extract.quantities import extract_quantities
    from ..source.load import load_items
    from ..text.cooccurrence import cooccurrence_graph, edges_table
    from ..text.keyness import keyness
    from ..text.keywords import keyword_counts

    items = load_items(path)
    counts = keyword_counts(items)
    shown = shown_terms(
        items,
        counts,
        keyness(counts=counts, top=10),
        extract_quantities(items),
        edges_table(cooccurrence_graph(items, counts=counts)),
    )
    return glossary_table(shown, glossary)
