"""The project's own CJK font: Noto Sans CJK SC (SIL OFL 1.1), shipped inside mplfonts.

No system font is assumed. ``addfont`` registers the file directly: matplotlib ignores a font
installed after it built its font cache until that cache file is removed, and ``addfont`` does
not depend on that cache. Never run ``mplfonts init`` (it deletes matplotlib's cache folder and
leaves rcParams unchanged), and never use mplfonts' SimHei: it is proprietary.
"""

import hashlib
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
    path = cjk_font_path()
    # Another build of the font under the same family name (Debian's fonts-noto-cjk, say) would
    # tie with this one when matplotlib looks the family up, and draw other glyphs: only the
    # project's file answers to the name. addfont then clears matplotlib's lookup cache.
    manager = font_manager.fontManager
    manager.ttflist = [
        entry
        for entry in manager.ttflist
        if entry.name != FONT_FAMILY or Path(entry.fname).resolve() == path.resolve()
    ]
    manager.addfont(str(path))
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = [FONT_FAMILY, "DejaVu Sans"]
    # The CJK font has no U+2212 MINUS SIGN; an ASCII hyphen renders instead of a box.
    matplotlib.rcParams["axes.unicode_minus"] = False
    return FONT_FAMILY


@cache
def cjk_font_sha256() -> str:
    """The font file's sha256: a cache key, since another build of the same font draws
    other glyphs under the same file name."""
    return hashlib.sha256(cjk_font_path().read_bytes()).hexdigest()


@cache
def rendering_stack() -> tuple[tuple[str, str], ...]:
    """Everything that turns the same drawing into other pixels or other font bytes: the
    versions of matplotlib and its FreeType, Pillow and its FreeType (word clouds), fontTools
    (the report's web font), and the font file itself. Part of every cache key, so an upgrade
    never serves a stale file."""
    import fontTools
    import PIL
    from matplotlib import ft2font
    from PIL import features

    return (
        ("matplotlib", matplotlib.__version__),
        ("matplotlib_freetype", ft2font.__freetype_version__),
        ("pillow", PIL.__version__),
        ("pillow_freetype", str(features.version("freetype2"))),
        ("fonttools", fontTools.version),
        ("font_sha256", cjk_font_sha256()),
    )
