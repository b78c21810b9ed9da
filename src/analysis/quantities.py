"""The amounts a list states: counts, shares, areas, distances and durations.

One row per mention, in item order then text order. The columns, in order:

- ``item_id``, ``section_id``;
- ``text``: the exact source text, qualifier words that touch the number included
  (``达42%``, ``3万多场``, ``超千间``, ``六个月内``);
- ``span_start``, ``span_end``: character offsets into the item's ``content`` as the loader's
  table holds it (``items.content[span_start:span_end] == text``);
- ``value``: a float, normalised (208万 → 2080000, 1/3 → 0.333…, 千 → 1000);
- ``unit``: ``%``, ``km2``, ``km``, ``m``, ``h``, ``天``, ``年``, ``月``, ``ratio`` (a fraction),
  or the counter word itself (个, 人, 支, 场, 间, …);
- ``qualifier``: the word that bounds or approximates the value (以上, 不低于, 最高, 超, 多,
  达, 近, 内, 提前, …), empty when there is none; 最高 and its kin are also read from
  earlier in the clause (最高承担…40%);
- ``subject``: what is measured, a short phrase from the same clause;
- ``kind``: ``amount``, or ``slogan`` when the number sits inside a “…” slogan (“四个90%”).

What is not a quantity, and why it never matches:

- identifiers: a number glued to Latin letters (5G), a bare number with no unit (the
  “12345” hotline, the coded names “146” and “31631”), ordinals (第一), calendar months
  (每年8月) and four-digit years;
- Chinese numerals that count the parts of a scheme rather than things in the world
  (一个平台、二层架构, 四个基本原则, 五大方面, 三级, 一对一): a Chinese numeral counts only
  with a unit of time or length (六个月内, 近两年, 一米) or, before a counter, after a word
  of approximation (超千间).

Only ``content`` is scanned by default: the names restate it (item 7's “四个90%” is in both).
"""

import re
from fractions import Fraction

import pandas as pd

from .numerals import chinese_numeral_value
from .text_spans import clause_bounds, enclosing_quote, quote_spans

COLUMNS = [
    "item_id",
    "section_id",
    "text",
    "span_start",
    "span_end",
    "value",
    "unit",
    "qualifier",
    "subject",
    "kind",
]
UNITS = {
    "%": "%",
    "％": "%",
    "平方公里": "km2",
    "平方千米": "km2",
    "公里": "km",
    "千米": "km",
    "米": "m",
    "小时": "h",
    "天": "天",
    "日": "天",
    "年": "年",
    "个月": "月",
}
COUNTERS = (
    "个",
    "人",
    "支",
    "场",
    "间",
    "家",
    "项",
    "所",
    "座",
    "次",
    "件",
    "名",
    "位",
    "户",
    "条",
    "栋",
    "套",
    "台",
    "辆",
    "元",
)
TIME_UNITS = ("h", "天", "年", "月")
_MAGNITUDE = {"万": 10_000, "亿": 100_000_000, "千": 1_000, "百": 100}


def _alternation(words) -> str:
    # Longest first, so 平方公里 wins over 公里 and 个月 over 个.
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_UNIT = _alternation(list(UNITS) + list(COUNTERS))
_TIME_OR_LENGTH = _alternation(["个月", "小时", "天", "年", "米", "公里", "千米"])
_COUNTER = _alternation(COUNTERS)
_BEFORE = "不低于|不少于|不超过|不高于|超过|多达|达到|最高|最多|最低|至少|提前|将近|超|近|约|逾|达"
_AFTER = "以上|以下|以内|左右|内"
_APPROXIMATE = "超过|将近|多达|超|近|约|逾"
_CN = "[一二两三四五六七八九十百千万]"
_QUANTITY = re.compile(
    # Arabic digits: a unit or a fraction is required, so bare codes (12345, 146) never match.
    f"(?<![第A-Za-z0-9.])(?P<d_pre>{_BEFORE})?"
    f"(?P<d_times>[一二两三四五六七八九十]个)?"  # “四个90%”: four times 90 %
    r"(?P<d_num>\d+(?:\.\d+)?)"
    r"(?:/(?P<d_den>\d+)|"
    f"(?P<d_mag>[万亿千百])?(?P<d_more>多|余)?(?P<d_unit>{_UNIT})(?P<d_post>{_AFTER})?)"
    "(?![A-Za-z0-9])"
    # Chinese numerals with a unit of time or length: 六个月内, 近两年, 一米.
    f"|(?<![第每{_CN[1:-1]}])(?P<t_pre>{_APPROXIMATE})?(?P<t_num>{_CN}+)"
    f"(?P<t_unit>{_TIME_OR_LENGTH})(?P<t_more>多|余)?(?P<t_post>{_AFTER})?"
    # Chinese numerals before a counter only after a word of approximation: 超千间.
    f"|(?P<c_pre>{_APPROXIMATE})(?P<c_num>{_CN}+)(?P<c_more>多|余)?(?P<c_unit>{_COUNTER})"
)
# A bound stated earlier in the clause: 最高承担子基金在一个具体项目上40%的投资风险.
_CLAUSE_BOUND = re.compile("不超过|最高|最多|最低|至少")
_YEAR_DIGITS = 4

# Words that open or close a clause around the thing measured, trimmed from the subject.
_SUBJECT_LEAD = re.compile(r"^(?:的|可达|仍|已建成|建成|已|各类|全市|规定|打通|严守|使)+")
_SUBJECT_TAIL = re.compile(r"(?:的|已|为|是)+$")
# A verb after the measured noun ends the subject: 90%以上研发人员|集中在企业.
_SUBJECT_STOP = re.compile("集中|来源|设立|来自|整合|建设|全部|执行|成为|使|下沉|参与")


def _value(match: re.Match, kind: str) -> float:
    group = match.group
    if kind == "d":
        if group("d_den"):
            return float(Fraction(int(group("d_num")), int(group("d_den"))))
        return float(group("d_num")) * _MAGNITUDE.get(group("d_mag") or "", 1)
    return float(chinese_numeral_value(group(f"{kind}_num")))


def _unit(match: re.Match, kind: str) -> str:
    if kind == "d" and match.group("d_den"):
        return "ratio"
    unit = match.group(f"{kind}_unit")
    return UNITS.get(unit, unit)


def _is_identifier(match: re.Match, kind: str) -> bool:
    return (
        kind == "d" and match.group("d_unit") == "年" and len(match.group("d_num")) == _YEAR_DIGITS
    )


def _qualifier(match: re.Match, kind: str, text: str, clause_start: int) -> str:
    group = match.groupdict()
    words = [group.get(f"{kind}_pre"), group.get(f"{kind}_more"), group.get(f"{kind}_post")]
    words = [w for w in words if w]
    if not words:
        bounds = _CLAUSE_BOUND.findall(text, clause_start, match.start())
        words = bounds[-1:]
    return "+".join(words)


def _clean_subject(phrase: str, *, after: bool) -> str:
    phrase = phrase.replace("“", "").replace("”", "")
    phrase = _SUBJECT_LEAD.sub("", phrase)
    if after and (stop := _SUBJECT_STOP.search(phrase)):
        phrase = phrase[: stop.start()]
    return _SUBJECT_TAIL.sub("", phrase)


def subject_of(text: str, start: int, end: int) -> str:
    """What the number at ``text[start:end]`` measures: the noun after it (3万多场|应急演练),
    else the noun before it (生活垃圾回收率|达42%), else the rest of its clause."""
    first, stop = clause_bounds(text, start, end)
    after = _clean_subject(text[end:stop], after=True)
    if after:
        return after
    before = _clean_subject(text[first:start], after=False)
    if before:
        return before
    return _SUBJECT_LEAD.sub("", text[end:stop].replace("“", "").replace("”", ""))


def find_quantities(text: str) -> list[dict]:
    """Every quantity in one text: the row fields except ``item_id`` and ``section_id``."""
    found = []
    quotes = None
    for match in _QUANTITY.finditer(text):
        kind = "d" if match.group("d_num") else ("t" if match.group("t_num") else "c")
        if _is_identifier(match, kind):
            continue
        if quotes is None:
            quotes = quote_spans(text)
        start, end = match.span()
        quote = enclosing_quote(quotes, start, end)
        # A slogan is read from outside its quote marks: 打通…的“最后100米”.
        outer_start, outer_end = quote if quote else (start, end)
        found.append(
            {
                "text": match.group(0),
                "span_start": start,
                "span_end": end,
                "value": _value(match, kind),
                "unit": _unit(match, kind),
                "qualifier": _qualifier(match, kind, text, clause_bounds(text, start, end)[0]),
                "subject": subject_of(text, outer_start, outer_end),
                "kind": "slogan" if quote else "amount",
            }
        )
    return found


def extract_quantities(items: pd.DataFrame, field: str = "content") -> pd.DataFrame:
    """One row per quantity mentioned in ``items[field]``, in item order then text order."""
    rows = []
    for item_id, section_id, text in zip(
        items["item_id"], items["section_id"], items[field], strict=True
    ):
        for found in find_quantities(text):
            rows.append({"item_id": item_id, "section_id": section_id, **found})
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.astype(
        {
            "item_id": "int64",
            "section_id": "int64",
            "span_start": "int64",
            "span_end": "int64",
            "value": "float64",
        }
    )


def is_time(unit: str) -> bool:
    return unit in TIME_UNITS
