"""Clusters and correspondence analysis, each checked against an independent computation;
the figures' labels do not overlap; the similar-items view marks the shared terms."""

import math

import numpy as np
import pandas as pd
import pytest
import scipy.linalg
from hypothesis import given
from hypothesis import strategies as st
from scipy.cluster.hierarchy import linkage
from scipy.spatial.distance import squareform
from scipy.stats import chi2_contingency

from analysis import keyness
from analysis.figures import structure as figures
from analysis.text import clusters, correspondence, similarity
from analysis.text.counts import section_counts
from analysis.text.keyness import most_distinctive_section
from analysis.text.similarity_widget import highlight, neighbours_html

# Greenacre's smoking table (staff groups × smoking categories), the worked example of
# Greenacre, *Correspondence Analysis in Practice*, and of R's ``ca`` package, whose printed
# principal inertias are 0.074759, 0.010017 and 0.000414 (total 0.085190).
SMOKE = pd.DataFrame(
    [[4, 2, 3, 2], [4, 3, 7, 4], [25, 10, 12, 4], [18, 24, 33, 13], [10, 6, 7, 2]],
    index=["SM", "JM", "SE", "JE", "SC"],
    columns=["none", "light", "medium", "heavy"],
)


def test_smoking_table_gives_greenacres_principal_inertias():
    result = correspondence.correspondence_analysis(SMOKE)
    inertias = result["inertia"]["principal_inertia"].to_numpy()
    np.testing.assert_allclose(inertias, [0.074759, 0.010017, 0.000414], atol=5e-7)
    assert result["total_inertia"] == pytest.approx(0.085190, abs=5e-6)


def _eigen_ca(table: pd.DataFrame):
    """CA written differently: chi-square residuals from expected counts, then the
    eigen-decomposition of their cross-product with scipy.linalg.eigh (no SVD)."""
    n = table.to_numpy(dtype=float)
    total = n.sum()
    expected = np.outer(n.sum(axis=1), n.sum(axis=0)) / total
    residuals = (n - expected) / np.sqrt(expected) / math.sqrt(total)
    values, vectors = scipy.linalg.eigh(residuals @ residuals.T)
    order = np.argsort(values)[::-1][: min(n.shape) - 1]
    values, vectors = np.clip(values[order], 0, None), vectors[:, order]
    row_mass = n.sum(axis=1) / total
    rows = vectors * np.sqrt(values) / np.sqrt(row_mass)[:, None]
    return values, rows


@pytest.fixture(scope="module")
def section_table(items, counts):
    terms = correspondence.keyness_terms(keyness(counts=counts))
    return correspondence.section_term_table(counts, terms)


def test_section_term_table_holds_the_keyword_counts(counts, section_table):
    # 基金 (fund): 8 times in section 一 and nowhere else (keyness.csv, keywords.csv).
    assert section_table.loc[1, "基金"] == 8
    assert section_table["基金"].sum() == counts.set_index("term").loc["基金", "count"]


def test_principal_inertias_and_coordinates_match_an_eigen_decomposition(section_table):
    result = correspondence.correspondence_analysis(section_table)
    values, rows = _eigen_ca(section_table)
    np.testing.assert_allclose(result["inertia"]["principal_inertia"], values, rtol=1e-9)
    chi2 = chi2_contingency(section_table.to_numpy(), correction=False)[0]
    assert result["total_inertia"] == pytest.approx(chi2 / section_table.to_numpy().sum())
    for k in range(len(values)):
        mine = result["rows"][f"dim_{k + 1}"].to_numpy()
        # An axis's sign is arbitrary.
        assert np.allclose(mine, rows[:, k], atol=1e-9) or np.allclose(mine, -rows[:, k])
    ctr = result["rows"][[f"ctr_{k + 1}" for k in range(len(values))]].sum()
    np.testing.assert_allclose(ctr, 1.0)


def test_the_written_tables_give_the_written_inertias(section_table, tmp_path):
    """What a reader does: read ca_contingency.csv back and compute CA from it."""
    path = tmp_path / "ca_contingency.csv"
    section_table.reset_index().to_csv(path, index=False)
    read = pd.read_csv(path).set_index("section_id")
    values, _ = _eigen_ca(read)
    result = correspondence.correspondence_analysis(section_table)
    np.testing.assert_allclose(result["inertia"]["principal_inertia"], values, rtol=1e-9)


def test_small_or_empty_tables_get_the_projects_error():
    with pytest.raises(correspondence.CorrespondenceError, match="no axis"):
        correspondence.correspondence_analysis(pd.DataFrame([[1, 2, 3]]))
    with pytest.raises(correspondence.CorrespondenceError, match="empty"):
        correspondence.correspondence_analysis(pd.DataFrame([[1, 0], [2, 0]]))


@given(st.lists(st.lists(st.integers(0, 30), min_size=3, max_size=5), min_size=3, max_size=5))
def test_any_count_table_agrees_with_the_eigen_decomposition(rows):
    width = min(len(r) for r in rows)
    table = pd.DataFrame([r[:width] for r in rows])
    table = table.loc[table.sum(axis=1) > 0, table.sum() > 0]
    if min(table.shape) < 2:
        return
    result = correspondence.correspondence_analysis(table)
    values, _ = _eigen_ca(table)
    np.testing.assert_allclose(result["inertia"]["principal_inertia"], values, atol=1e-10)


def _hand_ari(a, b) -> float:
    """Hubert and Arabie's adjusted Rand index from pair counts, written out."""
    table = pd.crosstab(pd.Series(a), pd.Series(b)).to_numpy()

    def pairs(x):
        return x * (x - 1) / 2

    index = pairs(table).sum()
    rows, columns = pairs(table.sum(axis=1)).sum(), pairs(table.sum(axis=0)).sum()
    expected = rows * columns / pairs(table.sum())
    return (index - expected) / ((rows + columns) / 2 - expected)


@pytest.fixture(scope="module")
def tree(items):
    return clusters.item_linkage(items)


def test_ward_tree_matches_ward_on_cosine_distances(items, tree):
    scores, _ = similarity.similarity_matrix(items)
    distances = np.sqrt(np.clip(2 - 2 * scores, 0, None))
    np.fill_diagonal(distances, 0)
    expected = linkage(squareform(distances, checks=False), method="ward")
    np.testing.assert_allclose(tree[:, 2], expected[:, 2], atol=1e-9)


def test_agreement_with_sections_and_its_baseline(items, tree):
    groups = clusters.item_clusters(items, tree)
    assert groups["cluster"].nunique() == items["section_id"].nunique() == 5
    row = clusters.agreement_with_sections(groups).iloc[0]
    assert row["adjusted_rand_index"] == pytest.approx(
        _hand_ari(groups["section_id"], groups["cluster"]), abs=1e-4
    )
    assert row["permutations"] == 1000
    # A shuffled labelling agrees by chance only: its mean index is near 0.
    assert abs(row["null_mean"]) < 0.02
    assert 0 < row["p_permutation"] <= 1
    again = clusters.agreement_with_sections(groups).iloc[0]
    assert again.equals(row)


def test_too_few_items_get_the_projects_error(items):
    with pytest.raises(clusters.ClusterError, match="at least"):
        clusters.item_linkage(items.head(2))


def test_short_item_names_read_off_the_list():
    assert figures.short_item_name("率先形成基础研究长期持续稳定投入机制") == "基础研究长…"
    assert figures.short_item_name("打造“公园里的城市”") == "公园里的城市"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_biplot_labels_do_not_overlap(items, counts, section_table, lang, figure_settings):
    result = correspondence.correspondence_analysis(section_table)
    fig = figures.plot_ca_biplot(
        result,
        section_counts(items),
        most_distinctive_section(counts),
        settings=figure_settings(lang),
    )
    fig.canvas.draw()
    assert figures.overlapping_labels(fig, fig.structure_labels) == []
    assert figures.labels_on_squares(fig, fig.structure_labels) == []
    axis_label = fig.axes[0].get_xlabel()
    share = result["inertia"]["share"].iloc[0]
    assert f"{share:.1%}" in axis_label
    import matplotlib.pyplot as plt

    plt.close(fig)


def test_highlight_marks_every_shared_term_and_escapes_the_rest():
    marked = highlight("破产<程序>与破产法庭", ["破产", "法庭"])
    assert marked == "<mark>破产</mark>&lt;程序&gt;与<mark>破产</mark><mark>法庭</mark>"


def test_the_widget_view_shows_five_neighbours_with_marks_in_both_texts(items):
    representation = similarity.fit_representation(similarity.representation_texts(items))
    page = neighbours_html(items, 16, representation)
    assert page.count("class='similar-item'") == 5
    assert "<mark>僵尸</mark>" in page  # 僵尸户 in item 16, 僵尸企业 in item 15
    assert "15 促进诚信市场主体“经济再生”" in page
