"""What must hold for any list the pipeline accepts, checked on the tidy table itself
(the loader enforces the same while parsing; this is the pipeline's own second look)."""

import json
from pathlib import Path

import pandas as pd

from .errors import ListFormatError
from .numerals import chinese_numeral
from .title import title_line


def check_items(items: pd.DataFrame) -> None:
    """Items run 1…N without gaps; section numerals run 一, 二, 三, … without a skip;
    no item has an empty name or content."""
    expected_ids = list(range(1, len(items) + 1))
    if items["item_id"].tolist() != expected_ids:
        raise ListFormatError(f"item numbers do not run 1…{len(items)} without gaps")
    sections = items.drop_duplicates("section_id")
    expected_sections = list(range(1, len(sections) + 1))
    if sections["section_id"].tolist() != expected_sections:
        raise ListFormatError("sections are not numbered 1…N in document order")
    expected_numerals = [chinese_numeral(n) for n in expected_sections]
    if sections["section_numeral"].tolist() != expected_numerals:
        raise ListFormatError(
            f"section numerals are {sections['section_numeral'].tolist()}, "
            f"expected {expected_numerals}"
        )
    if not items["section_id"].is_monotonic_increasing:
        raise ListFormatError("a section's items are not contiguous")
    empty = items[(items["name"].str.len() == 0) | (items["content"].str.len() == 0)]
    if not empty.empty:
        raise ListFormatError(f"items with empty text: {empty['item_id'].tolist()}")


def read_metadata(metadata_file: Path) -> dict:
    """The facts ``source.json`` records about the project's own list; empty where there is no
    such file (an installed kit carries no data), so no list is vouched for."""
    try:
        return json.loads(Path(metadata_file).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def provenance(items: pd.DataFrame, metadata_file: Path) -> dict:
    """What the report says about the list it analysed: its file, hash and own title line.
    The facts in ``source.json`` (publisher, date, verification) are claimed only when the
    hash shows it is that file."""
    metadata = read_metadata(metadata_file)
    record = {
        "file": Path(items.attrs["source"]).name,
        "sha256": items.attrs["sha256"],
        "encoding": items.attrs["encoding"],
        "sections": int(items["section_id"].nunique()),
        "items": len(items),
        "is_project_source": items.attrs["sha256"] == metadata.get("sha256"),
        "title": title_line(items),
    }
    if record["is_project_source"]:
        for key in ("title", "publisher", "published", "verified_against_official_page"):
            record[key] = metadata[key]
        # Optional: the English report names the list by it.
        if "title_en" in metadata:
            record["title_en"] = metadata["title_en"]
    return record


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
