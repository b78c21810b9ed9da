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
_NUMERAL_CHARS = frozenset(_DIGITS) | frozenset(_UNITS)


def is_chinese_numeral(text: str) -> bool:
    return bool(text) and all(ch in _NUMERAL_CHARS for ch in text)


def chinese_numeral_value(text: str) -> int:
    """``"五"`` → 5, ``"十二"`` → 12, ``"二十"`` → 20, ``"一百零三"`` → 103."""
    if not is_chinese_numeral(text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
    return total + (digit or 0)


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
