"""The amounts a list states: counts, shares, areas, distances and durations.

One row per mention, in item order then text order. The columns, in order:

- ``item_id``, ``section_id``;
- ``text``: the exact source text, qualifier words that touch the number included
  (``达42%``, ``3万多场``, ``超千间``, ``六个月内``);
- ``span_start``, ``span_end``: character offsets into the item's ``content`` as the loader's
  table holds it (``items.content[span_start:span_end] == text``);
- ``value``: a float, on one scale per kind of unit. Counts, areas, lengths and times are
  plain numbers with their magnitude multiplied out (208万 → 2080000, 1.5亿 → 150000000,
  3千万 → 30000000, 1,200 → 1200, 近万 → 10000). **Every share is a percentage**, whatever
  its written form: 40% → 40, 百分之四十 → 40, 1/3 → 33.33…, 三分之一 → 33.33…;
- ``unit``: ``%`` (every share, see ``value``), ``km2``, ``m2``, ``km``, ``m``, ``h``,
  ``天``, ``工作日`` (working days, 60个工作日), ``年``, ``月``, or the counter word itself
  (个, 人, 人次, 支, 场, 间, 元, …);
- ``qualifier``: the word that bounds or approximates the value (以上, 不低于, 最高, 最高可达,
  超, 多, 余, 达, 近, 内, 提前, …), empty when there is none; 最高 and its kin are also read
  from earlier in the clause (最高承担…40%); several are joined with ``+``, and ``目标`` comes
  first when the clause sets a target (到2025年…达到2.5%, 力争…, …的目标);
- ``subject``: what is measured, a short phrase from the same clause;
- ``kind``: ``amount``, or ``slogan`` when the number sits inside a “…” slogan (“四个90%”).

What is not a quantity, and why it never matches:

- identifiers: a number glued to Latin letters (5G), a bare number with no unit (the
  “12345” hotline, the coded names “146” and “31631”), ordinals (第一), calendar months
  (每年8月), four-digit years and dates (2021年3月1日, 3月1日: the 1日 is a day, not a
  duration);
- Chinese numerals that count the parts of a scheme rather than things in the world
  (一个平台、二层架构, 四个基本原则, 五大方面, 三级, 一对一): a Chinese numeral counts only
  with a unit of time or length (六个月内, 近两年, 一米), after a word of approximation
  (超千间, 近万家), or with a digit before 万 or 亿 (两万个, 超三万户); a bare 千 or 万
  before a counter names a programme (千人计划), not an amount.

The words that trim a subject (``的``, ``可达``, …) are data, each with its reason, in
``resources/quantity_subject_words.csv``.

Only ``content`` is scanned by default: the names restate it (item 7's “四个90%” is in both).
"""

import csv
import re
from fractions import Fraction

import pandas as pd

from ..paths import RESOURCES
from ..source.corpus import SOURCE_COLUMN, per_source
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
    # A working day is a unit of time, not a count of things: 60个工作日 is a duration, and
    # it is kept apart from 天 because it is not a calendar day.
    "个工作日": "工作日",
    "工作日": "工作日",
    "平方米": "m2",
}
COUNTERS = (
    "个",
    "人次",
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
TIME_UNITS = ("h", "天", "工作日", "年", "月")
PERCENT = "%"
_MAGNITUDE = {"百": 100, "千": 1_000, "万": 10_000, "亿": 100_000_000}
SUBJECT_WORDS_FILE = RESOURCES / "quantity_subject_words.csv"


def _alternation(words) -> str:
    # Longest first, so 平方公里 wins over 公里 and 个月 over 个.
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_UNIT = _alternation(list(UNITS) + list(COUNTERS))
_TIME_OR_LENGTH = frozenset(
    ["个月", "个工作日", "工作日", "小时", "天", "日", "年", "米", "公里", "千米"]
)
_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
_CN = f"[{_CN_DIGITS}]+"
# 1,200 (thousands separators), 1.5, 208; a magnitude may follow: 1.5亿, 3千万, 12.5万.
_ARABIC = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?"
_POST = "(?P<post>以上|以下|以内|左右|内)?"
# The scan starts with a character class, so the regex engine skips ahead to the next numeral
# instead of trying every position: this keeps extraction far faster than segmentation.
# A unit, a fraction or 百分之 is required, so bare codes (12345, “146”, “31631”) never match.
_QUANTITY = re.compile(
    f"(?=[0-9{_CN_DIGITS}])(?:"
    f"百分之(?P<percent>{_ARABIC}|{_CN})"
    f"|(?P<cn_den>{_CN})分之(?P<cn_num>{_CN})"
    f"|(?P<num>{_ARABIC}[百千万亿]*|{_CN})"
    f"(?:/(?P<den>[0-9]+)|(?P<more>多|余)?(?P<unit>{_UNIT}))"
    f"){_POST}"
)
_ARABIC_NUMBER = re.compile(f"^(?P<digits>{_ARABIC})(?P<magnitude>[百千万亿]*)$")
_CN_NUMBER = re.compile(f"^{_CN}$")
# Calendar dates are not durations: 2021年3月1日, 2021年3月, 3月1日 (and in Chinese numerals).
_DAY = "(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})"
_DATE = re.compile(
    "(?=[0-9〇零一二三四五六七八九十])"  # skip ahead to a numeral, as the main scan does
    f"(?:(?:[0-9]{{4}}|[〇零一二三四五六七八九]{{4}})年{_DAY}月(?:{_DAY}[日号])?"
    f"|{_DAY}月{_DAY}[日号])"
)
# 最高可达, 最高达 and 可达 state a cap (首购合同金额最高可达1.2亿元), not a figure reached: they
# are kept whole, so the 达 at their end is never read alone.
_BEFORE = re.compile(
    "(?:最高可达|最高达|可达|不低于|不少于|不超过|不高于|超过|多达|达到|最高|最多|最低|至少|提前"
    "|将近|超|近|约|逾|达)$"
)
# Only these words let a bare Chinese numeral count things: 超千间, but not 一个平台 or 第一家.
_APPROXIMATE = frozenset(["超过", "将近", "多达", "超", "近", "约", "逾"])
_TIMES_BEFORE = re.compile(f"[{_CN_DIGITS}]个$")  # “四个90%”: four times 90 %
_NOT_BEFORE_DIGITS = frozenset("第.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_NOT_BEFORE_NUMERALS = frozenset("第每")
_NOT_AFTER_DIGITS = re.compile("[A-Za-z0-9]")
_CONTEXT = 4  # the longest word of _BEFORE
# A bound stated earlier in the clause: 最高承担子基金在一个具体项目上40%的投资风险.
_CLAUSE_BOUND = re.compile("不超过|最高|最多|最低|至少")
_YEAR_DIGITS = 4
# A clause that sets a target (到2025年…达到2.5%, 力争…, …的目标) states a figure to reach, not one
# reached: its quantities carry the qualifier 目标.
TARGET = "目标"
_TARGET_CLAUSE = re.compile("(?:到|至)(?:[0-9]{4}|[〇零一二三四五六七八九]{4})年|力争|目标")


def _subject_words() -> dict[str, str]:
    """``{role: alternation}`` from ``resources/quantity_subject_words.csv`` (each word with
    its reason there)."""
    words: dict[str, list[str]] = {"lead": [], "tail": [], "stop": []}
    with open(SUBJECT_WORDS_FILE, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            words[row["role"]].append(row["word"])
    return {role: _alternation(found) for role, found in words.items()}


_WORDS = _subject_words()
# Words that open or close a clause around the thing measured, trimmed from the subject.
_SUBJECT_LEAD = re.compile(f"^(?:{_WORDS['lead']})+")
_SUBJECT_TAIL = re.compile(f"(?:{_WORDS['tail']})+$")
# A verb after the measured noun ends the subject: 90%以上研发人员|集中在企业.
_SUBJECT_STOP = re.compile(_WORDS["stop"])


def _arabic_value(number: str) -> float | None:
    parsed = _ARABIC_NUMBER.match(number)
    if parsed is None:
        return None
    value = float(parsed.group("digits").replace(",", ""))
    for magnitude in parsed.group("magnitude"):
        value *= _MAGNITUDE[magnitude]
    return value


def _number_value(number: str) -> float:
    """An Arabic number (with separators and magnitudes) or a Chinese numeral."""
    value = _arabic_value(number)
    return value if value is not None else float(chinese_numeral_value(number))


def _is_year(number: str) -> bool:
    return len(number) == _YEAR_DIGITS and (
        number.isdigit() or all(ch in "〇零一二三四五六七八九" for ch in number)
    )


def _counts_things(number: str, unit: str, before: str, more: str | None) -> bool:
    """A Chinese numeral is an amount with a unit of time or length (六个月内, 近两年), after a
    word of approximation (超千间, 近万家), before one (两千余家, 十余项, 三千多户: a scheme's
    parts are never “more than” so many), or with a digit before 万 or 亿 (两万个, 超三万户):
    scheme parts (一个平台, 四个基本原则) and names (千人计划, 万人计划) are not."""
    if unit in _TIME_OR_LENGTH or before in _APPROXIMATE or more:
        return True
    return any(g in number for g in "万亿") and number[0] not in "万亿千百"


def _read(text: str, match: re.Match) -> tuple[int, float, str, str] | None:
    """``(start, value, unit, before)`` for a real quantity, None for an identifier, a date or
    a numeral that counts no amount. ``start`` moves back over a qualifier before the number."""
    start = match.start()
    previous = text[start - 1] if start else ""
    before_match = _BEFORE.search(text, max(0, start - _CONTEXT), start)
    before = before_match.group(0) if before_match else ""
    if match.group("percent"):
        if previous in _NOT_BEFORE_NUMERALS:
            return None
        return start - len(before), _number_value(match.group("percent")), PERCENT, before
    if match.group("cn_den"):
        share = Fraction(
            chinese_numeral_value(match.group("cn_num")),
            chinese_numeral_value(match.group("cn_den")) or 1,
        )
        return start - len(before), float(share * 100), PERCENT, before
    number, unit = match.group("num"), match.group("unit")
    if _arabic_value(number) is not None:
        if previous in _NOT_BEFORE_DIGITS or _NOT_AFTER_DIGITS.match(text, match.end()):
            return None
        if match.group("den"):
            if int(match.group("den")) == 0:
                return None
            value = float(Fraction(_number_value(number)) / int(match.group("den")) * 100)
            return start - len(before), value, PERCENT, before
        if unit == "年" and _is_year(number):
            return None  # a calendar year
        if not before and (times := _TIMES_BEFORE.search(text, max(0, start - 2), start)):
            start = times.start()
        return start - len(before), _number_value(number), UNITS.get(unit, unit), before
    if not _CN_NUMBER.match(number) or match.group("den") or previous in _NOT_BEFORE_NUMERALS:
        return None
    if unit == "年" and _is_year(number):
        return None
    if not _counts_things(number, unit, before, match.group("more")):
        return None
    return start - len(before), _number_value(number), UNITS.get(unit, unit), before


def _in_dates(text: str) -> list[tuple[int, int]]:
    if "月" not in text:  # most texts hold no date: skip the scan
        return []
    return [m.span() for m in _DATE.finditer(text)]


def _qualifier(match: re.Match, before: str, text: str, clause: tuple[int, int], start: int) -> str:
    clause_start, clause_stop = clause
    words = [w for w in (before, match.group("more"), match.group("post")) if w]
    if not words:
        words = _CLAUSE_BOUND.findall(text, clause_start, start)[-1:]
    if _TARGET_CLAUSE.search(text, clause_start, clause_stop):
        words = [TARGET, *words]
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
    dates = _in_dates(text)
    for match in _QUANTITY.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in dates):
            continue
        read = _read(text, match)
        if read is None:
            continue
        start, value, unit, before = read
        end = match.end()
        quote = marks.enclosing_quote(start, end)
        # A slogan is read from outside its quote marks: 打通…的“最后100米”.
        outer_start, outer_end = quote if quote else (start, end)
        clause = marks.clause(start, end)
        found.append(
            {
                "text": text[start:end],
                "span_start": start,
                "span_end": end,
                "value": value,
                "unit": unit,
                "qualifier": _qualifier(match, before, text, clause, start),
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
    if SOURCE_COLUMN in items.columns:
        # Many lists at once: item ids restart in each, so each file is read on its own.
        return per_source(extract_quantities, items, field)
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
