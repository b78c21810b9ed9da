"""Both rendered reports, opened in a real browser (Chromium, 1366 px wide) as a reader would:
nothing fetched, nothing broken, every table searchable and within its columns, the headline
numbers in the text, and the words in the report's language. Skips without Chromium."""

import json
import re
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pytest

from analysis.extract.headlines import lead_quantities
from analysis.paths import NOTEBOOKS, ROOT, SOURCE, figures_dir
from analysis.report import render, wording
from analysis.report.notebook_list import pipeline_notebooks
from analysis.report.notebook_run import execute_notebook
from analysis.report.pipeline import report_title, run_report
from analysis.report.render import write_report

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.kernel]

LANGUAGES = ["zh", "en"]
WIDTH = 1366
# The numbers the list states, as each report's reader writes them.
STATED = {"zh": ["208万", "42%", "270平方公里"], "en": ["2.08 million", "42%", "270 km²"]}
CJK = re.compile(r"[\u3400-\u9fff]")
# The all-measures table's place among the report's tables (after the nearest neighbours).
ITEMS_TABLE = 5


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """``{lang: (out_root, report path)}``. The English report comes from a full pipeline run
    (its figures exist nowhere else); the Chinese one renders the report notebook over the
    committed outputs, which test_pipeline proves equal to a fresh run."""
    out = tmp_path_factory.mktemp("browser")

    def render():
        english = run_report(SOURCE, out, lang="en")
        _, report_notebook = pipeline_notebooks()
        executed = execute_notebook(
            report_notebook,
            {"MPLBACKEND": "Agg"},
            NOTEBOOKS,
            parameters={"out_dir": str(ROOT), "lang": "zh"},
        )
        title = report_title(SOURCE, "zh")
        chinese = write_report(executed, out / "reports" / "report.html", title, "zh")
        return {"en": (out, english), "zh": (ROOT, chinese)}

    # Playwright's synchronous API keeps an event loop running in this thread; the notebooks'
    # runner starts its own, so it runs in another thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(render).result()


@pytest.fixture(scope="module", params=LANGUAGES)
def opened(request, browser, rendered):
    """The report open in a fresh page, with everything it logged and requested."""
    lang = request.param
    out, report = rendered[lang]
    page = browser.new_page(viewport={"width": WIDTH, "height": 900})
    errors, requests = [], []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(report.as_uri(), wait_until="load")
    page.wait_for_function("document.querySelectorAll('.dt-container').length > 0")
    yield lang, out, page, errors, requests
    page.close()


def test_no_console_errors(opened):
    _, _, page, errors, _ = opened
    page.wait_for_timeout(300)
    assert errors == []


def test_nothing_is_fetched_from_the_network(opened):
    _, _, page, _, requests = opened
    # data: URIs and blob: (the table library's script, loaded from the page's own text) stay
    # inside the page; anything else, even another local file, is a fetch.
    fetched = [
        url for url in requests if url != page.url and not url.startswith(("data:", "blob:"))
    ]
    assert fetched == []
    assert len(requests) >= 1


def test_every_image_loads(opened):
    lang, out, page, _, _ = opened
    images = page.eval_on_selector_all(
        "img", "imgs => imgs.map(i => [i.complete && i.naturalWidth > 0, i.naturalWidth])"
    )
    # One image per figure the run drew.
    assert len(images) == len(list(figures_dir(out, lang).glob("*.png"))) == 17
    assert all(loaded for loaded, _ in images)
    # Screen resolution: twice the display width, not the 4,000 px of the 300 dpi files.
    assert {width for _, width in images} == {1920}


def test_report_weighs_at_most_four_and_a_half_megabytes(rendered):
    # 17 figures at screen resolution, the tables and a font subset: a file that still mails.
    for _, report in rendered.values():
        assert report.stat().st_size <= 4_500_000, report


def test_table_rows_are_embedded_in_utf8_and_read_back_the_same():
    rows = [["率先", "a literal \\u7387", "\u2028", '"quoted" 《条例》', "\\\u9996"]]
    embedded = json.dumps({"data_json": json.dumps(rows)})
    lighter = render._unescaped_table_text(embedded)
    assert json.loads(json.loads(lighter)["data_json"]) == rows
    assert "率先" in lighter and "《条例》" in lighter and "首" in lighter
    assert "\\\\u2028" in lighter  # a line separator stays escaped
    assert len(lighter.encode()) < len(embedded.encode())


def _visible_tables(page) -> int:
    return page.locator(".dt-container").count()


def _row_counts(container) -> tuple[int, int]:
    """``(rows shown after filtering, rows in all)`` from the table's info line."""
    numbers = [int(n) for n in re.findall(r"\d+", container.locator(".dt-info").inner_text())]
    if len(numbers) == 4:  # rows a to b of n (filtered from m)
        return numbers[2], numbers[3]
    if len(numbers) == 2:  # no rows (filtered from m)
        return numbers
    return numbers[2], numbers[2]


def test_every_table_has_a_working_search_box(opened):
    _, _, page, _, _ = opened
    containers = page.locator(".dt-container")
    # Contexts, legal instruments, quantities, policy-instrument codes, nearest neighbours,
    # items, repairs.
    assert containers.count() == 7
    for index in range(containers.count()):
        container = containers.nth(index)
        box = container.locator("input[type=search]")
        assert box.count() == 1, f"table {index} has no search box"
        shown, total = _row_counts(container)
        assert shown == total > 0
        # A term from the first row's last cell that not every row holds.
        for cell in container.locator("tbody tr").first.locator("td").all_inner_texts()[::-1]:
            term = cell.strip().split(" ")[0][:4]
            if not term:
                continue
            box.fill(term)
            page.wait_for_timeout(100)
            shown, total = _row_counts(container)
            if shown < total:
                break
        assert 0 < shown < total, f"table {index}: typing {term!r} filtered nothing"
        rows = container.locator("tbody tr").all_inner_texts()
        assert all(term.lower() in row.lower() for row in rows)
        box.fill("")


def test_searching_the_items_table_for_a_term_keeps_the_items_that_hold_it(opened):
    _, out, page, _, _ = opened
    items = pd.read_csv(out / "data" / "processed" / "items.csv")
    holding = items[(items["name"] + items["content"]).str.contains("志愿者")]
    assert holding["item_id"].tolist() == [42, 43]
    container = page.locator(".dt-container").nth(ITEMS_TABLE)
    container.locator("input[type=search]").fill("志愿者")
    page.wait_for_timeout(100)
    first_cells = container.locator("tbody tr td:first-child").all_inner_texts()
    assert [int(cell) for cell in first_cells] == holding["item_id"].tolist()
    container.locator("input[type=search]").fill("")


_OVERFLOWING_CELLS = """
() => [...document.querySelectorAll('table')].filter(t => t.offsetParent !== null)
  .flatMap(t => [...t.querySelectorAll('th, td')])
  .filter(c => c.scrollWidth > c.clientWidth + 1)
  .map(c => c.textContent.slice(0, 40))
"""
_WIDER_THAN_PAGE = """
() => [...document.querySelectorAll('table')].filter(t => t.offsetParent !== null)
  .filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth)
  .map(t => t.id)
"""


def test_no_table_cell_is_wider_than_its_column(opened):
    _, _, page, _, _ = opened
    # Show every row a table has, so every cell is measured, not just the first page's.
    for menu in page.locator(".dt-length select").all():
        menu.select_option(index=menu.locator("option").count() - 1)
    assert page.evaluate(_OVERFLOWING_CELLS) == []
    assert page.evaluate(_WIDER_THAN_PAGE) == []


def test_print_shows_every_row_and_no_controls(opened):
    _, out, page, _, _ = opened
    page.emulate_media(media="print")
    try:
        copies = page.locator("table.print-copy")
        assert copies.count() == 7
        assert page.locator(".dt-container").first.is_hidden()
        assert page.locator("nav.toc").is_hidden()
        items = pd.read_csv(out / "data" / "processed" / "items.csv")
        assert copies.nth(ITEMS_TABLE).locator("tbody tr").count() == len(items) == 47
        assert page.evaluate(_OVERFLOWING_CELLS) == []
    finally:
        page.emulate_media(media="screen")


def test_headline_numbers_stand_in_the_overview(opened):
    lang, out, page, _, _ = opened
    text = page.locator("body").inner_text()
    summary = text[: text.index(wording.say("heading.contents", lang), text.index("\n"))]
    for stated in STATED[lang]:
        assert stated in summary, stated
    # The same numbers, glued from the table by the report's rule.
    # Read the way a user reads a CSV: empty qualifiers come back as NaN.
    quantities = pd.read_csv(out / "data" / "processed" / "quantities.csv")
    leads = lead_quantities(quantities)
    assert leads["item_id"].tolist() == [10, 40, 43]
    for row in leads.itertuples():
        written = row.text if lang == "zh" else wording.english_amount(row.value, row.unit)
        assert written in summary
        assert (f"第 {row.item_id} 项" if lang == "zh" else f"item {row.item_id}") in summary
    counts = {"zh": "清单分 5 个方面，共 47 项举措", "en": "The list has 47 measures in 5 sections"}
    assert counts[lang] in summary


def test_title_summary_and_contents_come_first_and_method_last(opened):
    lang, _, page, _, _ = opened
    headings = page.locator("h1, h2").all_inner_texts()
    assert headings[0] == page.title()
    assert headings[1:3] == [
        wording.say("heading.overview", lang),
        wording.say("heading.contents", lang),
    ]
    assert headings[-1] == wording.say("heading.method", lang)
    assert "Reads only finished outputs" not in page.locator("body").inner_text()[:2000]


_WORDS_OUTSIDE_DATA = """
() => {
  const texts = [];
  const prose = 'h1, h2, nav, figcaption, th, label, .dt-info, .jp-RenderedMarkdown :is(p, li)';
  for (const el of document.querySelectorAll(prose)) {
    if (el.offsetParent === null) continue;
    const copy = el.cloneNode(true);
    copy.querySelectorAll('code, select, input').forEach(c => c.remove());
    texts.push(copy.textContent.trim());
  }
  return texts;
}
"""
_ENGLISH_PHRASE = re.compile(r"[A-Za-z]{2,}(?:[ ,;:]+[A-Za-z]{2,}){2,}")


def test_the_report_speaks_one_language(opened):
    lang, _, page, _, _ = opened
    texts = page.evaluate(_WORDS_OUTSIDE_DATA)
    assert texts
    if lang == "zh":
        english = [t for t in texts if _ENGLISH_PHRASE.search(t)]
        assert english == []
    else:
        headings = page.locator("h1, h2, th").all_inner_texts()
        assert [h for h in headings if CJK.search(h.replace("《》", ""))] == []
        for text in texts:
            stripped = re.sub(r"\([^()]*\)", "", text)  # glosses and quoted source words
            assert len(CJK.findall(stripped)) <= 0.3 * len(stripped), text


def test_codes_read_as_words(opened):
    lang, _, page, _, _ = opened
    text = page.locator("body").inner_text()
    for code in [
        "header_row_dropped",
        "stray_english_corrected",
        "sez_regulation",
        "content_chars",
    ]:
        assert code not in text
    expected = {
        "zh": ["表头重复行", "经济特区法规", "供给型", "法规管制"],
        "en": ["repeated table header", "SEZ regulation", "supply", "regulation and control"],
    }
    for words in expected[lang]:
        assert words in text
    # Policy instruments are named in the reader's language: the codebook's tool_en in English.
    other = {"zh": ["regulation and control", "supply"], "en": ["法规管制", "供给型"]}
    for words in other[lang]:
        assert words not in text
