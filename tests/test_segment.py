"""Segmentation: the user dictionary generated from the source, pre-cut spans, stopwords.

Facts about the source checked by reading data/raw/shenzhen_sez_innovation_measures_2021.txt:
item 2 sets “揭榜挂帅” and “赛马式” in quotes, item 3 “沿途下蛋”, item 10 “工改工”, item 18
“秒报秒批一体化”, “秒报” and “秒批”, item 13 “5G+工业互联网”, item 14 “深i企”, item 7 “四个90%”,
item 3 “科研—转化—产业”; item 33 quotes the hotline “12345” and item 44 the framework “146”;
item 6 quotes the single character “帽”. Item 20 names 深圳国际仲裁院 and item 8 中国科学院.
"""

import re

import pytest

from analysis.text import segment
from analysis.text.segment import is_number_word, tokenize


@pytest.fixture(scope="module")
def texts(items):
    return segment.distinct_texts(items)


@pytest.fixture(scope="module")
def segmenter(items):
    return segment.segmenter_for(segment.user_dictionary(items))


def test_coined_terms_are_the_quoted_terms_of_the_source(texts):
    coined = set(segment.coined_terms(texts))
    for term in [
        "揭榜挂帅",
        "赛马式",
        "沿途下蛋",
        "工改工",
        "秒报秒批一体化",
        "秒报",
        "秒批",
        "5G+工业互联网",
        "深i企",
        "四个90%",
        "科研—转化—产业",
    ]:
        assert term in coined, term
    # A quoted enumeration gives one term per part (item 9: “全链条、矩阵式、集群化”).
    assert {"全链条", "矩阵式", "集群化"} <= coined
    # Bare numbers, single characters and long slogans are not terms.
    assert not {"12345", "146", "帽"} & coined
    assert "建设中国第一个儿童友好城市" not in coined


def test_every_quoted_term_is_found(texts):
    """Independent of the module's regex: every short, number-free quoted part is a coined term."""
    coined = set(segment.coined_terms(texts))
    raw = "\n".join(texts)
    quoted = {part for span in re.findall("“(.*?)”", raw) for part in re.split("[、，]", span)}
    short = {q for q in quoted if 2 <= len(q) <= segment.MAX_COINED_CHARS and not q.isdigit()}
    assert short == coined


def test_named_bodies_only_where_jieba_splits(texts):
    bodies = set(segment.named_bodies(texts))
    assert "深圳国际仲裁院" in bodies
    assert "粤港澳仲裁调解联盟" in bodies
    # jieba's own dictionary keeps these whole, so they need no entry.
    assert "中国科学院" not in bodies
    assert "哈尔滨工业大学" not in bodies


def test_curated_entries_each_give_a_reason():
    path = segment.resource_path(segment.CURATED_FILE)
    entries = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert entries
    for line in entries:
        term, _, reason = line.partition("#")
        assert term.strip() and len(reason.strip()) > 10, line


def test_no_user_dictionary_word_is_a_stopword(items):
    assert not set(segment.user_dictionary(items)) & segment.stopwords()


def test_coined_terms_survive_segmentation(segmenter):
    assert segmenter.tokenize("实行“揭榜挂帅”项目遴选制度") == ["揭榜挂帅", "项目", "遴选", "制度"]
    assert "秒报秒批一体化" in segmenter.tokenize("推出“秒报秒批一体化”智慧审批")
    assert "科研—转化—产业" in segmenter.tokenize("形成“科研—转化—产业”的全链条企业培育模式")
    assert "四个90%" in segmenter.tokenize("构建以“四个90%”为鲜明特点的企业创新生态")
    assert "深圳国际仲裁院" in segmenter.tokenize("仲裁机构——深圳国际仲裁院，建立全国首个")


def test_titles_are_one_token(segmenter):
    tokens = segmenter.tokenize("出台《深圳市重点产业链“链长制”工作方案》等文件")
    assert "《深圳市重点产业链“链长制”工作方案》" in tokens
    assert "链长制" not in tokens


def test_quantities_are_dropped_but_5g_is_kept(segmenter):
    tokens = segmenter.tokenize("严守270平方公里工业区块控制线，已达208万人，回收率达42%，分3年")
    assert not [t for t in tokens if re.search(r"\d|平方公里|万人", t)]
    assert "控制线" in tokens
    assert "5G" in segmenter.tokenize("率先实现5G独立组网全覆盖")


def test_function_words_punctuation_and_generic_verbs_are_dropped(segmenter):
    tokens = segmenter.tokenize("通过建立健全机制，推动企业和高校的合作（试点）。")
    assert tokens == ["机制", "企业", "高校", "合作", "试点"]


def test_tokenize_uses_the_source_dictionary():
    assert "沿途下蛋" in segment.tokenize("建立科技成果“沿途下蛋”高效转化机制")


@pytest.mark.parametrize(
    "written", ["三千五", "一万五", "三点五", "三分之一", "百分之五", "二〇二一"]
)
def test_numbers_in_chinese_characters_are_not_terms(written):
    # Figures say "numbers removed": a number in characters is a number, as one in digits is.
    assert is_number_word(written)
    assert written not in tokenize(f"申请材料精简{written}，审批事项减少。")


@pytest.mark.parametrize("word", ["十四五", "一体化", "一网通办", "第一", "三农"])
def test_words_made_with_numerals_stay_terms(word):
    assert not is_number_word(word)
