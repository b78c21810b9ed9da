"""Which items are alike: every item as a weighted vector of its terms, compared by cosine, with
the shared terms as the evidence for each score.

**One list.** ``item_similarity(items)`` gives a tidy long table (``item_a``, ``item_b``,
``score``, ``shared``); ``similar_items(items, item_id, k=5)`` gives one item's neighbours.

**Two lists (or more).** Fit one representation on the texts of *all* the lists, so both share
one vocabulary and one set of weights, then vectorise each list with it; the cosine of two rows
is their similarity, and ``shared_terms`` names the terms behind it::

    from analysis.text import similarity
    texts = similarity.representation_texts(pd.concat([list_a, list_b]))
    representation = similarity.fit_representation(texts)
    a = similarity.item_vectors(list_a, representation)   # sparse, one l2-normalised row per item
    b = similarity.item_vectors(list_b, representation)
    scores = (a @ b.T).toarray()                           # cosine, items of A × items of B
    similarity.shared_terms(text_of_a, text_of_b, representation)  # the evidence, strongest first

**Which representation.** ``CHOSEN`` was picked by measuring candidates (``CANDIDATES``) on
pairs of Shenzhen items a careful reader calls alike, written down before any was measured
(``tests/fixtures/similar_item_pairs.csv``); ``docs/structure.md`` gives the comparison.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.preprocessing import normalize

from .segment import Segmenter, dictionary_words, segmenter_for, stopwords

WORDS = "words"
CHARS = "chars"
WORDS_AND_CHARS = "words+chars"
TFIDF = "tfidf"
BM25 = "bm25"

# BM25's usual constants (Robertson and Zaragoza 2009): term-frequency saturation and how much
# a longer text is discounted.
BM25_K1 = 1.2
BM25_B = 0.75

_LETTER_RUN = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+")


class SimilarityError(ValueError):
    """An item asked for is not in the table, or the table has no text to compare."""


@dataclass(frozen=True)
class Spec:
    """What an item becomes before it is compared.

    ``features``: jieba-rs words (``words``), character n-grams of ``ngram_range``
    (``chars``), or both with equal weight (``words+chars``). ``weighting``: TF-IDF or BM25.
    ``drop_stopwords``: drop the policy stopwords (words: the segmenter's list; chars: n-grams
    that are a stopword). ``user_dictionary``: segment with the list's own terms kept whole.
    ``include_name``: the item's name is part of its text.
    """

    features: str = WORDS
    weighting: str = TFIDF
    drop_stopwords: bool = True
    user_dictionary: bool = True
    include_name: bool = True
    ngram_range: tuple[int, int] = (2, 3)
    sublinear_tf: bool = False
    # 2: a feature must occur in two texts; one seen once can add nothing to any score, it only
    # lengthens its item's vector.
    min_df: int = 1

    @property
    def label(self) -> str:
        parts = [self.features, self.weighting]
        if self.features != WORDS:
            parts.append("n={}-{}".format(*self.ngram_range))
        parts.append("stopwords dropped" if self.drop_stopwords else "stopwords kept")
        if self.features != CHARS:
            parts.append("user dictionary" if self.user_dictionary else "no user dictionary")
        parts.append("name + content" if self.include_name else "content only")
        if self.sublinear_tf:
            parts.append("log tf")
        if self.min_df > 1:
            parts.append(f"features in ≥{self.min_df} items")
        return ", ".join(parts)


_BASE = Spec()
CANDIDATES: tuple[Spec, ...] = (
    _BASE,
    replace(_BASE, include_name=False),
    replace(_BASE, drop_stopwords=False),
    replace(_BASE, user_dictionary=False),
    replace(_BASE, sublinear_tf=True),
    replace(_BASE, weighting=BM25),
    replace(_BASE, weighting=BM25, include_name=False),
    replace(_BASE, features=CHARS),
    replace(_BASE, features=CHARS, ngram_range=(2, 2)),
    replace(_BASE, features=CHARS, drop_stopwords=False),
    replace(_BASE, features=CHARS, include_name=False),
    replace(_BASE, features=CHARS, weighting=BM25),
    replace(_BASE, features=WORDS_AND_CHARS),
    replace(_BASE, features=WORDS_AND_CHARS, weighting=BM25),
    replace(_BASE, features=WORDS_AND_CHARS, include_name=False),
    replace(_BASE, min_df=2),
    replace(_BASE, features=CHARS, min_df=2),
    replace(_BASE, features=WORDS_AND_CHARS, min_df=2),
)
CHOSEN = replace(_BASE, features=CHARS)


def representation_texts(items: pd.DataFrame, spec: Spec = CHOSEN) -> list[str]:
    """The text of each item that ``spec`` compares: name and content, or content only."""
    if spec.include_name:
        return (items["name"] + "\n" + items["content"]).tolist()
    return items["content"].tolist()


def _char_ngrams(text: str, ngram_range: tuple[int, int], dropped: frozenset[str]) -> list[str]:
    """Character n-grams inside runs of letters, never across punctuation."""
    low, high = ngram_range
    grams = []
    for run in _LETTER_RUN.findall(text):
        for n in range(low, high + 1):
            grams.extend(run[i : i + n] for i in range(len(run) - n + 1))
    return [g for g in grams if g not in dropped]


class _BM25:
    """BM25 weights of term counts, with the idf and mean length of the texts it was fitted on."""

    def __init__(self, analyzer, min_df: int = 1):
        self.counter = CountVectorizer(analyzer=analyzer, lowercase=False, min_df=min_df)

    def fit(self, texts):
        counts = self.counter.fit_transform(texts)
        n_docs = counts.shape[0]
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        self.idf_ = np.log(1 + (n_docs - df + 0.5) / (df + 0.5))
        self.mean_length_ = max(float(counts.sum(axis=1).mean()), 1.0)
        return self

    def transform(self, texts):
        counts = sparse.csr_matrix(self.counter.transform(texts), dtype=float)
        lengths = np.asarray(counts.sum(axis=1)).ravel()
        norm = BM25_K1 * (1 - BM25_B + BM25_B * lengths / self.mean_length_)
        rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
        tf = counts.data
        counts.data = tf * (BM25_K1 + 1) / (tf + norm[rows]) * self.idf_[counts.indices]
        return counts

    def get_feature_names_out(self):
        return self.counter.get_feature_names_out()


@dataclass
class Representation:
    """A fitted representation: the spec, the segmenter and the fitted vectorisers."""

    spec: Spec
    analyzers: dict
    vectorisers: dict
    evidence_segmenter: Segmenter

    def vocabulary(self) -> np.ndarray:
        """Feature names in column order (words, then character n-grams)."""
        names = [self.vectorisers[k].get_feature_names_out() for k in self.vectorisers]
        return np.concatenate(names) if names else np.array([])

    def vectors(self, texts: list[str]) -> sparse.csr_matrix:
        blocks = [normalize(self.vectorisers[k].transform(texts)) for k in self.vectorisers]
        # Each block is l2-normalised and then they are weighted equally.
        matrix = sparse.hstack(blocks, format="csr")
        return normalize(matrix)

    def features(self, text: str) -> set[str]:
        out: set[str] = set()
        for analyzer in self.analyzers.values():
            out.update(analyzer(text))
        return out


def fit_representation(texts: Iterable[str], spec: Spec = CHOSEN) -> Representation:
    """Fit ``spec`` on ``texts`` (every item text of every list that will be compared).

    The user dictionary is built from these same texts, so a term one list coins is kept whole
    in all of them.
    """
    texts = [str(t) for t in texts]
    if not any(t.strip() for t in texts):
        raise SimilarityError("no item text to compare: the list is empty")
    analyzers = {}
    evidence_segmenter = segmenter_for(dictionary_words(texts))
    if spec.features in (WORDS, WORDS_AND_CHARS):
        if spec.user_dictionary and spec.drop_stopwords:
            segmenter = evidence_segmenter
        else:
            words = dictionary_words(texts) if spec.user_dictionary else ()
            segmenter = Segmenter(words, drop_stopwords=spec.drop_stopwords)
        analyzers[WORDS] = segmenter.tokenize
    if spec.features in (CHARS, WORDS_AND_CHARS):
        dropped = stopwords() if spec.drop_stopwords else frozenset()
        ngram_range = spec.ngram_range

        def chars(text: str) -> list[str]:
            return _char_ngrams(text, ngram_range, dropped)

        analyzers[CHARS] = chars
    if not analyzers:
        raise SimilarityError(f"unknown features {spec.features!r}")
    vectorisers = {}
    for name, analyzer in analyzers.items():
        if spec.weighting == BM25:
            vectoriser = _BM25(analyzer, spec.min_df)
        else:
            vectoriser = TfidfVectorizer(
                analyzer=analyzer,
                lowercase=False,
                sublinear_tf=spec.sublinear_tf,
                min_df=spec.min_df,
            )
        try:
            vectorisers[name] = vectoriser.fit(texts)
        except ValueError as error:  # scikit-learn: "empty vocabulary"
            raise SimilarityError(
                f"no {name} to compare in {len(texts)} item texts ({error})"
            ) from None
    return Representation(spec, analyzers, vectorisers, evidence_segmenter)


def item_vectors(items, representation: Representation) -> sparse.csr_matrix:
    """One l2-normalised row per item (a table of items, or their texts), so that the cosine
    of two items is the dot product of their rows."""
    if isinstance(items, pd.DataFrame):
        texts = representation_texts(items, representation.spec)
    else:
        texts = [str(t) for t in items]
    return representation.vectors(texts)


def shared_terms(
    text_a: str, text_b: str, representation: Representation, top: int | None = 8
) -> list[str]:
    """The terms of both texts that make them alike, the largest share of the score first.

    The stretches of ``text_a`` covered by features both texts hold are cut into words by the
    project's segmenter (with the user dictionary of the fitted texts), and a word is kept when
    ``text_b`` holds it too; so the evidence reads as words even where the score is made of
    character n-grams (an n-gram across a word boundary, such as 圳经 of 深圳经济, counts but
    is not listed). A term's share is the sum, over the features it holds (itself as a word,
    its character n-grams), of what each adds to the cosine. Only when no shared word is found
    are the shared features listed as they are.
    """
    vectors = representation.vectors([text_a, text_b])
    contribution = vectors[0].multiply(vectors[1]).tocsr()
    if contribution.nnz == 0:
        return []
    names = representation.vocabulary()
    by_feature = {
        str(names[index]): float(value)
        for index, value in zip(contribution.indices, contribution.data, strict=True)
    }
    low, high = representation.spec.ngram_range
    weights: dict[str, float] = {}
    for stretch in _shared_stretches(text_a, by_feature, high):
        for word in representation.evidence_segmenter.tokenize(stretch):
            if word not in text_b:
                continue
            grams = {word}
            for n in range(low, high + 1):
                grams.update(word[i : i + n] for i in range(len(word) - n + 1))
            weight = sum(by_feature.get(g, 0.0) for g in grams)
            if weight > 0:
                weights[word] = weight
    if not weights:
        # No shared word: the shared n-grams are the only evidence there is.
        weights = by_feature
    # Longer n-grams of one stretch of text repeat its shorter ones: keep the strongest.
    ranked = sorted(weights, key=lambda t: (-weights[t], t))
    found: list[str] = []
    for term in ranked:
        if any(term in kept or kept in term for kept in found):
            continue
        found.append(term)
        if top is not None and len(found) >= top:
            break
    return found


def _shared_stretches(text: str, shared: dict[str, float], longest: int) -> list[str]:
    """The runs of ``text`` every character of which lies in an occurrence of a shared feature."""
    covered = np.zeros(len(text), dtype=bool)
    for start in range(len(text)):
        for n in range(1, longest + 1):
            if text[start : start + n] in shared:
                covered[start : start + n] = True
    stretches, begin = [], None
    for position, flag in enumerate(np.append(covered, False)):
        if flag and begin is None:
            begin = position
        elif not flag and begin is not None:
            stretches.append(text[begin:position])
            begin = None
    return stretches


def _check_items(items: pd.DataFrame) -> None:
    missing = {"item_id", "name", "content"} - set(items.columns)
    if missing:
        raise SimilarityError(f"the items table lacks the columns {sorted(missing)}")
    if items["item_id"].duplicated().any():
        duplicated = items.loc[items["item_id"].duplicated(), "item_id"].tolist()
        raise SimilarityError(f"item numbers appear twice: {duplicated}")


def similarity_matrix(items: pd.DataFrame, representation: Representation | None = None):
    """Cosine similarity of every pair of items (a dense square array, item order)."""
    _check_items(items)
    if representation is None:
        representation = fit_representation(representation_texts(items))
    vectors = item_vectors(items, representation)
    return (vectors @ vectors.T).toarray(), representation


SIMILARITY_COLUMNS = ["item_a", "item_b", "rank", "score", "shared"]


def item_similarity(
    items: pd.DataFrame,
    k: int | None = None,
    representation: Representation | None = None,
    shared_top: int = 8,
) -> pd.DataFrame:
    """Each item's neighbours, most alike first: ``item_a``, ``item_b``, ``rank`` (1 = nearest),
    ``score`` (cosine, 0-1) and ``shared`` (the terms behind the score, ``、``-separated).

    ``k``: neighbours per item (None: every other item). Ties are broken by item number.
    """
    scores, representation = similarity_matrix(items, representation)
    ids = items["item_id"].astype(int).to_numpy()
    texts = representation_texts(items, representation.spec)
    n = len(ids)
    k = n - 1 if k is None else max(0, min(int(k), n - 1))
    rows = []
    for i in range(n):
        others = [j for j in range(n) if j != i]
        others.sort(key=lambda j: (-round(scores[i, j], 12), ids[j]))
        for rank, j in enumerate(others[:k], start=1):
            shared = shared_terms(texts[i], texts[j], representation, shared_top)
            rows.append((ids[i], ids[j], rank, float(scores[i, j]), "、".join(shared)))
    table = pd.DataFrame(rows, columns=SIMILARITY_COLUMNS)
    table = table.astype({"item_a": "int64", "item_b": "int64", "rank": "int64"})
    table["score"] = table["score"].round(4)
    table.attrs["representation"] = representation.spec.label
    return table


def similar_items(
    items: pd.DataFrame,
    item_id: int,
    k: int = 5,
    representation: Representation | None = None,
) -> pd.DataFrame:
    """The ``k`` items most like ``item_id``, with scores and shared terms, and their names."""
    _check_items(items)
    if int(item_id) not in set(items["item_id"].astype(int)):
        raise SimilarityError(f"item {item_id} is not in the list (items: {len(items)})")
    if representation is None:
        representation = fit_representation(representation_texts(items))
    vectors = item_vectors(items, representation)
    ids = items["item_id"].astype(int).to_numpy()
    i = int(np.flatnonzero(ids == int(item_id))[0])
    scores = (vectors @ vectors[i].T).toarray().ravel()
    texts = representation_texts(items, representation.spec)
    others = sorted((j for j in range(len(ids)) if j != i), key=lambda j: (-scores[j], ids[j]))
    rows = []
    for rank, j in enumerate(others[:k], start=1):
        shared = shared_terms(texts[i], texts[j], representation)
        rows.append((ids[i], ids[j], rank, round(float(scores[j]), 4), "、".join(shared)))
    table = pd.DataFrame(rows, columns=SIMILARITY_COLUMNS)
    names = items.set_index(items["item_id"].astype(int))["name"]
    table["name_b"] = table["item_b"].map(names)
    return table


def neighbour_sets(scores: np.ndarray, ids, k: int = 5) -> dict[int, list[int]]:
    """Each item's ``k`` nearest other items (ties by item number)."""
    ids = [int(i) for i in ids]
    out = {}
    for i, item in enumerate(ids):
        others = [j for j in range(len(ids)) if j != i]
        others.sort(key=lambda j: (-scores[i, j], ids[j]))
        out[item] = [ids[j] for j in others[:k]]
    return out


def pair_recall(scores: np.ndarray, ids, pairs: pd.DataFrame, k: int = 5) -> dict[str, float]:
    """How many hand-judged pairs are among each other's ``k`` nearest neighbours.

    ``either``: b is among a's k nearest, or a among b's; ``both``: each among the other's.
    """
    neighbours = neighbour_sets(scores, ids, k)
    either = both = 0
    for a, b in zip(pairs["item_a"].astype(int), pairs["item_b"].astype(int), strict=True):
        a_has_b = b in neighbours[a]
        b_has_a = a in neighbours[b]
        either += a_has_b or b_has_a
        both += a_has_b and b_has_a
    n = len(pairs)
    return {"pairs": n, "either": either, "both": both, "either_share": either / n}


def compare_representations(
    items: pd.DataFrame, pairs: pd.DataFrame, candidates=CANDIDATES, k: int = 5
) -> pd.DataFrame:
    """Every candidate representation measured on the hand-judged pairs, best first."""
    rows = []
    for spec in candidates:
        representation = fit_representation(representation_texts(items, spec), spec)
        scores, _ = similarity_matrix(items, representation)
        result = pair_recall(scores, items["item_id"], pairs, k)
        rows.append({"representation": spec.label, **result})
    table = pd.DataFrame(rows)
    return table.sort_values(["either", "both"], ascending=False, kind="stable").reset_index(
        drop=True
    )
