"""Two or more lists side by side: which measures travel (``text.alignment``) and what each list
does alone (terms, instrument mix, regulations, quantities, size and shape).

Every difference reuses the kit's one-list analysis by treating each list as one "section" of a
combined table: the distinctive terms of a list against the others are ``keyness``'s full G²
of that section against the rest; the instrument mix and its test of independence are
``instrument_tables``' type × section tables with lists as the sections. So the statistics are
exactly the ones the report uses for sections, documented there.

``compare_lists([items_a, items_b, …])`` returns a ``Comparison`` of tidy tables.
"""

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..source.title import title_line
from ..text.alignment import align_lists
from ..text.keyness import keyness
from ..text.kwic import kwic
from .instrument_tables import independence_test, type_by_section
from .instruments import code_items, resolve_codebook
from .quantities import extract_quantities
from .regulations import extract_regulations

# Quantities are compared by their dimension when the extractor gives one, else by unit.
DIMENSION_COLUMNS = ("dimension", "unit")
KWIC_TERMS = 3
KWIC_WINDOW = 12
TOP_TERMS = 10


@dataclass
class Comparison:
    """The tables of a comparison; every one has a ``list`` column naming the list."""

    lists: pd.DataFrame
    alignment: pd.DataFrame
    terms: pd.DataFrame
    kwic: pd.DataFrame
    instrument_mix: pd.DataFrame
    instrument_test: pd.DataFrame
    regulations: pd.DataFrame
    shared_regulations: pd.DataFrame
    quantities: pd.DataFrame
    quantities_by_dimension: pd.DataFrame
    errors: pd.DataFrame = field(default_factory=pd.DataFrame)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Name → table, in the order a reader meets them (file names of ``data/processed``)."""
        return {
            "comparison_lists": self.lists,
            "alignment": self.alignment,
            "comparison_terms": self.terms,
            "comparison_kwic": self.kwic,
            "comparison_instrument_mix": self.instrument_mix,
            "comparison_instrument_test": self.instrument_test,
            "comparison_regulations": self.regulations,
            "comparison_shared_regulations": self.shared_regulations,
            "comparison_quantities": self.quantities,
            "comparison_quantities_by_dimension": self.quantities_by_dimension,
            "comparison_errors": self.errors,
        }


def list_names(lists: list[pd.DataFrame]) -> list[str]:
    """Each list's name: its title line; a repeated title gets its position (``#2``) added, so
    a list compared with itself stays two lists."""
    titles = [title_line(items) for items in lists]
    names = []
    for i, title in enumerate(titles, start=1):
        names.append(title if titles.count(title) == 1 else f"{title} #{i}")
    return names


def combined_items(lists: list[pd.DataFrame], names: list[str]) -> pd.DataFrame:
    """All the lists as one table, each list one section (``section_id`` = its position,
    ``section_title`` = its name), items numbered on across lists (``item_id``) with the list's
    own number kept in ``list_item_id``."""
    frames = []
    next_id = 1
    for position, (name, items) in enumerate(zip(names, lists, strict=True), start=1):
        frame = items[["item_id", "section_id", "name", "content"]].copy()
        frame = frame.rename(columns={"item_id": "list_item_id", "section_id": "list_section_id"})
        frame.insert(0, "item_id", range(next_id, next_id + len(frame)))
        frame.insert(1, "section_id", position)
        frame.insert(2, "section_numeral", str(position))
        frame.insert(3, "section_title", name)
        frame.insert(4, "list", name)
        next_id += len(frame)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def size_table(lists: list[pd.DataFrame], names: list[str]) -> pd.DataFrame:
    """Items, sections and characters (names and contents) per list, with its source file."""
    rows = []
    for name, items in zip(names, lists, strict=True):
        rows.append(
            {
                "list": name,
                "source": str(items.attrs.get("source", "")),
                "items": len(items),
                "sections": int(items["section_id"].nunique()),
                "characters": int(items["name"].str.len().sum() + items["content"].str.len().sum()),
            }
        )
    return pd.DataFrame(rows)


def distinctive_terms(combined: pd.DataFrame, top: int = TOP_TERMS) -> pd.DataFrame:
    """The terms of each list most over-represented against the other lists (full G²)."""
    table = keyness(combined, top=top)
    names = combined.drop_duplicates("section_id").set_index("section_id")["list"]
    table.insert(0, "list", table["section_id"].map(names))
    return table.drop(columns="section_id")


def terms_in_context(
    combined: pd.DataFrame, terms: pd.DataFrame, per_list: int = KWIC_TERMS
) -> pd.DataFrame:
    """KWIC lines of each list's top ``per_list`` distinctive terms, in that list only."""
    positions = combined.drop_duplicates("list").set_index("list")["section_id"]
    own_numbers = combined.set_index("item_id")["list_item_id"]
    frames = []
    for name, rows in terms.groupby("list", sort=False):
        for term in rows.sort_values("rank")["term"].head(per_list):
            lines = kwic(combined, term, KWIC_WINDOW, section_id=int(positions[name]))
            lines.insert(0, "list", name)
            lines.insert(1, "term", term)
            lines["item_id"] = lines["item_id"].map(own_numbers)
            frames.append(lines.drop(columns=["section_id", "section_title"]))
    if not frames:
        return pd.DataFrame(columns=["list", "term", "item_id", "left", "keyword", "right"])
    return pd.concat(frames, ignore_index=True)


def instrument_tables(combined: pd.DataFrame, codebook=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The instrument-type mix per list, and the test of independence of type and list."""
    book = resolve_codebook(codebook)
    codes = code_items(combined, book)
    mix = type_by_section(codes, combined)
    mix = mix.rename(columns={"section_title": "list"}).drop(
        columns=["section_id", "section_numeral"]
    )
    summary, _ = independence_test(codes, combined)
    summary.insert(0, "lists", combined["list"].nunique())
    return mix, summary


def regulation_tables(
    lists: list[pd.DataFrame], names: list[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every instrument each list cites; and the titles more than one list cites."""
    frames = []
    for name, items in zip(names, lists, strict=True):
        table = extract_regulations(items)
        table.insert(0, "list", name)
        frames.append(table)
    cited = pd.concat(frames, ignore_index=True)
    by_title = cited.groupby("title")["list"].agg(lambda s: list(dict.fromkeys(s)))
    shared = by_title[by_title.map(len) > 1]
    shared_table = pd.DataFrame(
        {
            "title": shared.index,
            "lists": shared.map(len).to_numpy(),
            "cited_by": shared.map(" | ".join).to_numpy(),
        }
    )
    return cited, shared_table


def quantity_tables(
    lists: list[pd.DataFrame], names: list[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every stated quantity per list; and a side-by-side count per dimension (or unit, when
    the extractor gives no dimension) and list, with up to three examples each."""
    frames = []
    for name, items in zip(names, lists, strict=True):
        table = extract_quantities(items)
        table.insert(0, "list", name)
        frames.append(table)
    stated = pd.concat(frames, ignore_index=True)
    key = next(c for c in DIMENSION_COLUMNS if c in stated.columns)
    grouped = stated.groupby([key, "list"], sort=False)
    side = grouped.size().rename("quantities").reset_index()
    examples = grouped["text"].agg(lambda s: "、".join(list(dict.fromkeys(s))[:3]))
    side["examples"] = [examples[(d, n)] for d, n in zip(side[key], side["list"], strict=True)]
    side = side.rename(columns={key: "dimension"})
    side.attrs["grouped_by"] = key
    order = {name: i for i, name in enumerate(names)}
    side = side.sort_values(
        ["dimension", "list"], key=lambda c: c.map(order) if c.name == "list" else c
    )
    return stated, side.reset_index(drop=True)


def compare_lists(
    lists: list[pd.DataFrame],
    names: list[str] | None = None,
    *,
    k: int = 3,
    codebook: str | Path | None = None,
    errors: pd.DataFrame | None = None,
    progress: bool = False,
) -> Comparison:
    """Compare two or more lists (items tables from ``load_items``).

    ``names``: one name per list (default: each list's title line). ``k``: the matches kept per
    item in each other list. ``codebook``: the policy-instrument codebook (default: the
    bundled one). ``errors``: the lists that did not load (``source``, ``line``, ``message``),
    carried into the comparison's tables so none is lost without a trace.
    """
    names = list_names(lists) if names is None else list(names)
    aligned = align_lists(lists, names, k, progress=progress)
    combined = combined_items(lists, names)
    terms = distinctive_terms(combined)
    mix, test = instrument_tables(combined, codebook)
    cited, shared = regulation_tables(lists, names)
    stated, side = quantity_tables(lists, names)
    return Comparison(
        lists=size_table(lists, names),
        alignment=aligned.table,
        terms=terms,
        kwic=terms_in_context(combined, terms),
        instrument_mix=mix,
        instrument_test=test,
        regulations=cited,
        shared_regulations=shared,
        quantities=stated,
        quantities_by_dimension=side,
        errors=errors
        if errors is not None
        else pd.DataFrame(columns=["source", "line", "message"]),
    )
