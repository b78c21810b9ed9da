"""save_figure keeps a PNG already rendered from the same figure, and draws any other again."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from analysis.figures import save  # noqa: E402
from analysis.figures.theme import apply_theme  # noqa: E402


def _figure(height: float):
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.bar(["a", "b"], [1, height])
    return fig


def _save(fig, out_dir):
    return save.save_figure(
        fig, "bars", caption="Two bars.", notebook="01_x", out_dir=out_dir, lang="en"
    )


def _count_png_renders(monkeypatch) -> list[str]:
    """Record every PNG that matplotlib draws from here on."""
    drawn = []
    savefig = matplotlib.figure.Figure.savefig

    def recording(self, fname, *args, **kwargs):
        if kwargs.get("format") == "png":
            drawn.append(kwargs.get("format"))
        return savefig(self, fname, *args, **kwargs)

    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", recording)
    return drawn


@pytest.fixture
def empty_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(tmp_path / "cache"))
    # The project's theme makes the SVG, and so the render key, the same on every run.
    with matplotlib.rc_context():
        apply_theme()
        yield


def test_a_png_rendered_from_the_same_figure_is_kept_without_drawing(
    tmp_path, monkeypatch, empty_cache
):
    first = _save(_figure(2), tmp_path)["png"].read_bytes()
    # A fresh clone: the PNG is there (committed), the render cache is not.
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(tmp_path / "another_cache"))
    drawn = _count_png_renders(monkeypatch)
    again = _save(_figure(2), tmp_path)["png"].read_bytes()
    assert drawn == [] and again == first
    with Image.open(tmp_path / "bars.png") as image:
        assert len(image.info["Rendered from"]) == 64  # a sha256


def test_a_changed_figure_or_a_damaged_png_is_drawn_again(tmp_path, monkeypatch, empty_cache):
    first = _save(_figure(2), tmp_path)["png"].read_bytes()
    drawn = _count_png_renders(monkeypatch)
    changed = _save(_figure(3), tmp_path)["png"].read_bytes()
    assert drawn == ["png"] and changed != first

    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(tmp_path / "another_cache"))
    png = tmp_path / "bars.png"
    damaged = bytearray(changed)
    damaged[-40] ^= 0xFF  # inside the image data, after the key
    png.write_bytes(bytes(damaged))
    assert _save(_figure(3), tmp_path)["png"].read_bytes() == changed
    assert drawn == ["png", "png"]
