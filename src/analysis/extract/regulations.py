"""The legal instruments a list cites: titles in 《》 and instruments named in running text.

One row per instrument per item. The columns, in order:

- ``item_id``, ``section_id``;
- ``field``: ``content``, or ``name`` when the item names the instrument only in its name.
  Names are scanned too (item 27's name is 率先出台《深圳经济特区健康条例》), but a title
  that the content also gives is reported once, at its first place in the content;
- ``title``: the instrument's name without 《》;
- ``text``: the exact source text at the span (with 《》 when bracketed);
- ``span_start``, ``span_end``: character offsets into the item's ``field`` as the loader's
  table holds it, so ``items.loc[i, field][span_start:span_end] == text``;
- ``bracketed``: True for a 《》 title, False for an instrument named in running text;
- ``doc_type``: the kind of instrument the title ends with (``DOC_TYPES``), else ``其他``;
- ``level`` (see ``LEVELS``);
- ``mentions``: how many times the item names it (name and content together).

A title repeated within one item counts once for that item.
"""

import re

import pandas as pd

from ..source.corpus import SOURCE_COLUMN, per_source
from ..source.partitions import concat_per_partition, is_dask_frame

COLUMNS = [
    "item_id",
    "section_id",
    "field",
    "title",
    "text",
    "span_start",
    "span_end",
    "bracketed",
    "doc_type",
    "level",
    "mentions",
]
DTYPES = {"item_id": "int64", "section_id": "int64", "field": "str", "title": "str", "text": "str",
          "span_start": "int64", "span_end": "int64", "bracketed": "bool", "doc_type": "str",
          "level": "str", "mentions": "int64"}  # fmt: skip
FIELDS = ("content", "name")
# The word an instrument's title ends with. 法 comes last: 办法 ends with it too.
DOC_TYPES = (
    "条例",
    "办法",
    "规定",
    "规则",
    "措施",
    "方案",
    "指引",
    "标准",
    "清单",
    "细则",
    "意见",
    "决定",
    "通知",
    "规划",
    "纲要",
    "法",
)
OTHER_TYPE = "其他"
LEVELS = {
    "sez_regulation": "深圳经济特区法规: the title starts with 深圳经济特区 (深圳经济特区…条例)",
    "municipal": "a Shenzhen document that is not an SEZ regulation: the title starts with 深圳市, "
    "or the list says it was issued (出台, 制定, 颁布, 印发, 编制, 首创) and it is not a 条例",
    "international": "international rules: the title starts with 联合国, 国际 or 世界",
    "other": "anything else, including a 条例 the text names without its issuer",
}
_DOC_TYPE = re.compile(f"({'|'.join(DOC_TYPES)})$")
_BRACKETED = re.compile(r"《([^《》\n]+)》")
_ISSUING_VERB = "颁布实施|制定出台|制定|出台|颁布|印发|发布|编制|首创"
# Instruments named without 《》 are the object of an issuing verb and end in an instrument
# word (颁布实施全民阅读促进条例, 制定轻微违法行为不予处罚清单). The object may quote a title
# (适用《…仲裁规则》的程序指引) or list several (儿童友好社区、学校…等建设指引), but it never
# starts with 《: that is a bracketed title, found above.
_UNBRACKETED_TYPES = "|".join(t for t in DOC_TYPES if t != "法")
# An object that starts like this names a kind of document, not one document:
# 出台相关政策措施, 制定工作方案, 制定实施细则.
_GENERIC_START = "实施|出台|制定|相关|有关|配套|一系列|系列|若干|各项|多项|一批|专项|工作|管理"
_UNBRACKETED = re.compile(
    f"(?:{_ISSUING_VERB})(?:国内首个|全国首个|首个)?"
    f"(?P<title>(?!《|{_GENERIC_START})[^，。；：！？\\n“”]{{3,40}}?(?:{_UNBRACKETED_TYPES}))"
    "(?=[，。；：、等\\n]|$)"
)
# A verb, then any run of titles, right before this one: 出台《A》《B》《C》 issues all three.
_ISSUED_BEFORE = re.compile(f"(?:{_ISSUING_VERB})(?:《[^《》\\n]*》)*$")
_LOOKBACK = 120
_INTERNATIONAL = re.compile(r"^(联合国|国际|世界)")


def doc_type(title: str) -> str:
    """``"深圳市安全风险管控暂行办法"`` → ``"办法"``; a title with no instrument word → ``其他``."""
    match = _DOC_TYPE.search(title)
    return match.group(1) if match else OTHER_TYPE


def instrument_level(title: str, issued_here: bool) -> str:
    """One of ``LEVELS``. ``issued_here``: the list says it issued the instrument."""
    if _INTERNATIONAL.match(title):
        return "international"
    if title.startswith("深圳经济特区"):
        return "sez_regulation"
    if title.startswith("深圳市"):
        return "municipal"
    if issued_here and doc_type(title) != "条例":
        return "municipal"
    return "other"


def _issued_here(text: str, start: int) -> bool:
    return bool(_ISSUED_BEFORE.search(text, max(0, start - _LOOKBACK), start))


def find_instruments(text: str) -> list[tuple[str, int, int, bool, bool]]:
    """``(title, start, end, bracketed, issued_here)`` for every mention, in text order."""
    found = []
    for match in _BRACKETED.finditer(text):
        start = match.start()
        found.append((match.group(1), start, match.end(), True, _issued_here(text, start)))
    for match in _UNBRACKETED.finditer(text):
        found.append((match.group("title"), match.start("title"), match.end("title"), False, True))
    found.sort(key=lambda mention: (mention[1], -mention[2]))
    return found


def extract_regulations(
    items: pd.DataFrame, fields: tuple[str, ...] = FIELDS, *, client=None
) -> pd.DataFrame:
    """One row per (item, instrument), in item order then text order (content before name).

    ``items`` may be a Dask DataFrame; with it, or with a ``dask.distributed.Client``, each
    partition is extracted as a task and the tables are joined in item order: the same table.
    """
    if client is not None or is_dask_frame(items):
        columns = ["item_id", "section_id", *fields]
        return concat_per_partition(extract_regulations, items, client, fields, columns=columns)
    if SOURCE_COLUMN in items.columns:
        # Many lists at once: item ids restart in each, so each file is read on its own.
        return per_source(extract_regulations, items, fields)
    rows = []
    # Plain lists: iterating them is several times faster than iterating pandas columns.
    columns = [items[c].tolist() for c in ("item_id", "section_id", *fields)]
    for item_id, section_id, *texts in zip(*columns, strict=True):
        seen: dict[str, dict] = {}
        for field, text in zip(fields, texts, strict=True):
            for title, start, end, bracketed, issued in find_instruments(text):
                if title in seen:
                    seen[title]["mentions"] += 1
                    continue
                seen[title] = {
                    "item_id": item_id,
                    "section_id": section_id,
                    "field": field,
                    "title": title,
                    "text": text[start:end],
                    "span_start": start,
                    "span_end": end,
                    "bracketed": bracketed,
                    "doc_type": doc_type(title),
                    "level": instrument_level(title, issued),
                    "mentions": 1,
                }
        rows.extend(seen.values())
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.astype(DTYPES)
