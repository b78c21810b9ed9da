"""The docs say what the code does, and nothing in the repository points outside it."""

import re

import pytest

from analysis.extract.regulations import LEVELS
from analysis.paths import ROOT

TEXT_SUFFIXES = {".py", ".md", ".toml", ".yml", ".json", ".txt", ".csv", ".cfg", ".ini"}
SKIPPED = {".git", ".venv", ".cache", ".pytest_cache", ".ruff_cache", "build"}
# A path into a folder beside the clone, or an absolute path on one machine.
OUTSIDE = re.compile(r"(?<![\w`])(?:\.\./[\w.]+|shared/[\w/]+|/(?:work|home|root|Users)/\w)")


def _text_files():
    for path in ROOT.rglob("*"):
        parts = set(path.relative_to(ROOT).parts)
        text = path.suffix in TEXT_SUFFIXES or path.name in {"Makefile", "run"}
        if text and path.is_file() and not parts & SKIPPED and "egg-info" not in str(path):
            yield path


def test_no_file_points_outside_the_repository():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _text_files()
        for number, line in enumerate(
            path.read_text(encoding="utf-8", errors="replace").splitlines(), 1
        )
        if OUTSIDE.search(line)
    ]
    assert found == []


def test_the_check_finds_a_pointer_outside():
    # Spelled in two pieces, so that this file does not trip the check above.
    assert OUTSIDE.search("(see sha" + "red/NOTES.md)")
    assert OUTSIDE.search("SEED = ROOT.parent / '." + "./seeds/000.txt'")
    assert not OUTSIDE.search("instead of spelling out ``../data``.")  # a code sample


def test_extraction_doc_lists_every_regulation_level():
    doc = (ROOT / "docs" / "extraction.md").read_text(encoding="utf-8")
    (row,) = [line for line in doc.splitlines() if line.startswith("| `level` |")]
    listed = re.findall(r"`([a-z_]+)`", row)
    assert set(LEVELS) <= set(listed), set(LEVELS) - set(listed)


@pytest.mark.parametrize("doc", sorted((ROOT / "docs").glob("*.md")) + [ROOT / "README.md"])
def test_files_the_docs_name_exist(doc):
    text = doc.read_text(encoding="utf-8")
    named = re.findall(r"`((?:src|docs|tests|notebooks|data|benchmarks|figures)/[\w/.-]+)`", text)
    # figures/en/ is made by `--lang en` and not committed.
    generated = ("figures/en/",)
    missing = [
        name
        for name in named
        if "*" not in name and not name.startswith(generated) and not (ROOT / name).exists()
    ]
    assert missing == []
