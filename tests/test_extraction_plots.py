"""The extraction figures: built from the data, titles that state what the data say."""

from pathlib import Path

import matplotlib.patches as mpatches
import matplotlib.pyplot as plt
import pandas as pd

from analysis import load_items
from analysis.extract.claims import claims_per_section, coined_terms, first_mover_claims
from analysis.extract.quantities import extract_quantities
from analysis.extract.regulations import extract_regulations
from analysis.figures.extraction import (
    plot_citations_by_type_and_section,
    plot_first_mover_claims_by_section,
    plot_forecast_ladder,
    plot_key_numbers,
)

FIXTURES = Path(__file__).parent / "fixtures"


def _title(fig) -> str:
    return fig.texts[0].get_text()


def test_citations_figure(items, figure_settings):
    fig = plot_citations_by_type_and_section(
        extract_regulations(items), items, settings=figure_settings("zh")
    )
    assert _title(fig) == "清单引用法规文件 19 次，条例最多（6 次），其中经济特区法规 5 次"
    plt.close(fig)


def test_key_numbers_figure(items, figure_settings):
    fig = plot_key_numbers(extract_quantities(items), settings=figure_settings("zh"))
    assert _title(fig) == "志愿者达208万人：清单给出的关键数字共 15 个"
    card_texts = {t.get_text() for t in fig.axes[0].texts}
    assert {"达208万人", "达42%", "270平方公里", "3万多场"} <= card_texts
    plt.close(fig)


def test_key_numbers_english_title_says_what_it_compares(items, figure_settings):
    """Counts are compared with counts (the dimension, not the counter word), and the title
    says so: the largest is 达208万人 (2,080,000 against 1.4万个 and fewer)."""
    fig = plot_key_numbers(extract_quantities(items), settings=figure_settings("en"))
    assert _title(fig) == (
        "15 key numbers in the list; the largest count: reached 2.08 million volunteers (志愿者)"
    )
    # The cards write numbers as an English reader does, glossed, and quote the list's text.
    card_texts = {t.get_text() for t in fig.axes[0].texts}
    assert {"reached 2.08 million", "reached 42%", "270 km²", "over 30,000"} <= card_texts
    assert {"volunteers", "Item 43 · 达208万人", "Item 10 · 270平方公里"} <= card_texts
    assert not any("志愿者" in t for t in card_texts)
    plt.close(fig)


def test_forecast_ladder_figure(items, figure_settings):
    fig = plot_forecast_ladder(
        extract_quantities(items), coined_terms(items), settings=figure_settings("zh")
    )
    assert _title(fig) == "“31631”：提前3天、1天、6小时、3小时、1小时，共 5 级"
    widths = [bar.get_width() for bar in fig.axes[0].patches]
    assert widths == [72, 24, 6, 3, 1]
    plt.close(fig)


def test_first_mover_figure(items, figure_settings):
    per_section = claims_per_section(first_mover_claims(items), items)
    fig = plot_first_mover_claims_by_section(per_section, settings=figure_settings("zh"))
    assert _title(fig).endswith("的举措最多：12 项中 5 项")
    assert _title(fig).startswith("五、")
    plt.close(fig)


def test_the_citations_title_names_tied_types_honestly(figure_settings):
    import pandas as pd

    from analysis.figures.extraction import _commonest_types
    from analysis.figures.settings import drawing_with

    # The title's helper, called as plot_citations_by_type_and_section calls it: in Chinese.
    with drawing_with(figure_settings("zh")):
        # List A of the review: 条例, 规划 and 办法 cited once each, so none is "the commonest".
        assert _commonest_types(pd.Series({"办法": 1, "条例": 1, "规划": 1})) == "3 类文件各 1 次"
        assert (
            _commonest_types(pd.Series({"办法": 1, "条例": 2, "规划": 2}))
            == "规划、条例并列最多（各 2 次）"
        )
        assert _commonest_types(pd.Series({"办法": 1, "条例": 6})) == "条例最多（6 次）"


def test_a_title_too_long_for_the_figure_shrinks_and_keeps_its_wording():
    from analysis.figures.save import _finding
    from analysis.figures.theme import TITLE_SIZE, new_figure

    title = "各方面最具特色的词：" + "、".join(
        f"{n}“《澜江省科技创新促进条例》”" for n in "一二三四"
    )
    fig, _ = new_figure(title, "副标题", source="资料来源：测试清单")
    drawn = fig.texts[0]
    assert drawn.get_fontsize() < TITLE_SIZE
    renderer = fig.canvas.get_renderer()
    assert drawn.get_window_extent(renderer).x1 <= fig.bbox.width
    assert _finding(fig) == title
    plt.close(fig)


def test_a_change_is_one_card_from_before_to_after(figure_settings):
    quantities = extract_quantities(
        pd.DataFrame(
            {
                "item_id": [1, 2],
                "section_id": [1, 2],
                "content": ["新能源汽车保有量由10万辆增至30万辆。", "年发电量2.5亿千瓦时。"],
            }
        )
    )
    fig = plot_key_numbers(quantities, settings=figure_settings("zh"))
    assert {"10万辆→30万辆", "2.5亿千瓦时"} <= {t.get_text() for t in fig.axes[0].texts}
    plt.close(fig)
    fig = plot_key_numbers(quantities, settings=figure_settings("en"))
    assert {"100,000 → 300,000", "250 million kWh"} <= {t.get_text() for t in fig.axes[0].texts}
    plt.close(fig)


def test_a_list_with_many_key_numbers_shows_the_first_fifteen_and_says_so(figure_settings):
    """The Jianglan list (written by a reviewer, unseen by the kit when it was written) states
    more headline figures than a slide holds: the cards stop at three rows of five, and the
    subtitle gives the whole count."""
    from analysis.extract.headlines import headline_quantities
    from analysis.figures.extraction import MAX_CARDS

    items = load_items(FIXTURES / "jianglan_province_list.txt")
    quantities = extract_quantities(items)
    count = len(headline_quantities(quantities))
    assert count > MAX_CARDS
    for lang in ("zh", "en"):
        fig = plot_key_numbers(quantities, settings=figure_settings(lang))
        cards = [p for p in fig.axes[0].patches if isinstance(p, mpatches.FancyBboxPatch)]
        assert len(cards) == MAX_CARDS
        subtitle = " ".join(t.get_text() for t in fig.texts)
        assert str(count) in subtitle and str(MAX_CARDS) in subtitle
        plt.close(fig)
