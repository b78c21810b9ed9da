import json

import pytest

from analysis.figures.labels import LANGUAGES, label, section_name
from analysis.paths import RESOURCES
from analysis.text.counts import section_counts

LABELS_FILE = RESOURCES / "labels.json"


def test_every_section_of_the_list_has_an_english_name(items):
    for row in section_counts(items).itertuples():
        english = section_name(row.section_numeral, row.section_title, lang="en")
        assert english.isascii(), english
        assert english.startswith(f"{row.section_id}. ")
    assert section_name("五", "创新推动城市治理体系和治理能力现代化", "en", short=True) == (
        "5. Urban governance"
    )


def test_untranslated_titles_get_a_marked_dictionary_short_name():
    # 完善 (to improve) opens the title and 体系 (system) is generic: the head phrase is
    # 基层 (grassroots) 治理 (governance); † marks a dictionary gloss.
    title = "完善基层治理体系"
    assert section_name("二", title, lang="en", glossary=None) == "2. Grassroots governance†"
    assert section_name("二", title, "en", short=True, glossary=None) == (
        "2. Grassroots governance†"
    )
    assert section_name("二", title, lang="zh") == "二、完善基层治理体系"


def test_a_user_glossary_names_a_section_only_where_it_is_passed(tmp_path):
    title = "完善基层治理体系"
    mine = tmp_path / "mine.csv"
    mine.write_text(f"term_zh,en\n{title},Community-level governance\n", encoding="utf-8")
    assert section_name("二", title, "en", glossary=mine) == "2. Community-level governance"
    assert section_name("二", title, "en", glossary=None) == "2. Grassroots governance†"
    # Outside a plot function no glossary is in force: text made there passes its own.
    with pytest.raises(RuntimeError, match="no glossary given"):
        section_name("二", title, "en")


def test_labels_in_both_languages():
    assert label("source", "zh", title="某市改革举措清单") == "来源：某市改革举措清单"
    assert label("items_per_section.subtitle", "en", total=47).endswith("47 in all")
    with pytest.raises(KeyError, match="no fr text"):
        label("source", "fr", title="")


def test_every_label_has_text_in_every_language():
    templates = json.loads(LABELS_FILE.read_text(encoding="utf-8"))
    for key, texts in templates.items():
        assert set(texts) == set(LANGUAGES), key
        assert all(texts[lang].strip() for lang in LANGUAGES), key


def test_no_label_names_the_shenzhen_list_or_its_ladder():
    """Figure text holds for any list: the list's name comes from the list itself
    (figures.identity), and the ladder is named by its own code, not by one list's words."""
    text = LABELS_FILE.read_text(encoding="utf-8")
    for word in ("深圳", "Shenzhen", "服务模式", "预报预警", "31631"):
        assert word not in text, word


def test_small_p_values_never_print_as_zero():
    from analysis.figures.labels import p_text

    # The review's English type figure printed p = 0.00 for p = 0.0019.
    assert p_text(0.0019) == "p < 0.01"
    assert p_text(0.01) == "p = 0.01"
    assert p_text(0.1875) == "p = 0.19"
