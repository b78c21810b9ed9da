"""Charts of the keyword counts: top terms overall and per section, keyness, word clouds."""

import hashlib
import json

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
import wordcloud
from wordcloud import WordCloud

from .counts import section_counts
from .fonts import cjk_font_path
from .keyness import G2_P05, most_distinctive_section
from .keywords import section_column
from .paths import cache_dir
from .theme import BODY_SIZE, DARK, fit_layout, new_figure, section_colour, wrap_label

WORDCLOUD_SEED = 2021
STOPWORD_NOTE = "已去除虚词、通用政策动词、标点和数字"
KEYNESS_NOTE = (
    "怎么读：G² 越大，\n这个词越集中在该方面。\n"
    f"G² > {G2_P05} 约相当于 p < 0.05\n"
    "（自由度 1）；清单只有 {n_items} 项，\n这一门槛只作参考。\n"
    "只列出在该方面至少出现\n{min_count} 次的词。"
)


def _sections(items: pd.DataFrame) -> pd.DataFrame:
    return section_counts(items)[["section_id", "section_numeral", "section_title", "short_title"]]


def _panel_title(row, width: int = 14) -> str:
    return wrap_label(f"{row.section_numeral}、{row.short_title}", width)


def _section_panels(title: str, subtitle: str, sections: pd.DataFrame, ncols: int = 3):
    """A grid with one panel per section, in the document's order; spare panels are blank.

    Returns ``(fig, panels, spare)``: the section panels and the unused ones (for a note)."""
    nrows = -(-len(sections) // ncols)
    fig, axes = new_figure(title, subtitle, nrows=nrows, ncols=ncols)
    axes = list(np.atleast_1d(axes).ravel())
    for ax in axes[len(sections) :]:
        ax.set_axis_off()
    return fig, axes[: len(sections)], axes[len(sections) :]


def _bare_axis(ax) -> None:
    ax.xaxis.set_visible(False)
    ax.spines["bottom"].set_visible(False)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)


def _section_key(ax, sections: pd.DataFrame, *, x: float = 0.55, y: float = 0.5) -> None:
    """The sections named in their own colours, stacked in an empty corner of the axes."""
    for i, row in enumerate(sections.itertuples()):
        ax.text(
            x,
            y - i * 0.065,
            f"■ {row.section_numeral}、{row.short_title}",
            color=section_colour(row.section_id),
            fontsize=BODY_SIZE,
            ha="left",
            va="top",
            transform=ax.transAxes,
        )


def section_key_column(
    fig, sections: pd.DataFrame, *, x: float = 0.77, y: float = 0.80, width: int = 12
) -> None:
    """The sections named in their own colours down the right-hand side of a figure."""
    for row in sections.itertuples():
        label = wrap_label(f"{row.section_numeral}、{row.short_title}", width)
        fig.text(
            x,
            y,
            "■ " + label.replace("\n", "\n   "),
            color=section_colour(row.section_id),
            fontsize=BODY_SIZE,
            ha="left",
            va="top",
            linespacing=1.3,
        )
        y -= 0.045 + 0.04 * (label.count("\n") + 1)


def plot_top_terms(counts: pd.DataFrame, items: pd.DataFrame, *, top: int = 20):
    """The ``top`` terms overall as horizontal bars, split by section in section colours."""
    sections = _sections(items)
    head = counts.head(top).iloc[::-1]
    first, second = counts.iloc[0], counts.iloc[1]
    fig, ax = new_figure(
        f"“{first['term']}”出现最多（{first['count']} 次），"
        f"其次是“{second['term']}”（{second['count']} 次）",
        f"全部 {len(items)} 项举措（名称和具体内容）中出现次数最多的 {top} 个词（次），"
        f"按所在方面分段；{STOPWORD_NOTE}",
    )
    left = np.zeros(len(head))
    for row in sections.itertuples():
        values = head[section_column(row.section_id)].to_numpy()
        ax.barh(
            head["term"],
            values,
            left=left,
            color=section_colour(row.section_id),
            edgecolor="white",
            linewidth=0.6,
            height=0.72,
        )
        left += values
    for y, total in enumerate(head["count"]):
        ax.text(
            total + counts["count"].iloc[0] * 0.01,
            y,
            str(total),
            va="center",
            ha="left",
            fontsize=BODY_SIZE - 1,
            color=DARK,
        )
    ax.set_xlim(0, counts["count"].iloc[0] * 1.08)
    ax.set_ylim(-0.6, len(head) - 0.4)
    _bare_axis(ax)
    # The key goes to the right of the bars in the lower half, where they are short.
    lower = head["count"].iloc[: int(len(head) * 0.6)]
    xlim = ax.get_xlim()[1]
    _section_key(ax, sections, x=min(0.6, lower.max() / xlim + 0.08), y=0.5)
    fit_layout(fig)
    return fig


def plot_top_terms_by_section(counts: pd.DataFrame, items: pd.DataFrame, *, top: int = 10):
    """Small multiples: the ``top`` terms of each section, one panel per section."""
    sections = _sections(items)
    leaders = []
    for row in sections.itertuples():
        column = section_column(row.section_id)
        best = counts.sort_values([column, "term"], ascending=[False, True]).iloc[0]
        leaders.append(f"{row.section_numeral}“{best['term']}”")
    fig, axes, _ = _section_panels(
        "各方面最常见的词：" + "、".join(leaders),
        f"每个方面出现次数最多的 {top} 个词（次）；{STOPWORD_NOTE}",
        sections,
    )
    xmax = max(counts[section_column(s)].max() for s in sections["section_id"])
    for ax, row in zip(axes, sections.itertuples(), strict=True):
        column = section_column(row.section_id)
        head = counts.sort_values([column, "term"], ascending=[False, True]).head(top)
        head = head.iloc[::-1]
        ax.barh(head["term"], head[column], color=section_colour(row.section_id), height=0.7)
        for y, value in enumerate(head[column]):
            ax.text(
                value + xmax * 0.03,
                y,
                str(value),
                va="center",
                ha="left",
                fontsize=BODY_SIZE - 2,
                color=DARK,
            )
        ax.set_xlim(0, xmax * 1.3)
        ax.set_title(
            _panel_title(row), loc="left", fontsize=BODY_SIZE, color=section_colour(row.section_id)
        )
        _bare_axis(ax)
    fit_layout(fig, top=0.87, w_pad=1.5, h_pad=1.2)
    return fig


def plot_keyness(table: pd.DataFrame, items: pd.DataFrame, *, top: int = 8):
    """Small multiples: each section's most distinctive terms by log-likelihood (G2)."""
    sections = _sections(items)
    leaders = []
    for row in sections.itertuples():
        first = table[(table["section_id"] == row.section_id) & (table["rank"] == 1)]
        if len(first):
            leaders.append(f"{row.section_numeral}“{first['term'].iloc[0]}”")
    fig, axes, spare = _section_panels(
        "各方面最具特色的词：" + "、".join(leaders),
        "对数似然比 G²：该方面比清单其余方面多用这个词的程度；括号内为该词在该方面出现的次数",
        sections,
    )
    if spare:
        note = KEYNESS_NOTE.format(n_items=len(items), min_count=table.attrs.get("min_count", 1))
        spare[0].text(
            0.05,
            0.5,
            note,
            transform=spare[0].transAxes,
            ha="left",
            va="center",
            fontsize=BODY_SIZE - 1,
            color="#555555",
            linespacing=1.6,
        )
    xmax = table["g2"].max()
    for ax, row in zip(axes, sections.itertuples(), strict=True):
        head = table[(table["section_id"] == row.section_id) & (table["rank"] <= top)]
        head = head.iloc[::-1]
        labels = [f"{t}（{c}）" for t, c in zip(head["term"], head["count"], strict=True)]
        ax.barh(labels, head["g2"], color=section_colour(row.section_id), height=0.7)
        for y, value in enumerate(head["g2"]):
            ax.text(
                value + xmax * 0.03,
                y,
                f"{value:.0f}",
                va="center",
                ha="left",
                fontsize=BODY_SIZE - 2,
                color=DARK,
            )
        ax.set_xlim(0, xmax * 1.3)
        ax.set_ylim(-0.6, top - 0.4)
        ax.set_title(
            _panel_title(row), loc="left", fontsize=BODY_SIZE, color=section_colour(row.section_id)
        )
        _bare_axis(ax)
    fit_layout(fig, top=0.87, w_pad=1.5, h_pad=1.2)
    return fig


def _shade(colour: str, weight: float) -> str:
    """Blend a section colour towards black by ``weight`` (0–1), for depth in a word cloud."""
    rgb = np.array(mcolors.to_rgb(colour))
    return mcolors.to_hex(rgb * (1 - 0.35 * weight))


def _wordcloud_image(frequencies: dict[str, int], colour_of, *, width_in: float, height_in: float):
    """Laid out at 100 px per inch of the panel, so ``min_font_size`` 17 px is 12 pt on the
    slide, then drawn at four times that resolution.

    The image is a pure function of the words, their counts and colours, the size, the seed and
    the font, so it is kept on disk under a hash of those and reused when none has changed:
    laying out a cloud is the slowest part of the text figures."""
    colours = {word: colour_of(word) for word in frequencies}
    key = hashlib.sha256(
        json.dumps(
            [
                sorted(frequencies.items()),
                sorted(colours.items()),
                width_in,
                height_in,
                WORDCLOUD_SEED,
                cjk_font_path().name,
                wordcloud.__version__,
            ],
            ensure_ascii=False,
        ).encode()
    ).hexdigest()
    cached = cache_dir() / "wordcloud" / f"{key}.npy"
    if cached.exists():
        return np.load(cached)
    image = _draw_wordcloud(frequencies, colours, width_in=width_in, height_in=height_in)
    cached.parent.mkdir(parents=True, exist_ok=True)
    np.save(cached, image)
    return image


def _draw_wordcloud(frequencies, colours, *, width_in: float, height_in: float):
    cloud = WordCloud(
        font_path=str(cjk_font_path()),
        random_state=WORDCLOUD_SEED,
        width=round(width_in * 100),
        height=round(height_in * 100),
        scale=3,
        background_color="white",
        prefer_horizontal=1.0,
        margin=8,
        max_words=len(frequencies),
        min_font_size=17,
        relative_scaling=0.5,
        color_func=lambda word, **_: colours[word],
    )
    return cloud.generate_from_frequencies(frequencies).to_array()


def plot_wordcloud(counts: pd.DataFrame, items: pd.DataFrame, *, top: int = 120):
    """One word cloud of the ``top`` terms, each coloured by the section where it is most
    distinctive."""
    sections = _sections(items)
    head = counts.head(top)
    section_of = most_distinctive_section(counts)
    first = head.iloc[0]
    fig, ax = new_figure(
        f"清单的高频词：“{first['term']}”最突出",
        f"出现次数最多的 {len(head)} 个词，字号随次数增大；"
        f"颜色为该词最具特色的方面；{STOPWORD_NOTE}",
    )
    image = _wordcloud_image(
        dict(zip(head["term"], head["count"], strict=True)),
        lambda w: section_colour(section_of[w]),
        width_in=9.6,
        height_in=5.2,
    )
    ax.imshow(image, interpolation="none")
    ax.set_axis_off()
    section_key_column(fig, sections, x=0.765)
    fit_layout(fig, right=0.75)
    return fig


def plot_wordclouds_by_section(counts: pd.DataFrame, items: pd.DataFrame, *, top: int = 40):
    """Small multiples: one word cloud per section, in the section's colour."""
    sections = _sections(items)
    fig, axes, _ = _section_panels(
        "各方面的词云："
        + "、".join(
            f"{r.section_numeral}“{_top_term(counts, r.section_id)}”" for r in sections.itertuples()
        )
        + " 最突出",
        f"每个方面出现次数最多的 {top} 个词，字号随次数增大；{STOPWORD_NOTE}",
        sections,
    )
    for ax, row in zip(axes, sections.itertuples(), strict=True):
        column = section_column(row.section_id)
        head = counts[counts[column] > 0].sort_values([column, "term"], ascending=[False, True])
        head = head.head(top)
        frequencies = dict(zip(head["term"], head[column], strict=True))
        peak = max(frequencies.values())
        colour = section_colour(row.section_id)
        image = _wordcloud_image(
            frequencies,
            lambda w, f=frequencies, p=peak, c=colour: _shade(c, f[w] / p),
            width_in=4.1,
            height_in=2.4,
        )
        ax.imshow(image, interpolation="none")
        ax.set_title(
            wrap_label(f"{row.section_numeral}、{row.short_title}", 16),
            loc="left",
            fontsize=BODY_SIZE,
            color=colour,
        )
        ax.set_axis_off()
    fit_layout(fig, top=0.87, h_pad=1.0, w_pad=1.0)
    return fig


def _top_term(counts: pd.DataFrame, section_id: int) -> str:
    column = section_column(section_id)
    return counts.sort_values([column, "term"], ascending=[False, True]).iloc[0]["term"]
