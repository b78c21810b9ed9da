import pytest

from analysis import keyword_counts, load_items
from analysis.paths import SOURCE


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
