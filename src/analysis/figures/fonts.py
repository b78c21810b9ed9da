"""The project's own CJK font: Noto Sans CJK SC (SIL OFL 1.1), shipped inside mplfonts.

No system font is assumed. ``addfont`` registers the file directly, so a stale matplotlib
font cache cannot hide it (see shared/NOTES.md). Never use mplfonts' SimHei: it is proprietary.
"""

from functools import cache
from pathlib import Path

import matplotlib
from matplotlib import font_manager

FONT_FAMILY = "Noto Sans CJK SC"
_FONT_FILE = "NotoSansCJKsc-Regular.otf"


def cjk_font_path() -> Path:
    """The .otf file, for matplotlib and for ``WordCloud(font_path=…)``."""
    import mplfonts  # a data package: imported only for the location of its font files

    path = Path(mplfonts.__file__).parent / "fonts" / _FONT_FILE
    if not path.is_file():
        raise FileNotFoundError(
            f"{_FONT_FILE} is missing from mplfonts ({path}); reinstall with `make venv`"
        )
    return path


@cache
def register_cjk_font() -> str:
    """Register the font with matplotlib and make it the default sans-serif. Returns its name."""
    font_manager.fontManager.addfont(str(cjk_font_path()))
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = [FONT_FAMILY, "DejaVu Sans"]
    # The CJK font has no U+2212 MINUS SIGN; an ASCII hyphen renders instead of a box.
    matplotlib.rcParams["axes.unicode_minus"] = False
    return FONT_FAMILY
