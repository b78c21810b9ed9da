"""A figure's language, source line and user glossary are an argument of every plot function
(``settings=``), and one call's settings never reach the next call."""

import importlib
import inspect
import pkgutil

import matplotlib
import matplotlib.pyplot as plt
import pytest

import analysis.figures
from analysis.figures.glossary import drawing_glossary
from analysis.figures.labels import current_language, label, language_set
from analysis.figures.lengths import plot_chars_per_section
from analysis.figures.sections import plot_items_per_section
from analysis.figures.settings import FigureSettings, drawing_with

matplotlib.use("Agg")


def _plot_functions() -> dict[str, object]:
    """Every public ``plot_*`` function of the figures package, by qualified name."""
    found = {}
    for module_info in pkgutil.iter_modules(analysis.figures.__path__):
        module = importlib.import_module(f"analysis.figures.{module_info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("plot_") and function.__module__ == module.__name__:
                found[f"{module_info.name}.{name}"] = function
    return found


def test_every_plot_function_is_found():
    # One of each module that draws a list's figures: the search below is not vacuous.
    assert {
        "lengths.plot_chars_per_section",
        "sections.plot_items_per_section",
        "terms.plot_keyness",
        "network.plot_cooccurrence_network",
        "extraction.plot_key_numbers",
        "instruments.plot_types_by_section",
        "structure.plot_ca_biplot",
    } <= set(_plot_functions())


# The comparison figure names several lists, not one: it takes their names and ``lang``.
_NOT_ONE_LIST = {"comparison.plot_top_pairs"}


@pytest.mark.parametrize("name", sorted(set(_plot_functions()) - _NOT_ONE_LIST))
def test_the_signature_requires_the_settings(name):
    parameter = inspect.signature(_plot_functions()[name]).parameters["settings"]
    assert parameter.kind is inspect.Parameter.KEYWORD_ONLY
    assert parameter.default is inspect.Parameter.empty
    assert parameter.annotation is FigureSettings


def test_a_call_without_settings_is_refused(items):
    with pytest.raises(TypeError, match="settings=FigureSettings"):
        plot_items_per_section(items)
    with pytest.raises(TypeError, match="settings=FigureSettings"):
        plot_items_per_section(items, settings="en")


def _texts(fig) -> list[str]:
    return [t.get_text() for t in fig.texts]


def test_english_then_chinese_each_draw_in_their_own_language(items, figure_settings):
    english, chinese = figure_settings("en"), figure_settings("zh")
    first = plot_chars_per_section(items, settings=english)
    second = plot_chars_per_section(items, settings=chinese)
    # Section 五 has the most characters, 2,236 (counted by hand in tests/test_text_figures).
    assert _texts(first)[0] == "5. Urban governance has the longest text: 2,236 characters"
    assert _texts(second)[0] == "五、城市治理体系和治理能力现代化篇幅最长：2,236 字"
    assert _texts(first)[-1] == english.identity.source_en
    assert _texts(second)[-1] == english.identity.source_zh
    assert english.identity.source_en.startswith("Source:")
    # And back: a Chinese call does not stick either.
    third = plot_chars_per_section(items, settings=english)
    assert _texts(third)[0] == _texts(first)[0]
    plt.close("all")


def test_a_failing_plot_leaves_nothing_behind(items, figure_settings, tmp_path):
    glossary = tmp_path / "mine.csv"
    glossary.write_text("term_zh,en\n企业,firms\n", encoding="utf-8")
    with pytest.raises(KeyError):
        # No section column: the plot fails half way, inside its English scope.
        plot_items_per_section(
            items.drop(columns="section_title"), settings=figure_settings("en", glossary)
        )
    assert language_set() is None
    with pytest.raises(RuntimeError, match="no glossary given"):
        drawing_glossary()
    plt.close("all")


def test_the_scope_sets_and_restores_language_and_glossary(figure_settings, tmp_path):
    glossary = tmp_path / "mine.csv"
    glossary.write_text("term_zh,en\n企业,firms\n", encoding="utf-8")
    with drawing_with(figure_settings("en", glossary)):
        assert label("glossary.dictionary_note") == label("glossary.dictionary_note", "en")
        assert drawing_glossary() == glossary.resolve()
        with drawing_with(figure_settings("zh")):
            assert label("glossary.dictionary_note") == label("glossary.dictionary_note", "zh")
            assert drawing_glossary() is None
        assert current_language() == "en"
    # Outside a plot function, text names its language: there is no default to fall back on.
    with pytest.raises(RuntimeError, match="no language given"):
        label("glossary.dictionary_note")
    with pytest.raises(RuntimeError, match="no glossary given"):
        drawing_glossary()


def test_settings_check_their_values(items, figure_settings, tmp_path):
    from analysis.figures.glossary import GlossaryError

    with pytest.raises(ValueError, match="lang must be one of"):
        figure_settings("fr")
    bad = tmp_path / "bad.csv"
    bad.write_text("chinese,english\n企业,firms\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="line 1"):
        figure_settings("en", bad)
