"""Keyword in context (KWIC): every occurrence of a string in the items' content, with the
characters either side.

The search runs on the cleaned content text, not on tokens: a single character such as 首
occurs inside words (首个, 首家, 首创) that segmentation would keep whole, and a reader asking
for 首 wants all of them.
"""

import re

import pandas as pd

KWIC_COLUMNS = ["item_id", "section_id", "section_title", "left", "keyword", "right"]
# Paragraph breaks inside an item show as a visible mark, so a line of context stays one line.
# One character for one: the context never grows past ``window``.
PARAGRAPH_MARK = "¶"


def kwic(
    items: pd.DataFrame, term: str, window: int = 10, *, section_id: int | None = None
) -> pd.DataFrame:
    """One row per occurrence of ``term`` in ``items["content"]``, in item and text order.

    ``left`` and ``right`` hold up to ``window`` characters either side of the hit, within the
    same item; a paragraph break counts as one character and shows as ¶. ``section_id`` keeps
    one section only. An empty ``term`` gives no rows.
    """
    if window < 0:
        raise ValueError(f"window must be 0 or more, not {window}")
    rows = []
    if term:
        pattern = re.compile(re.escape(term))
        selected = items if section_id is None else items[items["section_id"] == section_id]
        for item in selected.itertuples(index=False):
            content = item.content
            for match in pattern.finditer(content):
                start, end = match.span()
                rows.append(
                    {
                        "item_id": item.item_id,
                        "section_id": item.section_id,
                        "section_title": item.section_title,
                        "left": content[max(0, start - window) : start].replace(
                            "\n", PARAGRAPH_MARK
                        ),
                        "keyword": match.group(),
                        "right": content[end : end + window].replace("\n", PARAGRAPH_MARK),
                    }
                )
    table = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    return table.astype({"item_id": "int64", "section_id": "int64"})
