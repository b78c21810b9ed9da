"""The policy lexicon and the composition rules of a dictionary gloss.

Expected glosses are read off the lexicon's own rows (quoted in each test) and CC-CEDICT's lines,
not taken from the code's output."""

import csv
from pathlib import Path

import pytest

from analysis.__main__ import main
from analysis.figures import dictionary, short_names
from analysis.figures.glossary import lookup, section_lookup
from analysis.figures.lexicon import POS, LexiconError, policy_lexicon, read_lexicon
from analysis.paths import RESOURCES, ROOT

FIXTURES = Path(__file__).parent / "fixtures"


def test_common_policy_compounds_get_english_not_pinyin():
    # 工业用地,industrial land / 冷链,cold chain: CC-CEDICT has neither, and both showed pinyin.
    assert dictionary.cedict_sense("工业用地") is None and dictionary.cedict_sense("冷链") is None
    assert (lookup("工业用地").text, lookup("工业用地").source) == ("industrial land", "dictionary")
    assert lookup("冷链").marked == "cold chain†"
    # 市场主体,market entities, where CC-CEDICT's words read "marketplace main part".
    assert lookup("市场主体").text == "market entities"


def test_lexicon_entries_compose_inside_longer_terms():
    # 累计 (function word, dropped) | 惠及 (policy sense: benefit) | 市场主体 (market entities)
    assert dictionary.dictionary_gloss("累计惠及市场主体") == "benefit market entities"
    # 区级 (district-level) | 产业引导基金,industrial guidance fund
    assert (
        dictionary.dictionary_gloss("区级产业引导基金") == "district-level industrial guidance fund"
    )


def test_an_administrative_level_reads_as_one():
    # 三级 [san1 ji2] /grade 3/third class/category C/: in a list, three tiers (三级公园体系).
    assert dictionary.cedict_sense("三级") == "grade 3"
    assert dictionary.word_sense("三级") == "three-tier"
    assert [dictionary.word_sense(w) for w in ("区级", "县级", "镇级", "两级")] == [
        "district-level",
        "county-level",
        "town-level",
        "two-tier",
    ]
    # 级 after a word that names no level is left to the dictionary.
    assert dictionary.word_sense("建设级") is None


def test_function_words_and_generic_tails_add_nothing_to_a_label():
    # 全年,annual | 共,in total (function) | 清理,clean-up: CC-CEDICT's words read
    # "whole year common clear up".
    assert dictionary.dictionary_gloss("全年共清理") == "annual clean-up"
    # 安全生产,work safety | 工作 (a generic tail)
    assert dictionary.dictionary_gloss("安全生产工作") == "work safety"
    # A term made only of function words keeps them.
    assert dictionary.dictionary_gloss("已") == "already"


def test_a_subject_ending_in_its_verb_states_the_result():
    # 审批事项,approval items | 减少,reduce,verb: the number counts what was reduced.
    assert dictionary.dictionary_gloss("审批事项减少") == "approval items reduced"
    # 压缩,cut,verb: an irregular participle.
    assert dictionary.dictionary_gloss("办理时间压缩") == "handling time cut"
    # A subject opening with its verb counts the object: 引进,attract,verb | 龙头企业,leading
    # enterprises.
    assert dictionary.dictionary_gloss("引进龙头企业") == "leading enterprises attracted"
    # 全年,annual,modifier may stand before the verb: 全年 | 提供,provide,verb | 就业岗位,jobs
    assert dictionary.dictionary_gloss("全年提供就业岗位") == "annual jobs provided"
    # After a noun (企业, curated: enterprises) the verb stays where it is.
    assert lookup("企业引进人才").text == "enterprises attract talent"


def test_a_target_year_opens_the_gloss_and_a_leading_year_makes_a_measure_annual():
    # 到2025年 | 入库企业,enterprises in the pool
    assert dictionary.dictionary_gloss("到2025年入库企业") == "by 2025 enterprises in the pool"
    # 年 [nian2] /year/…: 年 | 发电量,power generation
    assert dictionary.dictionary_gloss("年发电量") == "annual power generation"
    # A number is one piece, not one a digit: 12345 | 热线,hotline
    assert dictionary.dictionary_gloss("12345热线") == "12345 hotline"
    # 年 after a number names the year, not a yearly measure.
    assert "annual" not in dictionary.dictionary_gloss("2025年")


def test_a_number_drops_its_classifier_and_a_time_frame_goes_last():
    # 三个 and 一名 are not CC-CEDICT entries: 三 and 个 alone gave no gloss, only pinyin.
    assert dictionary.cedict_sense("三个") is None
    assert dictionary.word_sense("三个") == "three" and dictionary.word_sense("一名") == "one"
    # 试点,pilot | 以来,since,postposition | 累计 (dropped) | 成交,traded | 地块,land plots
    assert dictionary.dictionary_gloss("试点以来累计成交地块") == "traded land plots since pilot"


def test_a_short_name_keeps_its_head_noun_phrase_whole():
    # 知识产权保护,intellectual property protection; 方面 is a generic tail.
    found = section_lookup("知识产权保护方面", short=True)
    assert found.text == "Intellectual property protection" and found.source == "dictionary"
    # 新能源汽车,new energy vehicles | 充电桩,charging points | 领域 (a generic tail): 35
    # characters, over the 30 of a short name, but a modifier and its head are not cut apart.
    assert short_names.short_name("新能源汽车充电桩领域") == "New energy vehicles charging points"
    # 推进 (a head verb) goes; 乡村振兴,rural revitalisation; 工作 (a generic tail) goes.
    assert short_names.short_name("推进乡村振兴工作") == "Rural revitalisation"
    # …体系建设: both generic tails go (社会,social | 信用 | 体系 | 建设).
    assert short_names.short_name("完善社会信用体系建设") == "Social credit system"


def test_the_lexicon_is_broad_and_apart_from_the_policy_senses():
    lexicon = policy_lexicon()
    assert len(lexicon) >= 300
    fields = {entry.field for entry in lexicon.values()}
    assert {
        "economy",
        "industry",
        "finance",
        "land",
        "rural",
        "ecology",
        "health",
        "elderly",
        "education",
        "talent",
        "services",
        "law",
        "urban",
        "transport",
        "housing",
        "culture",
        "science",
    } <= fields
    with open(RESOURCES / "policy_senses_en.csv", encoding="utf-8") as handle:
        senses = {row["term_zh"] for row in csv.DictReader(handle)}
    # A term in both would have two hand-written glosses, one of them never read.
    assert not senses & set(lexicon)


def test_the_registers_it_and_safety_vocabulary_is_glossed():
    # Rows of the lexicon: 机房,server room / 运维,operation and maintenance /
    # 物联感知,IoT sensing,modifier / 感知设备,sensing devices / 归集,pool,verb /
    # 电子证照,electronic licences. CC-CEDICT has none of 机房's, 物联感知's or 归集's senses.
    assert lookup("机房").text == "server room"
    assert dictionary.dictionary_gloss("物联感知设备") == "IoT sensing devices"
    # 归集 opens the subject as its verb and reads as a result after its object.
    assert dictionary.dictionary_gloss("归集电子证照") == "electronic licences pooled"
    # 应急演练,emergency drills / 殡葬改革,funeral reform / 婚姻登记,marriage registration
    assert [lookup(t).text for t in ("应急演练", "殡葬改革", "婚姻登记")] == [
        "emergency drills",
        "funeral reform",
        "marriage registration",
    ]


def test_the_lexicon_says_where_it_comes_from():
    head = (RESOURCES / "policy_lexicon_en.csv").read_text(encoding="utf-8")[:600]
    assert "by hand" in head and "not taken from CC-CEDICT" in head
    doc = (ROOT / "docs" / "glossing.md").read_text(encoding="utf-8")
    assert f"holds {len(policy_lexicon())} entries" in doc and "written by hand" in doc


_HEADER = "# a comment\nterm_zh,en,pos,field\n"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("# a comment\nterm_zh,en,pos\n", 2, "header"),
        (
            _HEADER + "冷链,cold chain,noun,transport\n工业用地,industrial land,noun\n",
            4,
            "4 fields",
        ),
        (
            _HEADER + "冷链,cold chain,noun,transport\ncold chain,冷链,noun,transport\n",
            4,
            "Chinese",
        ),
        (_HEADER + "冷链,,noun,transport\n", 3, "no English"),
        (_HEADER + "冷链,cold chain,adverb,transport\n", 3, "pos 'adverb'"),
        (_HEADER + "冷链,cold chain,noun,\n", 3, "no field"),
        (
            _HEADER + "冷链,cold chain,noun,transport\n\n冷链,cold-chain,noun,transport\n",
            5,
            "twice",
        ),
    ],
)
def test_a_malformed_lexicon_row_names_its_line(tmp_path, text, line, words):
    path = tmp_path / "lexicon.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match=f"line {line}: .*{words}") as raised:
        read_lexicon(path)
    assert raised.value.line == line


def test_the_project_lexicon_reads_and_every_pos_is_known():
    assert {
        entry.pos for entry in read_lexicon(RESOURCES / "policy_lexicon_en.csv").values()
    } <= set(POS)


def test_the_jianglan_lists_compounds_are_glossed(tmp_path):
    # The Jianglan list's top terms 工业用地 and 冷链 showed pinyin; they read in English.
    assert (
        main(
            [
                "glossary",
                "--input",
                str(FIXTURES / "jianglan_province_list.txt"),
                "--out",
                str(tmp_path),
            ]
        )
        == 0
    )
    with open(tmp_path / "glossary_jianglan_province_list.csv", encoding="utf-8") as handle:
        rows = {row["term_zh"]: row for row in csv.DictReader(handle)}
    assert rows["工业用地"]["en"] == "industrial land" and rows["冷链"]["en"] == "cold chain"
    assert rows["市场主体"]["en"] == "market entities"
