import ast
import itertools
import os
import re

import pytest
from hypothesis import settings

from analysis import keyword_counts, load_items
from analysis.paths import SOURCE

# Property-based tests try the same examples on every run and in CI (derandomize), and keep
# no example database on disk. `ci` (the default, used by `make test`) is the full count; `dev`
# (`make check`) tries a tenth as many for a quick loop; `explore` searches afresh, with many
# more. `make check` picks its profile with pytest's `--hypothesis-profile=dev`; a test that
# wants more than the default count asks `examples.scaled(n)`, so the profile still rules.
settings.register_profile("ci", derandomize=True, database=None, deadline=None)
settings.register_profile("dev", derandomize=True, database=None, deadline=None, max_examples=10)
settings.register_profile("explore", database=None, deadline=None, max_examples=10_000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def _module_marks(path) -> set[str]:
    """The marker names in a test module's ``pytestmark``, read from its source unimported."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            getattr(target, "id", None) == "pytestmark" for target in node.targets
        ):
            return {
                mark.attr
                for mark in ast.walk(node.value)
                if isinstance(mark, ast.Attribute)
                and isinstance(mark.value, ast.Attribute)
                and mark.value.attr == "mark"
            }
    return set()


def pytest_ignore_collect(collection_path, config):
    """Leave a module unimported when its own ``pytestmark`` already puts every test in it
    outside ``-m``, whatever marks a test adds: `make check` then does not import Dask and
    its cluster only to deselect the cluster tests."""
    expression = config.option.markexpr
    if not expression or not re.fullmatch(r"test_\w+\.py", collection_path.name):
        return None
    marks = _module_marks(collection_path)
    if not marks:
        return None
    from _pytest.mark.expression import Expression

    compiled = Expression.compile(expression)
    named = set(re.findall(r"[A-Za-z_]\w*", expression)) - {"and", "or", "not"}
    others = sorted(named - marks)
    for size in range(len(others) + 1):
        for extra in itertools.combinations(others, size):
            present = marks | set(extra)
            if compiled.evaluate(lambda name, present=present, **kwargs: name in present):
                return None  # some test could still be selected
    return True


@pytest.fixture(scope="session")
def source_bytes() -> bytes:
    return SOURCE.read_bytes()


@pytest.fixture(scope="session")
def source_lines(source_bytes) -> list[str]:
    """The source as 1-based lines: ``source_lines[n - 1]`` is line n."""
    return source_bytes.decode("utf-8").split("\n")


@pytest.fixture(scope="session")
def items():
    return load_items()


@pytest.fixture(scope="session")
def figure_settings(items):
    """``figure_settings("en")``: the settings a notebook's run gives its figures for the
    project's own list, in that language (and with ``glossary``, the user's glossary CSV)."""
    from analysis.figures.identity import list_identity
    from analysis.figures.settings import FigureSettings

    identity = list_identity(items)
    return lambda lang="zh", glossary=None: FigureSettings(lang, identity, glossary)


@pytest.fixture(scope="session")
def counts(items):
    """The keyword table of the project's own list."""
    return keyword_counts(items)


# Debian's Chromium, driven by Playwright: Playwright's own browser download cannot be reached
# from these machines, so the system browser is launched by path. Quiet flags: no first-run
# pages, no background traffic that a network check would count.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium for the browser tests; they skip where none is installed. Closed
    after each module: Playwright's synchronous API keeps an event loop running in the main
    thread while it is open, and the notebook runner's ``asyncio.run`` cannot start beside it."""
    import shutil

    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install chromium; .ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
