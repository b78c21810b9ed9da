"""The Chinese numeral reader against cn2an's writer, on numbers from 0 to 10¹² in every form.

cn2an.an2cn writes each number (everyday, capital and digit-by-digit styles); the test then
rewrites it the ways a list does (两 for 二, 〇 for 零, a colloquial trailing digit) and checks
the reading by arithmetic. The colloquial forms are written here, not by cn2an.
"""

import cn2an
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from analysis.extract.quantities import find_quantities
from analysis.source.numerals import chinese_number_value, chinese_numeral_value

numbers = st.integers(min_value=0, max_value=10**12)


@given(numbers, st.sampled_from(["low", "up", "direct"]))
@example(10, "low")
@example(100050000, "low")
@example(10**12, "up")
@example(1005, "direct")
def test_every_style_cn2an_writes_is_read_back(n, style):
    assert chinese_numeral_value(cn2an.an2cn(n, style)) == n


def _with_liang(written: str) -> str:
    # 两 before a place word: 两百, 两千, 两万, 两亿 (never 两十).
    return "".join(
        "两" if ch == "二" and written[i + 1 : i + 2] in ("百", "千", "万", "亿") else ch
        for i, ch in enumerate(written)
    )


@given(numbers)
@example(2_200_000_000)
@example(1005)
def test_liang_and_ling_spellings(n):
    written = cn2an.an2cn(n, "low")
    assert chinese_numeral_value(_with_liang(written)) == n
    assert chinese_numeral_value(written.replace("零", "〇")) == n


_PLACES = {"百": 100, "千": 1_000, "万": 10_000, "亿": 10**8}


def _colloquial(place: str):
    # Before 百 or 千 a single digit (三千五); before 万 or 亿 any count of them (十二万五).
    largest = 9 if place in "百千" else 9999
    return st.tuples(st.just(place), st.integers(min_value=1, max_value=largest), st.integers(1, 9))


@given(st.sampled_from(list(_PLACES)).flatmap(_colloquial))
@example(("万", 1, 5))  # 一万五
@example(("千", 3, 5))  # 三千五
@example(("百", 1, 1))  # 一百一
@example(("百", 2, 5))  # 两百五
@example(("亿", 1, 5))  # 一亿五
def test_colloquial_trailing_digit(form):
    # 一万五 is 15000: the digit after the last place word counts the next place down.
    place, head, digit = form
    written = f"{cn2an.an2cn(head, 'low')}{place}{cn2an.an2cn(digit, 'low')}"
    expected = head * _PLACES[place] + digit * _PLACES[place] // 10
    assert chinese_numeral_value(written) == expected
    assert chinese_numeral_value(_with_liang(written)) == expected


@pytest.mark.parametrize(
    ("written", "value"),
    [("一万五", 15_000), ("三千五", 3_500), ("一百一", 110), ("两百五", 250), ("一亿五", 1.5e8),
     ("十万五", 105_000), ("一万零五", 10_005), ("万", 10_000), ("千", 1_000), ("千亿", 10**11),
     ("二〇二一", 2021), ("壹万贰仟", 12_000)],
)  # fmt: skip
def test_forms_read_by_hand(written, value):
    assert chinese_numeral_value(written) == value


@pytest.mark.parametrize("written", ["十十", "万万", "一一千"])
def test_malformed_numerals_are_refused(written):
    with pytest.raises(ValueError, match="not a Chinese numeral"):
        chinese_numeral_value(written)


def _km(n: int) -> float:
    found = find_quantities(f"新建道路{n}公里，")
    assert len(found) == 1, found
    return found[0]["value"]


@given(st.integers(min_value=1, max_value=10**12))
@example(1200)
def test_quantities_in_every_written_form(n):
    # Arabic digits, thousands separators, and a magnitude after Arabic digits (3千万, 1.2万).
    for written in (f"{n}", f"{n:,}", cn2an.an2cn(n, "low"), _with_liang(cn2an.an2cn(n, "low"))):
        found = find_quantities(f"新建道路{written}公里，")
        assert [(q["text"], q["value"]) for q in found] == [(f"{written}公里", n)]
    for magnitude, size in (("万", 10**4), ("亿", 10**8), ("千", 10**3), ("千万", 10**7)):
        if n % size == 0:
            found = find_quantities(f"新建道路{n // size}{magnitude}公里，")
            assert [q["value"] for q in found] == [n]
    if n % 1000 == 0 and n >= 10**4:
        found = find_quantities(f"新建道路{n // 10**4}.{n // 1000 % 10}万公里，")
        assert [q["value"] for q in found] == [pytest.approx(n)]


@given(st.integers(min_value=0, max_value=10**8), st.from_regex(r"[0-9]{0,2}[1-9]", fullmatch=True))
@example(3, "5")
@example(12, "5")
def test_decimals_cn2an_writes_are_read_back(whole, decimals):
    # 三点五 is 3.5, 十二点五 12.5: cn2an writes the decimal, the reader reads it back.
    written = cn2an.an2cn(f"{whole}.{decimals}", "low")
    assert chinese_number_value(written) == pytest.approx(float(f"{whole}.{decimals}"))
    assert chinese_number_value(written + "亿") == pytest.approx(float(f"{whole}.{decimals}") * 1e8)
