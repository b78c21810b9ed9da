"""The amounts a list states, in every unit a Chinese policy text writes them in.

One row per mention, in item order then text order. The columns, in order:

- ``item_id``, ``section_id``;
- ``text``: the exact source text, qualifier words that touch the number included
  (``达42%``, ``3万多场``, ``超千间``, ``六个月内``, ``30分钟左右``);
- ``span_start``, ``span_end``: character offsets into the item's ``content`` as the loader's
  table holds it (``items.content[span_start:span_end] == text``);
- ``value``: a float in the unit as written, its magnitude multiplied out (208万 → 2080000,
  1.5亿 → 150000000, 3千万 → 30000000, 1,200 → 1200, 近万 → 10000, 一万五 → 15000, 三千五 →
  3500, 20余万 → 200000, 十余万 → 100000). A share written as a percentage or a fraction is a
  percentage: 40% → 40, 百分之四十 → 40, 1/3 → 33.33…, 三分之一 → 33.33…; 5‰ and 三成 keep their
  own unit (5 ‰, 3 成);
- ``value_high``: the upper end of a range (3至5年, 10—20家, 3-5次: ``value`` is the lower
  end), empty otherwise;
- ``unit``: the unit's symbol from ``resources/units.csv`` (see analysis.extract.units): ``%``,
  ``km2``, ``m2``, ``亩``, ``km``, ``m``, ``s``, ``min``, ``h``, ``天``, ``工作日``, ``周``,
  ``月``, ``年``, ``t``, ``kWh``, ``kW``, ``GB``, ``元``, ``美元``, … or the counter word itself
  (个, 人, 人次, 支, 场, 间, 家, …);
- ``dimension``: what the unit measures (count, share, time, length, area, volume, mass, power,
  energy, money, data): figures and the report compare quantities within a dimension;
- ``value_base``: ``value`` in the dimension's base unit (time in seconds, area in m², energy
  in kWh, …; ``resources/dimensions.csv``): 15分钟 → 900, 2.5亿千瓦时 → 2.5e8, 超十万吨 → 1e8
  (kg). Empty for a foreign currency, which has no fixed rate to 元;
- ``qualifier``: the word that bounds or approximates the value (以上, 不低于, 最高, 最高可达,
  超, 多, 余, 达, 近, 约, 逾, 左右, 上下, 内, 以内, 提前, …), empty when there is none; it is
  never folded into the value (超十万吨 is 100000 t, qualifier 超). 最高 and its kin are also
  read from earlier in the clause (最高承担…40%); several are joined with ``+``, and ``目标``
  comes first when the clause sets a target (到2025年…达到2.5%, 力争…, …的目标);
- ``subject``: what is measured, a short phrase from the same clause;
- ``kind``: ``amount``, or ``slogan`` when the number sits inside a “…” slogan (“四个90%”);
- ``change_id``, ``role``: a change of one subject (由60个工作日压缩至30天, 从5天提高到…, 由A增至B)
  is two rows, ``role`` ``before`` and ``after``, sharing a ``change_id`` (``<item_id>.<n>``)
  and the subject named before 由/从; both empty for any other quantity. A ``before`` written
  without its unit (由3000增至5000家) takes the unit of the ``after``.

What is not a quantity, and why it never matches:

- identifiers: a number glued to Latin letters (5G; the data units GB, TB excepted), a bare
  number with no unit (the “12345” hotline, the coded names “146” and “31631”), ordinals
  (第一), calendar months (每年8月: a month is counted only as 个月), four-digit years, spans
  of years (2021—2025年) and dates (2021年3月1日, 3月1日: the 1日 is a day, not a duration);
- a unit's characters inside a word (3年级, 40周年, 一成不变: ``not_followed_by`` in
  ``units.csv``), and 度 anywhere but in electricity (1亿度, 100度电; 360度 is an angle);
- Chinese numerals that count the parts of a scheme rather than things in the world
  (一个平台、二层架构, 四个基本原则, 五大方面, 三级, 一对一): a Chinese numeral counts things
  only with a unit of measure (六个月内, 近两年, 一米, 十万吨, 三成), after a word of
  approximation (超千间, 近万家), before 余 or 多, with a digit before 万 or 亿 (两万个, 超三万户)
  or before 百 or 千 (三千五人次, 两百五个); a bare 千 or 万 before a counter names a programme
  (千人计划), not an amount.

The numerals are read by analysis.source.numerals (cn2an). The words that trim a subject
(``的``, ``可达``, …) are data, each with its reason, in ``resources/quantity_subject_words.csv``.

Only ``content`` is scanned by default: the names restate it (item 7's “四个90%” is in both).
"""

import csv
import math
import re
from fractions import Fraction

import pandas as pd

from ..paths import RESOURCES
from ..source.corpus import SOURCE_COLUMN, per_source
from ..source.numerals import CAPITAL_NUMERAL_CHARS, chinese_number_value
from ..source.partitions import concat_per_partition, is_dask_frame
from ..text.spans import TextMarks
from .units import COUNT, MONEY, SHARE, units

COLUMNS = [
    "item_id",
    "section_id",
    "text",
    "span_start",
    "span_end",
    "value",
    "value_high",
    "unit",
    "dimension",
    "value_base",
    "qualifier",
    "subject",
    "kind",
    "change_id",
    "role",
]
DTYPES = {"item_id": "int64", "section_id": "int64", "text": "str", "span_start": "int64",
          "span_end": "int64", "value": "float64", "value_high": "float64", "unit": "str",
          "dimension": "str", "value_base": "float64", "qualifier": "str", "subject": "str",
          "kind": "str", "change_id": "str", "role": "str"}  # fmt: skip
BEFORE, AFTER = "before", "after"
PERCENT = "%"
_UNITS = units()
# 3月 is March: a month is counted only as 个月 (六个月内), so bare 月 is never scanned.
_CALENDAR_ONLY = frozenset(["月"])
# 度 is a kWh only where electricity is meant: 1亿度, 100度电 (360度 is an angle, 年度 a year).
_ELECTRICITY = "度"
SUBJECT_WORDS_FILE = RESOURCES / "quantity_subject_words.csv"


def _alternation(words) -> str:
    # Longest first, so 平方公里 wins over 公里 and 个月 over 个.
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_UNIT = _alternation(w for w in _UNITS if w not in _CALENDAR_ONLY)
# The units 个多/个余 can split (3个多月): each written form after the 多, and its row in units.csv.
_INNER_UNITS = {
    "月": "个月",
    "小时": "小时",
    "星期": "个星期",
    "工作日": "工作日",
    "季度": "个季度",
}
_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿" + CAPITAL_NUMERAL_CHARS
# A decimal part and its magnitude may follow: 三点五, 二点五亿 (百分之十二点五).
_CN_DECIMAL = "(?:点[〇零一二三四五六七八九]+[万亿]?)"
_CN = f"[{_CN_DIGITS}]+{_CN_DECIMAL}?"
# Lazy before a unit, so a unit that starts with a magnitude wins: 3千米 is 3 km, 5千瓦 5 kW,
# 2.5亿千瓦时 2.5亿 kWh; 3千万元 still reads 3千万 元 (no unit starts 千万).
_CN_BEFORE_UNIT = f"[{_CN_DIGITS}]+?{_CN_DECIMAL}?"
# 1,200 (thousands separators), 1.5, 208; a magnitude may follow: 1.5亿, 3千万, 12.5万.
_ARABIC = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?"
_NUMBER = f"(?:{_ARABIC}[百千万亿]*?|{_CN_BEFORE_UNIT})"
_RANGE_DASH = "至|到|——|—|–|~|～|-|－"
_POST = "(?P<post>以上|以下|以内|之内|左右|上下(?![游级联班])|内)?"
# The scan starts with a character class, so the regex engine skips ahead to the next numeral
# instead of trying every position: this keeps extraction far faster than segmentation.
# A unit, a fraction or 百分之 is required, so bare codes (12345, “146”, “31631”) never match.
_QUANTITY = re.compile(
    f"(?=[0-9{_CN_DIGITS}])(?:"
    f"百分之(?P<percent>{_ARABIC}|{_CN})"
    f"|(?P<cn_den>{_CN})分之(?P<cn_num>{_CN})"
    f"|(?P<num>{_NUMBER})"
    f"(?:(?P<low_unit>{_UNIT})?(?:{_RANGE_DASH})(?P<high>{_NUMBER})(?=(?:多|余)?(?:{_UNIT})))?"
    # 3个多月, 两个多小时: the 多 sits inside the unit (tried before the counter 个).
    f"(?:/(?P<den>[0-9]+)|个(?P<inner_more>多|余)(?P<inner_unit>{_alternation(_INNER_UNITS)})"
    # 20余万元, 十余万人: the 余 or 多 may stand before the magnitude.
    f"|(?:(?P<more>多|余)(?P<more_magnitude>[万亿]{{0,2}}))?(?P<unit>{_UNIT}))"
    f"){_POST}"
)
# One character for one, so offsets into the translated text are offsets into the written one.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
_ARABIC_NUMBER = re.compile(f"^(?P<digits>{_ARABIC})(?P<magnitude>[百千万亿]*)$")
_CN_NUMBER = re.compile(f"^{_CN}$")
_PLACE_WORDS = frozenset("十百千万亿拾佰仟")
_MAGNITUDE = {"百": 100, "千": 1_000, "万": 10_000, "亿": 100_000_000}
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
    "(?P<word>最高可达|最高达|可达|不低于|不少于|不超过|不高于|超过|多达|达到|最高|最多|最低|至少"
    "|提前|将近|接近|大约|不足|不到|低于|高于|少于|超|近|约|逾|达)"
    # 约占30%, 约为3年: the share or size is still approximate; 占 and 为 are not qualifiers.
    "(?:占|为)?$"
)
# 上千家, 上万人: “upwards of” before a bare magnitude (成千上万 is an idiom, not an amount).
_UPWARDS = "上"
_IDIOM_BEFORE_UPWARDS = "成千"
# 最近三年 and 附近3公里 are “the last three years” and “nearby”, not approximations; 签约,
# 预约 and 节约 end in 约 (新签约亿元以上项目) without saying “about”.
_NOT_NEAR = frozenset("最附邻")
_NOT_ABOUT = frozenset("签预节制公条契邀")
# Only these words let a bare Chinese numeral count things: 超千间, but not 一个平台 or 第一家.
_APPROXIMATE = frozenset(["超过", "将近", "接近", "大约", "多达", "超", "近", "约", "逾", "上"])
_TIMES_BEFORE = re.compile(f"[{_CN_DIGITS}]个$")  # “四个90%”: four times 90 %
_NOT_BEFORE_DIGITS = frozenset("第.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
# 第一 is an ordinal, 每 a rate; 上一年 and 下一步 point to a neighbour, not an amount.
_NOT_BEFORE_NUMERALS = frozenset("第每上下")
_NOT_AFTER_DIGITS = re.compile("[A-Za-z0-9]")
_CONTEXT = 5  # the longest word of _BEFORE with its 占 or 为
# A bound stated earlier in the clause: 最高承担子基金在一个具体项目上40%的投资风险.
_CLAUSE_BOUND = re.compile("不超过|最高|最多|最低|至少")
_YEAR_DIGITS = 4
# A clause that sets a target (到2025年…达到2.5%, 力争…, …的目标) states a figure to reach, not one
# reached: its quantities carry the qualifier 目标.
TARGET = "目标"
_TARGET_CLAUSE = re.compile("(?:到|至)(?:[0-9]{4}|[〇零一二三四五六七八九]{4})年|力争|目标")
# 由原来的20个工作日压缩至5个工作日, 由平均45分钟缩短至12分钟: the words that may stand between
# 由 and the old figure, saying it is the old one or an average.
_EARLIER = "原来的|原先的|过去的|以往的|现行的|目前的|原来|原先|过去|原|平均"
# One change of one subject: 由60个工作日压缩至30天, 从5天提高到1天, 由3000增至5000家. The verb
# (压缩, 提高, 增, 缩短, …) is required: 由A至B with no verb is a range.
_CHANGE = re.compile(
    f"(?P<opening>由|从)(?:{_EARLIER})?"
    f"(?P<before>百分之(?:{_ARABIC}|{_CN})|{_ARABIC}[百千万亿]*|{_CN})(?P<before_unit>{_UNIT})?"
    f"[\u4e00-\u9fff]{{1,4}}?(?:至|到|为)(?=[0-9{_CN_DIGITS}])"
)


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
# Another number in the clause measures something else, so a subject stops before the next one
# and starts after the previous one: 1,427名|河长全年巡河|8.6万人次.
# Digits joined to Latin letters (5G, 4A级) name a thing, not an amount: they stay in a subject.
_OTHER_NUMBER = re.compile(f"(?<![A-Za-z0-9]){_ARABIC}(?![0-9])[百千万亿]*(?:{_UNIT})?(?![A-Za-z])")
# A conjunction between two numbers joins two members of a list (教师120人和校长35人): the
# words after it belong to the next number, and a number right after it shares the subject of
# the one before (分别增长18.4%和22.6%). 和谐, 和美 and 和平 are words, not the conjunction.
_CONJUNCTION = "以及|和|及|与|或"
_JOINED = re.compile(f"^(?:{_CONJUNCTION})(?![谐美平])")
_BRACKETED_CLASSIFIER = re.compile(r"^[（(][\u4e00-\u9fff]{1,2}[）)]")


def _arabic_value(number: str) -> float | None:
    parsed = _ARABIC_NUMBER.match(number)
    if parsed is None:
        return None
    value = float(parsed.group("digits").replace(",", ""))
    for magnitude in parsed.group("magnitude"):
        value *= _MAGNITUDE[magnitude]
    return value


def _number_value(number: str) -> float | None:
    """An Arabic number (with separators and magnitudes) or a Chinese numeral; None for a
    string of Chinese numeral characters that is no numeral (三五 outside a year, 十十)."""
    value = _arabic_value(number)
    if value is not None:
        return value
    whole = number.partition("点")[0]
    if len(whole) != _YEAR_DIGITS and not _PLACE_WORDS.intersection(whole) and len(whole) > 1:
        return None  # 三五年 is “three to five years”, not thirty-five
    try:
        return chinese_number_value(number)
    except ValueError:
        return None


def _shared_magnitude(low: str, low_value: float, high: str) -> float:
    """The lower end of a range with the magnitude the upper end carries for both: 3至5万元 is
    30000 to 50000 元, 三至五百人 300 to 500, 5至10万亿 5 to 10 × 10¹²; 500至1万 keeps its 500
    (larger than the 1)."""
    magnitude = high[len(high.rstrip("百千万亿")) :]
    if not magnitude or low[-1] in _MAGNITUDE or "点" in low:
        return low_value
    size = math.prod(_MAGNITUDE[ch] for ch in magnitude)
    head = _number_value(high[: -len(magnitude)])
    return low_value * size if head is not None and low_value <= head else low_value


def _is_year(number: str) -> bool:
    return len(number) == _YEAR_DIGITS and (
        number.isdigit() or all(ch in "〇零一二三四五六七八九" for ch in number)
    )


def _counts_things(number: str, dimension: str, before: str, more: str | None) -> bool:
    """A Chinese numeral is an amount with a unit of measure (六个月内, 近两年, 十万吨, 三成),
    after a word of approximation (超千间, 近万家), before or after one (两千余家, 十余项,
    三千多户, 两个以上: a scheme's parts are never “more than” so many), with a digit before
    万 or 亿 (两万个, 超三万户) or before 百 or 千 (三千五人次): scheme parts (一个平台,
    四个基本原则) and names (千人计划, 万人计划) are not."""
    if dimension not in (COUNT, MONEY) or before in _APPROXIMATE or more:
        return True
    return number[0] not in "万亿千百" and any(g in number for g in "万亿百千")


def _unit_of(match: re.Match) -> str | None:
    """The unit as ``units.csv`` writes it (个月 for 3个多月)."""
    inner = match.group("inner_unit")
    return _INNER_UNITS[inner] if inner else match.group("unit")


def _more_of(match: re.Match) -> str | None:
    return match.group("more") or match.group("inner_more")


def _unit_fits(text: str, match: re.Match, number: str) -> bool:
    """False where the unit's characters belong to a word (3年级, 40周年, 360度)."""
    written = _unit_of(match)
    group = "inner_unit" if match.group("inner_unit") else "unit"
    following = text[match.end(group) : match.end(group) + 1]
    if following and following in _UNITS[written].not_followed_by:
        return False
    if written == _ELECTRICITY:
        return following == "电" or any(g in number for g in "万亿")
    return True


def _read(text: str, match: re.Match) -> dict | None:
    """The fields read from one match: ``start`` (moved back over a qualifier before the
    number), ``value``, ``value_high``, ``unit`` (as written), ``before``; None for an
    identifier, a date, a year, a word or a numeral that counts no amount."""
    start = match.start()
    previous = text[start - 1] if start else ""
    before_match = _BEFORE.search(text, max(0, start - _CONTEXT), start)
    before = before_match.group("word") if before_match else ""
    written_before = len(before_match.group(0)) if before_match else 0
    word_before = text[start - written_before - 1 : start - written_before]
    if (before == "近" and word_before in _NOT_NEAR) or (
        before == "约" and word_before in _NOT_ABOUT
    ):
        before, written_before = "", 0
    number = match.group("num") or ""
    if (
        not before_match
        and previous == _UPWARDS
        and number[:1] in "百千万亿"
        and text[max(0, start - 3) : start - 1] != _IDIOM_BEFORE_UPWARDS
    ):
        before, written_before, previous = _UPWARDS, 1, ""
    found = {"start": start - written_before, "value_high": math.nan, "before": before}
    if match.group("percent"):
        value = _number_value(match.group("percent"))
        if previous in _NOT_BEFORE_NUMERALS or value is None:
            return None
        return {**found, "value": value, "unit": PERCENT}
    if match.group("cn_den"):
        numerator, denominator = (_number_value(match.group(g)) for g in ("cn_num", "cn_den"))
        if not numerator or not denominator:
            return None
        share = Fraction(int(numerator), int(denominator))
        return {**found, "value": float(share * 100), "unit": PERCENT}
    number, unit, high = match.group("num"), _unit_of(match), match.group("high")
    value = _number_value(number)
    if value is None or (high is not None and _number_value(high) is None):
        return None
    value *= math.prod(_MAGNITUDE[ch] for ch in match.group("more_magnitude") or "")
    if unit is not None and not _unit_fits(text, match, high or number):
        return None
    if match.group("low_unit") and _UNITS[match.group("low_unit")].symbol != _UNITS[unit].symbol:
        return None
    if high is not None:
        found["value_high"] = _number_value(high)
        if (_arabic_value(number) is None) != (_arabic_value(high) is None):
            return None  # 3至五年: one range is written in one script
        value = _shared_magnitude(number, value, high)
    if _arabic_value(number) is not None:
        if previous in _NOT_BEFORE_DIGITS or _NOT_AFTER_DIGITS.match(text, match.end()):
            return None
        if match.group("den"):
            if int(match.group("den")) == 0 or high is not None:
                return None
            share = Fraction(value) / int(match.group("den")) * 100
            return {**found, "value": float(share), "unit": PERCENT}
        if unit == "年" and _is_year(number) and (high is None or _is_year(high)):
            return None  # a calendar year, or a span of years (2021—2025年)
        if not before and (times := _TIMES_BEFORE.search(text, max(0, start - 2), start)):
            found["start"] = times.start()
        return {**found, "value": value, "unit": unit}
    if not _CN_NUMBER.match(number) or match.group("den") or previous in _NOT_BEFORE_NUMERALS:
        return None
    if unit == "年" and _is_year(number) and (high is None or _is_year(high)):
        return None
    more = _more_of(match) or match.group("post")
    if not _counts_things(high or number, _UNITS[unit].dimension, before, more):
        return None
    return {**found, "value": value, "unit": unit}


def _in_dates(text: str) -> list[tuple[int, int]]:
    if "月" not in text:  # most texts hold no date: skip the scan
        return []
    return [m.span() for m in _DATE.finditer(text)]


def _qualifier(match: re.Match, before: str, text: str, clause: tuple[int, int], start: int) -> str:
    clause_start, clause_stop = clause
    words = [w for w in (before, _more_of(match), match.group("post")) if w]
    if not words:
        words = _CLAUSE_BOUND.findall(text, clause_start, start)[-1:]
    if _TARGET_CLAUSE.search(text, clause_start, clause_stop):
        words = [TARGET, *words]
    return "+".join(words)


def _clean_subject(phrase: str, *, after: bool) -> str:
    phrase = phrase.replace("“", "").replace("”", "")
    if after:
        # 1,200台（套）: a second classifier in brackets belongs to the number, not its subject.
        phrase = _BRACKETED_CLASSIFIER.sub("", phrase)
    if after and _JOINED.match(phrase):
        return ""
    if not after and (earlier := [m.end() for m in _OTHER_NUMBER.finditer(phrase)]):
        phrase = _JOINED.sub("", phrase[earlier[-1] :])
    phrase = _SUBJECT_LEAD.sub("", phrase)
    if after and (stop := _SUBJECT_STOP.search(phrase)):
        phrase = phrase[: stop.start()]
    if after and (number := _OTHER_NUMBER.search(phrase)):
        # Unless the number itself opens the subject (分3年使全市|662个社区).
        words_before = _clean_subject(phrase[: number.start()], after=True)
        if words_before:
            return words_before
    return _SUBJECT_TAIL.sub("", phrase)


def subject_of(marks: TextMarks, start: int, end: int) -> str:
    """What the number at ``text[start:end]`` measures: the noun after it (3万多场|应急演练),
    else the noun before it (生活垃圾回收率|达42%), else the rest of its clause; a number that
    stands alone after 、 or a conjunction shares the subject of the list's number before it
    (归集电子证照218类、1,860万张; 分别增长18.4%和22.6%), and the words after a conjunction
    belong to the next number (教师120人|和校长35人)."""
    text = marks.text
    first, stop = marks.clause(start, end)
    after = _clean_subject(text[end:stop], after=True)
    if after:
        return after
    before = _clean_subject(text[first:start], after=False)
    if before:
        return before
    previous = list(_OTHER_NUMBER.finditer(text, first, start))
    if previous and _JOINED.fullmatch(text[previous[-1].end() : start]):
        return subject_of(marks, previous[-1].start(), previous[-1].end())
    rest = _SUBJECT_LEAD.sub("", text[end:stop].replace("“", "").replace("”", ""))
    if rest or first == 0 or text[first - 1] != "、":
        return rest
    member, _ = marks.clause(first - 1, first - 1)
    numbers = list(_OTHER_NUMBER.finditer(text, member, first - 1))
    if not numbers:
        return rest
    return subject_of(marks, numbers[-1].start(), numbers[-1].end())


def _measured(value: float, value_high: float, written_unit: str) -> dict:
    unit = _UNITS.get(written_unit)
    symbol = unit.symbol if unit else written_unit
    factor = unit.factor if unit else 1.0
    return {
        "value": value,
        "value_high": value_high,
        "unit": symbol,
        "dimension": unit.dimension if unit else SHARE if symbol == PERCENT else COUNT,
        "value_base": value * factor,
    }


def _link_changes(text: str, marks: TextMarks, found: list[dict]) -> list[dict]:
    """Mark 由A压缩至B as one change: A ``before``, B ``after``, one subject (the words before
    由/从). A written without a unit (由3000增至5000家) is added with B's unit."""
    by_start = {row["span_start"]: row for row in found}
    changes = 0
    for change in _CHANGE.finditer(text):
        after = by_start.get(change.end())
        if after is None or not math.isnan(after["value_high"]):  # none, or a range
            continue
        before_at = change.start("before")
        before = by_start.get(before_at)
        if before is None:
            if change.group("before_unit"):
                continue  # the before was refused as a quantity (a year, a word)
            value = _number_value(change.group("before"))
            if value is None or (
                _arabic_value(change.group("before")) is None
                and not _counts_things(change.group("before"), after["dimension"], "", None)
            ):
                continue
            factor = after["value_base"] / after["value"] if after["value"] else 1.0
            before = {
                **after,
                "text": change.group("before"),
                "span_start": before_at,
                "span_end": change.end("before"),
                "value": value,
                "value_base": value * factor,
                "qualifier": "",
            }
            found.append(before)
        first, _ = marks.clause(change.start(), change.end())
        subject = _clean_subject(text[first : change.start()], after=False) or before["subject"]
        changes += 1
        for row, role in ((before, BEFORE), (after, AFTER)):
            row.update(change_id=str(changes), role=role, subject=subject)
    return sorted(found, key=lambda row: row["span_start"])


def find_quantities(text: str) -> list[dict]:
    """Every quantity in one text: the row fields except ``item_id`` and ``section_id``
    (``change_id`` numbers the changes of this text: 1, 2, …). Full-width digits (１２０万)
    are read as digits; ``text`` keeps them as written."""
    written, text = text, text.translate(_FULL_WIDTH)
    found = []
    marks = TextMarks(text)
    dates = _in_dates(text)
    for match in _QUANTITY.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in dates):
            continue
        read = _read(text, match)
        if read is None:
            continue
        start, end = read["start"], match.end()
        quote = marks.enclosing_quote(start, end)
        # A slogan is read from outside its quote marks: 打通…的“最后100米”.
        outer_start, outer_end = quote if quote else (start, end)
        clause = marks.clause(start, end)
        found.append(
            {
                "text": written[start:end],
                "span_start": start,
                "span_end": end,
                **_measured(read["value"], read["value_high"], read["unit"]),
                "qualifier": _qualifier(match, read["before"], text, clause, start),
                "subject": subject_of(marks, outer_start, outer_end),
                "kind": "slogan" if quote else "amount",
                "change_id": "",
                "role": "",
            }
        )
    if found and ("由" in text or "从" in text):
        found = _link_changes(text, marks, found)
        for row in found:
            row["text"] = written[row["span_start"] : row["span_end"]]
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
            if found["change_id"]:
                found["change_id"] = f"{item_id}.{found['change_id']}"
            rows.append({"item_id": item_id, "section_id": section_id, **found})
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.astype(DTYPES)
