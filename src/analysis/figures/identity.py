"""Which list this is: its title, a short title, and the source line every figure carries.

Everything comes from the analysed list itself, never from the project's own source: the title
is the list's title line (``source.title.title_line``: the lines above the table, without the
附件 label), and the English title, publisher and date come from ``data/raw/source.json`` only
when the file's sha256 shows it is the list that sidecar describes (as in
``source.provenance``).
A list with no title line is named by its file.
"""

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..paths import SOURCE_METADATA
from ..source.provenance import read_metadata
from ..source.title import title_line
from .labels import label

# A source line longer than this no longer fits one line of a 16:9 figure at 12 pt.
SOURCE_LINE_MAX_CHARS = 40


@dataclass(frozen=True)
class ListIdentity:
    title: str
    short_title: str
    source_zh: str
    source_en: str
    title_en: str | None = None
    publisher: str | None = None
    published: str | None = None

    def source_line(self, lang: str) -> str:
        return self.source_en if lang == "en" else self.source_zh


def _short(title: str) -> str:
    if len(title) <= SOURCE_LINE_MAX_CHARS:
        return title
    return title[: SOURCE_LINE_MAX_CHARS - 1] + "…"


def list_identity(items: pd.DataFrame, metadata_file: Path = SOURCE_METADATA) -> ListIdentity:
    """The identity of the list ``items`` was loaded from (see the module docstring)."""
    title = title_line(items)
    metadata = read_metadata(metadata_file)
    vouched = items.attrs.get("sha256") == metadata.get("sha256")
    short = metadata.get("short_title", _short(title)) if vouched else _short(title)
    title_en = metadata.get("title_en") if vouched else None
    return ListIdentity(
        title=title,
        short_title=short,
        source_zh=label("source", "zh", title=short),
        source_en=label("source", "en", title=title_en or short),
        title_en=title_en,
        publisher=metadata.get("publisher") if vouched else None,
        published=metadata.get("published") if vouched else None,
    )
