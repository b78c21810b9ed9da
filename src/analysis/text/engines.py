"""The two engines that cut Chinese text into words: jieba-rs (through ``rjieba``) and jieba.

**Why two.** jieba is the reference: the segmenter the field uses, whose results this kit's
tables were first built on. jieba-rs is its Rust port, with the same dictionary and the same
search for the most probable route through it, and it finds that route about 25× faster. So
jieba-rs does the work by default, and jieba stays one switch away: ``ANALYSIS_SEGMENTER=jieba``
(or ``jieba-rs``, the default) picks the engine for every segmenter the process builds.

**How they are kept equal.** Reading jieba-rs 0.11 (the version ``rjieba`` 0.2.2 wraps) beside
jieba 0.42, and testing them side by side, found four differences. Each is closed here, so the
two engines give the same terms; ``tests/test_engines.py`` checks it on the list, on a replicated
corpus, on Hypothesis-generated text and with other user dictionaries.

1. *The dictionary total.* jieba counts a word twice in its total when its dictionary lists it
   twice (``B超``) and when a user word is one it already knows (the new frequency is added, the
   old one never taken off); jieba-rs counts every word once. A word's probability is its
   frequency over the total, and where two routes tie exactly (友|友友 against 友友|友) the last
   bit of that division decides, so the engines parted. The jieba engine here sets the total as
   jieba-rs does: the sum of its dictionary's frequencies, each word once.
2. *The HMM's numbers.* For runs of characters the route leaves single and the dictionary does
   not know, both use an HMM to guess words, but jieba-rs stores its emission probabilities
   rounded to 7 digits, so where two guesses score within about 1e-6 of each other it can pick
   the other one (常在买: 常|在|买 for jieba, 常在|买 for jieba-rs). The jieba-rs engine therefore
   asks jieba-rs for the route only (HMM off) and gives those runs to jieba's own HMM
   (``jieba.finalseg``), each distinct run once. That also settles jieba-rs's own way with
   ``.``, ``_`` and ``-`` between letters or digits (``WES-5.4.5`` kept whole; jieba splits it).
3. *What counts as Han.* jieba-rs treats the CJK extension blocks, the compatibility ideographs
   and U+9FD6-U+9FFF as Han, so it joins them to their neighbours; jieba's pattern stops at
   U+9FD5 and breaks the text there. The jieba-rs engine breaks the text at those characters
   first (``BEYOND_JIEBA_HAN``). Each is a single character either way, never a term.
4. *Runs of Latin letters and digits.* With the HMM off, jieba-rs hands back a run of letters and
   digits the route left single as one token, which is how jieba's HMM would cut it too; but
   that token could also be a dictionary word the route took whole, and the two cases are
   handled differently. jieba's dictionary holds no such word; when a user dictionary does and
   the word turns up, the jieba-rs engine cuts that stretch of text with jieba.

Tokens that are never terms (punctuation, spaces, the characters of 3.) may still differ in form;
the segmenter drops them under either engine.

Each engine keeps its own copy of the dictionary, so words added to ``jieba.dt`` or to
``rjieba``'s module-level instance elsewhere cannot change the results.
"""

import logging
import os
import re
import string
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import jieba
import jieba.finalseg

ENGINE_ENV = "ANALYSIS_SEGMENTER"
JIEBA_RS = "jieba-rs"
JIEBA = "jieba"
ENGINES = (JIEBA_RS, JIEBA)
JIEBA_CACHE_ENV = "JIEBA_CACHE_DIR"

# Characters jieba-rs reads as Han and jieba does not: a superset of jieba-rs's extra ranges is
# safe, since jieba breaks the text at every one of them.
BEYOND_JIEBA_HAN = "\u3400-\u4dbf\u9fd6-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_BEYOND_JIEBA_HAN = re.compile(f"[{BEYOND_JIEBA_HAN}]")
# The characters jieba cuts into words (``jieba.re_han_default``); one of them alone is a step
# of the route, any other character alone stands outside the stretches jieba cuts.
_JIEBA_HAN = frozenset(
    [chr(c) for c in range(0x4E00, 0x9FD6)] + list("+#&._%-" + string.ascii_letters + string.digits)
)
# jieba's HMM is kept for runs met before; a corpus rarely has more distinct runs than this.
HMM_MEMO_SIZE = 1 << 18


class EngineChoiceError(ValueError):
    """``ANALYSIS_SEGMENTER`` names no engine this kit has."""


def engine_name(value: str | None = None) -> str:
    """The engine ``value`` names, or ``$ANALYSIS_SEGMENTER``, or jieba-rs when neither is set."""
    if value is None:
        value = os.environ.get(ENGINE_ENV, "")
    value = value.strip() or JIEBA_RS
    if value not in ENGINES:
        raise EngineChoiceError(
            f"{ENGINE_ENV}={value!r} names no segmenter engine; use one of: {', '.join(ENGINES)}"
        )
    return value


# --- jieba, the reference --------------------------------------------------------------------


@cache
def configure_jieba() -> None:
    """Quiet jieba's log and put its dictionary cache in ``$JIEBA_CACHE_DIR`` when set."""
    jieba.setLogLevel(logging.WARNING)
    folder = cache_dir()
    if folder is not None:
        jieba.dt.tmp_dir = str(folder)


def cache_dir() -> Path | None:
    """The folder named by ``JIEBA_CACHE_DIR`` (created), or None for jieba's default."""
    value = os.environ.get(JIEBA_CACHE_ENV)
    if not value:
        return None
    folder = Path(value)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@cache
def base_jieba() -> jieba.Tokenizer:
    """A private jieba tokenizer with only jieba's own dictionary, never modified."""
    configure_jieba()
    tokenizer = jieba.Tokenizer()
    folder = cache_dir()
    if folder is not None:
        tokenizer.tmp_dir = str(folder)
    tokenizer.initialize()
    return tokenizer


class JiebaEngine:
    """jieba with user words added at ``freq``, HMM on."""

    name = JIEBA

    def __init__(self, words: Sequence[str], freq: int):
        base = base_jieba()
        tokenizer = jieba.Tokenizer()
        # Copying the loaded prefix dictionary takes milliseconds; loading it again takes 0.6 s.
        tokenizer.FREQ = dict(base.FREQ)
        tokenizer.initialized = True
        for word in words:
            tokenizer.add_word(word, freq=freq)
        # Difference 1 in the module docstring: each word counted once in the total.
        tokenizer.total = sum(tokenizer.FREQ.values())
        self._tokenizer = tokenizer

    def cut(self, text: str) -> list[str]:
        return self._tokenizer.lcut(text)


def jieba_splits(text: str) -> list[str]:
    """``text`` cut by jieba's own dictionary alone, HMM off."""
    return base_jieba().lcut(text, HMM=False)


# --- jieba-rs, the default -------------------------------------------------------------------

# An unmodified rjieba instance, loaded at most once at a time: ``rjieba_splits`` reads it, and
# the first engine built takes it over instead of loading the dictionary again (0.4 s).
_unmodified_rjieba: list = []


def _rjieba_instance(*, to_modify: bool):
    import rjieba

    if to_modify:
        return _unmodified_rjieba.pop() if _unmodified_rjieba else rjieba.Jieba()
    if not _unmodified_rjieba:
        _unmodified_rjieba.append(rjieba.Jieba())
    return _unmodified_rjieba[0]


class JiebaRsEngine:
    """jieba-rs (``rjieba``) for the route, with user words added at ``freq``; jieba's HMM for
    the runs the route leaves single (differences 2-4 in the module docstring)."""

    name = JIEBA_RS

    def __init__(self, words: Sequence[str], freq: int):
        self._rjieba = _rjieba_instance(to_modify=True)
        for word in words:
            self._rjieba.add_word(word, freq, None)
        self._words = tuple(words)
        self._freq = freq
        self._hmm: dict[str, list[str]] = {}
        self._reference: JiebaEngine | None = None

    def _run(self, run: str) -> list[str]:
        """A run of single steps as jieba's ``__cut_DAG`` gives it: a known word one character
        at a time, anything else through the HMM."""
        if self._rjieba.has_word(run):
            return list(run)
        tokens = self._hmm.get(run)
        if tokens is None:
            if len(self._hmm) >= HMM_MEMO_SIZE:
                self._hmm.clear()
            tokens = self._hmm[run] = list(jieba.finalseg.cut(run))
        return tokens

    def _jieba(self, text: str) -> list[str]:
        if self._reference is None:
            self._reference = JiebaEngine(self._words, self._freq)
        return self._reference.cut(text)

    def cut(self, text: str) -> list[str]:
        # Difference 3: break the text where jieba would; "\n" is a break in both engines.
        if _BEYOND_JIEBA_HAN.search(text) is not None:
            text = _BEYOND_JIEBA_HAN.sub("\n", text)
        han, has_word, run_of = _JIEBA_HAN, self._rjieba.has_word, self._run
        out: list[str] = []
        run: list[str] = []  # single steps of the route, not yet handed out
        stretch = 0  # where in ``out`` the stretch jieba would cut as one begins
        unsure = False  # difference 4 met in this stretch
        for token in self._rjieba.cut(text, False):
            if len(token) == 1 and token in han:
                run.append(token)
                continue
            if token.isascii() and token.isalnum():  # letters and digits: single steps
                run.append(token)
                unsure = unsure or has_word(token)
                continue
            if run:
                out.extend(run if len(run) == 1 else run_of("".join(run)))
                run = []
            if token[0] in han:  # a word of the route
                out.append(token)
                continue
            # A character outside jieba's stretches (punctuation, a space) closes one.
            if unsure:
                out[stretch:] = self._jieba("".join(out[stretch:]))
                unsure = False
            out.append(token)
            stretch = len(out)
        if run:
            out.extend(run if len(run) == 1 else run_of("".join(run)))
        if unsure:
            out[stretch:] = self._jieba("".join(out[stretch:]))
        return out


def rjieba_splits(text: str) -> list[str]:
    """``text`` cut by jieba-rs's own dictionary alone, HMM off."""
    return _rjieba_instance(to_modify=False).cut(_BEYOND_JIEBA_HAN.sub("\n", text), False)


# --- choosing ------------------------------------------------------------------------------


def make_engine(name: str, words: Sequence[str], freq: int) -> JiebaEngine | JiebaRsEngine:
    return JiebaRsEngine(words, freq) if engine_name(name) == JIEBA_RS else JiebaEngine(words, freq)


def dictionary_splits(text: str, engine: str | None = None) -> list[str]:
    """``text`` cut by the engine's own dictionary alone (no user words), HMM off: the test for
    whether a name needs a user-dictionary entry."""
    return rjieba_splits(text) if engine_name(engine) == JIEBA_RS else jieba_splits(text)


def warm_up(engine: str | None = None) -> None:
    """Load the engine's dictionary now (0.4 s for jieba-rs, 0.6 s for jieba), e.g. in a worker
    process while it waits."""
    if engine_name(engine) == JIEBA_RS:
        _rjieba_instance(to_modify=False)
    else:
        base_jieba()
