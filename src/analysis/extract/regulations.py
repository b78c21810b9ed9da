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
- ``level`` (see ``LEVELS``): read from the place or body the title opens with
  (``resources/issuing_levels.csv``), else, for a document the list says it issued, the level
  of the place in the list's own title;
- ``mentions``: how many times the item names it (name and content together).

A title repeated within one item counts once for that item, and so does an instrument the
name gives in short (编制创新型省份建设规划) and the content in full
(编制《澜江省创新型省份建设规划（2022—2025年）》).
"""

import csv
import re
from functools import cache

import pandas as pd

from ..paths import RESOURCES
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
    "international": "international rules: the title starts with 联合国, 国际 or 世界",
    "national": "the title opens with a national body (国家, 国务院, 全国人大, 中华人民共和国…)",
    "provincial": "the title opens with a province or region (…省, …自治区)",
    "sez_regulation": "a special economic zone's own regulation: the title opens with …经济特区",
    "municipal": "the title opens with a city (…市)",
    "district": "the title opens with a district or county (…区, …县)",
    "township": "the title opens with a town, township or subdistrict (…镇, …乡, …街道)",
    "other": "anything else, including a 条例 the text names without its issuer",
}
# A document the list says it issued (出台, 制定, 印发, 编制, 首创…) with no place in its title has
# the level of the list's issuer, read from the place in the list's title; a zone's documents
# other than its regulations are issued by its city (深圳经济特区…清单 → 深圳市 documents).
_ISSUED_BY_ZONE = "municipal"
LEVELS_FILE = RESOURCES / "issuing_levels.csv"
# A place name before its suffix: 深圳 (市), 澜江 (省), 广西壮族 (自治区).
_PLACE_CHARS = (2, 6)
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
# A bracket at the end of a title dates or qualifies it: （2022—2025年）, （试行）, (修订).
_TRAILING_BRACKET = re.compile(r"(?:（[^（）]*）|\([^()]*\))$")


@cache
def _level_words() -> tuple[re.Pattern, dict[str, str], re.Pattern, dict[str, str]]:
    """From ``resources/issuing_levels.csv``: the national bodies and their levels, the place
    suffixes and theirs, and the words that end like a place but name a kind of place."""
    bodies, suffixes, not_places = {}, {}, []
    with open(LEVELS_FILE, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["kind"] == "body":
                bodies[row["word"]] = row["level"]
            elif row["kind"] == "suffix":
                suffixes[row["word"]] = row["level"]
            else:
                not_places.append(row["word"])

    def longest_first(words):
        return "|".join(sorted(map(re.escape, words), key=len, reverse=True))

    low, high = _PLACE_CHARS
    body = re.compile(f"^(?:{longest_first(bodies)})")
    place = re.compile(
        f"^(?P<name>[\u4e00-\u9fff]{{{low},{high}}}?)(?P<suffix>{longest_first(suffixes)})"
    )
    not_place = re.compile(f"(?:{longest_first(not_places)})$")
    return body, bodies, (place, not_place), suffixes


def doc_type(title: str) -> str:
    """``"深圳市安全风险管控暂行办法"`` → ``"办法"``; ``"…建设规划（2022—2025年）"`` → ``"规划"``;
    a title with no instrument word → ``其他``."""
    match = _DOC_TYPE.search(_TRAILING_BRACKET.sub("", title))
    return match.group(1) if match else OTHER_TYPE


def place_level(title: str) -> str | None:
    """The level of the place or body a title (or a list's title) opens with: 国务院… →
    national, 澜江省… → provincial, 深圳经济特区… → sez_regulation, 深圳市… → municipal,
    福田区… → district; None when it opens with neither."""
    body, bodies, (place, not_place), suffixes = _level_words()
    if found := body.match(title):
        return bodies[found.group(0)]
    found = place.match(title)
    if found is None or not_place.search(found.group(0)):
        return None
    return suffixes[found.group("suffix")]


def issuer_level(list_title: str) -> str:
    """The level of the documents a list says it issued without naming their issuer: the
    level of the place in the list's title (its last line; the first may be 附件)."""
    lines = [line for line in str(list_title or "").splitlines() if line.strip()]
    level = place_level(lines[-1].strip()) if lines else None
    if level == "sez_regulation":
        return _ISSUED_BY_ZONE
    return level or "other"


def instrument_level(title: str, issued_here: bool, issuer: str = "other") -> str:
    """One of ``LEVELS``. ``issued_here``: the list says it issued the instrument; ``issuer``:
    the level of the list's issuer (``issuer_level``), given to such a document when its title
    names no place, unless it is a 条例 (a regulation is passed, not issued, so who passed it
    cannot be read from the verb)."""
    if _INTERNATIONAL.match(title):
        return "international"
    if level := place_level(title):
        return level
    if issued_here and doc_type(title) != "条例":
        return issuer
    return "other"


def _core(title: str) -> str:
    """A title without its opening place and its closing bracket, for matching a short form."""
    body, _, (place, not_place), _ = _level_words()
    title = _TRAILING_BRACKET.sub("", title)
    opening = body.match(title) or place.match(title)
    if opening and not (opening.re is place and not_place.search(opening.group(0))):
        title = title[opening.end() :]
    return title


def _same_instrument(short: str, seen: dict[str, dict]) -> str | None:
    """The title already seen in the item that ``short`` (from the name) abbreviates."""
    for title in seen:
        if short in title or _core(short) in _core(title):
            return title
    return None


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
    items: pd.DataFrame,
    fields: tuple[str, ...] = FIELDS,
    *,
    client=None,
    issuer: str | None = None,
) -> pd.DataFrame:
    """One row per (item, instrument), in item order then text order (content before name).

    ``issuer``: the level of the list's issuer (``issuer_level``); by default read from the
    list's title in ``items.attrs``.

    ``items`` may be a Dask DataFrame; with it, or with a ``dask.distributed.Client``, each
    partition is extracted as a task and the tables are joined in item order: the same table.
    """
    if issuer is None:
        issuer = issuer_level(_list_attrs(items).get("title", ""))
    if client is not None or is_dask_frame(items):
        columns = ["item_id", "section_id", *fields]
        return concat_per_partition(_extract, items, client, fields, issuer, columns=columns)
    if SOURCE_COLUMN in items.columns:
        # Many lists at once: item ids restart in each, so each file is read on its own.
        return per_source(_extract, items, fields, issuer)
    return _extract(items, fields, issuer)


def _list_attrs(items) -> dict:
    """The loader's ``attrs`` of a pandas table or of a Dask frame made from one (kept on its
    meta). A corpus of several lists has none: its documents issued without a place in their
    title get the level ``other``."""
    frame = items._meta if is_dask_frame(items) else items
    return getattr(frame, "attrs", {})


def _extract(items: pd.DataFrame, fields: tuple[str, ...], issuer: str) -> pd.DataFrame:
    rows = []
    # Plain lists: iterating them is several times faster than iterating pandas columns.
    columns = [items[c].tolist() for c in ("item_id", "section_id", *fields)]
    for item_id, section_id, *texts in zip(*columns, strict=True):
        seen: dict[str, dict] = {}
        for field, text in zip(fields, texts, strict=True):
            for title, start, end, bracketed, issued in find_instruments(text):
                same = title if title in seen else None
                if same is None and field == "name":
                    same = _same_instrument(title, seen)
                if same is not None:
                    seen[same]["mentions"] += 1
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
                    "level": instrument_level(title, issued, issuer),
                    "mentions": 1,
                }
        rows.extend(seen.values())
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.astype(DTYPES)
