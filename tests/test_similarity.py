"""Item similarity: the chosen representation against the hand-judged pairs (written before any
representation was measured), the cosine against a hand computation, the evidence, and lists the
kit has never seen."""

import math
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import analysis
from analysis import load_items
from analysis.text import similarity

FIXTURES = Path(__file__).parent / "fixtures"
PAIRS = pd.read_csv(FIXTURES / "similar_item_pairs.csv")


@pytest.fixture(scope="module")
def table(items):
    return similarity.item_similarity(items, k=5)


def test_most_hand_judged_pairs_are_among_each_others_five_nearest(table):
    neighbours = table.groupby("item_a")["item_b"].apply(set)
    found = [
        b in neighbours[a] or a in neighbours[b]
        for a, b in zip(PAIRS["item_a"], PAIRS["item_b"], strict=True)
    ]
    assert len(PAIRS) >= 15
    assert sum(found) / len(found) >= 0.8


def test_the_chosen_representation_is_the_best_measured(items):
    comparison = similarity.compare_representations(items, PAIRS)
    best = comparison.iloc[0]
    chosen = comparison.set_index("representation").loc[similarity.CHOSEN.label]
    assert chosen["either"] == best["either"]
    assert chosen["both"] == comparison.loc[comparison["either"] == best["either"], "both"].max()


def _hand_char_tfidf_cosine(texts, low=2, high=3, dropped=frozenset()):
    """TF-IDF of character n-grams written out: smooth idf ln((1+n)/(1+df)) + 1, raw counts,
    l2 norm, dot products; no scikit-learn."""
    docs = []
    for text in texts:
        grams = Counter()
        for run in re.findall(r"[\u4e00-\u9fffA-Za-z0-9]+", text):
            for n in range(low, high + 1):
                for i in range(len(run) - n + 1):
                    if run[i : i + n] not in dropped:
                        grams[run[i : i + n]] += 1
        docs.append(grams)
    df = Counter(g for d in docs for g in d)
    n = len(docs)
    idf = {g: math.log((1 + n) / (1 + c)) + 1 for g, c in df.items()}
    vectors = []
    for d in docs:
        v = {g: c * idf[g] for g, c in d.items()}
        norm = math.sqrt(sum(x * x for x in v.values()))
        vectors.append({g: x / norm for g, x in v.items()})
    return np.array(
        [[sum(x * b.get(g, 0.0) for g, x in a.items()) for b in vectors] for a in vectors]
    )


def test_cosine_matches_a_hand_computation(items):
    from analysis.text.segment import stopwords

    scores, _ = similarity.similarity_matrix(items)
    texts = similarity.representation_texts(items)
    expected = _hand_char_tfidf_cosine(texts, dropped=stopwords())
    np.testing.assert_allclose(scores, expected, atol=1e-10)


def test_bm25_weights_match_the_formula():
    texts = ["甲乙甲乙丙", "甲乙丁", "丙丁戊己"]
    spec = similarity.Spec(features=similarity.CHARS, weighting=similarity.BM25, ngram_range=(2, 2))
    representation = similarity.fit_representation(texts, spec)
    vectoriser = representation.vectorisers[similarity.CHARS]
    raw = vectoriser.transform(texts).toarray()
    names = list(vectoriser.get_feature_names_out())
    # 甲乙 occurs twice in text 0 (4 bigrams: 甲乙 乙甲 甲乙 乙丙), in 2 of 3 texts; mean length 3.
    idf = math.log(1 + (3 - 2 + 0.5) / (2 + 0.5))
    norm = 1.2 * (1 - 0.75 + 0.75 * 4 / 3)
    assert raw[0, names.index("甲乙")] == pytest.approx(2 * 2.2 / (2 + norm) * idf)


def test_shared_terms_are_the_evidence_read_off_the_document(items, table):
    pair = table[(table["item_a"] == 16) & (table["item_b"] == 15)]
    assert "僵尸" in pair["shared"].iloc[0]  # 僵尸企业 in item 15, 僵尸户 in item 16
    by_id = items.set_index("item_id")
    for row in table.itertuples():
        text_a = by_id.loc[row.item_a, "name"] + by_id.loc[row.item_a, "content"]
        text_b = by_id.loc[row.item_b, "name"] + by_id.loc[row.item_b, "content"]
        for term in filter(None, row.shared.split("、")):
            assert term in text_a and term in text_b, (row.item_a, row.item_b, term)


def test_table_shape_and_order(items, table):
    assert list(table.columns) == similarity.SIMILARITY_COLUMNS
    assert len(table) == 5 * len(items)
    assert (table["item_a"] != table["item_b"]).all()
    assert table.groupby("item_a")["score"].apply(lambda s: s.is_monotonic_decreasing).all()
    assert table["score"].between(0, 1).all()


def test_public_api_gives_one_items_neighbours(items, table):
    neighbours = analysis.similar_items(items, 15, k=5)
    assert neighbours["item_b"].tolist() == table.loc[table["item_a"] == 15, "item_b"].tolist()
    assert (
        neighbours["name_b"].iloc[0]
        == items.set_index("item_id").loc[neighbours["item_b"].iloc[0], "name"]
    )


def test_unknown_item_and_duplicate_numbers_get_the_projects_error(items):
    with pytest.raises(similarity.SimilarityError, match="item 99"):
        similarity.similar_items(items, 99)
    doubled = pd.concat([items.head(2), items.head(1)])
    with pytest.raises(similarity.SimilarityError, match="twice"):
        similarity.item_similarity(doubled)
    with pytest.raises(similarity.SimilarityError, match="columns"):
        similarity.item_similarity(items[["item_id", "name"]])


def test_across_two_lists_one_vocabulary(items):
    other = load_items(FIXTURES / "qinghe_district_list.txt")
    texts = similarity.representation_texts(pd.concat([items, other]))
    representation = similarity.fit_representation(texts)
    a = similarity.item_vectors(items, representation)
    b = similarity.item_vectors(other, representation)
    assert a.shape[1] == b.shape[1]
    scores = (a @ b.T).toarray()
    assert scores.shape == (len(items), len(other))
    # Read off the two lists: Shenzhen's 秒报秒批 智慧审批 (18) and Qinghe's 无感审批 (2)
    # both approve applications without the applicant doing anything; they share 审批.
    assert scores[items["item_id"].tolist().index(18)].argmax() in range(len(other))
    text_18 = similarity.representation_texts(items[items["item_id"] == 18])[0]
    text_q2 = similarity.representation_texts(other[other["item_id"] == 2])[0]
    assert "审批" in similarity.shared_terms(text_18, text_q2, representation)


def test_runs_on_the_tiny_list():
    tiny = load_items(FIXTURES / "tiny_town_list.txt")
    table = similarity.item_similarity(tiny, k=5)
    assert len(table) == len(tiny) * (len(tiny) - 1)


TEXTS = st.text(alphabet="甲乙丙丁戊己庚辛，。ab", min_size=0, max_size=30)


@given(st.lists(TEXTS, min_size=2, max_size=6))
def test_any_texts_give_symmetric_bounded_scores(texts):
    if not any(re.search(r"[\u4e00-\u9fffab]{2}", t) for t in texts):
        with pytest.raises(similarity.SimilarityError):
            similarity.fit_representation(texts)
        return
    representation = similarity.fit_representation(texts)
    vectors = similarity.item_vectors(texts, representation)
    scores = (vectors @ vectors.T).toarray()
    np.testing.assert_allclose(scores, scores.T, atol=1e-12)
    assert (scores >= -1e-12).all() and (scores <= 1 + 1e-9).all()
    for term in similarity.shared_terms(texts[0], texts[1], representation):
        assert term in texts[0] and term in texts[1]
