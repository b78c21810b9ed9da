"""A section's declared count: the number of items its title says it has (（共6项）, （5项）,
共12条). Lists published abridged keep the count while leaving the items out, so the count is
what tells an abridged section from a damaged one."""

import re

from .numerals import ascii_digits, chinese_numeral_value

_NUMBER = r"([0-9０-９]+|[一二三四五六七八九十百两〇零]+)"
_UNIT = r"[项條条个]"
_IN_BRACKETS = re.compile(rf"[（(]\s*(?:共\s*)?{_NUMBER}\s*{_UNIT}\s*[）)]")
_CLOSING_COUNT = re.compile(rf"\s*[（(]\s*(?:共\s*)?{_NUMBER}\s*{_UNIT}\s*[）)]\s*$")
_TOTAL = re.compile(rf"共\s*{_NUMBER}\s*{_UNIT}")

# Why items are absent: a code for the report's wording (report_text.json, code.absence.*),
# and the reason as the table states it.
ABRIDGED_SECTION = "heading_only"
ALLOWED_GAP = "allowed_gap"
REASONS = {
    ABRIDGED_SECTION: "section published with its heading only",
    ALLOWED_GAP: "absent from the file (allowed by --allow-gaps)",
}


def without_declared_count(title: str) -> str:
    """The title without a closing （共6项）: a figure's label names the section, and the
    count is data of its own (``declared_items``), not a word of the name."""
    stripped = _CLOSING_COUNT.sub("", title)
    return stripped or title


def declared_count(title: str) -> int | None:
    """``"四、军民深度融合方面（共6项）"`` → 6, ``"（5项）"`` → 5, ``"…共12条"`` → 12; None when the
    title states no count. The last stated count wins: it is the one closing the title."""
    matches = list(_IN_BRACKETS.finditer(title)) or list(_TOTAL.finditer(title))
    if not matches:
        return None
    number = matches[-1].group(1)
    digits = ascii_digits(number)
    return int(digits) if digits.isdecimal() else chinese_numeral_value(number)
