"""The list's own title line, read from the lines above its table (``items.attrs["title"]``)."""

import re
from pathlib import Path

import pandas as pd

# 附件, 附件2, 附件：: the label of an attachment, above its title.
_ATTACHMENT_LABEL = re.compile(r"^附件\s*[0-9０-９一二三四五六七八九十]*\s*[:：]?$")


def title_line(items: pd.DataFrame) -> str:
    """The preamble lines after the last 附件 label, joined (a title wrapped over two lines
    reads as one); the file's name when the list has no title line."""
    lines = [line.strip() for line in items.attrs.get("title", "").split("\n") if line.strip()]
    labels = [i for i, line in enumerate(lines) if _ATTACHMENT_LABEL.match(line)]
    if labels:
        lines = lines[labels[-1] + 1 :]
    return "".join(lines) or Path(items.attrs.get("source", "list")).name
