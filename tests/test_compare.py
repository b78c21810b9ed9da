"""Comparing lists: the alignment asserted against pairs written down before any aligner
existed (tests/fixtures/songxi_expected_alignment.csv, binhai_calibration_pairs.csv), the sparse
top-k against a brute-force dense search, the aligned passages against hand-read strings, and
the command on the kit's fixture lists and on a damaged one."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse

from analysis import ListFormatError, load_items
from analysis.extract.comparison import compare_lists, list_names
from analysis.paths import ROOT, SOURCE
from analysis.text import similarity
from analysis.text.alignment import (
    LABEL_SAME,
    AlignmentError,
    align_lists,
    aligned_texts,
    shared_runs,
    top_k_by_cells,
    top_k_in_groups,
)

FIXTURES = Path(__file__).parent / "fixtures"
SONGXI = FIXTURES / "songxi_district_list.txt"
BINHAI = FIXTURES / "binhai_calibration_list.txt"


@pytest.fixture(scope="module")
def shenzhen():
    return load_items(SOURCE)


def _top_matches(other: pd.DataFrame, shenzhen: pd.DataFrame) -> pd.DataFrame:
    table = align_lists([other, shenzhen], ["other", "shenzhen"], k=1).table
    return table[table["list_a"] == "other"].set_index("item_a")


@pytest.mark.parametrize(
    "list_file, expected_file",
    [(SONGXI, "songxi_expected_alignment.csv"), (BINHAI, "binhai_calibration_pairs.csv")],
)
def test_echoed_measures_find_the_shenzhen_measure_a_reader_picks(
    shenzhen, list_file, expected_file
):
    expected = pd.read_csv(FIXTURES / expected_file)
    top = _top_matches(load_items(list_file), shenzhen)
    echoes = expected.dropna(subset=["shenzhen_item_id"])
    found = top.loc[echoes["item_id"], "item_b"].to_numpy()
    assert (found == echoes["shenzhen_item_id"].astype(int).to_numpy()).all()
    # "Most" echoes are called the same measure; every miss must at least be related.
    labels = top.loc[echoes["item_id"], "label"]
    assert (labels == LABEL_SAME).mean() >= 0.75
    assert set(labels) <= {"same measure", "related"}


@pytest.mark.parametrize("list_file", [SONGXI, BINHAI])
def test_a_lists_own_measures_are_never_the_same_measure(shenzhen, list_file):
    expected_file = (
        "songxi_expected_alignment" if list_file == SONGXI else "binhai_calibration_pairs"
    )
    expected = pd.read_csv(FIXTURES / f"{expected_file}.csv")
    own = expected[expected["shenzhen_item_id"].isna()]["item_id"]
    table = align_lists([load_items(list_file), shenzhen], ["other", "shenzhen"], k=3).table
    mine = table[(table["list_a"] == "other") & table["item_a"].isin(own)]
    assert len(mine) == 3 * len(own)
    assert (mine["label"] != LABEL_SAME).all()


def test_a_list_compared_with_itself_finds_every_item_as_its_own_same_measure(shenzhen):
    names = list_names([shenzhen, shenzhen])
    assert names[0] != names[1]
    table = align_lists([shenzhen, shenzhen], names, k=1).table
    assert len(table) == 2 * len(shenzhen)
    assert (table["item_a"] == table["item_b"]).all()
    assert (table["label"] == LABEL_SAME).all()
    assert np.allclose(table["score"], 1.0, atol=1e-3)
    assert table["reciprocal"].all()


def test_fewer_than_two_lists_is_an_alignment_error(shenzhen):
    with pytest.raises(AlignmentError, match="at least two"):
        align_lists([shenzhen], ["one"])
    with pytest.raises(AlignmentError, match="no items"):
        align_lists([shenzhen, shenzhen.iloc[:0]], ["a", "b"])


def test_shared_runs_are_the_passages_both_texts_hold():
    a = "实行揭榜挂帅项目遴选制度"
    b = "推行重点技术揭榜挂帅攻关制度"
    runs = shared_runs(a, b)
    assert [a[s:e] for s, e, _, _ in runs] == ["揭榜挂帅", "制度"]
    assert all(a[sa:ea] == b[sb:eb] for sa, ea, sb, eb in runs)
    pieces = aligned_texts(a, b)
    assert "".join(p[0] for p in pieces) == a
    assert "".join(p[1] for p in pieces) == b


@st.composite
def grouped_vectors(draw):
    rows = draw(st.integers(2, 30))
    columns = draw(st.integers(1, 12))
    groups = np.array(draw(st.lists(st.integers(0, 3), min_size=rows, max_size=rows)))
    seed = draw(st.integers(0, 2**16))
    matrix = sparse.random(rows, columns, density=0.4, random_state=seed, format="csr")
    matrix.data = np.round(matrix.data * 8)  # small integers: exact ties happen
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1))).ravel()
    norms[norms == 0] = 1
    matrix = sparse.diags(1 / norms) @ matrix
    return sparse.csr_matrix(matrix), groups, draw(st.integers(1, 4)), draw(st.integers(1, 7))


@settings(max_examples=60, deadline=None)
@given(grouped_vectors(), st.booleans())
def test_top_k_equals_a_dense_brute_force_search(case, per_group):
    matrix, groups, k, block_rows = case
    found = top_k_in_groups(matrix, groups, k, per_group=per_group, block_rows=block_rows)
    single = matrix.astype(np.float32)
    dense = (single @ single.T).toarray()
    expected = []
    for row in range(matrix.shape[0]):
        others = [j for j in range(matrix.shape[0]) if groups[j] != groups[row]]
        buckets = (
            [[j for j in others if groups[j] == g] for g in sorted(set(groups[others]))]
            if per_group
            else [others]
        )
        for bucket in buckets:
            ranked = sorted(bucket, key=lambda j: (-dense[row, j], j))[:k]
            expected += [(row, j, rank) for rank, j in enumerate(ranked, start=1)]
    got = list(zip(found["row"], found["match"], found["rank"], strict=True))
    assert sorted(got) == sorted(expected)
    assert np.allclose(found["score"], [dense[r, m] for r, m, _ in got], atol=1e-6)


def test_compare_lists_names_both_lists_and_fills_every_table(shenzhen):
    songxi = load_items(SONGXI)
    comparison = compare_lists([shenzhen, songxi])
    assert list(comparison.lists["list"]) == [
        "深圳经济特区创新举措和经验做法清单",
        "松溪区学习借鉴深圳经验深化改革创新举措清单",
    ]
    assert comparison.lists["items"].tolist() == [47, 16]
    assert comparison.lists["sections"].tolist() == [5, 3]
    # Read off the fixture: 《中华人民共和国商标法》 is Songxi's only bracketed citation.
    songxi_cited = comparison.regulations[
        comparison.regulations["list"] == comparison.lists["list"][1]
    ]
    assert songxi_cited["title"].tolist() == ["中华人民共和国商标法"]
    # Songxi states 5亿元 (item 2) and 35平方公里 (item 3).
    stated = comparison.quantities[comparison.quantities["list"] == comparison.lists["list"][1]]
    assert {"5亿元", "35平方公里"} <= set(stated["text"])
    # The type × list table counts every item of both lists.
    assert comparison.instrument_mix.groupby("list", sort=False)["items"].first().tolist() == [
        47,
        16,
    ]
    assert int(comparison.instrument_test.at[0, "items"]) == 63
    assert set(comparison.terms["list"]) == set(comparison.lists["list"])
    assert set(comparison.kwic["list"]) == set(comparison.lists["list"])
    assert (comparison.kwic["keyword"] == comparison.kwic["term"]).all()


def _compare(*args, out: Path, lang: str = "zh") -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis",
            "compare",
            *map(str, args),
            "--out",
            str(out),
            "--lang",
            lang,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )


@pytest.mark.slow
def test_compare_runs_on_the_kits_fixture_lists(tmp_path):
    done = _compare(
        FIXTURES / "qinghe_district_list.txt", FIXTURES / "tiny_town_list.txt", out=tmp_path
    )
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "reports" / "comparison.html").read_text(encoding="utf-8")
    assert "青禾区优化营商环境改革创新举措清单" in page
    assert "柳溪镇基层治理创新做法清单" in page
    for name in ("alignment.csv", "comparison_terms.csv", "comparison.xlsx"):
        assert (tmp_path / "data" / "processed" / name).exists()
    assert (tmp_path / "reports" / "comparison.pptx").exists()


@pytest.mark.slow
def test_a_list_that_fails_is_named_with_its_line_and_the_others_go_on(tmp_path):
    broken = tmp_path / "broken_list.txt"
    lines = SONGXI.read_text(encoding="utf-8").split("\n")
    lines[7] = "X\t\t"  # line 8: an item line that is neither item, section nor header
    broken.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ListFormatError) as raised:
        load_items(broken)
    line = raised.value.line
    assert line in (8, 9)  # the damaged line, or the next item's, where the gap shows
    done = _compare(SOURCE, SONGXI, broken, out=tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert "broken_list.txt" in done.stderr and f"line {line}" in done.stderr
    errors = pd.read_csv(tmp_path / "out" / "data" / "processed" / "comparison_errors.csv")
    assert errors["line"].tolist() == [line]
    assert errors["source"].str.endswith("broken_list.txt").all()
    only_one = _compare(SOURCE, broken, out=tmp_path / "out2")
    assert only_one.returncode == 2
    assert "at least two" in only_one.stderr


def test_the_cell_search_equals_the_exact_one_when_it_probes_every_cell(shenzhen):
    lists = [shenzhen, load_items(SONGXI), load_items(BINHAI)]
    stacked = pd.concat(lists, ignore_index=True)
    groups = np.repeat(np.arange(3), [len(items) for items in lists])
    texts = similarity.representation_texts(stacked)
    vectors = similarity.item_vectors(texts, similarity.fit_representation(texts))
    exact = top_k_in_groups(vectors, groups, 5, per_group=False)
    cells = top_k_by_cells(vectors, groups, 5, cells=4, probes=4, candidates=len(stacked))
    assert cells[["row", "match", "rank"]].equals(exact[["row", "match", "rank"]])
    assert np.allclose(cells["score"], exact["score"], atol=1e-5)


def test_quantities_are_compared_by_dimension_or_else_by_unit(monkeypatch, shenzhen):
    from analysis.extract import comparison as module

    real = module.extract_quantities
    songxi = load_items(SONGXI)
    stated, by_dimension = module.quantity_tables([shenzhen, songxi], ["a", "b"])
    assert by_dimension.attrs["grouped_by"] == "dimension"
    money = by_dimension[by_dimension["dimension"] == "money"].set_index("list")["quantities"]
    expected = stated[stated["unit"] == "元"].groupby("list").size()
    assert money.to_dict() == expected.to_dict()
    # Songxi states 5亿元 and 1800元 (items 2 and 5).
    assert money["b"] == 2

    def without_dimension(items):
        return real(items).drop(columns=["dimension"])

    monkeypatch.setattr(module, "extract_quantities", without_dimension)
    _, by_unit = module.quantity_tables([shenzhen, songxi], ["a", "b"])
    assert by_unit.attrs["grouped_by"] == "unit"


def test_every_path_asked_for_is_loaded_or_named(tmp_path):
    from analysis.source.lists import load_lists

    broken = tmp_path / "broken.txt"
    broken.write_text("not a list\n", encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "songxi.txt").write_bytes(SONGXI.read_bytes())
    missing = tmp_path / "missing.txt"
    lists, errors = load_lists([SOURCE, folder, broken, missing, str(tmp_path / "none_*.txt")])
    assert [len(items) for items in lists] == [47, 16]
    assert errors["source"].tolist() == [
        str(broken),
        str(missing),
        str(tmp_path / "none_*.txt"),
    ]
    assert errors["line"].tolist()[0] == 1
    assert "cannot be read" in errors["message"].iloc[1]
    assert "no file matches" in errors["message"].iloc[2]


@pytest.mark.slow  # draws a whole set of figures or pages: over a second
def test_the_comparison_page_keeps_its_headings_and_sentences(shenzhen, tmp_path):
    """The renderer leaves a notebook's markdown cells out, so the page's words must reach it
    as outputs: the title, every section heading and the alignment sentences are on the page."""
    from analysis.figures.comparison import comparison_text
    from analysis.report.comparison import alignment_sentences, comparison_notebook
    from analysis.report.render import render_html

    songxi = load_items(SONGXI)
    comparison = compare_lists([shenzhen, songxi])
    names = list(comparison.lists["list"])
    figure = tmp_path / "figure.png"
    figure.write_bytes((ROOT / "figures" / "items_per_section.png").read_bytes())
    for lang in ("zh", "en"):
        lists = dict(zip(names, (shenzhen, songxi), strict=True))
        notebook = comparison_notebook(comparison, lists, figure, lang)
        title = comparison_text("title", lang, names=" · ".join(names))
        page = render_html(notebook, title, lang)
        assert f"<title>{title}</title>" in page
        assert page.count("<h1") == 1
        for key in ("heading.lists", "heading.alignment", "heading.terms", "heading.method"):
            assert comparison_text(key, lang) in page
        sentence = alignment_sentences(comparison, lang)[0]
        assert sentence.split("“")[0].split('"')[0] in page


def test_one_regulation_is_worded_in_the_singular(shenzhen):
    from analysis.report.comparison import regulation_sentences

    # Songxi cites one regulation, 《中华人民共和国商标法》 (item 5).
    comparison = compare_lists([shenzhen, load_items(SONGXI)])
    sentences = regulation_sentences(comparison, "en")
    songxi = "松溪区学习借鉴深圳经验深化改革创新举措清单"
    assert sentences[1] == f"{songxi} cites 1 regulation or document."
    assert sentences[0].endswith("regulations or documents.")
