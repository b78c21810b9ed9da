"""jieba-rs and jieba give the same terms and the same keyword tables.

Differential tests: every text is segmented under both engines and the results compared, on the
list, on a replicated corpus, on generated text, and with other user dictionaries. The three
places where jieba-rs cuts differently from jieba (``engines`` docstring) each have a test that
shows the raw difference and that the engine closes it.
"""

import string

import jieba
import pandas as pd
import pytest
import rjieba
from examples import scaled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.text import engines, segment
from analysis.text.engines import JIEBA, JIEBA_RS
from analysis.text.keywords import keyword_counts
from analysis.text.segment import USER_WORD_FREQ

# Deterministic in CI and locally: a fixed seed, no example database.
DIFFERENTIAL = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=scaled(300),
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def texts(items):
    return segment.item_texts(items).tolist()


@pytest.fixture(scope="module")
def words(items):
    return segment.user_dictionary(items)


@pytest.fixture(scope="module")
def both(words):
    return {e: segment.segmenter_for(words, e) for e in engines.ENGINES}


def counts_under(engine, monkeypatch, corpus, **kwargs):
    monkeypatch.setenv(engines.ENGINE_ENV, engine)
    return keyword_counts(corpus, progress=False, **kwargs)


# --- choosing the engine ---------------------------------------------------------------------


def test_jieba_rs_is_the_default_and_jieba_one_switch_away(monkeypatch):
    monkeypatch.delenv(engines.ENGINE_ENV, raising=False)
    assert engines.engine_name() == JIEBA_RS
    monkeypatch.setenv(engines.ENGINE_ENV, "jieba")
    assert engines.engine_name() == JIEBA
    assert segment.segmenter_for(("揭榜挂帅",)).engine == JIEBA
    monkeypatch.setenv(engines.ENGINE_ENV, "pkuseg")
    with pytest.raises(engines.EngineChoiceError, match="ANALYSIS_SEGMENTER='pkuseg'"):
        engines.engine_name()


def test_cache_dir_comes_from_the_environment(tmp_path, monkeypatch):
    folder = tmp_path / "jieba-cache"
    monkeypatch.setenv(engines.JIEBA_CACHE_ENV, str(folder))
    assert engines.cache_dir() == folder
    assert folder.is_dir()
    monkeypatch.delenv(engines.JIEBA_CACHE_ENV)
    assert engines.cache_dir() is None


def test_a_word_no_engine_can_hold_is_refused():
    for bad in ["", "上下\n左右"]:
        with pytest.raises(segment.SegmenterError, match="user-dictionary word"):
            segment.Segmenter([bad, "揭榜挂帅"], JIEBA_RS)


# --- on the list -------------------------------------------------------------------------------


def test_the_user_dictionary_is_the_same_under_both(items, monkeypatch):
    """Named bodies are found with each engine's own dictionary, HMM off."""
    found = {}
    for engine in engines.ENGINES:
        monkeypatch.setenv(engines.ENGINE_ENV, engine)
        found[engine] = segment.user_dictionary(items)
    assert found[JIEBA] == found[JIEBA_RS]
    assert "深圳国际仲裁院" in found[JIEBA_RS]


def test_tokens_are_identical_on_the_list(texts, both):
    for text in texts:
        assert both[JIEBA_RS].tokenize(text) == both[JIEBA].tokenize(text), text


def test_keyword_tables_are_identical_on_the_list(items, monkeypatch):
    reference = counts_under(JIEBA, monkeypatch, items)
    pd.testing.assert_frame_equal(counts_under(JIEBA_RS, monkeypatch, items), reference)
    assert len(reference) > 1000


def test_keyword_tables_are_identical_on_a_replicated_corpus(items, monkeypatch):
    """The corpus the benchmark builds, at 20× here (``make bench`` checks the full 1000×).
    Counts of a corpus of k copies are k times the list's counts under either engine."""
    scale = 20
    corpus = pd.concat([items] * scale, ignore_index=True)
    corpus["item_id"] = range(1, len(corpus) + 1)
    reference = counts_under(JIEBA, monkeypatch, corpus)
    pd.testing.assert_frame_equal(counts_under(JIEBA_RS, monkeypatch, corpus), reference)
    once = counts_under(JIEBA_RS, monkeypatch, items).set_index("term")
    assert (reference.set_index("term") == once * scale).all().all()


# --- on generated text ---------------------------------------------------------------------


def _alphabet(texts) -> str:
    own = sorted(set("".join(texts)) - set(string.whitespace))
    # The list's own characters, punctuation, digits, Latin letters, the connectors jieba-rs
    # reads differently (. _ -), characters only jieba-rs counts as Han, and spaces.
    extra = string.ascii_letters + string.digits + "._-+#&%@，。、；：“”《》（）—" + "㐀鿖鿿丽 \t"
    return "".join(dict.fromkeys(own + list(extra)))


@pytest.fixture(scope="module")
def alphabet(texts):
    return _alphabet(texts)


def generated_text(alphabet):
    return st.text(alphabet=alphabet, max_size=120)


def test_the_alphabet_holds_the_list_and_the_hard_cases(alphabet, texts):
    assert set("".join(texts)) - set(string.whitespace) <= set(alphabet)
    assert {"-", "_", ".", "鿖", "㐀", "A", "z", "0", " "} <= set(alphabet)


def test_tokens_are_identical_on_generated_text(both, alphabet):
    @DIFFERENTIAL
    @given(st.lists(generated_text(alphabet), max_size=4).map("".join))
    def check(text):
        assert both[JIEBA_RS].tokenize(text) == both[JIEBA].tokenize(text)

    check()


def test_tokens_are_identical_on_spliced_list_text(both, texts):
    """Pieces of the list glued in new orders: real words at new boundaries."""

    @DIFFERENTIAL
    @given(
        st.lists(
            st.tuples(st.sampled_from(texts), st.integers(0, 400), st.integers(1, 40)),
            min_size=1,
            max_size=6,
        )
    )
    def check(cuts):
        text = "".join(t[start : start + size] for t, start, size in cuts)
        assert both[JIEBA_RS].tokenize(text) == both[JIEBA].tokenize(text)

    check()


def test_counts_are_identical_on_generated_text(both, alphabet):
    @DIFFERENTIAL
    @given(st.lists(generated_text(alphabet), max_size=6))
    def check(batch):
        assert both[JIEBA_RS].term_counts(batch) == both[JIEBA].term_counts(batch)

    check()


# --- other user dictionaries -----------------------------------------------------------------

# A user's own dictionary: new words, words jieba already knows (一对一, 公共服务), words with a
# connector, with digits, with a character only jieba-rs counts as Han, and a title.
OWN_WORDS = (
    "一网通办",
    "一对一",
    "公共服务",
    "营商环境",
    "e-mail",
    "WES-5.4.5",
    "abc_def",
    "5G基站",
    "㐀㐁",
    "《深圳经济特区健康条例》",
)
OWN_TEXT = (
    "深圳推行一网通办，一对一服务企业；通过e-mail和abc_def系统发布WES-5.4.5版本，"
    "建成5G基站，字库收录㐀㐁两字，公共服务和营商环境持续优化，施行《深圳经济特区健康条例》。"
)


def test_a_user_supplied_dictionary_gives_identical_tokens():
    tokens = {e: segment.Segmenter(OWN_WORDS, e).tokenize(OWN_TEXT) for e in engines.ENGINES}
    assert tokens[JIEBA_RS] == tokens[JIEBA]
    for word in ["一网通办", "e-mail", "WES-5.4.5", "abc_def", "5G基站", "营商环境"]:
        assert word in tokens[JIEBA_RS], word


def test_a_user_supplied_dictionary_gives_identical_keyword_tables(items, monkeypatch):
    own = list(OWN_WORDS) + ["科技成果", "城市治理", "政务服务"]
    reference = counts_under(JIEBA, monkeypatch, items, words=own)
    pd.testing.assert_frame_equal(counts_under(JIEBA_RS, monkeypatch, items, words=own), reference)
    generated = counts_under(JIEBA, monkeypatch, items)
    # The user's dictionary replaced the generated one: 揭榜挂帅 is no longer kept whole.
    assert "揭榜挂帅" in set(generated["term"]) - set(reference["term"])


def test_generated_user_dictionaries_give_identical_tokens(texts):
    """Dictionaries of pieces of the list, many of them words jieba already knows."""

    @settings(DIFFERENTIAL, max_examples=6)
    @given(
        st.lists(
            st.tuples(st.sampled_from(texts), st.integers(0, 300), st.integers(2, 6)),
            min_size=1,
            max_size=60,
        )
    )
    def check(cuts):
        words = {t[start : start + size] for t, start, size in cuts} - {""}
        words = {w for w in words if "\n" not in w}
        pair = [segment.Segmenter(words, e) for e in engines.ENGINES]
        for text in texts[::4]:
            assert pair[0].tokenize(text) == pair[1].tokenize(text)

    check()


# --- the three differences, one by one -----------------------------------------------------


def test_difference_1_the_dictionary_total():
    """jieba's add_word counts a known word's frequency twice in the total; jieba-rs once.
    With the 20 most frequent words of jieba's dictionary added, a route flips."""
    base = engines.base_jieba()
    frequent = sorted(base.FREQ, key=base.FREQ.get, reverse=True)[:20]
    text = "开展技术成果商业化应用"

    as_jieba_adds = jieba.Tokenizer()
    as_jieba_adds.FREQ, as_jieba_adds.total = dict(base.FREQ), base.total
    as_jieba_adds.initialized = True
    raw_rjieba = rjieba.Jieba()
    for word in frequent:
        as_jieba_adds.add_word(word, freq=USER_WORD_FREQ)
        raw_rjieba.add_word(word, USER_WORD_FREQ, None)
    assert as_jieba_adds.lcut(text) != raw_rjieba.cut(text)

    pair = [engines.make_engine(e, frequent, USER_WORD_FREQ) for e in engines.ENGINES]
    assert pair[0].cut(text) == pair[1].cut(text) == raw_rjieba.cut(text)


def test_difference_1_a_word_listed_twice(both):
    """jieba's dictionary lists B超 twice, and jieba's total counts it twice. An exact tie
    (友|友友 against 友友|友) is then decided by the last bit of the division, and with the
    list's user dictionary the engines parted here until the total counted each word once.
    Found by Hypothesis (test_tokens_are_identical_on_generated_text)."""
    base = engines.base_jieba()
    assert base.total - sum(base.FREQ.values()) == base.FREQ["B超"] == 3
    text = "友友友代A免卡"
    assert both[JIEBA_RS].tokenize(text) == both[JIEBA].tokenize(text) == ["友友", "友代", "免卡"]


def test_difference_2_the_hmm_numbers(both):
    """jieba-rs rounds its HMM emission probabilities; on a near tie it guesses otherwise.
    Found by a long random run of generated text (one text in about 90,000)."""
    text = "常在买"
    assert rjieba.Jieba().cut(text) == ["常在", "买"]
    assert jieba.lcut(text) == ["常", "在", "买"]
    bare = engines.make_engine(JIEBA_RS, (), USER_WORD_FREQ)
    assert bare.cut("发酸常在买迸") == jieba.lcut("发酸常在买迸")
    long_text = "紧E道坚托典符联麻发酸常在买迸上习专缝成买F双"
    assert both[JIEBA_RS].tokenize(long_text) == both[JIEBA].tokenize(long_text)
    assert "常在" not in both[JIEBA_RS].tokenize(long_text)


def test_difference_2_also_settles_connectors(both):
    """jieba-rs keeps WES-5.4.5 and e-mail whole where jieba's HMM splits them."""
    text = "采用WES-5.4.5版本与e-mail地址和abc_def"
    raw = rjieba.Jieba().cut(text)
    assert "WES-5.4.5" in raw and "e-mail" in raw
    assert engines.make_engine(JIEBA_RS, (), USER_WORD_FREQ).cut(text) == jieba.lcut(text)
    assert both[JIEBA_RS].tokenize(text) == both[JIEBA].tokenize(text)
    assert {"WES", "mail", "abc", "def"} <= set(both[JIEBA_RS].tokenize(text))


def test_difference_3_what_counts_as_han(both):
    text = "鿖鿗测试与㐀㐁测试"
    assert rjieba.Jieba().cut(text) != jieba.lcut(text)
    assert both[JIEBA_RS].tokenize(text) == both[JIEBA].tokenize(text) == ["测试", "测试"]


def test_difference_4_a_user_word_of_letters_and_digits():
    """A run of letters jieba-rs hands back whole may be a user word the route took whole;
    that stretch is cut with jieba, and only that stretch."""
    words = ("iPhone", "Ab", "智能手机")
    text = "推动iPhone与Ab和AbC，智能手机普及。手机Ab"
    pair = {e: engines.make_engine(e, words, USER_WORD_FREQ) for e in engines.ENGINES}
    assert pair[JIEBA_RS].cut(text) == pair[JIEBA].cut(text)
    assert pair[JIEBA_RS]._reference is not None  # the fallback ran
    untouched = engines.make_engine(JIEBA_RS, words, USER_WORD_FREQ)
    assert untouched.cut("智能手机普及") == pair[JIEBA].cut("智能手机普及")
    assert untouched._reference is None  # and not where no such word turns up


def test_jiebas_dictionary_holds_no_word_of_letters_and_digits_only():
    """What makes difference 4 rare: only a user dictionary can bring such a word."""
    base = engines.base_jieba()
    assert not [w for w, f in base.FREQ.items() if f and w.isascii() and w.isalnum()]
