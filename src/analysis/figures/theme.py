"""One look for every chart: the CJK font, one colour per section, slide-sized text,
and a title that states the finding, a subtitle that states the measure, a source line."""

import re
import textwrap

import matplotlib
import matplotlib.pyplot as plt

from .fonts import register_cjk_font

# Okabe–Ito, colour-blind safe. Section n always gets SECTION_COLOURS[n - 1].
SECTION_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]
GREY = "#9A9A9A"
# adjustText moves labels apart for this many rounds at most; its default is a time limit,
# which would place labels differently on a busier machine.
ADJUST_ROUNDS = 500
DARK = "#222222"
ACCENT = "#D55E00"
# 16:9 at slide size: 13.33 × 7.5 in. Text sizes are points at 100 % zoom on that slide.
SLIDE = (13.33, 7.5)
TITLE_SIZE = 22
SUBTITLE_SIZE = 15
BODY_SIZE = 14
SOURCE_SIZE = 12
# The title's artist carries this gid, so that save_figure can store the finding with the file.
FINDING_GID = "finding"
# Where the title block and the source line sit, as fractions of the figure's height from the
# bottom (the tops of title and subtitle, the foot of the source line). A slide that states
# the finding in its own title crops the figure's title band (report.deck).
TITLE_TOP = 0.975
SUBTITLE_TOP = 0.915
SOURCE_BOTTOM = 0.018


def section_colour(section_id: int) -> str:
    return SECTION_COLOURS[(int(section_id) - 1) % len(SECTION_COLOURS)]


def apply_theme() -> None:
    """Set matplotlib's defaults for the project. Safe to call more than once."""
    register_cjk_font()
    matplotlib.rcParams.update(
        {
            "font.size": BODY_SIZE,
            "axes.titlesize": BODY_SIZE + 1,
            "axes.labelsize": BODY_SIZE,
            "xtick.labelsize": BODY_SIZE - 1,
            "ytick.labelsize": BODY_SIZE,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.edgecolor": GREY,
            "axes.grid": False,
            "axes.axisbelow": True,
            "grid.color": "#E6E6E6",
            "figure.facecolor": "white",
            "axes.facecolor": "white",
            "savefig.facecolor": "white",
            "figure.dpi": 100,
            # Deterministic SVG ids, so the same input gives the same bytes.
            "svg.hashsalt": "analysis",
            "svg.fonttype": "path",
        }
    )


_CJK_CHARACTER = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _is_latin(text: str) -> bool:
    """Text in Latin letters (English, a dictionary gloss's †, pinyin's tone marks): no CJK
    character or punctuation."""
    return _CJK_CHARACTER.search(text) is None


def wrap_label(text: str, width: int = 12) -> str:
    """Chinese has no spaces to break at, so wrap by characters; English wraps at spaces, with
    about twice as many (narrower) characters to a line."""
    if _is_latin(text):
        return "\n".join(textwrap.wrap(text, width=width * 2, break_long_words=False)) or text
    return "\n".join(textwrap.wrap(text, width=width, break_long_words=True)) or text


def shorten(text: str, limit: int = 10) -> str:
    """A tick label of at most ``limit`` characters (Chinese; twice as many for ASCII), cut
    with an ellipsis: one long term (a 《…》 title) must not squeeze every panel's bars."""
    limit = limit * 2 if _is_latin(text) else limit
    return text if len(text) <= limit else text[: limit - 1] + "…"


MIN_TITLE_SIZE = 14
MIN_SUBTITLE_SIZE = 11
# The text block's left edge is at 0.012 of the width; the same margin is kept on the right.
_TEXT_WIDTH = 1 - 2 * 0.012


def _fit_width(fig, text, min_size: float) -> None:
    """Shrink ``text`` until it fits the figure's width, down to ``min_size``; a text still too
    wide then is cut with an ellipsis, its full wording kept as the artist's label (the
    finding ``save.save_figure`` stores with the file reads it)."""
    renderer = fig.canvas.get_renderer()
    room = fig.bbox.width * _TEXT_WIDTH
    width = text.get_window_extent(renderer).width
    if width <= room:
        return
    size = max(min_size, text.get_fontsize() * room / width)
    text.set_fontsize(size)
    full = text.get_text()
    text.set_label(full)
    keep = len(full)
    while keep > 1 and text.get_window_extent(renderer).width > room:
        keep -= 1
        text.set_text(_cut(full, keep))


def _cut(text: str, keep: int) -> str:
    """The first ``keep`` characters and an ellipsis, ending after a whole list entry where the
    text is a list (…, 4 "健康" (health), …) rather than inside a word."""
    head = text[:keep]
    breaks = [head.rfind(sep) for sep in (", ", "，", "、", "；", "; ")]
    end = max(breaks)
    if end > len(text) // 2:
        return head[: end + 1] + ("…" if head[end] in "，、；" else " …")
    return head.rstrip() + "…"


def new_figure(
    title: str, subtitle: str, *, source: str, size=SLIDE, nrows=1, ncols=1, **subplot_kw
):
    """A figure with the title (the finding), subtitle (measure and unit) and ``source`` line in
    place (the list it names: ``settings.FigureSettings.source_line``).
    Returns ``(fig, ax)``, or ``(fig, axes)`` for a grid."""
    apply_theme()
    fig, axes = plt.subplots(nrows, ncols, figsize=size, **subplot_kw)
    title_text = fig.text(
        0.012,
        TITLE_TOP,
        title,
        fontsize=TITLE_SIZE,
        color=DARK,
        ha="left",
        va="top",
        gid=FINDING_GID,
    )
    subtitle_text = fig.text(
        0.012, SUBTITLE_TOP, subtitle, fontsize=SUBTITLE_SIZE, color="#555555", ha="left", va="top"
    )
    # A title glued from another list's data may be longer than the figure is wide: it gets
    # smaller type rather than running off the edge (a title that fits is left as it is).
    _fit_width(fig, title_text, MIN_TITLE_SIZE)
    _fit_width(fig, subtitle_text, MIN_SUBTITLE_SIZE)
    fig.text(
        0.012, SOURCE_BOTTOM, source, fontsize=SOURCE_SIZE, color="#666666", ha="left", va="bottom"
    )
    return fig, axes


def fit_panel_titles(fig, axes) -> bool:
    """Rewrap each panel's left title that runs into the next panel's title or off the
    figure's right edge, so it ends before them. Returns True when one changed (lay the
    figure out again then)."""
    renderer = fig.canvas.get_renderer()
    changed = False
    gap = fig.bbox.width * 0.01
    lefts = sorted({round(ax.get_window_extent(renderer).x0, 1) for ax in axes})
    for ax in axes:
        title = ax._left_title
        text = title.get_text()
        if not text:
            continue
        box = title.get_window_extent(renderer)
        following = [x for x in lefts if x > box.x0 + 1]
        limit = (following[0] if following else fig.bbox.width) - gap
        if box.x1 <= limit:
            continue
        flat = text.replace("\n", " " if text.isascii() else "")
        longest = max(len(line) for line in text.split("\n"))
        width = max(4, int(longest * (limit - box.x0) / box.width))
        title.set_text(wrap_label(flat, width if not flat.isascii() else width // 2))
        changed = True
    return changed


def fit_layout(fig, *, top=0.86, bottom=0.09, left=None, right=0.97, **kw) -> None:
    """Leave room for the title block and the source line."""
    fig.tight_layout(rect=(0.0, bottom, right, top), **kw)
    if left is not None:
        fig.subplots_adjust(left=left)
