import io
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from analysis.figures.fonts import FONT_FAMILY, cjk_font_path, register_cjk_font  # noqa: E402
from analysis.figures.theme import new_figure  # noqa: E402


def _draw(text: str) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig, ax = new_figure(text, "副标题：单位（项）", source="资料来源：测试清单")
        ax.set_yticks([0, 1], ["城市治理", "知识产权保护"])
        fig.savefig(io.BytesIO(), format="png")
        fig.savefig(io.BytesIO(), format="svg")
        plt.close(fig)
    return [str(w.message) for w in caught]


def test_font_file_ships_with_the_environment():
    path = cjk_font_path()
    assert path.suffix == ".otf" and path.stat().st_size > 1_000_000
    assert "SimHei" not in path.name


def test_chinese_label_draws_without_missing_glyphs():
    assert register_cjk_font() == FONT_FAMILY
    assert matplotlib.rcParams["font.sans-serif"][0] == FONT_FAMILY
    messages = _draw("城市治理类举措最多：12 项，率先−首创")
    assert not [m for m in messages if "missing from font" in m or "Glyph" in m], messages


def test_the_check_can_fail_without_the_font():
    """Guard for the test above: with the default font the same label does warn."""
    default_font = {"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"]}
    with matplotlib.rc_context(default_font), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig, ax = plt.subplots()
        ax.set_title("城市治理")
        fig.savefig(io.BytesIO(), format="png")
        plt.close(fig)
    assert any("missing from font" in str(w.message) for w in caught)


def test_the_family_name_finds_the_projects_file_whatever_else_is_installed():
    """Debian's fonts-noto-cjk has a font of the same family name, with other glyphs: a
    figure drawn with it would differ from the committed one. Only the project's file may
    answer to the name."""
    from matplotlib import font_manager

    register_cjk_font()
    found = font_manager.findfont(font_manager.FontProperties(family=FONT_FAMILY))
    assert Path(found).resolve() == cjk_font_path().resolve()


def test_the_family_name_finds_the_bundled_file_not_another_build(tmp_path, monkeypatch):
    """Debian's fonts-noto-cjk installs another build of Noto Sans CJK SC under the same
    family name, with other glyph outlines, and matplotlib lists it before ours when its font
    cache was built after the package came. A copy of the font under another path stands in
    for it here, listed first as the system's would be, in a copy of matplotlib's font list
    that has answered no look-up yet."""
    import copy
    import shutil

    from matplotlib import font_manager

    other_build = tmp_path / "NotoSansCJK-Regular.otf"
    shutil.copyfile(cjk_font_path(), other_build)
    fresh = copy.deepcopy(font_manager.fontManager)
    fresh.ttflist = [f for f in fresh.ttflist if f.fname != str(cjk_font_path())]
    fresh.addfont(str(other_build))
    fresh.ttflist.insert(0, fresh.ttflist.pop())
    monkeypatch.setattr(font_manager, "fontManager", fresh)
    register_cjk_font.__wrapped__()
    found = fresh.findfont(font_manager.FontProperties(family=FONT_FAMILY))
    assert str(found) == str(cjk_font_path())
