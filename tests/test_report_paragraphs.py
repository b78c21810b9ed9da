"""The report's sentences, computed from the committed tables of the project's own list: the
values are those of the document (47 items in 5 sections; section 五 the largest, with 12; 45
items coded, items 7 and 25 left for review), the same the deck's notes state."""

import shutil

import nbformat
import pandas as pd
import pytest

from analysis.paths import ROOT
from analysis.report import paragraphs, shown_tables
from analysis.report.finished_tables import Tables
from analysis.report.render import render_html

PROCESSED = ROOT / "data" / "processed"


@pytest.fixture(scope="module")
def tables():
    return Tables(PROCESSED)


def test_overview_states_the_lists_counts(tables):
    counts = paragraphs.overview(tables, "zh", None)[0]
    assert counts.startswith("清单分 **5** 个方面，共 **47** 项举措")
    assert "“五、创新推动城市治理体系和治理能力现代化”，共 **12** 项（占 26%）" in counts
    assert (
        "The list has **47** measures in **5** sections"
        in paragraphs.overview(tables, "en", None)[0]
    )


def test_policy_coverage_names_the_items_left_for_review(tables):
    text = paragraphs.policy_coverage(tables, "zh")
    assert text.startswith("47 项举措中，**45** 项至少有一个工具编码")
    assert "留待人工判断的 **2** 项：第 7 项" in text and "第 25 项" in text


def test_the_test_sentence_follows_the_verdict_and_is_left_out_without_a_test(tables, tmp_path):
    assert "差异不显著" in paragraphs.policy_test(tables, "zh")
    assert "permutation test p = 0.26" in paragraphs.policy_test(tables, "en")
    shutil.copytree(PROCESSED, tmp_path, dirs_exist_ok=True)
    test = pd.read_csv(tmp_path / "policy_instrument_test.csv").assign(dof=0)
    test.to_csv(tmp_path / "policy_instrument_test.csv", index=False)
    assert paragraphs.policy_test(Tables(tmp_path), "zh") is None


def test_shown_tables_keep_every_row_in_the_readers_words(tables):
    repairs = shown_tables.repairs(tables["repairs"], "en")
    assert len(repairs) == len(tables["repairs"]) == 27
    assert "repeated table header" in set(repairs["repair"])
    items = shown_tables.items(tables["items"], "zh", None)
    assert list(items["item"]) == list(range(1, 48))


def test_the_notebooks_notes_stay_out_of_the_rendered_report():
    """06_report's markdown cells are notes for whoever reads the notebook; the report shows only
    what its cells display, in the report's language."""
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("## Terms\nA note for the analyst."),
            nbformat.v4.new_code_cell(
                "show()",
                outputs=[
                    nbformat.v4.new_output(
                        "display_data", data={"text/html": "<p>清单分 5 个方面</p>"}
                    )
                ],
            ),
        ]
    )
    page = render_html(notebook, "标题", "zh")
    assert "清单分 5 个方面" in page
    assert "A note for the analyst" not in page and "show()" not in page
