"""The quantity reader on numbers written in every form a list uses (property-based).

Hypothesis draws a number, the test writes it out the way a list would (Arabic digits with and
without thousands separators, Chinese numerals, 万/亿/千 magnitudes, 百分之, fractions, with
近/超/多/余), and the reader must give the number back. The Chinese numerals are written by
``chinese`` below, independently of the reader's own parser.

The scale of ``value`` (see analysis.extract.quantities): amounts are plain numbers with the
magnitude multiplied out; every share is a percentage, 40% and 1/3 alike.
"""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from analysis.extract.quantities import find_quantities
from analysis.source.numerals import chinese_numeral_value

_DIGITS = "零一二三四五六七八九"


def _below_ten_thousand(n: int) -> str:
    out, zero = "", False
    for place, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // place % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += _DIGITS[digit] + unit
    return out


def chinese(n: int) -> str:
    """How a Chinese text writes ``n`` (below 10¹²): 10 → 十, 1005 → 一千零五,
    120000000 → 一亿二千万, 100050000 → 一亿零五万."""
    if n == 0:
        return "零"
    out, gap = "", False
    for group, name in ((n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")):
        if group == 0:
            gap = bool(out)
            continue
        if out and (gap or group < 1000):
            out += "零"
        out += _below_ten_thousand(group) + name
        gap = False
    return out[1:] if out.startswith("一十") else out


def test_the_writer_agrees_with_hand_written_numerals():
    written = {
        10: "十",
        15: "十五",
        20: "二十",
        103: "一百零三",
        1005: "一千零五",
        30000: "三万",
        125000: "十二万五千",
        100050000: "一亿零五万",
        120000000: "一亿二千万",
    }
    assert {n: chinese(n) for n in written} == written


def read(text: str) -> list[tuple[str, float, str, str]]:
    return [(q["text"], q["value"], q["unit"], q["qualifier"]) for q in find_quantities(text)]


def only(text: str) -> tuple[str, float, str, str]:
    found = read(text)
    assert len(found) == 1, found
    return found[0]


counts = st.integers(min_value=1, max_value=10**9)


@given(counts)
@example(1200)
def test_arabic_digits_with_and_without_separators(n):
    for written in (f"{n}", f"{n:,}"):
        text, value, unit, qualifier = only(f"全年新增企业{written}家，")
        assert (text, value, unit, qualifier) == (f"{written}家", n, "家", "")


@given(st.integers(min_value=1, max_value=10**11))
@example(10)
@example(100050000)
def test_chinese_numerals(n):
    # A Chinese numeral is an amount with a unit of length (or time).
    text, value, unit, _ = only(f"新建道路{chinese(n)}公里，")
    assert (text, value, unit) == (f"{chinese(n)}公里", n, "km")


@given(st.integers(min_value=1, max_value=9999))
@example(3)
@example(10)
def test_chinese_numerals_with_wan_and_yi_count_things(k):
    assert only(f"提供岗位{chinese(k)}万个，")[1:3] == (k * 10**4, "个")
    assert only(f"投入资金{chinese(k)}亿元，")[1:3] == (k * 10**8, "元")


@given(st.integers(min_value=1, max_value=99_999), st.sampled_from(["万", "亿", "千万", "千"]))
@example(15, "亿")
@example(125, "万")
@example(3, "千万")
def test_arabic_with_magnitudes(tenths, magnitude):
    scale = {"万": 10**4, "亿": 10**8, "千万": 10**7, "千": 10**3}[magnitude]
    for number, exact in ((f"{tenths}", tenths * scale), (f"{tenths / 10:g}", tenths * scale / 10)):
        text, value, unit, _ = only(f"设立基金{number}{magnitude}元，")
        assert text == f"{number}{magnitude}元" and unit == "元"
        assert value == pytest.approx(exact)


@given(st.integers(min_value=1, max_value=100))
@example(40)
def test_percentages_in_every_form(p):
    assert only(f"费用降低{p}%，")[1:3] == (p, "%")
    assert only(f"费用降低百分之{chinese(p)}，")[1:3] == (p, "%")


@given(st.integers(min_value=1, max_value=19), st.integers(min_value=2, max_value=20))
@example(1, 3)
def test_fractions_are_shares_in_percent(a, b):
    expected = pytest.approx(a / b * 100)
    assert only(f"比例不低于{a}/{b}，") == (f"不低于{a}/{b}", expected, "%", "不低于")
    assert only(f"比例达到{chinese(b)}分之{chinese(a)}，")[1:3] == (expected, "%")


@given(counts, st.sampled_from(["近", "超"]))
def test_qualifiers_before_the_number(n, word):
    assert only(f"服务市场主体{word}{n}家，") == (f"{word}{n}家", n, "家", word)


@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["多", "余"]))
def test_qualifiers_before_the_unit(n, word):
    assert only(f"举办招聘会{n}{word}场，") == (f"{n}{word}场", n, "场", word)
    assert only(f"开展演练{n}万{word}场，") == (f"{n}万{word}场", n * 10**4, "场", word)


@given(st.integers(min_value=1, max_value=99), st.sampled_from(["多", "余"]))
@example(2, "余")
def test_chinese_numerals_before_an_approximation_count_things(k, word):
    # 两千余家, 十余项, 三千多户: a round Chinese numeral before 余 or 多 is an amount.
    for n in (k * 10, k * 1000):
        assert only(f"服务企业{chinese(n)}{word}家，") == (f"{chinese(n)}{word}家", n, "家", word)


@given(st.sampled_from(["近", "超"]), st.sampled_from(["千", "万"]))
def test_a_bare_magnitude_after_an_approximation(word, magnitude):
    value = {"千": 1000, "万": 10_000}[magnitude]
    assert only(f"惠及企业{word}{magnitude}家，") == (f"{word}{magnitude}家", value, "家", word)


@given(
    st.integers(min_value=1990, max_value=2099),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=28),
)
@example(2021, 3, 1)
def test_dates_are_not_durations(year, month, day):
    assert read(f"自{year}年{month}月{day}日起施行，") == []
    assert read(f"于{month}月{day}日前完成，") == []
    assert read(f"项目于{year}年{month}月启动，") == []


def test_chinese_years_are_not_durations():
    assert read("自二〇二一年三月一日起施行") == []
    assert chinese_numeral_value("二〇二一") == 2021


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("设立总规模2亿元的基金", [("2亿元", 2e8, "元", "")]),
        ("首期到位资金1.5亿元，", [("1.5亿元", 1.5e8, "元", "")]),
        ("累计服务市场主体近万家，", [("近万家", 1e4, "家", "近")]),
        ("惠及超三万户市场主体", [("超三万户", 3e4, "户", "超")]),
        ("已累计发卡超十万人次，", [("超十万人次", 1e5, "人次", "超")]),
        ("全年兑现资金3千万元，", [("3千万元", 3e7, "元", "")]),
        ("新增产业空间12.5万平方米，", [("12.5万平方米", 125_000, "m2", "")]),
        ("办理时间平均压缩百分之四十。", [("百分之四十", 40, "%", "")]),
        ("惠及企业1,200家。", [("1,200家", 1200, "家", "")]),
        ("自2021年3月1日起施行", []),
        ("入选“千人计划”", []),  # a programme's name, not an amount
        ("一个平台，两万个岗位", [("两万个", 2e4, "个", "")]),
        ("服务企业两千余家。", [("两千余家", 2000, "家", "余")]),
        ("形成经验做法十余项。", [("十余项", 10, "项", "余")]),
        ("惠及三千多户", [("三千多户", 3000, "户", "多")]),
        # A working day is a unit of time, not a counter: 60个工作日 is a duration.
        ("5个工作日内办结", [("5个工作日内", 5, "工作日", "内")]),
        # A cap, not a figure reached.
        ("合同金额最高可达1.2亿元", [("最高可达1.2亿元", 1.2e8, "元", "最高可达")]),
        ("补贴最高达50万元", [("最高达50万元", 5e5, "元", "最高达")]),
        # A target: the clause says by when the figure is to be reached.
        ("明确到2025年研发投入强度达到2.5%的目标", [("达到2.5%", 2.5, "%", "目标+达到")]),
        ("力争新增企业100家", [("100家", 100, "家", "目标")]),
        # Chinese decimals, percentage points, upwards of, 约占; neighbours are not amounts.
        ("增长百分之三点五", [("百分之三点五", 3.5, "%", "")]),
        ("投资二点五亿元", [("二点五亿元", 2.5e8, "元", "")]),
        ("强度提高0.5个百分点", [("0.5个百分点", 0.5, "百分点", "")]),
        ("吸引上万人参与", [("上万人", 1e4, "人", "上")]),
        ("成千上万家企业", []),
        ("社会资本约占30%", [("约占30%", 30, "%", "约")]),
        ("比上一年增长", []),
        ("最近三年", [("三年", 3, "年", "")]),
        ("人均住房面积30平米", [("30平米", 30, "m2", "")]),
        ("建设110千伏变电站3座", [("3座", 3, "座", "")]),  # a voltage class is no amount
        ("县级以上3年级学生", []),
        ("每年举办活动200余场次", [("200余场次", 200, "场次", "余")]),
        ("审批用时3个多月", [("3个多月", 3, "月", "多")]),
        ("两个多小时", [("两个多小时", 2, "h", "多")]),
        ("连续3个季度", [("3个季度", 3, "季度", "")]),
        ("第一季度", []),  # a calendar quarter
        ("每个园区引进两个以上项目", [("两个以上", 2, "个", "以上")]),
        ("人均预期寿命达到82岁", [("达到82岁", 82, "岁", "达到")]),
        ("节能量达到10万吨标准煤", [("达到10万吨标准煤", 1e5, "tce", "达到")]),
    ],
)
def test_forms_the_review_found(text, expected):
    assert read(text) == [(t, pytest.approx(v), u, q) for t, v, u, q in expected]


def test_forty_percent_and_one_third_are_on_one_scale():
    forty, third = only("降低40%，"), only("不低于1/3，")
    assert (forty[1], forty[2]) == (40, "%")
    assert (third[1], third[2]) == (pytest.approx(33.333333), "%")


def test_a_change_in_working_days_is_read_as_two_durations():
    found = find_quantities("项目审批时限由60个工作日压缩至30天，")
    assert [(q["text"], q["unit"]) for q in found] == [("60个工作日", "工作日"), ("30天", "天")]
    assert found[0]["subject"] == "项目审批时限"


@given(
    st.integers(min_value=1, max_value=9999),
    st.integers(min_value=1, max_value=9999),
    st.sampled_from(["至", "到", "—", "——", "-", "~", "～"]),
    st.sampled_from([("家", "count"), ("年", "time"), ("%", "share"), ("万吨", "mass")]),
)
@example(3, 2, "至", ("年", "time"))
@example(10, 10, "—", ("家", "count"))
@example(1, 1, "至", ("万吨", "mass"))  # 1至2万吨: the 万 belongs to both ends
def test_ranges_are_a_low_and_a_high_value(low, span, dash, unit_and_dimension):
    unit, dimension = unit_and_dimension
    if unit == "年":
        low, span = low % 100 + 1, span % 100  # four digits before 年 are calendar years
    high = low + span
    scale = 10**4 if unit == "万吨" else 1
    found = find_quantities(f"建设周期为{low}{dash}{high}{unit}，")
    assert [(q["text"], q["dimension"]) for q in found] == [(f"{low}{dash}{high}{unit}", dimension)]
    assert (found[0]["value"], found[0]["value_high"]) == (low * scale, high * scale)


@given(
    st.integers(min_value=1, max_value=10**6),
    st.sampled_from(["约", "近", "超", "逾", "超过", "接近", "大约", "不足", "不到"]),
    st.sampled_from(["", "左右", "上下", "以上", "以内"]),
)
def test_approximations_are_qualifiers_never_values(n, before, after):
    # 超十万吨 is 100000 t over, not more: the words go to the qualifier, the value stays n.
    found = find_quantities(f"年处置能力{before}{n}吨{after}，")
    qualifier = "+".join(word for word in (before, after) if word)
    assert [(q["text"], q["value"], q["unit"], q["qualifier"]) for q in found] == [
        (f"{before}{n}吨{after}", n, "t", qualifier)
    ]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("3至5万元", 3e4, 5e4), ("三至五百人", 300, 500), ("500至1万元", 500, 1e4),
     ("5至10万亿元", 5e12, 1e13), ("3至5千万元", 3e7, 5e7), ("3万至5万元", 3e4, 5e4)],
)  # fmt: skip
def test_a_range_shares_its_magnitude(text, low, high):
    (found,) = find_quantities(text)
    assert (found["value"], found["value_high"]) == (low, high)


def test_spans_of_years_are_not_ranges():
    assert read("“十四五”时期（2021—2025年）") == []
    assert read("2021年至2025年") == []


def test_full_width_digits_are_digits_and_the_text_stays_as_written():
    text = "新增企业１２０家，由３０００增至５０００家，占比４０．５％"
    found = find_quantities(text)
    assert [(q["text"], q["value"], q["unit"], q["role"]) for q in found] == [
        ("１２０家", 120, "家", ""),
        ("３０００", 3000, "家", "before"),
        ("５０００家", 5000, "家", "after"),
        ("４０．５％", 40.5, "%", ""),
    ]
    assert all(text[q["span_start"] : q["span_end"]] == q["text"] for q in found)


@given(st.integers(min_value=1_000, max_value=999_999), st.integers(min_value=1, max_value=99))
def test_a_grouped_number_neither_splits_its_clause_nor_leaks_into_a_subject(n, tenths):
    text = f"全市{n:,}名河长全年巡河{tenths / 10}万人次。"
    people, visits = find_quantities(text)
    assert (people["value"], people["unit"]) == (n, "名")
    assert visits["value"] == pytest.approx(tenths * 1_000)
    # Each subject is the words between the numbers, never a piece of the other number.
    assert people["subject"] == visits["subject"] == "河长全年巡河"


def test_mu_times_are_a_unit_of_their_own():
    (hosted,) = find_quantities("累计托管210万亩次。")
    assert (hosted["value"], hosted["unit"], hosted["subject"]) == (2_100_000, "亩次", "累计托管")


def test_a_number_alone_after_a_list_comma_shares_the_subject_before_it():
    # Nothing lost: 1,860万张 has no word of its own; a reader reads it as more 电子证照.
    kinds, sheets = find_quantities("已归集电子证照218类、1,860万张，")
    assert (kinds["value"], kinds["subject"]) == (218, "归集电子证照")
    assert (sheets["value"], sheets["unit"], sheets["subject"]) == (
        18_600_000,
        "张",
        "归集电子证照",
    )
    # A member with its own words keeps them.
    _, homes = find_quantities("基地360个、妇女儿童之家713个。")
    assert homes["subject"] == "妇女儿童之家"


@pytest.mark.parametrize("conjunction", ["和", "及", "与", "以及"])
def test_numbers_joined_by_a_conjunction_keep_their_own_subjects(conjunction):
    # Two members of one list: the words after the conjunction are the second member's.
    teachers, heads = find_quantities(f"培训教师120人{conjunction}校长35人。")
    assert (teachers["value"], teachers["subject"]) == (120, "培训教师")
    assert (heads["value"], heads["subject"]) == (35, "校长")
    # A number right after the conjunction has no words of its own and shares the first's.
    tourism, growth, more_growth = find_quantities(
        f"实现旅游收入3850亿元，分别增长18.4%{conjunction}22.6%。"
    )
    assert (growth["value"], more_growth["value"]) == (18.4, 22.6)
    assert growth["subject"] == more_growth["subject"] == "分别增长"
    assert tourism["subject"] == "实现旅游收入"


def test_a_word_that_starts_with_a_conjunction_character_is_a_subject():
    # 和谐 after a number opens its noun, not a second member of a list.
    (communities,) = find_quantities("新建12个和谐社区。")
    assert communities["subject"] == "和谐社区"


def test_a_time_before_ago_or_since_is_no_amount():
    # 三年前 is three years ago and 两年来 the last two years: points and frames of time.
    assert [r["text"] for r in find_quantities("较三年前提高31个百分点。")] == ["31个百分点"]
    (items,) = find_quantities("两年来共发布榜单项目76项。")
    assert (items["value"], items["unit"]) == (76, "项")
    assert find_quantities("3个月后启动。") == []
    # A duration stays one, also within a bound.
    (free,) = find_quantities("给予三年免租。")
    assert (free["value"], free["unit"]) == (3, "年")
    (within,) = find_quantities("3年内完成改造。")
    assert (within["value"], within["qualifier"]) == (3, "内")


def test_yue_closing_a_word_is_no_approximation():
    # 签约 (sign), 节约 (save) end in 约 without saying "about".
    threshold, count = find_quantities("全年新签约亿元以上项目326个。")
    assert (threshold["text"], threshold["qualifier"]) == ("亿元以上", "以上")
    assert count["value"] == 326
    (saved,) = find_quantities("节约资金约500万元。")
    assert (saved["value"], saved["qualifier"]) == (5_000_000, "约")


def test_a_verb_of_change_or_a_sum_word_ends_no_subject():
    (cover,) = find_quantities("全县森林覆盖率提高到65.3%。")
    assert cover["subject"] == "全县森林覆盖率"
    (summed,) = find_quantities("发放创业担保贷款和一次性创业补贴共计560万元。")
    assert summed["subject"] == "发放创业担保贷款和一次性创业补贴"


def test_a_bracketed_second_classifier_belongs_to_its_number():
    (kits,) = find_quantities("购置设备36台（套）应急救援物资。")
    assert (kits["value"], kits["unit"], kits["subject"]) == (36, "台", "应急救援物资")


def test_firm_times_are_a_unit_of_their_own():
    (visits,) = find_quantities("惠及企业2.36万家次。")
    assert (visits["value"], visits["unit"], visits["subject"]) == (23_600, "家次", "惠及企业")


@pytest.mark.parametrize("thing", ["5G基站", "4A级旅游景区", "15G网络站点"])
def test_digits_joined_to_letters_stay_in_the_subject(thing):
    # 5G names a network, 4A级 a grade: no number of their own to cut the subject at.
    (count,) = find_quantities(f"全市建成{thing}3,200个。")
    assert (count["value"], count["subject"]) == (3_200, thing)


def test_a_change_from_an_average_is_one_change_of_one_subject():
    before, after = find_quantities("应急响应启动时间由平均45分钟缩短至12分钟。")
    assert (before["role"], after["role"]) == ("before", "after")
    assert before["change_id"] == after["change_id"]
    assert before["subject"] == after["subject"] == "应急响应启动时间"
    assert (before["value"], after["value"]) == (45, 12)
