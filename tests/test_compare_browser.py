"""comparison.html in both languages, opened in Chromium as a reader would: nothing fetched,
no errors, both lists named, the shared passages marked, the words in the page's language."""

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.paths import ROOT, SOURCE

FIXTURES = Path(__file__).parent / "fixtures"
SONGXI = FIXTURES / "songxi_district_list.txt"
NAMES = ["深圳经济特区创新举措和经验做法清单", "松溪区学习借鉴深圳经验深化改革创新举措清单"]
HEADINGS = {"zh": "哪些举措在另一份清单中再次出现", "en": "Which measures reappear in another list"}
CJK = re.compile(r"[\u3400-\u9fff]")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    """``{lang: out folder}``: ``python -m analysis compare`` on Shenzhen and Songxi."""
    out = {}
    for lang in ("zh", "en"):
        folder = tmp_path_factory.mktemp(f"compare_{lang}")
        done = subprocess.run(
            [sys.executable, "-m", "analysis", "compare", str(SOURCE), str(SONGXI)]
            + ["--out", str(folder), "--lang", lang],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr
        out[lang] = folder
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_comparison_reads_in_a_browser(browser, compared, lang):
    folder = compared[lang]
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    errors, requests = [], []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda request: requests.append(request.url))
    report = folder / "reports" / "comparison.html"
    page.goto(report.as_uri(), wait_until="load")
    page.wait_for_timeout(300)
    assert errors == []
    assert [u for u in requests if u != page.url and not u.startswith(("data:", "blob:"))] == []
    text = page.inner_text("body")
    for name in NAMES:
        assert name in text
    assert HEADINGS[lang] in text
    assert page.get_attribute("html", "lang") == ("zh-Hans" if lang == "zh" else "en")
    # The closest pairs: as many rows as the table has mutual pairs (up to 12), each with its
    # shared passages marked, the marks' text found in both items' texts.
    alignment = pd.read_csv(folder / "data" / "processed" / "alignment.csv")
    mutual = alignment[alignment["reciprocal"] & (alignment["list_a"] == NAMES[0])]
    rows = page.locator("table.comparison-pairs tbody tr")
    assert rows.count() == min(12, len(mutual))
    assert page.locator("table.comparison-pairs mark").count() > rows.count()
    # The figure is inline and drawn.
    image = page.locator("img").first
    assert image.get_attribute("src").startswith("data:image/png")
    assert image.evaluate("img => img.naturalWidth") > 0
    if lang == "en":
        # Outside the lists' own names, titles and quoted text, the page's words are English.
        heading_text = page.locator("h2").all_inner_texts()
        assert all(not CJK.search(h) for h in heading_text)
    page.screenshot(path=str(folder / "reports" / "comparison.png"), full_page=False)
    page.close()
