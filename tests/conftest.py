import os

import pytest
from hypothesis import settings

from analysis import keyword_counts, load_items
from analysis.paths import SOURCE

# CI runs property-based tests on a fixed sequence of examples, so a red build can be re-run.
settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


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
def counts(items):
    """The keyword table of the project's own list."""
    return keyword_counts(items)
