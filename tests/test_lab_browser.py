"""JupyterLab as a user meets it: open the text notebook by its URL, Run All Cells from the
menu, see no error, and use the KWIC widget. Skips without Chromium."""

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from analysis import load_items
from analysis.paths import NOTEBOOKS
from analysis.text.kwic import kwic

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.kernel]

NOTEBOOK = "02_text_terms.py"
STARTUP_SECONDS = 60
RUN_ALL_SECONDS = 90
HIT_COUNT = re.compile(r"(\d+) 处，分布在 (\d+) 项举措中")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on the notebooks folder, on a free port with a token; the notebooks'
    outputs go to a temporary folder, never over the committed ones. Yields its base URL."""
    jupyter = Path(sys.executable).with_name("jupyter")
    if shutil.which("chromium") is None:
        pytest.skip("Chromium is not installed (apt-get install chromium; .ci/run installs it)")
    port, token = _free_port(), secrets.token_hex(16)
    out = tmp_path_factory.mktemp("lab")
    # The notebook's outputs go to a temporary folder: its parameters cell says so, as a user
    # who analyses elsewhere would write it.
    root = out / "notebooks"
    root.mkdir()
    default = "out_dir = None"
    for name in (NOTEBOOK, STRUCTURE_NOTEBOOK):
        source = (NOTEBOOKS / name).read_text(encoding="utf-8")
        assert default in source
        (root / name).write_text(source.replace(default, f"out_dir = {str(out)!r}", 1))
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(out / "config"), MPLBACKEND="Agg")
    command = [
        str(jupyter), "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
        f"--ServerApp.token={token}", f"--ServerApp.root_dir={root}",
    ]  # fmt: skip
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = (out / "lab.log").open("w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((out / "lab.log").read_text()[-2000:]) from None
                time.sleep(0.5)
        yield base, token
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def _kernel_states(base: str, token: str) -> list[str]:
    """The execution state of each kernel. While a kernel starts on a loaded machine the
    server can answer the listing with a 500 once; that is a state to wait out, and is what
    the failure message shows if it lasts."""
    try:
        with urllib.request.urlopen(f"{base}/api/kernels?token={token}", timeout=5) as reply:
            return [kernel["execution_state"] for kernel in json.load(reply)]
    except urllib.error.HTTPError as error:
        if error.code < 500:
            raise
        return [f"server error {error.code}"]


def _wait_until(condition, seconds: float, message) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, message()
        time.sleep(0.5)


def _hit_count(output_text: str) -> tuple[int, int]:
    found = HIT_COUNT.search(output_text)
    assert found, output_text[:300]
    return int(found[1]), int(found[2])


def test_text_notebook_runs_in_jupyterlab_and_its_kwic_box_searches(lab, browser):
    base, token = lab
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    try:
        page.goto(f"{base}/lab/tree/{NOTEBOOK}?token={token}")
        # jupytext opens the .py file as a notebook (the Makefile installs that setting).
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=STARTUP_SECONDS * 1000)
        # The menu's commands act once the notebook's kernel is up (the "Python (analysis)"
        # kernel, installed into the venv by `make venv`).
        _wait_until(
            lambda: _kernel_states(base, token) == ["idle"],
            STARTUP_SECONDS,
            lambda: f"kernel states: {_kernel_states(base, token)}",
        )
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()

        # Off-screen cells are not painted, so read textContent, not innerText.
        prompts = page.locator(".jp-NotebookPanel .jp-CodeCell .jp-InputPrompt")
        _wait_until(
            lambda: (
                all(re.fullmatch(r"\[\d+\]:", t.strip()) for t in prompts.all_text_contents())
                and _kernel_states(base, token) == ["idle"]
            ),
            RUN_ALL_SECONDS,
            lambda: f"cells not all run: {prompts.all_text_contents()}",
        )
        assert prompts.count() >= 10

        errors = page.locator(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
        )
        assert errors.count() == 0, errors.all_text_contents()[:3]

        widget = page.locator(".jupyter-widgets .widget-text input")
        widget.first.wait_for(timeout=10_000)
        output = page.locator(".jupyter-widgets .widget-output").last
        items = load_items()
        before = _hit_count(output.text_content())
        expected = kwic(items, "率先", 10)
        assert before == (len(expected), expected["item_id"].nunique())

        widget.first.fill("志愿者")
        widget.first.press("Enter")
        expected = kwic(items, "志愿者", 10)
        page.wait_for_function(
            "([selector, wanted]) => document.querySelectorAll(selector).length &&"
            " [...document.querySelectorAll(selector)].pop().textContent.includes(wanted)",
            arg=[".jupyter-widgets .widget-output", f"{len(expected)} 处"],
            timeout=10_000,
        )
        after = _hit_count(output.text_content())
        assert after == (len(expected), expected["item_id"].nunique()) != before
        assert after == (10, 2)
    finally:
        page.close()


STRUCTURE_NOTEBOOK = "07_structure.py"


def _all_idle(base: str, token: str) -> bool:
    """Every kernel idle: the server may still hold the kernel of a notebook opened before."""
    states = _kernel_states(base, token)
    return bool(states) and all(state == "idle" for state in states)


STRUCTURE_RUN_SECONDS = 240


def test_structure_notebook_runs_in_jupyterlab_and_its_similar_items_box_answers(
    lab, browser, tmp_path
):
    """Choose item 16 in the similar-items box: five neighbours, each with its score, and the
    shared terms marked in both texts (僵尸 in 15's 僵尸企业 and 16's 僵尸户)."""
    from analysis.text.similarity import similar_items

    base, token = lab
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    try:
        # A workspace of its own, reset: JupyterLab would otherwise reopen the notebook the test
        # before left open, and Run All and the prompts below would see both.
        page.goto(f"{base}/lab/workspaces/structure/tree/{STRUCTURE_NOTEBOOK}?reset&token={token}")
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=STARTUP_SECONDS * 1000)
        _wait_until(
            lambda: _all_idle(base, token),
            STARTUP_SECONDS,
            lambda: f"kernel states: {_kernel_states(base, token)}",
        )
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        prompts = page.locator(".jp-NotebookPanel .jp-CodeCell .jp-InputPrompt")
        _wait_until(
            lambda: (
                all(re.fullmatch(r"\[\d+\]:", t.strip()) for t in prompts.all_text_contents())
                and _all_idle(base, token)
            ),
            STRUCTURE_RUN_SECONDS,
            lambda: f"cells not all run: {prompts.all_text_contents()}",
        )
        errors = page.locator(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
        )
        assert errors.count() == 0, errors.all_text_contents()[:3]

        menu = page.locator(".jupyter-widgets .widget-dropdown select")
        menu.first.wait_for(timeout=10_000)
        items = load_items()
        name = items.set_index("item_id").loc[16, "name"]
        menu.first.select_option(label=f"16 {name}")
        page.wait_for_function(
            "(wanted) => [...document.querySelectorAll('.similar-header')]"
            ".some(e => e.textContent.startsWith(wanted))",
            arg="16 ",
            timeout=10_000,
        )
        blocks = page.locator(".similar-item")
        assert blocks.count() == 5
        expected = similar_items(items, 16)
        shown = [int(re.match(r"\d+\. (\d+)", b).group(1)) for b in blocks.all_text_contents()]
        assert shown == expected["item_b"].tolist()
        scores = page.locator(".similar-score").all_text_contents()
        assert scores == [f"相似度 {s:.3f}" for s in expected["score"]]
        with_15 = blocks.nth(shown.index(15))
        assert "僵尸" in with_15.locator(".similar-text-a mark").all_text_contents()
        assert "僵尸" in with_15.locator(".similar-text-b mark").all_text_contents()
        menu.first.scroll_into_view_if_needed()
        # JupyterLab paints the cells it scrolled to on the next frames.
        page.wait_for_timeout(1000)
        page.screenshot(path=str(tmp_path / "similar_items_widget.png"))
    finally:
        page.close()
