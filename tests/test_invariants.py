"""The pipeline's own second look at the tidy table (source.invariants): each broken rule
raises ListFormatError with a message that names what is wrong."""

import pytest

from analysis import ListFormatError
from analysis.source import invariants
from analysis.source.provenance import provenance
from analysis.source.title import title_line


def test_the_project_list_passes(items):
    invariants.check_items(items)


def test_a_gap_in_the_items(items):
    gapped = items[items["item_id"] != 12].reset_index(drop=True)
    with pytest.raises(ListFormatError, match="item numbers do not run 1…46 without gaps"):
        invariants.check_items(gapped)


def test_sections_out_of_order(items):
    swapped = items.copy()
    swapped.loc[swapped["section_id"] == 2, "section_id"] = 9
    with pytest.raises(ListFormatError, match="sections are not numbered 1…N"):
        invariants.check_items(swapped)


def test_a_wrong_section_numeral(items):
    renamed = items.copy()
    renamed.loc[renamed["section_id"] == 3, "section_numeral"] = "四"
    with pytest.raises(
        ListFormatError,
        match=r"section numerals are \['一', '二', '四', '四', '五'\], "
        r"expected \['一', '二', '三', '四', '五'\]",
    ):
        invariants.check_items(renamed)


def test_an_item_with_empty_content(items):
    emptied = items.copy()
    emptied.loc[emptied["item_id"] == 30, "content"] = ""
    with pytest.raises(ListFormatError, match=r"items with empty text: \[30\]"):
        invariants.check_items(emptied)


def test_provenance_names_the_list_and_claims_the_sidecar_only_for_its_file(items, tmp_path):
    from analysis.paths import SOURCE_METADATA

    own = provenance(items, SOURCE_METADATA)
    assert own["title"] == "深圳经济特区创新举措和经验做法清单"
    assert own["is_project_source"] and own["publisher"].startswith("国家发展改革委")
    other = items.copy()
    other.attrs = {**items.attrs, "sha256": "0" * 64, "title": "附件3\n某市改革举措清单"}
    record = provenance(other, SOURCE_METADATA)
    assert record["title"] == "某市改革举措清单"
    assert not record["is_project_source"] and "publisher" not in record


@pytest.mark.parametrize(
    ("preamble", "title"),
    [
        ("附件\n深圳经济特区创新举措和经验做法清单", "深圳经济特区创新举措和经验做法清单"),
        ("附件2：\n青禾区优化营商环境\n改革创新举措清单", "青禾区优化营商环境改革创新举措清单"),
        ("某市改革举措清单", "某市改革举措清单"),
        ("", "list.txt"),
    ],
)
def test_title_line(items, preamble, title):
    other = items.copy()
    other.attrs = {**items.attrs, "title": preamble, "source": "/somewhere/list.txt"}
    assert title_line(other) == title
