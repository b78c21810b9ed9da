"""The analyst's workbook and items.xlsx, opened with openpyxl as an analyst's Excel would."""

import json
import shutil

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from analysis.paths import ROOT
from analysis.report import workbook
from analysis.report.workbook import README, sheet_specs, write_workbook
from analysis.tables.sheets import MAX_WIDTH, display_width, fit_columns

PROCESSED = ROOT / "data" / "processed"
# What a cell can hold: any text but control characters, with line breaks.
_CELL_TEXT = st.characters(exclude_categories=("Cs", "Cc")) | st.just("\n")


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    path = tmp_path_factory.mktemp("workbook") / "analysis.xlsx"
    write_workbook(PROCESSED, path)
    return path


@pytest.fixture(scope="module")
def book(written):
    return load_workbook(written)


def _readme_table(book) -> pd.DataFrame:
    rows = list(book[README].iter_rows(values_only=True))
    header = rows.index(("sheet", "column", "说明", "description", "file", "rows"))
    return pd.DataFrame(rows[header + 1 :], columns=rows[header])


def test_readme_comes_first_then_every_result_table_in_order(book):
    present = [s.sheet for s in sheet_specs() if (PROCESSED / s.file).exists()]
    assert book.sheetnames[0] == README
    assert book.sheetnames[1:] == present
    assert present[:5] == ["items", "sections", "repairs", "absent_items", "keywords"]
    assert {"keyness", "regulations", "quantities", "coined_terms", "claims"} <= set(present)
    # Then the policy instruments: the codes, the items left for review, the cross-tables,
    # then the test and its cells; last the structure of the text (07_structure).
    assert present[-14:] == [
        "policy_instruments",
        "policy_review",
        "policy_tool_types_by_section",
        "policy_tools_by_section",
        "policy_type_test",
        "policy_type_residuals",
        "item_similarity",
        "similarity_representations",
        "item_clusters",
        "cluster_agreement",
        "cluster_sections",
        "ca_contingency",
        "ca_inertia",
        "ca_coordinates",
    ]


def test_a_listed_table_this_run_did_not_write_is_named_in_the_readme(book):
    table = _readme_table(book)
    for spec in sheet_specs():
        if not (PROCESSED / spec.file).exists():
            row = table[(table["sheet"] == spec.sheet) & table["column"].isna()]
            assert len(row) == 1
            assert f"wrote no {spec.file}" in row["description"].iloc[0]


def test_readme_names_the_source_file_and_its_sha256(book):
    origin = json.loads((PROCESSED / "provenance.json").read_text(encoding="utf-8"))
    cells = [c for row in book[README].iter_rows(max_row=12, values_only=True) for c in row if c]
    assert f"data/raw/{origin['file']}" in cells
    assert origin["sha256"] in cells
    assert "国家发展改革委 (National Development and Reform Commission)" in cells
    assert any("unverified" in str(c) for c in cells)
    assert "5 / 47" in cells


def test_readme_describes_every_sheet_and_every_column(book):
    table = _readme_table(book)
    for sheet in book.sheetnames[1:]:
        header = [c.value for c in book[sheet][1]]
        described = table[table["sheet"] == sheet]
        assert described["column"].dropna().tolist() == header
        assert not described["说明"].str.contains("未说明").any(), sheet
        assert described["description"].str.len().min() > 5
    rows = table[table["column"].isna() & table["rows"].notna()].set_index("sheet")["rows"]
    assert rows["items"] == 47 and rows["sections"] == 5


def test_sheets_hold_the_csv_tables(book):
    for spec in sheet_specs():
        if (PROCESSED / spec.file).exists():
            csv = pd.read_csv(PROCESSED / spec.file, keep_default_na=False)
            ws = book[spec.sheet]
            assert [c.value for c in ws[1]] == list(csv.columns)
            assert ws.max_row == len(csv) + 1
    sections = book["sections"]
    assert [c.value for c in sections["D"][1:]] == [8, 10, 8, 9, 12]
    # Missing values stay blank and integer columns with gaps stay integers.
    repairs = book["repairs"]
    assert repairs["B2"].value is None
    assert isinstance(repairs["A2"].value, int)


@pytest.mark.parametrize("path", [None, PROCESSED / "items.xlsx"])
def test_every_table_sheet_has_frozen_header_filter_and_fitted_widths(written, path):
    book = load_workbook(path or written)
    for ws in book.worksheets:
        if ws.title == README:
            continue
        assert ws.freeze_panes == "A2", ws.title
        assert ws.auto_filter.ref == ws.dimensions, ws.title
        for column in ws.iter_cols():
            letter = column[0].column_letter
            width = ws.column_dimensions[letter].width
            assert 6 <= width <= MAX_WIDTH, (ws.title, letter)
    items = book["items"]
    header = {c.value: c.column_letter for c in items[1]}
    # Item names are Chinese: about twice their length in characters, up to the cap.
    longest_name = max(len(c.value) for c in items[header["name"]][1:])
    assert items.column_dimensions[header["name"]].width == min(2 * longest_name + 3, MAX_WIDTH)
    assert items.column_dimensions[header["item_id"]].width == len("item_id") + 3
    content = items[f"{header['content']}2"]
    assert items.column_dimensions[header["content"]].width == MAX_WIDTH
    assert content.alignment.wrap_text and content.alignment.vertical == "top"
    assert not items[f"{header['item_id']}2"].alignment.wrap_text


def test_headers_are_bold_and_shares_and_p_values_formatted(book):
    for ws in book.worksheets[1:]:
        assert all(cell.font.bold for cell in ws[1]), ws.title
    sections = book["sections"]
    header = {c.value: c.column_letter for c in sections[1]}
    share = sections[f"{header['share_of_items']}2"]
    # Section 一 holds 8 of the 47 items: 17.0%.
    assert share.number_format == "0.0%" and share.value == pytest.approx(8 / 47)
    assert sections.column_dimensions[header["share_of_items"]].width == len("share_of_items") + 3
    test = book["policy_type_test"]
    header = {c.value: c.column_letter for c in test[1]}
    for column in ("p_asymptotic", "p_permutation"):
        assert test[f"{header[column]}2"].number_format == "0.000", column
    assert test[f"{header['share_expected_below_5']}2"].number_format == "0.0%"
    # Counts and statistics that are neither keep Excel's General format.
    assert test[f"{header['chi2']}2"].number_format == "General"
    assert test[f"{header['items']}2"].number_format == "General"


def test_readme_table_header_is_frozen_and_bold(book):
    ws = book[README]
    rows = [tuple(c.value for c in row) for row in ws.iter_rows()]
    header = rows.index(("sheet", "column", "说明", "description", "file", "rows")) + 1
    assert ws.freeze_panes == f"A{header + 1}"
    assert all(cell.font.bold for cell in ws[header])


def test_workbook_bytes_are_deterministic_and_committed(written, tmp_path):
    again = write_workbook(PROCESSED, tmp_path / "again.xlsx")
    assert again.read_bytes() == written.read_bytes()
    assert (PROCESSED / "analysis.xlsx").read_bytes() == written.read_bytes()


def test_missing_and_unlisted_tables_are_reported_not_dropped(tmp_path):
    processed = tmp_path / "processed"
    shutil.copytree(PROCESSED, processed)
    (processed / "quantities.csv").unlink()
    pd.DataFrame({"a": [1], "b": ["企业"]}).to_csv(processed / "zz_extra.csv", index=False)
    book = load_workbook(write_workbook(processed))
    assert "quantities" not in book.sheetnames
    assert book.sheetnames[-1] == "zz_extra"
    table = _readme_table(book)
    missing = table[(table["sheet"] == "quantities")]
    assert len(missing) == 1
    assert "本次运行没有写出 quantities.csv" in missing["说明"].iloc[0]
    extra = table[table["sheet"] == "zz_extra"]
    assert extra["description"].str.contains("not described in resources/").all()
    assert extra["column"].dropna().tolist() == ["a", "b"]


def test_another_list_claims_no_publisher(tmp_path):
    processed = tmp_path / "processed"
    shutil.copytree(PROCESSED, processed)
    origin = json.loads((processed / "provenance.json").read_text(encoding="utf-8"))
    other = {k: origin[k] for k in ("file", "sha256", "encoding", "sections", "items")}
    other |= {"file": "other.txt", "is_project_source": False}
    (processed / "provenance.json").write_text(json.dumps(other), encoding="utf-8")
    cells = [c for row in load_workbook(write_workbook(processed))[README].values for c in row]
    assert "other.txt" in cells
    assert not any("国家发展改革委" in str(c) for c in cells)
    assert any("nothing is claimed about its publisher" in str(c) for c in cells)


def test_unreadable_table_names_its_file(tmp_path):
    processed = tmp_path / "processed"
    shutil.copytree(PROCESSED, processed)
    (processed / "keyness.csv").write_bytes(b"\xff\xfe\x00broken")
    with pytest.raises(ValueError, match="keyness.csv"):
        write_workbook(processed)


def test_a_stray_comma_in_the_descriptions_names_its_line(tmp_path, monkeypatch):
    descriptions = tmp_path / "workbook_sheets.csv"
    descriptions.write_text(
        "sheet,file,column,zh,en\nitems,items.csv,,表,one row, per item\n", encoding="utf-8"
    )
    monkeypatch.setattr(workbook, "DESCRIPTIONS", descriptions)
    sheet_specs.cache_clear()
    try:
        with pytest.raises(ValueError, match="line 2"):
            sheet_specs()
    finally:
        monkeypatch.undo()
        sheet_specs.cache_clear()


def test_display_width_counts_east_asian_characters_twice():
    assert display_width("item_id") == 7
    assert display_width("企业") == 4
    assert display_width("“31631”服务模式") == 7 + 8
    assert display_width("短\n更长一些") == 8


@settings(derandomize=True, max_examples=60, deadline=None)
@given(st.lists(st.text(_CELL_TEXT, max_size=90), min_size=1, max_size=6))
def test_widths_fit_the_widest_text_up_to_the_cap(texts):
    ws = Workbook().active
    ws.append(["header"])
    for text in texts:
        ws.append([text])
    fit_columns(ws)
    widest = max(display_width(t) for t in ["header", *texts])
    width = ws.column_dimensions["A"].width
    assert width == min(max(widest + 3, 6), MAX_WIDTH)
    wrapped = ws["A2"].alignment.wrap_text
    assert bool(wrapped) == (widest + 3 > MAX_WIDTH or any("\n" in t for t in texts))
