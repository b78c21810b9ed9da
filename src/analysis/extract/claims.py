"""The list's own vocabulary: the terms it coins in “…”, and its claims to be first.

``coined_terms`` and ``first_mover_claims`` scan item names and contents (column ``field``);
offsets are into that field as the loader's table holds it.
"""

import re

import pandas as pd

from ..text.spans import TextMarks

FIELDS = ("name", "content")
TERM_COLUMNS = [
    "item_id",
    "section_id",
    "field",
    "term",
    "kind",
    "span_start",
    "span_end",
    "sentence",
]
CLAIM_COLUMNS = [
    "item_id",
    "section_id",
    "field",
    "text",
    "marker",
    "kind",
    "span_start",
    "span_end",
    "sentence",
]
_TERM = re.compile(r"“([^“”\n]+)”")
_CODE = re.compile(r"^[0-9]+$")
# A claim is a marker with the scope that precedes it, read as one: 在全国率先, 全国首家,
# 中国第一个. 首批 (a first batch) and 首办 (first-contact duty) are not claims to be first.
_SCOPE = "在全国|在国内|全国|国内|中国|全球|全省"
MARKERS = ("率先", "首创", "首个", "首家", "首例", "首次", "第一")
# The scan starts at the marker (a literal, which the regex engine finds fast); the scope
# before it is read afterwards.
_CLAIM = re.compile("(?P<marker>率先|首创|首个|首家|首例|首次)|(?P<ordinal>第一)[个家所座位例次]")
_SCOPE_BEFORE = re.compile(f"(?:{_SCOPE})$")
_SCOPE_WINDOW = 3
# A claim the text makes as a goal, not as a fact: 力争率先实现, 提出“建设中国第一个…”目标.
_ASPIRATION_BEFORE = re.compile("(?:力争|争取|努力|目标是)$")
_ASPIRATION_WINDOW = 4


def _table(rows: dict[str, list], columns: list[str]) -> pd.DataFrame:
    # Integer offsets and ids, text everywhere else, also when no row was found.
    integers = {"item_id", "section_id", "span_start", "span_end"}
    dtypes = {c: "int64" if c in integers else "str" for c in columns}
    return pd.DataFrame(rows, columns=columns).astype(dtypes)


def _texts(items: pd.DataFrame, fields: tuple[str, ...]):
    """``(item_id, section_id, field, text)`` in item order, then in the order of ``fields``."""
    # Plain lists: iterating them is several times faster than iterating pandas columns.
    columns = [items[c].tolist() for c in ("item_id", "section_id", *fields)]
    for item_id, section_id, *texts in zip(*columns, strict=True):
        for field, text in zip(fields, texts, strict=True):
            yield item_id, section_id, field, text


def coined_terms(items: pd.DataFrame, fields: tuple[str, ...] = FIELDS) -> pd.DataFrame:
    """Every “…” term, one row per occurrence, in item order then field order then text order.

    ``kind`` is ``code`` for a quoted number (“12345”, “31631”), else ``term``. The span
    is the term without its quote marks.
    """
    rows = {column: [] for column in TERM_COLUMNS}
    for item_id, section_id, field, text in _texts(items, fields):
        marks = None
        for match in _TERM.finditer(text):
            marks = marks or TextMarks(text)
            term = match.group(1)
            values = (item_id, section_id, field, term, "code" if _CODE.match(term) else "term",
                      match.start(1), match.end(1), marks.sentence_text(match.start()))  # fmt: skip
            for column, value in zip(TERM_COLUMNS, values, strict=True):
                rows[column].append(value)
    return _table(rows, TERM_COLUMNS)


def first_mover_claims(items: pd.DataFrame, fields: tuple[str, ...] = FIELDS) -> pd.DataFrame:
    """Every first-mover claim (率先, 首创, 首个, 首家, 第一…), one row per occurrence.

    ``kind`` is ``claim``, or ``aspiration`` when it is stated as a goal: after 力争 or inside a
    quoted 目标 (“建设中国第一个儿童友好城市”目标).
    """
    rows = {column: [] for column in CLAIM_COLUMNS}
    for item_id, section_id, field, text in _texts(items, fields):
        marks = None
        for match in _CLAIM.finditer(text):
            marks = marks or TextMarks(text)
            start, end = match.span()
            scope = _SCOPE_BEFORE.search(text, max(0, start - _SCOPE_WINDOW), start)
            start = scope.start() if scope else start
            values = (item_id, section_id, field, text[start:end],
                      match.group("marker") or match.group("ordinal"),
                      _claim_kind(marks, start, end), start, end,
                      marks.sentence_text(start))  # fmt: skip
            for column, value in zip(CLAIM_COLUMNS, values, strict=True):
                rows[column].append(value)
    return _table(rows, CLAIM_COLUMNS)


def _claim_kind(marks: TextMarks, start: int, end: int) -> str:
    text = marks.text
    if _ASPIRATION_BEFORE.search(text, max(0, start - _ASPIRATION_WINDOW), start):
        return "aspiration"
    quote = marks.enclosing_quote(start, end)
    if quote and text.startswith("目标", quote[1]):
        return "aspiration"
    return "claim"


def claims_per_item(claims: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    """Every item, with its claims counted (0 when it makes none) in name and content."""
    counts = claims[claims["kind"] == "claim"].pivot_table(
        index="item_id", columns="field", values="text", aggfunc="size", fill_value=0
    )
    table = items[["item_id", "section_id", "name"]].set_index("item_id")
    for field in FIELDS:
        table[f"claims_in_{field}"] = counts.get(field, 0)
    table = table.fillna(0)
    table["claims"] = table[[f"claims_in_{f}" for f in FIELDS]].sum(axis=1)
    return table.reset_index().astype(
        {f"claims_in_{f}": "int64" for f in FIELDS} | {"claims": "int64"}
    )


def claims_per_section(claims: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    """One row per section in document order: claims, items making one, items in all."""
    per_item = claims_per_item(claims, items)
    per_item["makes_claim"] = per_item["claims"] > 0
    sections = items.groupby(["section_id", "section_numeral", "section_title"], sort=True)
    table = sections.size().rename("items").reset_index()
    by_section = per_item.groupby("section_id").agg(
        claims=("claims", "sum"), items_with_claim=("makes_claim", "sum")
    )
    table = table.join(by_section, on="section_id")
    table["share_with_claim"] = table["items_with_claim"] / table["items"]
    return table.astype({"claims": "int64", "items_with_claim": "int64"})
