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

from ..source.numerals import chinese_numeral_value
from ..source.partitions import concat_per_partition, is_dask_frame
from ..text.spans import TextMarks

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
DTYPES = {"item_id": "int64", "section_id": "int64", "text": "str", "span_start": "int64",
          "span_end": "int64", "value": "float64", "unit": "str", "qualifier": "str",
          "subject": "str", "kind": "str"}  # fmt: skip
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
_TIME_OR_LENGTH = frozenset(["个月", "小时", "天", "日", "年", "米", "公里", "千米"])
_CN_DIGITS = "一二两三四五六七八九十百千万"
# The scan starts with a character class, so the regex engine skips ahead to the next numeral
# instead of trying every position: this keeps extraction far faster than segmentation.
# A unit or a fraction is required, so bare codes (12345, “146”, “31631”) never match.
_QUANTITY = re.compile(
    f"(?P<num>[0-9{_CN_DIGITS}][0-9.{_CN_DIGITS}]*?)"
    f"(?:/(?P<den>[0-9]+)|(?P<more>多|余)?(?P<unit>{_UNIT})(?P<post>以上|以下|以内|左右|内)?)"
)
_DIGIT_NUMBER = re.compile(r"^(?P<digits>[0-9]+(?:\.[0-9]+)?)(?P<magnitude>[万亿千百])?$")
_CN_NUMBER = re.compile(f"^[{_CN_DIGITS}]+$")
_BEFORE = re.compile(
    "(?:不低于|不少于|不超过|不高于|超过|多达|达到|最高|最多|最低|至少|提前|将近|超|近|约|逾|达)$"
)
# Only these words let a Chinese numeral count things: 超千间, but not 一个平台 or 第一家.
_APPROXIMATE = frozenset(["超过", "将近", "多达", "超", "近", "约", "逾"])
_TIMES_BEFORE = re.compile(f"[{_CN_DIGITS}]个$")  # “四个90%”: four times 90 %
_NOT_BEFORE_DIGITS = frozenset("第.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_NOT_BEFORE_NUMERALS = frozenset("第每")
_NOT_AFTER_DIGITS = re.compile("[A-Za-z0-9]")
_CONTEXT = 3
# A bound stated earlier in the clause: 最高承担子基金在一个具体项目上40%的投资风险.
_CLAUSE_BOUND = re.compile("不超过|最高|最多|最低|至少")
_YEAR_DIGITS = 4

# Words that open or close a clause around the thing measured, trimmed from the subject.
_SUBJECT_LEAD = re.compile(r"^(?:的|可达|仍|已建成|建成|已|各类|全市|规定|打通|严守|使)+")
_SUBJECT_TAIL = re.compile(r"(?:的|已|为|是)+$")
# A verb after the measured noun ends the subject: 90%以上研发人员|集中在企业.
_SUBJECT_STOP = re.compile("集中|来源|设立|来自|整合|建设|全部|执行|成为|使|下沉|参与")


def _read(text: str, match: re.Match) -> tuple[int, float, str, str] | None:
    """``(start, value, unit, before)`` for a real quantity, None for an identifier or a
    numeral that counts no amount. ``start`` moves back over a qualifier before the number."""
    number, unit, start = match.group("num"), match.group("unit"), match.start()
    previous = text[start - 1] if start else ""
    before_match = _BEFORE.search(text, max(0, start - _CONTEXT), start)
    before = before_match.group(0) if before_match else ""
    if digits := _DIGIT_NUMBER.match(number):
        if previous in _NOT_BEFORE_DIGITS or _NOT_AFTER_DIGITS.match(text, match.end()):
            return None
        if match.group("den"):
            value = float(Fraction(int(digits.group("digits")), int(match.group("den"))))
            return start - len(before), value, "ratio", before
        if unit == "年" and len(number) == _YEAR_DIGITS:
            return None  # a calendar year
        value = float(digits.group("digits")) * _MAGNITUDE.get(digits.group("magnitude"), 1)
        if not before and (times := _TIMES_BEFORE.search(text, max(0, start - 2), start)):
            start = times.start()
        return start - len(before), value, UNITS.get(unit, unit), before
    if not _CN_NUMBER.match(number) or match.group("den") or previous in _NOT_BEFORE_NUMERALS:
        return None
    if unit not in _TIME_OR_LENGTH and before not in _APPROXIMATE:
        return None
    return start - len(before), float(chinese_numeral_value(number)), UNITS.get(unit, unit), before


def _qualifier(match: re.Match, before: str, text: str, clause_start: int, start: int) -> str:
    words = [w for w in (before, match.group("more"), match.group("post")) if w]
    if not words:
        words = _CLAUSE_BOUND.findall(text, clause_start, start)[-1:]
    return "+".join(words)


def _clean_subject(phrase: str, *, after: bool) -> str:
    phrase = phrase.replace("“", "").replace("”", "")
    phrase = _SUBJECT_LEAD.sub("", phrase)
    if after and (stop := _SUBJECT_STOP.search(phrase)):
        phrase = phrase[: stop.start()]
    return _SUBJECT_TAIL.sub("", phrase)


def subject_of(marks: TextMarks, start: int, end: int) -> str:
    """What the number at ``text[start:end]`` measures: the noun after it (3万多场|应急演练),
    else the noun before it (生活垃圾回收率|达42%), else the rest of its clause."""
    text = marks.text
    first, stop = marks.clause(start, end)
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
    marks = TextMarks(text)
    for match in _QUANTITY.finditer(text):
        read = _read(text, match)
        if read is None:
            continue
        start, value, unit, before = read
        end = match.end()
        quote = marks.enclosing_quote(start, end)
        # A slogan is read from outside its quote marks: 打通…的“最后100米”.
        outer_start, outer_end = quote if quote else (start, end)
        clause_start = marks.clause(start, end)[0]
        found.append(
            {
                "text": text[start:end],
                "span_start": start,
                "span_end": end,
                "value": value,
                "unit": unit,
                "qualifier": _qualifier(match, before, text, clause_start, start),
                "subject": subject_of(marks, outer_start, outer_end),
                "kind": "slogan" if quote else "amount",
            }
        )
    return found


def extract_quantities(items: pd.DataFrame, field: str = "content", *, client=None) -> pd.DataFrame:
    """One row per quantity mentioned in ``items[field]``, in item order then text order.

    ``items`` may be a Dask DataFrame; with it, or with a ``dask.distributed.Client``, each
    partition is extracted as a task and the tables are joined in item order: the same table.
    """
    if client is not None or is_dask_frame(items):
        columns = ["item_id", "section_id", field]
        return concat_per_partition(extract_quantities, items, client, field, columns=columns)
    rows = []
    for item_id, section_id, text in zip(
        items["item_id"].tolist(), items["section_id"].tolist(), items[field].tolist(), strict=True
    ):
        for found in find_quantities(text):
            rows.append({"item_id": item_id, "section_id": section_id, **found})
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.astype(DTYPES)


def is_time(unit: str) -> bool:
    return unit in TIME_UNITS
