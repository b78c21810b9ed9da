"""What a run records about the list it analysed (``data/processed/provenance.json``): its
file, hash, encoding, counts and own title line, and the facts of ``data/raw/source.json`` only
where the hash shows it is the file that sidecar describes."""

import json
from pathlib import Path

import pandas as pd

from .title import title_line


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
        # Sections published with their heading only count: they are sections of the list.
        "sections": len(items.attrs.get("sections", [])) or int(items["section_id"].nunique()),
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
