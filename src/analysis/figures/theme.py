"""One look for every chart: the CJK font, one colour per section, slide-sized text,
and a title that states the finding, a subtitle that states the measure, a source line."""

import textwrap

import matplotlib
import matplotlib.pyplot as plt

from .fonts import register_cjk_font
from .identity import current_identity
from .labels import current_language

# Okabe–Ito, colour-blind safe. Section n always gets SECTION_COLOURS[n - 1].
SECTION_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]
GREY = "#9A9A9A"
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


def wrap_label(text: str, width: int = 12) -> str:
    """Chinese has no spaces to break at, so wrap by characters; English wraps at spaces, with
    about twice as many (narrower) characters to a line."""
    if text.isascii():
        return "\n".join(textwrap.wrap(text, width=width * 2, break_long_words=False)) or text
    return "\n".join(textwrap.wrap(text, width=width, break_long_words=True)) or text


def new_figure(
    title: str, subtitle: str, *, size=SLIDE, nrows=1, ncols=1, source=None, **subplot_kw
):
    """A figure with the title (the finding), subtitle (measure and unit) and source line in
    place; the source line names the list this run analyses (``identity.current_identity``).
    Returns ``(fig, ax)``, or ``(fig, axes)`` for a grid."""
    apply_theme()
    fig, axes = plt.subplots(nrows, ncols, figsize=size, **subplot_kw)
    heading = fig.text(
        0.012,
        TITLE_TOP,
        title,
        fontsize=TITLE_SIZE,
        color=DARK,
        ha="left",
        va="top",
        gid=FINDING_GID,
    )
    _fit_width(fig, heading, right=0.988)
    fig.text(
        0.012, SUBTITLE_TOP, subtitle, fontsize=SUBTITLE_SIZE, color="#555555", ha="left", va="top"
    )
    if source is None:
        source = current_identity().source_line(current_language())
    fig.text(
        0.012, SOURCE_BOTTOM, source, fontsize=SOURCE_SIZE, color="#666666", ha="left", va="bottom"
    )
    return fig, axes


# A finding is one line; a long one (an English title that glosses its Chinese terms) is set
# smaller rather than cut off at the figure's edge, down to this share of the title size.
_SMALLEST_TITLE = 0.7


def _fit_width(fig, text, *, right: float) -> None:
    """Shrink ``text`` so that it ends before ``right`` (a share of the figure's width)."""
    renderer = fig.canvas.get_renderer()
    room = fig.bbox.width * right - text.get_window_extent(renderer).x0
    width = text.get_window_extent(renderer).width
    if width > room:
        size = text.get_fontsize()
        text.set_fontsize(max(size * room / width, size * _SMALLEST_TITLE))


def fit_layout(fig, *, top=0.86, bottom=0.09, left=None, right=0.97, **kw) -> None:
    """Leave room for the title block and the source line."""
    fig.tight_layout(rect=(0.0, bottom, right, top), **kw)
    if left is not None:
        fig.subplots_adjust(left=left)
