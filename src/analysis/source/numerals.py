"""Section numerals (一、二、…) and item numbers written with full-width digits."""

import unicodedata

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
_UNITS = {"十": 10, "百": 100, "千": 1000}
# 万 and 亿 close a group of four digits: 三千万 is 3000 × 10⁴, 一亿二千万 is 10⁸ + 2000 × 10⁴.
_GROUPS = {"万": 10**4, "亿": 10**8}
_NUMERAL_CHARS = frozenset(_DIGITS) | frozenset(_UNITS) | frozenset(_GROUPS)


def is_chinese_numeral(text: str) -> bool:
    return bool(text) and all(ch in _NUMERAL_CHARS for ch in text)


def chinese_numeral_value(text: str) -> int:
    """``"五"`` → 5, ``"十二"`` → 12, ``"二十"`` → 20, ``"一百零三"`` → 103,
    ``"三万"`` → 30000, ``"十二万五千"`` → 125000, ``"一亿二千万"`` → 120000000, and a bare
    magnitude as in 近万 or 超千: ``"万"`` → 10000. Digits with no unit between them are read
    place by place, as years are written: ``"二〇二一"`` → 2021."""
    if not is_chinese_numeral(text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if len(text) > 1 and all(ch in _DIGITS for ch in text):
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, group, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            group += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        else:
            # Everything since the last 亿 (for 亿) or the last 万 (for 万) is multiplied.
            below = group + (digit or 0)
            if ch == "亿":
                total = ((total + below) or 1) * _GROUPS[ch]
            else:
                total += (below or 1) * _GROUPS[ch]
            group, digit = 0, None
    return total + group + (digit or 0)


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
