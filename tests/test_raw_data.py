"""data/raw itself: the file is what its README and source.json say it is, byte for byte."""

import hashlib
import json
import re
from pathlib import Path

from analysis import load_items
from analysis.paths import RAW, SOURCE, SOURCE_METADATA

README = (RAW / "README.md").read_text(encoding="utf-8")


def _metadata() -> dict:
    return json.loads(SOURCE_METADATA.read_text(encoding="utf-8"))


def _readme_row(field: str) -> str:
    """The value in the README's fact table for ``field`` (``| field | value |``)."""
    (value,) = re.findall(rf"^\| {field} \| (.+?) \|$", README, flags=re.MULTILINE)
    return value


def test_the_file_hashes_to_the_sha256_in_source_json_and_the_readme(source_bytes):
    digest = hashlib.sha256(source_bytes).hexdigest()
    assert _metadata()["file"] == SOURCE.name
    assert digest == _metadata()["sha256"]
    assert _readme_row("sha256") == f"`{digest}`"


def test_the_file_has_the_size_encoding_and_line_endings_both_state(source_bytes):
    metadata = _metadata()
    assert len(source_bytes) == metadata["bytes"]
    assert f"{len(source_bytes):,} bytes" in _readme_row("format")
    assert metadata["encoding"] == "utf-8" and "UTF-8" in _readme_row("format")
    source_bytes.decode("utf-8")  # strict: one undecodable byte fails here
    assert not source_bytes.startswith(b"\xef\xbb\xbf"), "a BOM the metadata does not mention"
    assert metadata["line_endings"] == "LF" and b"\r" not in source_bytes


def test_the_title_and_counts_are_the_files_own(source_lines):
    metadata = _metadata()
    assert metadata["title"] in [line.strip() for line in source_lines[:10]]
    items = load_items()
    assert len(items) == metadata["items"]
    assert items["section_id"].nunique() == metadata["sections"]
    assert f"{metadata['sections']} sections" in _readme_row("contents")
    assert f"{metadata['items']} items" in _readme_row("contents")


def test_the_repeated_header_row_is_counted_right_in_the_readme(source_lines):
    (repeats,) = re.findall(r"\((\d+) repeats\)", README)
    headers = [line for line in source_lines if re.match(r"^\s*序号\s+名称\s+具体内容", line)]
    assert len(headers) == 1 + int(repeats)


def test_the_readme_names_files_that_exist():
    for path in re.findall(r"`((?:src|data)/[\w/.]+)`", README):
        assert (RAW.parents[1] / path).exists(), path


def test_raw_folder_holds_only_the_source_and_its_sidecars():
    assert sorted(p.name for p in Path(RAW).iterdir()) == sorted(
        [SOURCE.name, SOURCE_METADATA.name, "README.md"]
    )
