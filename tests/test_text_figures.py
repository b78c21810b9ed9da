"""The text-analysis figures draw without a missing-glyph warning (pyproject turns matplotlib's
UserWarnings into errors) and state findings computed from the data, in Chinese and in English."""

import io
import re

import matplotlib
import matplotlib.pyplot as plt
import pytest

from analysis.figures import lengths, network, terms
from analysis.figures.labels import section_short_name
from analysis.figures.settings import drawing_with
from analysis.text.cooccurrence import cooccurrence_graph
from analysis.text.keyness import keyness

matplotlib.use("Agg")


def _title(fig) -> str:
    return fig.texts[0].get_text()


def _text_figures(items, counts, settings, clouds: bool = False) -> dict:
    figures = {
        "chars_per_section": lengths.plot_chars_per_section(items, settings=settings),
        "chars_per_item": lengths.plot_chars_per_item(items, settings=settings),
        "top_terms": terms.plot_top_terms(counts, items, settings=settings),
        "by_section": terms.plot_top_terms_by_section(counts, items, settings=settings),
        "keyness": terms.plot_keyness(keyness(counts=counts), items, settings=settings),
        "network": network.plot_cooccurrence_network(
            cooccurrence_graph(items, counts=counts), items, settings=settings
        ),
    }
    if clouds:
        figures["wordcloud"] = terms.plot_wordcloud(counts, items, settings=settings)
        figures["wordclouds"] = terms.plot_wordclouds_by_section(counts, items, settings=settings)
    return figures


def test_figures_draw_with_their_findings(items, counts, figure_settings):
    figures = _text_figures(items, counts, figure_settings("zh"))
    for fig in figures.values():
        fig.canvas.draw()
    # In the raw source the content cell of item 35 is 292 characters long and that of item 17
    # is 61; section 五's content cells add up to 2,238, less 体系 (2), the spilled end of
    # item 45's name, gives 2,236. 企业 occurs 47 times as a word (see
    # test_keywords).
    assert _title(figures["chars_per_section"]).startswith("五、")
    assert "2,236" in _title(figures["chars_per_section"])
    assert "第 35 项有 292 字" in _title(figures["chars_per_item"])
    assert "第 17 项（61 字）" in _title(figures["chars_per_item"])
    assert _title(figures["top_terms"]).startswith("“企业”出现最多（47 次）")
    plt.close("all")


# Han characters and CJK punctuation (、，（）“”…): none may be left in an English figure's text.
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_QUOTED = re.compile(r'"[^"]*"')
_COUNT_IN_BRACKETS = re.compile(r" \(\d+\)$")


_LEADING_TERM = re.compile(r"^(?P<term>\S+) (?P<rest>.+)$")


def _is_term(word: str, terms: set[str]) -> bool:
    """A term, or a term cut with an ellipsis to fit a bar's label."""
    if word in terms:
        return True
    return word.endswith("…") and any(t.startswith(word[:-1]) for t in terms)


def _untranslated(text: str, terms: set[str]) -> str:
    """The Chinese in ``text`` that is not a term: quoted terms and a term opening the label of
    a bar or a node, followed by its gloss (企业 (enterprises, 47)), are data and stay in
    Chinese; the gloss must hold none."""
    if _COUNT_IN_BRACKETS.sub("", text) in terms:
        return ""
    labelled = _LEADING_TERM.match(text)
    if labelled and _is_term(labelled["term"], terms):
        text = labelled["rest"]
    return "".join(_CJK.findall(_QUOTED.sub("", text)))


def _all_text(fig) -> list[str]:
    texts = [t.get_text() for t in fig.texts]
    for ax in fig.axes:
        texts += [ax.get_title(loc="left"), ax.get_xlabel(), ax.get_ylabel()]
        texts += [t.get_text() for t in ax.texts]
        if ax.axison:
            texts += [t.get_text() for t in ax.get_yticklabels() + ax.get_xticklabels()]
    return [t for t in texts if t]


@pytest.mark.slow  # draws a whole set of figures or pages: over a second
def test_english_figures_keep_only_the_terms_in_chinese(items, counts, figure_settings):
    figures = _text_figures(items, counts, figure_settings("en"), clouds=True)
    terms = set(counts["term"])
    for name, fig in figures.items():
        fig.canvas.draw()
        title = _title(fig)
        # A title too long for the figure ends in an ellipsis (its full text goes to the deck).
        # A dictionary gloss carries its mark (†).
        assert _QUOTED.sub("", title).replace("…", "").replace("†", "").isascii(), (name, title)
        leftovers = {t: _untranslated(t, terms) for t in _all_text(fig)}
        assert not {t: c for t, c in leftovers.items() if c}, name
    # The same findings as the Chinese figures (see test_figures_draw_with_their_findings).
    assert _title(figures["top_terms"]) == (
        '"企业" (enterprises, 47 times) is the commonest term, then "创新" (innovation, 28 times)'
    )
    # Each leading term is glossed where it first appears.
    assert _title(figures["by_section"]).startswith(
        'Commonest term by section: 1 "企业" (enterprises), 2 "企业", 3 "机制" (mechanisms)'
    )
    assert _title(figures["chars_per_section"]) == (
        "5. Urban governance has the longest text: 2,236 characters"
    )
    assert "Item 35 is the longest at 292 characters" in _title(figures["chars_per_item"])
    assert "item 17 (61)" in _title(figures["chars_per_item"])
    plt.close("all")


def test_the_check_finds_chinese_left_in_a_title():
    assert _untranslated("五、城市治理篇幅最长", {"城市"}) == "五、城市治理篇幅最长"
    assert _untranslated('"企业" is the commonest term', {"企业"}) == ""
    assert _untranslated("基金 (8)", {"基金"}) == ""


def test_section_names_are_short_in_both_languages(figure_settings):
    title = "创新推动城市治理体系和治理能力现代化"
    assert section_short_name("五", title, lang="zh") == "五、城市治理体系和治理能力现代化"
    assert section_short_name("五", title, lang="en") == "5. Urban governance"
    # Inside a plot function, a name that does not say its language takes the figure's.
    with drawing_with(figure_settings("en")):
        assert section_short_name("五", title) == "5. Urban governance"
    with pytest.raises(RuntimeError, match="no language given"):
        section_short_name("五", title)


@pytest.mark.slow  # draws a whole set of figures or pages: over a second
def test_the_english_network_lands_its_labels_in_the_same_places_every_time(
    items, counts, figure_settings
):
    # Glossed labels are moved apart by adjustText, whose own limit is a second of work: on a
    # busier machine it stopped earlier and the figure changed. A count of rounds does not.
    graph = cooccurrence_graph(items, counts=counts)
    drawn = []
    for _ in range(2):
        fig = network.plot_cooccurrence_network(graph, items, settings=figure_settings("en"))
        svg = io.BytesIO()
        fig.savefig(svg, format="svg", metadata={"Date": None})
        drawn.append(svg.getvalue())
        plt.close(fig)
    assert drawn[0] == drawn[1]
