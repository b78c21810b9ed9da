"""Keyword counts, keyness, KWIC and co-occurrence, checked against the source.

Counts below were taken by reading data/raw/shenzhen_sez_innovation_measures_2021.txt
(``grep -o 率先 <file> | wc -l`` gives 17, ``grep -o 首 <file> | wc -l`` gives 10):

- 率先 occurs 17 times, in the names of items 1, 21, 27, 30 and 34 and the content of items
  13, 15, 20, 21 (twice), 27 (twice), 29, 34, 38 and 39 (twice): 11 items, 12 times in content.
- 首 occurs 10 times, all in content: items 15 (首家, 首个), 20 (首个), 33 (首办负责制),
  34 (首创), 36 (首个, twice), 43 (首个), 44 (首创, 首批).
- 破产 occurs 10 times, all in item 15 (section 二); two of them are inside the names
  破产法庭 and 破产事务管理署, so the term 破产 is counted 8 times.
- 社区 occurs 22 times in section 五 (items 38, 41, 42, 43, 46, 47); one is inside the coined
  “全国综合减灾示范社区” (item 47), so the term counts 21 there. Sections 一–三 never use it.
- 企业 occurs 51 times in names and content; four are inside longer words
  (《关于支持企业提升竞争力的若干措施》, 企业家, “僵尸企业”, 大中小企业), so the term counts 47.
- 秒批 appears once on its own (item 18: 审批端“秒批”) and once inside “秒报秒批一体化”
  (item 18's name).
"""

import math
import re
import threading
from collections import Counter

import pandas as pd
import pytest

from analysis.text import counting, keywords, segment
from analysis.text.cooccurrence import cooccurrence_graph
from analysis.text.keyness import keyness, most_distinctive_section, signed_g2
from analysis.text.keywords import item_terms, keyword_counts
from analysis.text.kwic import KWIC_COLUMNS, kwic

# Written out here, not read from the stopword file, so that emptying the file fails the test.
FUNCTION_WORDS = {
    "的",
    "和",
    "与",
    "及",
    "等",
    "在",
    "对",
    "为",
    "以",
    "将",
    "由",
    "从",
    "并",
    "通过",
    "按照",
    "进行",
    "同时",
    "以及",
    "其他",
    "相关",
    "一批",
    "方面",
}


def count_of(counts: pd.DataFrame, term: str, column: str = "count") -> int:
    row = counts[counts["term"] == term]
    return int(row[column].iloc[0]) if len(row) else 0


def test_columns_and_order(counts):
    sections = [f"section_{n}" for n in range(1, 6)]
    assert list(counts.columns) == ["term", "count", *sections]
    assert (counts[sections].sum(axis=1) == counts["count"]).all()
    assert counts["term"].is_unique
    expected = counts.sort_values(["count", "term"], ascending=[False, True], ignore_index=True)
    pd.testing.assert_frame_equal(counts, expected)


def test_coined_terms_are_intact(items, counts):
    terms = set(counts["term"])
    # Derived from the source independently of the module: every short quoted part. A term
    # quoted only inside a title (“链长制” in 《深圳市重点产业链“链长制”工作方案》) is counted
    # as part of the title, so titles are taken out first.
    raw = "\n".join(items["name"] + "\n" + items["content"])
    raw = re.sub("《[^》]*》", "", raw)
    quoted = {p for span in re.findall("“(.*?)”", raw) for p in re.split("[、，]", span)}
    coined = {q for q in quoted if 2 <= len(q) <= segment.MAX_COINED_CHARS and not q.isdigit()}
    # 162 distinct quoted parts of 2 to 10 characters that are not bare numbers.
    assert len(coined) == 162
    assert coined <= terms, sorted(coined - terms)
    for term in [
        "揭榜挂帅",
        "沿途下蛋",
        "工改工",
        "秒批",
        "深i企",
        "5G+工业互联网",
        "四个90%",
        "深圳国际仲裁院",
    ]:
        assert term in terms, term
    assert "《深圳市重点产业链“链长制”工作方案》" in terms


def test_top_50_are_content_words(counts):
    top = counts["term"].head(50)
    assert not set(top) & FUNCTION_WORDS
    assert not set(top) & segment.stopwords()
    for term in top:
        assert len(term) >= 2, term
        assert re.search(r"[\u4e00-\u9fffA-Za-z]", term), term


def test_counts_match_the_source(items, counts):
    assert count_of(counts, "率先") == 17
    assert count_of(counts, "企业") == 47
    assert count_of(counts, "破产") == 8
    assert count_of(counts, "破产", "section_2") == 8
    assert count_of(counts, "社区", "section_5") == 21
    assert count_of(counts, "社区", "section_1") == 0
    assert count_of(counts, "秒批") == 1
    assert count_of(counts, "秒报秒批一体化") == 1
    items_with = [
        i for i, terms in zip(items["item_id"], item_terms(items), strict=True) if "率先" in terms
    ]
    assert items_with == [1, 13, 15, 20, 21, 27, 29, 30, 34, 38, 39]


def test_titles_counted_whole(counts):
    assert count_of(counts, "《深圳经济特区健康条例》") == 2  # item 27: name and content


def test_kwic_finds_every_occurrence(items):
    first = kwic(items, "率先")
    assert list(first.columns) == KWIC_COLUMNS
    assert len(first) == 12
    assert sorted(set(first["item_id"])) == [13, 15, 20, 21, 27, 29, 34, 38, 39]
    shou = kwic(items, "首")
    assert Counter(shou["item_id"]) == {15: 2, 20: 1, 33: 1, 34: 1, 36: 2, 43: 1, 44: 2}
    assert set(shou["keyword"]) == {"首"}


def test_kwic_context_is_the_text_around_the_hit(items):
    hits = kwic(items, "率先", window=6)
    content = dict(zip(items["item_id"], items["content"], strict=True))
    for row in hits.itertuples():
        assert len(row.left) <= 6 and len(row.right) <= 6
        assert row.left + row.keyword + row.right in content[row.item_id]
    # Item 13's content starts with 率先, so nothing stands to its left.
    assert hits.loc[hits["item_id"] == 13, "left"].iloc[0] == ""


def test_kwic_context_never_exceeds_the_window_across_a_paragraph_break():
    items = pd.DataFrame(
        {
            "item_id": [1],
            "section_id": [1],
            "section_title": ["一"],
            "content": ["第一段落文字\n率先开展\n第二段"],
        }
    )
    hit = kwic(items, "率先", window=4).iloc[0]
    assert (hit["left"], hit["right"]) == ("落文字¶", "开展¶第")
    hit = kwic(items, "开展", window=3).iloc[0]
    assert (hit["left"], hit["right"]) == ("¶率先", "¶第二")


def test_kwic_section_filter_and_no_hits(items):
    assert set(kwic(items, "率先", section_id=5)["item_id"]) == {38, 39}
    assert kwic(items, "不存在的词").empty
    assert kwic(items, "").empty


def test_parallel_is_identical_to_serial(items, monkeypatch):
    pools = []

    class CountedPool(keywords.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(keywords, "ProcessPoolExecutor", CountedPool)
    # Another test may have left a thread running; the pool is what is under test here.
    monkeypatch.setattr(keywords, "fork_is_safe", lambda: True)
    corpus = pd.concat([items] * 12, ignore_index=True)
    serial = keyword_counts(corpus, n_jobs=1)
    assert not pools
    parallel = keyword_counts(corpus, n_jobs=2)
    assert pools == [(2,)]
    pd.testing.assert_frame_equal(parallel, serial)
    assert count_of(serial, "率先") == 17 * 12
    assert count_of(serial, "社区", "section_5") == 21 * 12


def test_chunks_add_up_to_the_whole(items):
    """count_chunk is pure: counts of any split of the items sum to the counts of all of them."""
    words = segment.user_dictionary(items)
    pairs = list(zip(items["section_id"], segment.item_texts(items), strict=True))
    whole = counting.count_chunk(pairs, words=words)
    summed: dict[int, Counter] = {}
    for start in range(0, len(pairs), 10):
        chunk = counting.count_chunk(pairs[start : start + 10], words=words)
        for section_id, counter in chunk.items():
            summed.setdefault(section_id, Counter()).update(counter)
    assert summed == whole
    assert whole[2]["破产"] == 8
    assert set(whole) == {1, 2, 3, 4, 5}


def test_the_default_call_picks_its_path_from_size_and_cores(monkeypatch):
    monkeypatch.setattr(keywords, "usable_cores", lambda: 2)
    monkeypatch.setattr(keywords, "fork_is_safe", lambda: True)
    assert keywords.choose_jobs(keywords.POOL_MIN_CHARS - 1) == 1
    assert keywords.choose_jobs(keywords.POOL_MIN_CHARS) == 2
    assert keywords.choose_jobs(10, n_jobs=2) == 2
    monkeypatch.setattr(keywords, "usable_cores", lambda: 1)
    assert keywords.choose_jobs(keywords.POOL_MIN_CHARS * 10) == 1
    # Where forking is unsafe (a Jupyter kernel runs threads), counting stays in this process.
    monkeypatch.setattr(keywords, "usable_cores", lambda: 2)
    monkeypatch.setattr(keywords, "fork_is_safe", lambda: False)
    assert keywords.choose_jobs(keywords.POOL_MIN_CHARS * 10, n_jobs=2) == 1


def test_a_disabled_progress_bar_leaves_forking_safe(items):
    """tqdm starts a monitor thread even for a disabled bar; no bar is made when none shows."""
    before = set(threading.enumerate())
    keyword_counts(items, progress=False)
    assert set(threading.enumerate()) <= before


def test_keyness_finds_each_sections_own_term(counts):
    table = keyness(counts=counts)
    first = table[table["rank"] == 1].set_index("section_id")["term"]
    assert first.tolist() == ["基金", "破产", "港澳", "健康", "社区"]
    # 破产: all 8 of its occurrences are in section 二 (item 15): a = 8, b = 0. The section's
    # and the rest's token totals c and d come from the keyword table.
    c = int(counts["section_2"].sum())
    d = int(counts["count"].sum()) - c
    n = c + d
    e11, e12, e21, e22 = c * 8 / n, c * (n - 8) / n, d * 8 / n, d * (n - 8) / n
    # O21 = 0 adds nothing; O22 = d.
    by_hand = 2 * (
        8 * math.log(8 / e11) + (c - 8) * math.log((c - 8) / e12) + d * math.log(d / e22)
    )
    assert e21 > 0
    row = table[(table["section_id"] == 2) & (table["term"] == "破产")].iloc[0]
    assert (row["rank"], row["count"], row["count_rest"]) == (1, 8, 0)
    assert row["g2"] == pytest.approx(by_hand, abs=1e-3)
    # Not the two-cell (Rayson) form, which ignores the other terms: 2·8·ln(8/E11).
    assert abs(row["g2"] - 2 * 8 * math.log(8 / e11)) > 0.1  # 27.815 against 27.693


def test_g2_is_the_full_two_by_two_log_likelihood():
    # Section 1 holds 3 of the 12 tokens; 甲 has 1 of its 4 there, exactly its share.
    counts = pd.DataFrame(
        {
            "term": ["甲", "乙", "丙"],
            "count": [4, 4, 4],
            "section_1": [1, 0, 2],
            "section_2": [3, 4, 2],
        }
    )
    g2 = signed_g2(counts).set_index("term")
    assert g2.loc["甲", "section_1"] == pytest.approx(0)
    assert g2.loc["甲", "section_2"] == pytest.approx(0)
    assert g2.loc["乙", "section_1"] < 0 < g2.loc["乙", "section_2"]
    assert g2.loc["丙", "section_1"] > 0 > g2.loc["丙", "section_2"]
    # By hand for 丙 in section 1. The 2×2 table, N = 12:
    #                 丙    other terms   total
    #   section 1     2         1           3
    #   section 2     2         7           9
    #   total         4         8          12
    # Expected = row total × column total / N: E11 = 3·4/12 = 1, E12 = 3·8/12 = 2,
    # E21 = 9·4/12 = 3, E22 = 9·8/12 = 6.
    # G² = 2 (2 ln 2/1 + 1 ln 1/2 + 2 ln 2/3 + 7 ln 7/6)
    #    = 2 (1.386294 − 0.693147 − 0.810930 + 1.079055) = 2 × 0.961272 = 1.922543
    by_hand = 2 * (
        2 * math.log(2 / 1) + 1 * math.log(1 / 2) + 2 * math.log(2 / 3) + 7 * math.log(7 / 6)
    )
    assert by_hand == pytest.approx(1.922543, abs=1e-6)
    assert g2.loc["丙", "section_1"] == pytest.approx(1.922543, abs=1e-6)
    # The two-cell form 2 (2 ln 2/1 + 2 ln 2/3) = 1.150728 is not what is computed.
    assert g2.loc["丙", "section_1"] != pytest.approx(1.150728, abs=1e-3)
    section = most_distinctive_section(counts)
    assert (section["乙"], section["丙"]) == (2, 1)


def test_cooccurrence_weights_are_shared_items(items, counts):
    graph = cooccurrence_graph(items, counts=counts, top=30, min_items=4)
    sets = item_terms(items)
    for a, b, data in graph.edges(data=True):
        assert data["weight"] == sum(1 for s in sets if a in s and b in s) >= 4
    assert set(graph.nodes) <= set(counts["term"].head(30))
