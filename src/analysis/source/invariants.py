"""What must hold for any list the pipeline accepts, checked on the tidy table itself
(the loader enforces the same while parsing; this is the pipeline's own second look)."""

from pathlib import Path

import pandas as pd

from .errors import ListFormatError
from .numerals import chinese_numeral
from .provenance import read_metadata


def check_items(items: pd.DataFrame, attrs: dict | None = None) -> None:
    """Items run 1…N, each number either in the table or recorded as absent (an abridged
    list), never both; section numerals run 一, 二, 三, … without a skip, heading-only sections
    included; no item has an empty name or content. ``attrs``: the loader's record, when it has
    been taken off the table (default: ``items.attrs``)."""
    attrs = items.attrs if attrs is None else attrs
    # Runs of numbers, (first, last): an absent run can be long, so it is never spelled out.
    runs = sorted(
        [(n, n) for n in items["item_id"].tolist()]
        + [(row["first_item"], row["last_item"]) for row in attrs.get("absent_items", [])]
    )
    absent = sum(row["items"] for row in attrs.get("absent_items", []))
    present = items["item_id"].tolist()
    if present != sorted(present):
        raise ListFormatError("item numbers are out of order")
    total = len(present) + absent
    if [first for first, _ in runs] != [1] + [last + 1 for _, last in runs[:-1]] or (
        runs and runs[-1][1] != total
    ):
        raise ListFormatError(
            f"item numbers do not run 1…{total} without gaps"
            + (f" (counting {absent} recorded as absent)" if absent else "")
        )
    with_items = items.drop_duplicates("section_id")
    # Every section, those published with their heading only too, when the loader listed them.
    section_ids = [s["section_id"] for s in attrs.get("sections", [])] or with_items[
        "section_id"
    ].tolist()
    expected_sections = list(range(1, len(section_ids) + 1))
    if section_ids != expected_sections or not set(with_items["section_id"]) <= set(section_ids):
        raise ListFormatError("sections are not numbered 1…N in document order")
    expected_numerals = [chinese_numeral(n) for n in with_items["section_id"]]
    if with_items["section_numeral"].tolist() != expected_numerals:
        raise ListFormatError(
            f"section numerals are {with_items['section_numeral'].tolist()}, "
            f"expected {expected_numerals}"
        )
    if not items["section_id"].is_monotonic_increasing:
        raise ListFormatError("a section's items are not contiguous")
    empty = items[(items["name"].str.len() == 0) | (items["content"].str.len() == 0)]
    if not empty.empty:
        raise ListFormatError(f"items with empty text: {empty['item_id'].tolist()}")


def check_against_metadata(items: pd.DataFrame, metadata_file: Path) -> bool:
    """For the project's own source, the counts stated in ``data/raw/source.json`` must hold.
    Returns False (and checks nothing) when the input is another list."""
    metadata = read_metadata(metadata_file)
    if items.attrs.get("sha256") != metadata.get("sha256"):
        return False
    n_sections = items["section_id"].nunique()
    if (n_sections, len(items)) != (metadata["sections"], metadata["items"]):
        raise ListFormatError(
            f"the source should have {metadata['sections']} sections and {metadata['items']} "
            f"items, the table has {n_sections} and {len(items)}"
        )
    return True
