"""Charts of the keyword counts: top terms overall and per section, keyness, word clouds.

Figure text comes from ``resources/labels.json`` (keys ``text.…``), so ``--lang en`` gives
English figures; the terms themselves stay in Chinese, since they are the data."""

import hashlib
import json

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
import wordcloud
from wordcloud import WordCloud

from .. import safe_write
from ..paths import cache_dir
from ..source.sections import per_section
from ..text.counting import section_column
from ..text.counts import short_title
from ..text.keyness import G2_P05, most_distinctive_section
from .fonts import cjk_font_path, rendering_stack
from .glossary import cut_gloss, drawing_glossary, gloss
from .labels import current_language, label, section_short_name
from .save import keep_full_text
from .settings import FigureSettings, draws_with_settings
from .theme import (
    BODY_SIZE,
    DARK,
    fit_layout,
    fit_panel_titles,
    new_figure,
    section_colour,
    shorten,
    wrap_label,
)

WORDCLOUD_SEED = 2021


def _text(key: str, **values) -> str:
    return label(f"text.{key}", **values)


def _stopword_note() -> str:
    return _text("common.stopword_note")


def section_terms(pairs) -> str:
    """``一“企业”、二“企业”…`` or ``1 “企业”, 2 “企业”…``: one term per section, for a title.

    ``pairs`` are ``(section row, term)``; the row needs ``section_id`` and ``section_numeral``.
    In English a term is glossed where it first appears (1 企业 (enterprises), 2 企业, …), so
    that the title stays one line."""
    said = set()
    parts = []
    for row, term in pairs:
        english = (
            None if term in said or current_language() == "zh" else gloss(term, drawing_glossary())
        )
        said.add(term)
        parts.append(
            _text(
                "common.section_term",
                numeral=row.section_numeral,
                number=row.section_id,
                term=term,
                gloss=f" ({english})" if english else "",
            )
        )
    return _text("common.list_separator").join(parts)


def gloss_in_brackets(term: str) -> str:
    """`` (enterprises)`` after a term in an English title; nothing in Chinese."""
    english = gloss(term, drawing_glossary()) if current_language() == "en" else None
    return f" ({english})" if english else ""


def term_and_count(term: str, count: int) -> str:
    """``基金 (fund, 52 times)`` in English, with the gloss where the glossary knows the term."""
    english = gloss(term, drawing_glossary()) if current_language() == "en" else None
    if english:
        return _text("common.term_gloss_count", term=term, gloss=english, count=count)
    return _text("common.term_count", term=term, count=count)


# A gloss beside a term on a bar is cut to this many characters (the full one goes to the
# figure's metadata): long glosses would squeeze the bars of a small multiple.
_BAR_GLOSS_CHARS = 16


def bar_label(fig, term: str, *, limit: int = _BAR_GLOSS_CHARS, count: int | None = None) -> str:
    """A term on a bar: the term (shortened) in Chinese; in English with its gloss beside it,
    ``企业 (enterprises)`` or, with ``count``, ``企业 (enterprises, 52)``."""
    english = gloss(term, drawing_glossary()) if current_language() == "en" else None
    if english is None:
        short = shorten(term)
        return short if count is None else _text("keyness.bar", term=short, count=count)
    short = shorten(term, 6)
    cut = cut_gloss(english, limit)
    if count is None:
        shown = _text("common.term_gloss", term=short, gloss=cut)
        full = _text("common.term_gloss", term=term, gloss=english)
    else:
        shown = _text("keyness.bar_gloss", term=short, gloss=cut, count=count)
        full = _text("keyness.bar_gloss", term=term, gloss=english, count=count)
    keep_full_text(fig, shown, full)
    return shown


def _section_name(row) -> str:
    return section_short_name(row.section_numeral, row.section_title)


def _sections(items: pd.DataFrame) -> pd.DataFrame:
    sections = per_section(items)
    return sections.assign(short_title=sections["section_title"].map(short_title))


def _panel_title(row, width: int = 14) -> str:
    return wrap_label(_section_name(row), width)


def _section_panels(
    title: str, subtitle: str, sections: pd.DataFrame, *, source: str, ncols: int = 3
):
    """A grid with one panel per section, in the document's order; spare panels are blank.

    Returns ``(fig, panels, spare)``: the section panels and the unused ones (for a note)."""
    nrows = -(-len(sections) // ncols)
    fig, axes = new_figure(title, subtitle, source=source, nrows=nrows, ncols=ncols)
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
            f"■ {_section_name(row)}",
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
        name = wrap_label(_section_name(row), width)
        fig.text(
            x,
            y,
            "■ " + name.replace("\n", "\n   "),
            color=section_colour(row.section_id),
            fontsize=BODY_SIZE,
            ha="left",
            va="top",
            linespacing=1.3,
        )
        y -= 0.045 + 0.04 * (name.count("\n") + 1)


@draws_with_settings
def plot_top_terms(
    counts: pd.DataFrame, items: pd.DataFrame, *, settings: FigureSettings, top: int = 20
):
    """The ``top`` terms overall as horizontal bars, split by section in section colours."""
    sections = _sections(items)
    head = counts.head(top).iloc[::-1]
    first, second = counts.iloc[0], counts.iloc[1]
    fig, ax = new_figure(
        _text(
            "top_terms.title",
            first=first["term"],
            first_count=first["count"],
            second=second["term"],
            second_count=second["count"],
            first_words=term_and_count(first["term"], first["count"]),
            second_words=term_and_count(second["term"], second["count"]),
        ),
        _text("top_terms.subtitle", items=len(items), top=top, note=_stopword_note()),
        source=settings.source_line,
    )
    left = np.zeros(len(head))
    bars = [bar_label(fig, t, limit=2 * _BAR_GLOSS_CHARS) for t in head["term"]]
    for row in sections.itertuples():
        values = head[section_column(row.section_id)].to_numpy()
        ax.barh(
            bars,
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


@draws_with_settings
def plot_top_terms_by_section(
    counts: pd.DataFrame, items: pd.DataFrame, *, settings: FigureSettings, top: int = 10
):
    """Small multiples: the ``top`` terms of each section, one panel per section."""
    sections = _sections(items)
    # A section with no countable term has no leader to name.
    leaders = [
        (row, _top_term(counts, row.section_id))
        for row in sections.itertuples()
        if _top_term(counts, row.section_id) is not None
    ]
    fig, axes, _ = _section_panels(
        _text("top_terms_by_section.title", leaders=section_terms(leaders)),
        _text("top_terms_by_section.subtitle", top=top, note=_stopword_note()),
        sections,
        source=settings.source_line,
    )
    xmax = max(counts[section_column(s)].max() for s in sections["section_id"])
    for ax, row in zip(axes, sections.itertuples(), strict=True):
        column = section_column(row.section_id)
        head = counts[counts[column] > 0]
        head = head.sort_values([column, "term"], ascending=[False, True]).head(top)
        head = head.iloc[::-1]
        ax.barh(
            [bar_label(fig, t) for t in head["term"]],
            head[column],
            color=section_colour(row.section_id),
            height=0.7,
        )
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
    _lay_out_panels(fig, axes)
    return fig


@draws_with_settings
def plot_keyness(
    table: pd.DataFrame, items: pd.DataFrame, *, settings: FigureSettings, top: int = 8
):
    """Small multiples: each section's most distinctive terms by log-likelihood (G2)."""
    sections = _sections(items)
    leaders = []
    for row in sections.itertuples():
        first = table[(table["section_id"] == row.section_id) & (table["rank"] == 1)]
        if len(first):
            leaders.append((row, first["term"].iloc[0]))
    fig, axes, spare = _section_panels(
        _text("keyness.title", leaders=section_terms(leaders)),
        _text("keyness.subtitle"),
        sections,
        source=settings.source_line,
    )
    if spare:
        note = _text(
            "keyness.note",
            g2_p05=G2_P05,
            n_items=len(items),
            min_count=table.attrs.get("min_count", 1),
        )
        note_text = spare[0].text(
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
    else:
        note_text = None
    xmax = table["g2"].max()
    for ax, row in zip(axes, sections.itertuples(), strict=True):
        head = table[(table["section_id"] == row.section_id) & (table["rank"] <= top)]
        head = head.iloc[::-1]
        labels = [
            bar_label(fig, t, count=c) for t, c in zip(head["term"], head["count"], strict=True)
        ]
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
    _lay_out_panels(fig, axes)
    if note_text is not None:
        _keep_inside(fig, note_text)
    return fig


def _keep_inside(fig, text, margin: float = 0.012) -> None:
    """Move a text left until it ends inside the figure: glossed tick labels widen a column,
    and the spare panel's note beside it would run off the right edge."""
    renderer = fig.canvas.get_renderer()
    overflow = text.get_window_extent(renderer).x1 - fig.bbox.width * (1 - margin)
    if overflow > 0:
        x, y = text.get_transform().transform(text.get_position())
        text.set_position(text.get_transform().inverted().transform((x - overflow, y)))


def _lay_out_panels(fig, axes) -> None:
    """Small multiples laid out, then again if a panel's title had to be rewrapped to end
    before the next panel."""
    fit_layout(fig, top=0.87, w_pad=1.5, h_pad=1.2)
    if fit_panel_titles(fig, axes):
        fit_layout(fig, top=0.87, w_pad=1.5, h_pad=1.2)


def _shade(colour: str, weight: float) -> str:
    """Blend a section colour towards black by ``weight`` (0–1), for depth in a word cloud."""
    rgb = np.array(mcolors.to_rgb(colour))
    return mcolors.to_hex(rgb * (1 - 0.35 * weight))


def _wordcloud_image(frequencies: dict[str, int], colour_of, *, width_in: float, height_in: float):
    """Laid out at 100 px per inch of the panel, so ``min_font_size`` 17 px is 12 pt on the
    slide, then drawn at four times that resolution.

    The image is a pure function of the words, their counts and colours, the size, the seed,
    the font file and the libraries that draw it (wordcloud, numpy, Pillow and its FreeType:
    ``fonts.rendering_stack``), so it is kept on disk under a hash of those and reused when
    none has changed:
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
                np.__version__,
                rendering_stack(),
            ],
            ensure_ascii=False,
        ).encode()
    ).hexdigest()
    cached = cache_dir() / "wordcloud" / f"{key}.npy"
    if cached.exists():
        return np.load(cached)
    image = _draw_wordcloud(frequencies, colours, width_in=width_in, height_in=height_in)
    cached.parent.mkdir(parents=True, exist_ok=True)
    with safe_write.replacing(cached) as temporary, open(temporary, "wb") as handle:
        np.save(handle, image)
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


@draws_with_settings
def plot_wordcloud(
    counts: pd.DataFrame, items: pd.DataFrame, *, settings: FigureSettings, top: int = 120
):
    """One word cloud of the ``top`` terms, each coloured by the section where it is most
    distinctive."""
    sections = _sections(items)
    head = counts.head(top)
    section_of = most_distinctive_section(counts)
    first = head.iloc[0]
    fig, ax = new_figure(
        _text("wordcloud.title", term=first["term"], gloss=gloss_in_brackets(first["term"])),
        _text("wordcloud.subtitle", top=len(head), note=_stopword_note()),
        source=settings.source_line,
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


@draws_with_settings
def plot_wordclouds_by_section(
    counts: pd.DataFrame, items: pd.DataFrame, *, settings: FigureSettings, top: int = 40
):
    """Small multiples: one word cloud per section, in the section's colour."""
    sections = _sections(items)
    fig, axes, _ = _section_panels(
        _text(
            "wordclouds_by_section.title",
            leaders=section_terms(
                (r, _top_term(counts, r.section_id))
                for r in sections.itertuples()
                if _top_term(counts, r.section_id) is not None
            ),
        ),
        _text("wordclouds_by_section.subtitle", top=top, note=_stopword_note()),
        sections,
        source=settings.source_line,
    )
    for ax, row in zip(axes, sections.itertuples(), strict=True):
        column = section_column(row.section_id)
        head = counts[counts[column] > 0].sort_values([column, "term"], ascending=[False, True])
        head = head.head(top)
        frequencies = dict(zip(head["term"], head[column], strict=True))
        colour = section_colour(row.section_id)
        if frequencies:
            peak = max(frequencies.values())
            image = _wordcloud_image(
                frequencies,
                lambda w, f=frequencies, p=peak, c=colour: _shade(c, f[w] / p),
                width_in=4.1,
                height_in=2.4,
            )
            ax.imshow(image, interpolation="none")
        else:
            # A section whose text holds no countable term keeps its panel, saying so.
            ax.text(
                0.0,
                0.5,
                _text("wordclouds_by_section.empty"),
                color="#555555",
                fontsize=BODY_SIZE,
                transform=ax.transAxes,
                ha="left",
                va="center",
            )
        ax.set_title(
            wrap_label(_section_name(row), 16),
            loc="left",
            fontsize=BODY_SIZE,
            color=colour,
        )
        ax.set_axis_off()
    fit_layout(fig, top=0.87, h_pad=1.0, w_pad=1.0)
    if fit_panel_titles(fig, axes):
        fit_layout(fig, top=0.87, h_pad=1.0, w_pad=1.0)
    return fig


def _top_term(counts: pd.DataFrame, section_id: int) -> str | None:
    """The section's commonest term; None when the section has none."""
    column = section_column(section_id)
    used = counts[counts[column] > 0]
    if used.empty:
        return None
    return used.sort_values([column, "term"], ascending=[False, True]).iloc[0]["term"]
