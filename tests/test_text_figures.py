"""The text-analysis figures draw without a missing-glyph warning (pyproject turns matplotlib's
UserWarnings into errors) and state findings computed from the data."""

import matplotlib
import matplotlib.pyplot as plt
import pytest

from analysis import keyword_plots, length_plots, load_items, network_plots
from analysis.cooccurrence import cooccurrence_graph
from analysis.keyness import keyness
from analysis.keywords import keyword_counts

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def list_items():
    return load_items()


@pytest.fixture(scope="module")
def counts(list_items):
    return keyword_counts(list_items)


def _title(fig) -> str:
    return fig.texts[0].get_text()


def test_figures_draw_with_their_findings(list_items, counts):
    figures = {
        "chars_per_section": length_plots.plot_chars_per_section(list_items),
        "chars_per_item": length_plots.plot_chars_per_item(list_items),
        "top_terms": keyword_plots.plot_top_terms(counts, list_items),
        "by_section": keyword_plots.plot_top_terms_by_section(counts, list_items),
        "keyness": keyword_plots.plot_keyness(keyness(counts=counts), list_items),
        "network": network_plots.plot_cooccurrence_network(
            cooccurrence_graph(list_items, counts=counts), list_items
        ),
    }
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
