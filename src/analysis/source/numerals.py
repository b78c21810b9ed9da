"""Section numerals (一、二、…) and item numbers written with full-width digits."""

import unicodedata

import cn2an

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
# The capital numerals of financial writing (壹万贰仟元) are read as their everyday forms.
_CAPITALS = str.maketrans("壹贰叁肆伍陆柒捌玖拾佰仟", "一二三四五六七八九十百千")
CAPITAL_NUMERAL_CHARS = "壹贰叁肆伍陆柒捌玖拾佰仟"
_NUMERAL_CHARS = frozenset(_DIGITS) | frozenset("十百千万亿") | frozenset(CAPITAL_NUMERAL_CHARS)


def is_chinese_numeral(text: str) -> bool:
    return bool(text) and all(ch in _NUMERAL_CHARS for ch in text)


def chinese_numeral_value(text: str) -> int:
    """``"五"`` → 5, ``"十二"`` → 12, ``"一百零三"`` → 103, ``"十二万五千"`` → 125000,
    ``"一亿二千万"`` → 120000000; the colloquial trailing digit a reader reads as the next place
    down: ``"一万五"`` → 15000, ``"三千五"`` → 3500, ``"一百一"`` → 110, ``"一亿五"`` →
    150000000; a bare magnitude as in 近万 or 超千: ``"万"`` → 10000; digits with no unit between
    them place by place, as years are written: ``"二〇二一"`` → 2021; capitals as in financial
    writing: ``"壹仟零伍"`` → 1005. A string that is no
    numeral (``"十十"``, ``"万万"``) raises ValueError.

    cn2an reads the numeral (its ``normal`` mode knows the colloquial forms and rejects
    malformed ones). Two forms it does not read are rewritten first: a bare magnitude gets its
    一 (万 → 一万), and a digit after 亿 is spelled out (一亿五 → 一亿五千万), where cn2an 0.5
    raises KeyError.
    """
    if not is_chinese_numeral(text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    spelled = _spelled_for_cn2an(text)
    try:
        value = cn2an.cn2an(spelled, "normal")
    except (ValueError, KeyError) as error:
        raise ValueError(f"not a Chinese numeral: {text!r}") from error
    return int(value)


def chinese_number_value(text: str) -> float:
    """A Chinese numeral with an optional decimal part and magnitude: ``"三点五"`` → 3.5,
    ``"二点五亿"`` → 250000000, ``"百分之"``'s ``"十二点五"`` → 12.5; without 点 the value of
    ``chinese_numeral_value``. Raises ValueError for a string that is no number."""
    whole, point, rest = text.partition("点")
    if not point:
        return float(chinese_numeral_value(text))
    digits = rest.rstrip("万亿")
    magnitude = rest[len(digits) :]
    if not digits or any(ch not in _DIGITS for ch in digits) or "万亿" in magnitude[1:]:
        raise ValueError(f"not a Chinese number: {text!r}")
    value = chinese_numeral_value(whole) + float("0." + "".join(str(_DIGITS[d]) for d in digits))
    for ch in magnitude:
        value *= 10**4 if ch == "万" else 10**8
    return value


def _spelled_for_cn2an(text: str) -> str:
    text = text.translate(_CAPITALS)
    if text[0] in "百千万亿":
        text = "一" + text
    if len(text) >= 2 and text[-2] == "亿" and text[-1] in _DIGITS and _DIGITS[text[-1]]:
        text += "千万"
    return text


def chinese_numeral(value: int) -> str:
    """The inverse for 1–99, used to name the numeral a list should have had."""
    if not 1 <= value <= 99:
        raise ValueError(f"section numbers run from 1 to 99, not {value}")
    names = "零一二三四五六七八九"
    tens, ones = divmod(value, 10)
    if tens == 0:
        return names[ones]
    prefix = "" if tens == 1 else names[tens]
    return prefix + "十" + (names[ones] if ones else "")


def ascii_digits(text: str) -> str:
    """Full-width or other Unicode decimal digits → ASCII (``"４７"`` → ``"47"``)."""
    return "".join(str(unicodedata.digit(ch)) if ch.isdecimal() else ch for ch in text)
