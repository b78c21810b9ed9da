"""The kit as a user installs it: a wheel built from the repository, installed into a fresh
virtual environment, runs the whole report on a list outside the checkout, from another folder.
Slow (a build, an install from uv's cache and a full run): ``pytest -m slow``."""

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from analysis.paths import ROOT
from analysis.report.notebook_list import pipeline_notebooks

pytestmark = pytest.mark.slow

FIXTURE = ROOT / "tests" / "fixtures" / "tiny_town_list.txt"
UV = Path(sys.executable).with_name("uv")
RUN_SECONDS = 900


def _run(command, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, **kwargs)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    if not UV.exists():
        pytest.skip(f"uv is not installed beside {sys.executable}")
    out = tmp_path_factory.mktemp("wheel")
    built = _run([str(UV), "build", "--wheel", "--out-dir", str(out), str(ROOT)])
    assert built.returncode == 0, built.stderr
    (found,) = out.glob("analysis-*.whl")
    return found


@pytest.fixture(scope="module")
def kit(tmp_path_factory, wheel) -> Path:
    """The ``bin`` folder of a fresh environment with the wheel installed (its dependencies
    pinned by requirements.lock). Returns the environment's bin folder."""
    venv = tmp_path_factory.mktemp("kit") / "venv"
    made = _run([str(UV), "venv", "--quiet", "--python", sys.executable, str(venv)])
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    installed = _run(
        [str(UV), "pip", "install", "--quiet", "--python", str(python), str(wheel)]
        + ["--constraint", str(ROOT / "requirements.lock")]
    )
    assert installed.returncode == 0, installed.stderr
    return venv / "bin"


def _user_environment(cache: Path) -> dict[str, str]:
    """The caller's environment without anything that would find the checkout's code."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env["ANALYSIS_CACHE_DIR"] = str(cache)
    return env


def test_the_wheel_carries_the_notebooks_and_every_resource(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        f"analysis/{path.relative_to(ROOT / 'src' / 'analysis').as_posix()}"
        for folder in ("resources", "notebooks")
        for path in (ROOT / "src" / "analysis" / folder).rglob("*")
        if path.is_file() and path.suffix != ".ipynb" and "__pycache__" not in path.parts
    }
    assert "analysis/resources/report_template/index.html.j2" in shipped
    assert shipped <= names


@pytest.fixture(scope="module")
def elsewhere(tmp_path_factory, kit):
    """A user's folder with a list of their own, outside the checkout, and the report run there
    with ``analysis report --input … --out results``."""
    home = tmp_path_factory.mktemp("user")
    listing = home / "town.txt"
    shutil.copy(FIXTURE, listing)
    env = _user_environment(home / "cache")
    run = _run(
        [str(kit / "analysis"), "report", "--input", "town.txt", "--out", "results"],
        cwd=home,
        env=env,
        timeout=RUN_SECONDS,
    )
    assert run.returncode == 0, run.stderr
    return home, env


def test_the_installed_code_is_the_wheels_not_the_checkouts(kit, elsewhere):
    home, env = elsewhere
    where = _run([str(kit / "python"), "-c", "import analysis; print(analysis.__file__)"], env=env)
    assert not Path(where.stdout.strip()).is_relative_to(ROOT)


def test_the_report_deck_and_workbook_are_written_under_out(elsewhere):
    home, _ = elsewhere
    results = home / "results"
    assert (results / "reports" / "report.html").stat().st_size > 100_000
    assert (results / "reports" / "briefing.pptx").exists()
    assert (results / "data" / "processed" / "analysis.xlsx").exists()
    with Image.open(results / "figures" / "items_per_section.png") as image:
        assert image.info["Source"] == "notebooks/01_load_and_tidy.py"
    # Each notebook as it ran, with the list it was given.
    executed = sorted(p.name for p in (results / "reports" / "notebooks").glob("*.ipynb"))
    steps, report_notebook = pipeline_notebooks()
    assert executed == sorted(path.stem + ".ipynb" for path in [*steps, report_notebook])
    text = (results / "reports" / "notebooks" / "01_load_and_tidy.ipynb").read_text()
    assert str(home / "town.txt") in text
    # Nothing outside --out: the user's folder holds their list, the cache and the results.
    assert sorted(p.name for p in home.iterdir()) == ["cache", "results", "town.txt"]


def test_deck_and_workbook_find_their_inputs_under_out(kit, elsewhere):
    home, env = elsewhere
    deck = _run(
        [str(kit / "analysis"), "deck", "--out", "results", "--figures", "items_per_section"],
        cwd=home,
        env=env,
    )
    assert deck.returncode == 0, deck.stderr
    assert deck.stdout.strip() == str(home / "results" / "reports" / "briefing_short.pptx")
    workbook = _run([str(kit / "analysis"), "workbook", "--out", "results"], cwd=home, env=env)
    assert workbook.returncode == 0, workbook.stderr


def test_an_installed_kit_asks_for_a_list(kit, tmp_path):
    run = _run([str(kit / "analysis"), "report"], cwd=tmp_path, env=_user_environment(tmp_path))
    assert run.returncode == 2
    assert run.stderr.strip().splitlines()[-1] == (
        "analysis report: error: the report needs --input LIST: "
        "an installed kit has no list of its own"
    )
    assert list(tmp_path.iterdir()) == []
