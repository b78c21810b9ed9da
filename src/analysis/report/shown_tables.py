"""The tables the report shows, shaped for a reader: the columns it shows, in order, with codes
in the reader's words (``wording.code_word``), sections by their short names, and Chinese
glossed in the English report (from the user's ``glossary`` first, where a function takes one;
None: the curated glossary only). The report's cells only pass them to ``cells.interactive_table``,
which labels the columns (``column.<name>`` in ``resources/report_text.json``)."""

from pathlib import Path

import pandas as pd

from ..figures.extraction import doc_type_label
from ..figures.glossary import glossed
from ..figures.labels import section_short_name
from ..source.load import COLUMNS as ITEM_COLUMNS
from . import wording as w


def kwic(
    contexts: pd.DataFrame, sections: pd.DataFrame, lang: str, glossary: Path | None
) -> pd.DataFrame:
    """Each keyword in context with its item and section."""
    by_id = sections.set_index("section_id")
    return contexts.assign(
        item=contexts["item_id"],
        section=[
            section_short_name(
                by_id.loc[s, "section_numeral"], by_id.loc[s, "section_title"], lang, glossary
            )
            for s in contexts["section_id"]
        ],
    )[["term", "item", "section", "left", "keyword", "right"]]


def citations(regulations: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Each cited regulation with its type, level, whether it is in 《》, and where it stands."""
    return regulations.assign(
        item=regulations["item_id"],
        doc_type=regulations["doc_type"].map(lambda doc_type: doc_type_label(doc_type, lang)),
        level=regulations["level"].map(lambda code: w.code_word("level", code, lang)),
        bracketed=regulations["bracketed"].map(lambda code: w.code_word("bracketed", code, lang)),
        position=[
            f"{a}–{b}"
            for a, b in zip(regulations["span_start"], regulations["span_end"], strict=True)
        ],
    )[["item", "title", "doc_type", "level", "bracketed", "position"]]


def quantities(quantities: pd.DataFrame, lang: str, glossary: Path | None) -> pd.DataFrame:
    """Each quantity as written, its value (a range as low–high) and unit, the dimension it
    measures, its qualifier and subject, its role in a change, and of which kind."""

    def qualifier(text: str) -> str:
        if lang == "zh" or not text:
            return text
        return f"{text} ({w.qualifier_words(text, lang).strip()})"

    return quantities.assign(
        item=quantities["item_id"],
        as_written=quantities["text"],
        value=[
            w.plain_range(low, high)
            for low, high in zip(quantities["value"], quantities["value_high"], strict=True)
        ],
        unit=quantities["unit"].map(lambda unit: w.unit_word(unit, lang)),
        dimension=quantities["dimension"].map(lambda code: w.dimension_word(code, lang)),
        qualifier=quantities["qualifier"].fillna("").map(qualifier),
        subject=quantities["subject"].map(
            lambda s: s if lang == "zh" else w.term_with_gloss(s, lang, glossary)
        ),
        # A list with no change has an empty role column, read back as numbers (<NA>).
        change=quantities["role"].map(
            lambda role: w.code_word("change_role", role, lang) if isinstance(role, str) else ""
        ),
        quantity_kind=quantities["kind"].map(lambda code: w.code_word("quantity_kind", code, lang)),
    )[
        ["item", "as_written", "value", "unit", "dimension", "qualifier", "subject", "change"]
        + ["quantity_kind"]
    ]


def instrument_codes(codes: pd.DataFrame, items: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Each policy-instrument code with the sentence it was read in, so a reader checks it
    without the source at hand."""
    texts = items.set_index("item_id")
    return codes.assign(
        item=codes["item_id"],
        instrument_type=codes["instrument_type"].map(
            lambda code: w.code_word("instrument_type", code, lang)
        ),
        tool=codes["tool" if lang == "zh" else "tool_en"],
        sentence=[
            texts.loc[row.item_id, row.field][row.sentence_start : row.sentence_end]
            for row in codes.itertuples()
        ],
    )[["item", "instrument_type", "tool", "evidence", "sentence"]]


def items(items: pd.DataFrame, lang: str, glossary: Path | None) -> pd.DataFrame:
    """Every item in full, with its section and the line it starts on, and any further
    columns the list's own header names (指导部门, 推广范围) after the content."""
    further = [column for column in items.columns if column not in ITEM_COLUMNS]
    return items.assign(
        item=items["item_id"],
        section=[
            section_short_name(n, t, lang, glossary)
            for n, t in zip(items["section_numeral"], items["section_title"], strict=True)
        ],
        line=items["line_start"],
        chars=items["content_chars"],
    )[["item", "section", "name", "content", *further, "line", "chars"]].rename(
        # The header's own words, glossed in English: 推广范围 (roll-out scope).
        columns={column: glossed(column, lang, glossary) for column in further}
    )


def repairs(repairs: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every repair the loader made, with the text before and after and the reason."""
    return repairs.assign(
        item=repairs["item_id"],
        field=repairs["field"].map(lambda code: w.code_word("field", code, lang)),
        repair=repairs["kind"].map(lambda code: w.code_word("repair", code, lang)),
        reason=repairs["kind"].map(lambda code: w.code_word("reason", code, lang)),
        # A dropped header row is three cells: show where they split. Text even where every
        # cell of a column is empty (a list whose repairs all remove text reads it as numbers).
        before=repairs["before"].astype("string").str.replace("\t", " | "),
        after=repairs["after"].astype("string").str.replace("\t", " | "),
    )[["line", "item", "field", "repair", "before", "after", "reason"]]


def nearest_neighbours(similar: pd.DataFrame, items: pd.DataFrame, top: int = 3) -> pd.DataFrame:
    """Each item's ``top`` nearest neighbours, with both names, the score and the shared terms
    that make them alike (``item_similarity.csv`` keeps five)."""
    names = items.set_index("item_id")["name"]
    nearest = similar[similar["rank"] <= top]
    return nearest.assign(
        item=nearest["item_a"],
        name=nearest["item_a"].map(names),
        neighbour=nearest["item_b"],
        neighbour_name=nearest["item_b"].map(names),
        score=nearest["score"].map(lambda x: f"{x:.3f}"),
    )[["item", "name", "rank", "neighbour", "neighbour_name", "score", "shared"]]
